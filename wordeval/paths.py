"""Where wordeval reads standard data from and where it caches what it downloads or builds."""
from __future__ import annotations

import os
from pathlib import Path


def path_argument(value, what: str) -> str | os.PathLike:
    """``value`` if it is a path (str or os.PathLike), else a ConfigError naming ``what`` and what it got: a
    number or None passed where the API takes a path was os.fspath's TypeError, naming no argument."""
    if isinstance(value, (str, os.PathLike)):
        return value
    from wordeval.errors import ConfigError
    raise ConfigError(f"{what}: expected a path (a str or os.PathLike), got {type(value).__name__} "
                      f"{value!r:.60}")


def resolved(path: str | os.PathLike, what: str, error: type | None = None) -> Path:
    """``Path(path).expanduser().resolve()``, a symbolic link loop on the way an error naming ``path`` and
    ``what`` it was given as (``error``, MissingFileError by default): before Python 3.13 resolve() raised
    RuntimeError, a traceback asking to report a bug, where --out, --data-home or a spec was such a link."""
    import errno
    from wordeval.errors import MissingFileError

    expanded = expand_user(path, what, error)
    if not expanded.is_absolute():
        try:
            os.getcwd()
        except FileNotFoundError:
            raise (error or MissingFileError)(f"{os.fspath(path)}: {what} is a relative path, but the current "
                                              f"directory has been removed; give an absolute path or run from "
                                              f"an existing directory") from None
    try:
        out = expanded.resolve()
        os.stat(out)
    except RuntimeError:
        pass
    except OSError as exc:
        if exc.errno != errno.ELOOP:  # not there yet (a new --out): resolve() gave what it means
            return out
    else:
        return out
    raise (error or MissingFileError)(f"{os.fspath(path)}: {what} is a symbolic link loop (too many levels of "
                                      f"symbolic links); point it at a real path")


