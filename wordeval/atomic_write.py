"""The one way wordeval writes a file or a folder: into a temporary sibling, then renamed into place.

A reader therefore sees either the old content or the new, never half of it, and an interrupted or failed
write leaves nothing behind but the temporary name (removed on the way out). Errors the machine causes
(disk full, file-size limit, read-only or forbidden folder) become an ``OutputError`` with one line that
names the path and what to do, instead of a traceback.
"""
from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Iterator

from wordeval.errors import CacheError, OutputError
from wordeval.held_signals import interrupts_held

_MACHINE_ERRNOS = {
    errno.ENOSPC: "the disk is full: free space there (or point the output elsewhere) and run again",
    errno.EDQUOT: "the disk quota is exceeded: free space there (or point the output elsewhere) and run again",
    errno.EFBIG: "the file-size limit (ulimit -f) was reached: raise it or point the output elsewhere",
    errno.EROFS: "the file system is read-only: choose a writable output path",
    errno.EACCES: "permission denied: choose a writable output path",
    errno.EPERM: "operation not permitted: choose a writable output path",
    errno.ENAMETOOLONG: "a name in the path is longer than the file system allows: choose a shorter one",
    # what a network file system's rename or write may fail with: the machine's, not a bug in wordeval
    errno.EIO: "the file system reported an I/O error (a failing disk, an unreachable network file system): "
               "check it, or point the output elsewhere, and run again",
    errno.ESTALE: "a stale network file system handle (the folder changed on the server): run again, or point "
                  "the output elsewhere",
    # a low `ulimit -n` (a batch job's, a container's) or a full system table: nothing the output path can fix
    errno.EMFILE: "too many open files (ulimit -n): raise the limit (ulimit -n 4096) and run again",
    errno.ENFILE: "the system's table of open files is full: close other programs and run again",
    errno.EBUSY: "the path is busy (a mount point, or held by another program on a network file system): "
                 "point the output elsewhere",
}


_SPACE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def output_error(path: str | os.PathLike, exc: OSError, *, cache: bool = False) -> OutputError | OSError:
    """The one-line OutputError for an OSError a user's machine causes; other OSErrors are returned as they are.

    ``cache``: ``path`` is in wordeval's cache, which the user never named as an output, so "choose a writable
    output path" left them without the variable (WORDEVAL_CACHE) that moves it."""
    why = _MACHINE_ERRNOS.get(exc.errno or -1)
    if cache and why is None and (blocker := _file_in_the_way(exc)) is not None:
        # "[Errno 17] File exists" or "[Errno 20] Not a directory" did not say which file, nor what to do
        what = (f"{blocker}: a file where the cache needs a folder" if blocker == Path(path) else
                f"{os.fspath(path)}: cannot write: {blocker} is a file, not a folder")
        return CacheError(what, "move that file away or set WORDEVAL_CACHE to another folder",
                          "; it is wordeval's cache: ")
    if why is None:
        return exc
    if cache:
        todo = ("free space there or set WORDEVAL_CACHE to another folder" if exc.errno in _SPACE_ERRNOS
                else "set WORDEVAL_CACHE to a writable folder")
        return CacheError(f"{os.fspath(path)}: cannot write: {why.split(':', 1)[0]} ({os.strerror(exc.errno)})", todo,
                          "; it is wordeval's cache: ")
    return OutputError(f"{os.fspath(path)}: cannot write: {why} ({os.strerror(exc.errno)})")


def descriptors_exhausted() -> str | None:
    """Why no file can be opened now (too many open files), or None. For a library that hides the errno:
    SQLite says only 'unable to open database file', which read as a full disk or a read-only folder."""
    try:
        os.close(os.open(os.devnull, os.O_RDONLY))
    except OSError as exc:
        return _MACHINE_ERRNOS[exc.errno] if exc.errno in (errno.EMFILE, errno.ENFILE) else None
    return None


def _file_in_the_way(exc: OSError) -> Path | None:
    """The file at, or above, the path a folder operation failed on with EEXIST or ENOTDIR; None where there is
    none (another cause: a folder that is not empty, a name another process took)."""
    if exc.errno not in (errno.EEXIST, errno.ENOTDIR) or not exc.filename:
        return None
    path = Path(os.fsdecode(exc.filename))
    return next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)


@contextlib.contextmanager
def machine_errors(path: str | os.PathLike, *, cache: bool = False) -> Iterator[None]:
    """Turn disk-full/permission OSErrors raised inside the block into an OutputError naming ``path``
    (``cache``: a folder of wordeval's cache, see ``output_error``)."""
    try:
        yield
    except OSError as exc:
        converted = output_error(path, exc, cache=cache)
        if converted is exc:
            raise
        raise converted from None


