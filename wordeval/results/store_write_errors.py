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
