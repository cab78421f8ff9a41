"""Errors SQLite itself raises, for tests that raise them again where the store meets them."""
from __future__ import annotations

import sqlite3


def sqlite_raised(tmp_path, cause: str) -> sqlite3.OperationalError:
    """The error SQLite raises for ``cause``: "full" (a page-count cap), "read-only" (a read-only
    connection), "cannot open" (a folder that does not exist), "locked" (a lock held elsewhere)."""
    db = tmp_path / "probe.sqlite"
    sqlite3.connect(db, isolation_level=None).execute("CREATE TABLE t (x)").connection.close()
    try:
        if cause == "full":
            con = sqlite3.connect(db, isolation_level=None)
            con.execute("PRAGMA max_page_count = 2")
            con.execute("INSERT INTO t VALUES (zeroblob(100000))")
        elif cause == "read-only":
            sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True).execute("INSERT INTO t VALUES (1)")
        elif cause == "cannot open":
            sqlite3.connect(f"{(tmp_path / 'gone' / 'x.sqlite').as_uri()}?mode=rw", uri=True)
        elif cause == "locked":
            holder = sqlite3.connect(db, isolation_level=None)
            holder.execute("BEGIN EXCLUSIVE")
            sqlite3.connect(db, timeout=0, isolation_level=None).execute("INSERT INTO t VALUES (1)")
    except sqlite3.OperationalError as exc:
        return exc
    raise AssertionError(f"SQLite raised nothing for {cause}")
