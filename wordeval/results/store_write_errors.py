"""What SQLite's error says where the machine refused a write to the store.

SQLite reports an EFBIG (`ulimit -f`, `prlimit --fsize`) as 'disk I/O error', the words of a failing disk;
only ENOSPC becomes its 'database or disk is full'. The store's one line then said neither what went wrong
nor which limit to raise. A file of the store within one write of the limit when SQLite failed names it."""
from __future__ import annotations

import os
import sqlite3

_IOERR = 10  # SQLITE_IOERR, the primary code of every extended I/O error code
_IOERR_TEXT = "disk I/O error"  # sqlite3_errstr(SQLITE_IOERR)
_LARGEST_WRITE = 65536 + 24  # a WAL frame of the largest page: a write the limit cut began within it


def sqlite_said(path: str | os.PathLike, exc: sqlite3.Error) -> str:
    """``exc``'s text, with the file-size limit where it is what refused the write."""
    limit = file_size_limit_hit(path, exc)
    if limit is None:
        return str(exc)
    return f"{exc}: the file-size limit (ulimit -f) of {limit:,} bytes was reached"


def file_size_limit_hit(path: str | os.PathLike, exc: sqlite3.Error) -> int | None:
    """The file-size limit in bytes where it is what made SQLite fail on the store at ``path``, else None."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        # Python 3.10's sqlite3 gives no error code (sqlite_errorcode is 3.11's): SQLite's own text for every
        # extended I/O error code is the primary code's, 'disk I/O error'
        if str(exc) != _IOERR_TEXT:
            return None
    elif code & 0xFF != _IOERR:
        return None
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return None
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return None
    sizes = []
    # -shm too: a reader of a WAL store grows it in 32 KiB regions, and a limit below that fails every open
    for suffix in ("", "-wal", "-journal", "-shm"):
        try:
            sizes.append(os.stat(f"{os.fspath(path)}{suffix}").st_size)
        except OSError:
            continue
    if not sizes or max(sizes) + _LARGEST_WRITE < limit:
        return None
    return limit


# SQLite's primary result codes (the low byte of an extended one) and their fixed texts, which Python 3.10's
# sqlite3 gives alone (no sqlite_errorcode)
_FULL, _READONLY, _PERM, _CANTOPEN, BUSY = 13, 8, 3, 14, 5
_CODE_OF_TEXT = {"database or disk is full": _FULL, "attempt to write a readonly database": _READONLY,
                 "access permission denied": _PERM, "unable to open database file": _CANTOPEN,
                 "database is locked": BUSY, _IOERR_TEXT: _IOERR}


def primary_code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code of ``exc``: from its error code, or on Python 3.10 from SQLite's fixed
    text for it; None where neither says."""
    code = getattr(exc, "sqlite_errorcode", None)
    return _CODE_OF_TEXT.get(str(exc)) if code is None else code & 0xFF


def open_for_writing_said(path: str | os.PathLike, exc: sqlite3.Error) -> str:
    """Why the store at ``path`` could not be opened for writing, and what to do: disk space only where SQLite
    ran out of it (SQLITE_FULL: ENOSPC) or the file-size limit cut a write (EFBIG), "not writable" where the
    store or its folder refuses writes (SQLITE_READONLY, SQLITE_PERM; SQLITE_CANTOPEN where the file or its
    folder is not writable: EACCES, EPERM, EROFS), else SQLite's own words. Every failure was "free disk
    space", which sent a user whose store was read-only, or locked, to a disk with room."""
    primary = primary_code(exc)
    again = "then run the same command again to resume"
    if file_size_limit_hit(path, exc) is not None:
        return f"{sqlite_said(path, exc)}: raise it (or write elsewhere), {again}"
    if primary == _FULL:
        return f"{exc} (no space left on the disk, or in the quota): free disk space, {again}"
    if primary in (_READONLY, _PERM) or (primary == _CANTOPEN and not _writable(path)):
        return (f"{exc}: the store or its folder is not writable (permission denied or read-only file "
                f"system); make them writable, or write elsewhere")
    return str(exc)


def _writable(path: str | os.PathLike) -> bool:
    """Whether the store file (where it exists) and its folder (SQLite makes its journal there) may be
    written."""
    folder = os.path.dirname(os.path.abspath(path))
    return os.access(folder, os.W_OK) and (not os.path.exists(path) or os.access(path, os.W_OK))


def write_failed_advice(path: str | os.PathLike, exc: sqlite3.Error) -> str:
    """What to do where a write to an open store failed (the transaction rolled back): disk space or the
    file-size limit where SQLite ran out of room or met an I/O error (ENOSPC, EFBIG, a quota: SQLite says
    'disk I/O error' for the last two), "not writable" where the store turned read-only (a file system
    remounted read-only, permissions changed under the run), else only to run again. Every failure, a
    read-only store's included, said "free disk space"."""
    primary = primary_code(exc)
    if primary in (_READONLY, _PERM):
        return ("the store or its folder is no longer writable (permission denied or read-only file "
                "system): make them writable and run again to resume")
    if primary in (_FULL, _IOERR):
        return "free disk space (or raise ulimit -f) and run again to resume"
    return "run again to resume"
