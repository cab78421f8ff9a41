"""Waiting for another program's lock on a result store, and saying so when it outlasts the wait.

SQLite waits its busy timeout for a lock held by another connection at most steps, not when a store in
rollback-journal mode (every store wordeval has closed) is switched to WAL: that answers 'database is
locked' at once. A run beside another writer (a run committing, a `sqlite3` shell in a transaction) then
failed within a millisecond, and its line suggested a full disk."""
from __future__ import annotations

import os
import sqlite3
import time

from wordeval.results.store_write_errors import BUSY, primary_code

# how long a writable store waits for another connection's lock (SQLite's busy timeout, and the WAL switch's)
BUSY_TIMEOUT_S = 30.0


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` is SQLite's answer to a lock another connection holds (SQLITE_BUSY)."""
    return primary_code(exc) == BUSY


def wal_mode_waited(db: sqlite3.Connection, *, timeout: float = BUSY_TIMEOUT_S) -> None:
    """Switch ``db`` to WAL mode, retrying while another connection holds a lock, for up to ``timeout``
    seconds as SQLite's own busy wait would; its last 'database is locked' is raised after that."""
    deadline = time.monotonic() + timeout
    pause = 0.01
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() >= deadline:
                raise
        time.sleep(min(pause, max(deadline - time.monotonic(), 0.0)))
        # a commit is over in milliseconds; a long holder is polled twice a second
        pause = min(pause * 2, 0.5)


def locked_said(path: str | os.PathLike, *, timeout: float = BUSY_TIMEOUT_S) -> str:
    """The line of a store whose lock another process held past the wait."""
    return (f"{os.fspath(path)}: the result store is locked by another process, which held it for over "
            f"{timeout:g} s: let that process finish (or end it), then run the same command again")