def current_umask() -> int:
    """The process's umask, read without changing it where Linux reports it (os.umask sets while it reads,
    which another thread could see)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, suffix: str = "", cache: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on normal exit it replaces ``path`` (os.replace), otherwise it
    is removed. Use it for writers that want a file name (np.save, sqlite, a library's save()). ``cache``:
    ``path`` is in wordeval's cache (``output_error``)."""
    path = Path(path)
    with machine_errors(path, cache=cache):
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep_abandoned(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=writer_prefix(path), suffix=suffix or ".tmp")
        os.close(fd)
    tmp_path = Path(tmp)
    try:
        with machine_errors(path, cache=cache):
            yield tmp_path
            if tmp_path.exists():  # mkstemp's 0600 would keep a shared cache's or a report's files private
                os.chmod(tmp_path, 0o666 & ~current_umask())
            os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, cache: bool = False) -> Path:
    with atomic_path(path, cache=cache) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path)


def atomic_write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8", cache: bool = False) -> Path:
    return atomic_write_bytes(path, text.encode(encoding), cache=cache)


# ``atomic_directory``'s default ``replaces``: whatever is at the path goes
_ANYTHING = object()


@contextlib.contextmanager
def atomic_directory(path: str | os.PathLike, *, mode: int = 0o755, replaces=_ANYTHING,
                     cache: bool = False) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``path``; on normal exit it takes ``path``'s place.

    An existing ``path`` is moved aside, the new folder renamed in, and the old one removed: callers must
    have decided beforehand that ``path`` may be replaced (see ``wordeval.output_paths``). ``replaces``: the
    ``path_identity`` seen at ``path`` before the folder was filled (None: nothing was there); only that is
    replaced, and anything another process placed there since is kept and the new folder dropped.
    ``cache``: ``path`` is in wordeval's cache (``output_error``).
    """
    path = Path(path)
    with machine_errors(path, cache=cache):
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep_abandoned(path)
        tmp = marked_folder(path.parent, writer_prefix(path))
    try:
        with machine_errors(path, cache=cache):
            yield tmp
            (tmp / _OWNER).unlink()
            os.chmod(tmp, mode)
            _put_in_place(tmp, path, replaces)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def path_identity(path: str | os.PathLike) -> tuple[int, int] | None:
    """``path``'s (device, inode), None where it is not there: another process's replacement of it is a new
    inode, which a name or a size cannot tell from the one seen before."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


@contextlib.contextmanager
def private_folder(name: str) -> Iterator[Path]:
    """A temporary folder of this process (``.NAME.*`` in the system's temporary directory), removed on the way
    out; one left by a process that could not remove it (SIGKILL, a Dask worker ended by its nanny when the
    run is interrupted) is removed by the next one. Its ``OWNER`` file is not content."""
    where = Path(tempfile.gettempdir()) / name
    _sweep_abandoned(where)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=where.parent))
    try:
        mark_writer(tmp)
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# Who is filling a temporary folder: "host pid". A process killed outright (SIGKILL, a node lost) cannot
# remove its folder; the next write of the same path removes it when its writer, on this host, is gone.
_OWNER = ".wordeval-writing"
OWNER = _OWNER


def mark_writer(folder: str | os.PathLike) -> None:
    """Mark ``folder`` as being filled by this process, so ``sweep_abandoned`` removes it once that is gone."""
    (Path(folder) / _OWNER).write_text(f"{socket.gethostname()} {os.getpid()}\n", encoding="utf-8")


