"""A store write that failed said "free disk space (or raise ulimit -f)" whatever SQLite refused: a lock
another process held past the busy wait, or a store turned read-only under the run, sent the user to a disk
with room. Each error is one SQLite itself raised, raised again from the transaction's first statement; and
each without its error code, as Python 3.10's sqlite3 gives it."""
from __future__ import annotations

import sqlite3

import pytest

from tests._records import toy_records
from tests._sqlite_errors import sqlite_raised
from wordeval.errors import OutputError
from wordeval.results.store import ResultStore


def _raised(tmp_path, cause) -> sqlite3.OperationalError:
    if cause == "corrupt":  # raised on a read of a damaged page: made here, its text as SQLite writes it
        return sqlite3.OperationalError("database disk image is malformed")
    return sqlite_raised(tmp_path, cause)


class _Failing:
    """The store's connection, whose BEGIN IMMEDIATE raises ``exc`` (what SQLite raises there)."""

    def __init__(self, db, exc):
        self._db, self._exc = db, exc

    def execute(self, sql, *args):
        if sql == "BEGIN IMMEDIATE":
            raise self._exc
        return self._db.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._db, name)

    def __enter__(self):
        return self._db.__enter__()

    def __exit__(self, *exc):
        return self._db.__exit__(*exc)


@pytest.mark.parametrize("with_code", [True, False], ids=["error code", "text alone (Python 3.10)"])
@pytest.mark.parametrize("cause, advice", [
    ("full", "free disk space (or raise ulimit -f) and run again to resume"),
    ("read-only", "no longer writable (permission denied or read-only file system): make them writable"),
    ("locked", None),
    ("corrupt", "run again to resume"),
])
@pytest.mark.parametrize("how", ["put", "transaction"])
def test_a_failed_write_says_what_sqlite_refused(tmp_path, cause, advice, with_code, how):
    exc = _raised(tmp_path, cause)
    if not with_code:
        exc = sqlite3.OperationalError(str(exc))
    record = toy_records(n_sim=3, n_pos=0)[0]
    with ResultStore(tmp_path / "s") as store:
        real = store._db
        store._db = _Failing(real, exc)
        with pytest.raises(OutputError) as err:
            if how == "put":
                store.put(record)
            else:
                with store.transaction():
                    pass
        store._db = real
        said = str(err.value)
        assert said.startswith(f"{tmp_path / 's' / 'results.sqlite'}: ")
        if advice is None:
            assert "locked by another process" in said and "disk" not in said
        else:
            assert advice in said
            assert ("disk space" in said) == (cause == "full")
        assert not list(store.records())  # nothing half stored
