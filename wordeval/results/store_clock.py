"""The time heartbeats are written and judged by: the clock of the file system that holds the store, not each
host's own.

Why: a run on another host is dead when its last beat is more than HEARTBEAT_TIMEOUT old. Written and judged by
each host's own clock, a worker whose clock ran 15 minutes behind looked dead while it beat (a second run was
let in to compute its cells again, and its own cells were listed as not computed), and one 15 minutes ahead
looked alive for 25 minutes after it was killed. Every write to the store is stamped by its file system (on NFS
by the server), so a writer measures its host's offset from that clock right after one of its own writes,
writes its beats in the store's time, and leaves the offset in ``clocks`` (one row per host) for readers of
that host, which cannot write to measure it. A host none of whose runs measured it yet is judged by its own
clock, and the listing says so. Where the file system stamps writes with each client's clock, every offset is
0 and this is the hosts' clocks, as before."""
from __future__ import annotations

import os
from pathlib import Path
import socket
import sqlite3
import time


def now() -> float:
    """This host's clock (a function of its own, so tests can move it)."""
    return time.time()


def fs_time(path: str | os.PathLike) -> float | None:
    """When the store's file system stamped the latest write to the store (its WAL or its main file)."""
    stamps = []
    for f in (Path(path), Path(f"{os.fspath(path)}-wal")):
        try:
            stamps.append(os.stat(f).st_mtime)
        except OSError:
            pass
    return max(stamps) if stamps else None


def measure_offset(db: sqlite3.Connection, path: str | os.PathLike) -> float | None:
    """This host's clock minus the store's, from a write on ``db`` (autocommit, no transaction open), left in
    ``clocks`` for this host's readers; None where the file cannot be stamped or read."""
    host = socket.gethostname()
    before = now()
    db.execute("INSERT OR IGNORE INTO clocks VALUES (?, 0.0, ?)", (host, before))
    db.execute("UPDATE clocks SET measured = ? WHERE host = ?", (before, host))
    after, stamped = now(), fs_time(path)
    if stamped is None:
        return None
    offset = (before + after) / 2 - stamped
    db.execute("UPDATE clocks SET skew = ?, measured = ? WHERE host = ?", (offset, stamped, host))
    return offset


def reader_now(db: sqlite3.Connection) -> tuple[float, str]:
    """The store's time now as this host can tell it without writing, and what that assumes (for the listing)."""
    row = None
    try:
        row = db.execute("SELECT skew FROM clocks WHERE host = ?", (socket.gethostname(),)).fetchone()
    except sqlite3.OperationalError:  # a store without the table
        pass
    if row is None:
        return now(), ("by this host's clock, assumed to agree with the store's: no run from this host has "
                       "measured the difference yet")
    return now() - float(row[0]), ("by the store's file-system clock (each host's offset from it measured by "
                                   "its runs' writes)")
