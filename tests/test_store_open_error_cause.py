"""A store that cannot be opened for writing was told to "free disk space" whatever SQLite said (disk full,
ulimit -f, read-only or locked?): a read-only store, or one locked by another program, sent the user to a
disk with room. Disk space is now said only where SQLite ran out of it, "not writable" where the store or its
folder refuses writes, and SQLite's own words otherwise. Each error is one SQLite itself raised (a page-count
cap for a full disk, a read-only connection, a folder that does not exist, a lock held elsewhere), raised
again from the store's connect; and each without its error code as Python 3.10's sqlite3 gives it, the text
alone."""
from __future__ import annotations

import os
import sqlite3

import pytest

from tests._sqlite_errors import sqlite_raised
from wordeval.errors import OutputError
from wordeval.results.store import ResultStore


CODES = {"full": sqlite3.SQLITE_FULL, "read-only": sqlite3.SQLITE_READONLY,
         "cannot open": sqlite3.SQLITE_CANTOPEN, "locked": sqlite3.SQLITE_BUSY} \
    if hasattr(sqlite3, "SQLITE_FULL") else {}
SPACE = ("(no space left on the disk, or in the quota): free disk space, then run the same command again to "
         "resume")
NOT_WRITABLE = ("the store or its folder is not writable (permission denied or read-only file system); make "
                "them writable, or write elsewhere")


def _open_failing(tmp_path, monkeypatch, exc, *, prefix="cannot open the result store for writing: ") -> str:
    store = tmp_path / "s"
    ResultStore(store).close()
    real = sqlite3.connect

    def connect(where, *args, **kwargs):
        if os.fspath(where).endswith("results.sqlite?mode=rw"):
            raise exc
        return real(where, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    with pytest.raises(OutputError) as err:
        ResultStore(store)
    prefix = f"{store / 'results.sqlite'}: {prefix}"
    assert str(err.value).startswith(prefix)
    return str(err.value)[len(prefix):]


@pytest.mark.parametrize("with_code", [True, False], ids=["error code", "text alone (Python 3.10)"])
@pytest.mark.parametrize("cause, expected", [
    ("full", f"database or disk is full {SPACE}"),
    ("read-only", f"attempt to write a readonly database: {NOT_WRITABLE}"),
    ("cannot open", "unable to open database file"),
])
def test_the_store_says_what_sqlite_refused(tmp_path, monkeypatch, cause, expected, with_code):
    exc = sqlite_raised(tmp_path, cause)
    if with_code:
        if CODES:
            assert exc.sqlite_errorcode & 0xFF == CODES[cause]  # the error SQLite raised is the one meant
    else:
        exc = sqlite3.OperationalError(str(exc))
    said = _open_failing(tmp_path, monkeypatch, exc)
    assert said == expected
    assert ("disk" in said) == (cause == "full")


def test_a_store_that_cannot_be_opened_in_a_folder_one_may_not_write_is_said_not_writable(tmp_path,
                                                                                            monkeypatch):
    """SQLITE_CANTOPEN is what EACCES, EPERM or EROFS on the journal beside the store become; it is said not
    writable where the folder is (root writes anywhere: os.access plays the refusal)."""
    exc = sqlite_raised(tmp_path, "cannot open")
    access, refused = os.access, os.fspath(tmp_path / "s")
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if os.fspath(path) == refused
                        and mode & os.W_OK else access(path, mode, **kw))
    assert _open_failing(tmp_path, monkeypatch, exc) == f"unable to open database file: {NOT_WRITABLE}"


@pytest.mark.parametrize("with_code", [True, False], ids=["error code", "text alone (Python 3.10)"])
def test_a_lock_outliving_the_wait_is_said_as_a_lock_not_the_disk(tmp_path, monkeypatch, with_code):
    """SQLITE_BUSY at the open, after the store's busy wait: another process holds the store (the wait itself
    is tests/test_store_locked_by_another_process.py's)."""
    from wordeval.results import store_locks

    monkeypatch.setattr(store_locks, "BUSY_TIMEOUT_S", 0.2)
    exc = sqlite_raised(tmp_path, "locked")
    if not with_code:
        exc = sqlite3.OperationalError(str(exc))
    said = _open_failing(tmp_path, monkeypatch, exc, prefix="the result store is locked by another process")
    assert "disk" not in said and said.endswith("then run the same command again")