def marked_folder(parent: str | os.PathLike, prefix: str) -> Path:
    """A new temporary folder in ``parent`` marked with this process (``mark_writer``). One whose mark could not
    be written (a full disk) is removed here: it stayed, holding an empty mark that names no process, after
    the command had ended with its one-line error."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        mark_writer(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tmp


def sweep_abandoned(path: str | os.PathLike) -> None:
    """Remove the hidden ``.NAME.*`` siblings of ``path`` whose writer, on this host, is gone."""
    _sweep_abandoned(Path(path))


def _sweep_abandoned(path: Path) -> None:
    host = socket.gethostname()
    try:
        siblings = list(path.parent.glob(f".{glob.escape(temp_stem(path))}.*"))
    except OSError:
        return
    for sibling in siblings:
        if _left_by_dead_writer(sibling, path):
            _recover_or_remove(sibling, path, moved_aside=bool(_LEFTOVER.fullmatch(sibling.name)["old"]))
            continue
        try:
            owner_host, pid = (sibling / _OWNER).read_text(encoding="utf-8").split()
            pid = int(pid)
        except (OSError, ValueError):
            continue  # not a folder of ours, or its writer is placing it now: left alone
        if owner_host == host and _writer_gone(pid, sibling):
            shutil.rmtree(sibling, ignore_errors=True)
    from wordeval.older_leftovers import older_leftovers

    for leftover, moved_aside in older_leftovers(path):
        _recover_or_remove(leftover, path, moved_aside=moved_aside)


# A temporary name says whose it is: ".NAME.wordeval-PID-HOST." then mkstemp's or mkdtemp's random part (HOST:
# a digest of the host name, which may hold dots). A file has no room for an owner file, and a folder swap's
# "old" folder is the earlier output, which must not get one: the name alone lets the next writer of NAME
# tell a leftover of a killed process (SIGKILL, a lost node) from one another process is writing now.
_LEFTOVER = re.compile(r"\.(?P<name>.+)\.wordeval-(?P<pid>[0-9]+)-(?P<host>[0-9a-f]{8})\.(?P<old>old-)?[^/]+")


def _host_key() -> str:
    return hashlib.sha256(socket.gethostname().encode("utf-8", "surrogateescape")).hexdigest()[:8]


def writer_prefix(path: str | os.PathLike, *, old: bool = False) -> str:
    """The prefix of a temporary name beside ``path`` that the next writer of ``path`` may sweep once this
    process is gone; ``old``: the earlier content a folder swap moves aside (restored if the swap was cut)."""
    return f".{temp_stem(Path(path))}.wordeval-{os.getpid()}-{_host_key()}.{'old-' if old else ''}"


# What a temporary name adds to NAME, at most: the dots, "wordeval-PID-HOST", "old-", mkstemp's random part and
# a suffix. NAME takes the rest of the file system's limit on one name (NAME_MAX), so an output the file
# system accepts never fails on its temporary name (ENAMETOOLONG).
_TEMPORARY_PART_BYTES = 64
_DIGEST_CHARS = 16


def temp_stem(path: Path) -> str:
    """``path``'s name as its temporary names carry it: the name itself, or where that leaves too little room,
    as much of it as fits and a digest of the whole (the same in every process, so the sweep finds it)."""
    room = _name_max(path.parent) - _TEMPORARY_PART_BYTES
    if len(os.fsencode(path.name)) <= room:
        return path.name
    digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:_DIGEST_CHARS]
    kept = ""
    for char in path.name:  # whole characters: a cut multi-byte one would not be valid UTF-8
        if len(os.fsencode(kept + char)) > room - _DIGEST_CHARS - 1:
            break
        kept += char
    return f"{kept}~{digest}"


def _name_max(folder: Path) -> int:
    while True:  # the nearest existing folder's file system: the one the temporary name goes to
        try:
            return os.pathconf(folder, "PC_NAME_MAX")
        except FileNotFoundError:
            if folder.parent == folder:
                return 255
            folder = folder.parent
        except (OSError, ValueError, AttributeError):  # AttributeError: no os.pathconf on Windows (NTFS: 255)
            return 255


def is_leftover_name(name: str) -> bool:
    """Whether ``name`` is one of wordeval's temporary names (live or left by a killed process)."""
    return _LEFTOVER.fullmatch(name) is not None


def _left_by_dead_writer(sibling: Path, path: Path) -> bool:
    found = _LEFTOVER.fullmatch(sibling.name)
    return (found is not None and found["name"] == temp_stem(path) and found["host"] == _host_key()
            and _writer_gone(int(found["pid"]), sibling))