def expand_user(path: str | os.PathLike, what: str, error: type | None = None, *, cache: bool = False) -> Path:
    """``Path(path).expanduser()``; where there is no home folder (``home_folder``), or ``~NAME`` names no user,
    a ``~`` path is an error naming it: expanduser raised RuntimeError, a traceback asking to report a bug.
    Every path a user gives goes through it (a spec's files, a builder's corpus, a model folder). ``cache``: the
    path names the cache folder, and a ``~/`` one without a home is NoCacheFolderError, the other no-cache
    cases' error, which a lookup (`datasets list`) takes as an empty cache rather than stopping on it."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        from wordeval.errors import MissingFileError, NoCacheFolderError
        raw = os.fspath(path)
        user = raw[1:].split("/", 1)[0]
        # ~NAME is another user's home: blaming HOME sent a user whose HOME is set after the wrong fault
        why = (f"starts with ~{user}, but no user {user!r} is known here (no password entry)" if user else
               "starts with ~, but this user has no home folder (HOME is not set and no password entry names one)")
        if cache and not user:
            raise NoCacheFolderError(f"{raw}: {what} {why}", "give an absolute path") from None
        raise (error or MissingFileError)(f"{raw}: {what} {why}; give an absolute path") from None


def dangling_link(path: str | os.PathLike) -> Path | None:
    """The first of ``path`` and its parents that is a symbolic link leading nowhere (a removed target, a loop),
    or None."""
    path = Path(path)
    return next((p for p in (path, *path.parents) if p.is_symlink() and not p.exists()), None)


def special_file_kind(mode: int) -> str | None:
    """What a file of ``mode`` is where it is neither a regular file nor a folder ('a FIFO/pipe', 'a character
    device', ...), else None."""
    import stat

    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kinds = ((stat.S_ISFIFO, "a FIFO/pipe"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def refuse_special_file(path: str | os.PathLike) -> None:
    """InputFormatError 'PATH: expected a regular file, got a FIFO/pipe' (a device, a socket) where ``path``,
    followed through links, is neither a regular file nor a folder; nothing where it is one or is not there,
    which the caller words. The one check of every input wordeval reads: opened, a FIFO waits for a writer for
    good, and the shell's ``<(zcat f.gz)`` (a pipe) can be read once where wordeval reads an input more than
    once (its format, its sha256, then its content), so the same bytes read otherwise than from a file."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return
    kind = special_file_kind(mode)
    if kind is not None:
        from wordeval.errors import InputFormatError
        raise InputFormatError(path, None, "a regular file", kind)


def has_separator(text: str) -> bool:
    """Whether ``text`` holds a path separator of this system: on Windows '/' as well as '\\' (os.altsep),
    which users type as often; testing os.sep alone took ``models/mini`` for a name there, not a path."""
    return any(sep and sep in text for sep in (os.sep, os.altsep))


def home_folder() -> Path | None:
    """The user's home folder, or None where there is none: HOME unset and a uid without a password entry
    (``docker run --user 12345``, ``env -i``), where Path.home() raises RuntimeError."""
    try:
        return Path.home()
    except RuntimeError:
        return None


# "no data home at all", which None and [] (read WORDEVAL_DATA) cannot say: a distributed client without one
# sends it, else each worker read its own variable and scored data the client's plan did not name
NO_DATA_HOMES: tuple = ()


def data_home_variable(*, blanks: bool = False) -> list[str]:
    """``WORDEVAL_DATA`` as its list of data homes (``os.pathsep``-separated; blank items are none, kept with
    ``blanks``), unchecked: the benchmark scripts read it here too, rather than taking the whole value for one
    folder."""
    return [v for v in os.environ.get("WORDEVAL_DATA", "").split(os.pathsep) if blanks or v.strip()]


def _folder_cut_by_pathsep(item: str) -> str | None:
    """The existing folder that WORDEVAL_DATA's split on os.pathsep cut into parts, one of them ``item``
    (``/data/run:2`` read as ``/data/run`` and ``2``), or None: said as such, not as a home that is missing."""
    parts = data_home_variable(blanks=True)
    for start in range(len(parts)):
        for end in range(start + 2, len(parts) + 1):
            joined = os.pathsep.join(parts[start:end])
            if item in parts[start:end] and os.path.isdir(os.path.expanduser(joined)):
                return joined
    return None


def data_homes(explicit=None, *, option: str = "data_home") -> list[Path]:
    """Every data home, in the order they are tried: the explicit ones (a path or a list of paths, e.g. from
    repeated ``--data-home``) or else ``WORDEVAL_DATA`` split on ``os.pathsep``; ``NO_DATA_HOMES`` is none,
    whatever ``WORDEVAL_DATA`` says. Each dataset is taken from the first home that has its files. A home that
    does not exist is an error, not a silent skip. ``option``: how the errors name the explicit ones (the CLI
    passes ``--data-home``; a Python caller gave ``data_home``)."""
    from wordeval.errors import ConfigError, MissingFileError

    if explicit is None or explicit == []:
        items = data_home_variable()
        origin = "WORDEVAL_DATA"
    else:
        is_list = isinstance(explicit, (list, tuple))
        items = list(explicit) if is_list else [path_argument(explicit, "data_home")]
        origin = option
    out = []
    for item in items:
        path_argument(item, "data_home")
        if not str(item).strip():  # Path("") is the current folder: a data home nobody named
            raise ConfigError(f"{origin}: an empty path, expected a data folder (an empty value is not the "
                              f"current folder; leave the option out for none)")
        path = resolved(item, f"data home ({origin})")
        if not path.is_dir():
            cut = _folder_cut_by_pathsep(item) if origin == "WORDEVAL_DATA" else None
            if cut is not None:
                raise ConfigError(f"WORDEVAL_DATA: {cut} is a folder whose name holds {os.pathsep!r}, the "
                                  f"separator of WORDEVAL_DATA's list, which read it as the data homes "
                                  f"{cut.split(os.pathsep)}; give it with {_several(option)}, or through "
                                  f"a symlink whose path has no {os.pathsep!r}")
            raise MissingFileError(f"{path}: data home ({origin}) does not exist or is not a folder")
        if path not in out:
            out.append(path)
    return out


def _several(option: str) -> str:
    """How a caller gives several data homes: the CLI's repeated option; where WORDEVAL_DATA is read below a
    library call (``datasets list``'s too), the caller may be either."""
    if option.startswith("--"):
        return f"{option} (repeatable)"
    return f"--data-home (repeatable) or {option}=[...] in Python"


def _absolute_cache_variable(value: str) -> Path:
    """WORDEVAL_CACHE as a path. A relative one was resolved against whatever folder each command (or a worker
    started elsewhere) ran in, so a `cd` gave another cache, artifacts fetched and models trained again, as a
    relative XDG_CACHE_HOME did; refused here, with the absolute path it meant where the command ran."""
    from wordeval.errors import ConfigError
    path = expand_user(value, "WORDEVAL_CACHE", ConfigError, cache=True)
    if not path.is_absolute():
        raise ConfigError(f"WORDEVAL_CACHE={value!r}: expected an absolute path (a relative one names another "
                          f"cache in each folder a command runs in), e.g. WORDEVAL_CACHE={os.path.abspath(path)}")
    return path


def cache_home(cache_home: str | os.PathLike | None = None, *, create: bool = True) -> Path:
    """Folder for downloaded artifacts, binary vector caches and built models.

    Explicit argument, then ``WORDEVAL_CACHE``, then ``$XDG_CACHE_HOME/wordeval`` (an absolute one), then
    ``~/.cache/wordeval``.
    Created on first use (``create=False``: a lookup that must leave no trace), never at import.
    """
    if cache_home is not None:
        path = Path(cache_home)
    elif os.environ.get("WORDEVAL_CACHE", "").strip():  # a blank value made a folder named ' ' wherever it ran
        path = _absolute_cache_variable(os.environ["WORDEVAL_CACHE"])
    else:
        # The XDG spec makes a relative value invalid: taken as given, it put a cache into whatever folder
        # the command ran in, a different one from each folder
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(xdg):
            base = Path(xdg)
        elif home_folder() is not None:
            base = home_folder() / ".cache"
        else:
            from wordeval.errors import NoCacheFolderError
            raise NoCacheFolderError("no cache folder: HOME is not set and this user has no home in the "
                                     "password database (a container's arbitrary uid)")
        path = base / "wordeval"
    from wordeval.errors import OutputError
    path = expand_user(path, "the cache folder", OutputError, cache=True)
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a read-only or forbidden place: one line naming the folder, not a traceback
            from wordeval.errors import CacheError
            # a file in the way was "(File exists)" or "(Not a directory)", which does not say what to move
            blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
            if blocker == path:
                raise CacheError(f"{path}: the cache folder is a file, not a folder",
                                 "set WORDEVAL_CACHE to a folder") from None
            # a symlink that leads nowhere (a loop, a removed target) was "(File exists)" too
            dangling = dangling_link(path)
            reason = (f"{blocker} is a file, not a folder" if blocker is not None else
                      f"{dangling} is a symbolic link that leads nowhere (a loop, or a removed target)"
                      if dangling is not None else exc.strerror or exc)
            raise CacheError(f"{path}: cannot create the cache folder ({reason})") from None
    return path