def _recover_or_remove(leftover: Path, path: Path, *, moved_aside: bool) -> None:
    """A killed writer's temporary file or folder goes; its swap's earlier folder (``moved_aside``) comes back
    where the kill fell between the two renames (nothing at ``path``), and goes where the new one was placed
    already."""
    if moved_aside and not _occupied(path):
        try:
            os.rename(leftover, path)
            return
        except OSError:
            return  # placed by another process meanwhile: the next write of ``path`` removes it
    if leftover.is_dir() and not leftover.is_symlink():
        shutil.rmtree(leftover, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            leftover.unlink()


def _writer_gone(pid: int, leftover: Path) -> bool:
    """Whether the process that left ``leftover`` has ended. A restart of the host (a reboot, a lost node) ended
    it, but pids start again from 1 and another process may hold its pid now: a leftover unchanged since the
    host last started (on a file system no other host writes) was abandoned whatever runs under that pid."""
    from wordeval.older_leftovers import abandoned

    return not _alive(pid) or abandoned(leftover)


def _alive(pid: int) -> bool:
    from wordeval.process_exists import process_exists

    return process_exists(pid)


_PLACE_ATTEMPTS = 8


def _occupied(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _put_in_place(tmp: Path, path: Path, replaces=_ANYTHING) -> bool:
    """Rename the folder ``tmp`` to ``path``, moving what is there aside first (and then removing it); False
    where ``path`` holds something other than ``replaces`` (``atomic_directory``), which is kept.

    Processes that share a cache (a job array on one home directory) may place the same content-addressed
    entry at the same moment; a rename onto a non-empty folder fails, and what was to be moved aside may be
    gone already. Either way the other process placed an equivalent folder, and the step is tried again, so
    the losing process does not fail."""
    for attempt in range(_PLACE_ATTEMPTS):
        last = attempt == _PLACE_ATTEMPTS - 1
        if not _occupied(path):
            if _renamed(tmp, path, last):
                return True
            continue  # placed by another process between the check and the rename
        if replaces is not _ANYTHING and path_identity(path) != replaces:
            return False
        old = Path(tempfile.mkdtemp(prefix=writer_prefix(path, old=True), dir=path.parent))
        os.rmdir(old)
        # between the two renames nothing is at ``path``: a Ctrl-C or SIGTERM raised there removed the earlier
        # folder with the new one, so both wait until the swap is over
        with interrupts_held():
            try:
                os.replace(path, old)
            except FileNotFoundError:
                if last:
                    raise
                continue  # moved aside by another process first
            if replaces is not _ANYTHING and path_identity(old) != replaces:
                # another process's entry, placed between the check above and the move: it goes back (the
                # check and the move are two steps, so it is the move that decides)
                with contextlib.suppress(OSError):
                    os.rename(old, path)
                shutil.rmtree(old, ignore_errors=True)  # the move back failed: a third one is there
                return False
            placed = False
            try:
                placed = _renamed(tmp, path, last)
            finally:
                if not placed and not _occupied(path):
                    os.replace(old, path)  # the new folder could not go in: the earlier one is as it was
                shutil.rmtree(old, ignore_errors=True)
            if placed:
                return True
    return True  # not reached: the last attempt returns or raises


def _renamed(src: Path, dst: Path, last: bool) -> bool:
    """``os.replace``; False where it failed because another process has just placed ``dst`` (and this is
    not the ``last`` attempt)."""
    try:
        os.replace(src, dst)
        return True
    except OSError:
        if last or not _occupied(dst):
            raise
        return False


def place_once(tmp: str | os.PathLike, path: str | os.PathLike, marker: str) -> bool:
    """Rename the finished folder ``tmp`` to ``path`` unless a complete one (holding ``marker``, written last)
    is there already; True where ``tmp`` was placed, else the caller drops it.

    For content-addressed cache entries (a fetched artifact, a built model) that runs sharing a cache (a job
    array on one home directory) may produce at once: an entry under the same key is the same content, so the
    first one stays, and a process reading it never loses its files; a rename that loses the race to another
    process is not an error. A folder under the name without ``marker`` (left by an older wordeval or by hand
    within the cache) is replaced."""
    tmp, path = Path(tmp), Path(path)
    for attempt in range(_PLACE_ATTEMPTS):
        # the rename is the check: it fails onto a folder holding files, so an entry another process placed
        # after any look at ``path`` is never removed (a look, then a removal, took one placed in between)
        try:
            os.replace(tmp, path)
            return True
        except OSError:
            if (path / marker).exists():
                return False
            if not _occupied(path) and attempt == _PLACE_ATTEMPTS - 1:
                raise
        _remove_incomplete(path, marker)
    os.replace(tmp, path)  # the last word: what fails now is an error, not a race
    return True


def _remove_incomplete(path: Path, marker: str) -> None:
    """Remove what is at ``path`` without ``marker``; moved aside first, so only what was moved is removed, and
    a complete entry that another process placed meanwhile goes back."""
    aside = Path(tempfile.mkdtemp(prefix=writer_prefix(path, old=True), dir=path.parent))
    os.rmdir(aside)
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return
    if not aside.is_symlink() and (aside / marker).exists():
        with contextlib.suppress(OSError):
            os.rename(aside, path)
    if aside.is_symlink() or aside.is_file():  # the link goes, never what it points to (rmtree refused it)
        aside.unlink()
    elif aside.exists():
        shutil.rmtree(aside)
