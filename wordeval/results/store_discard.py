"""A store a run created and left empty, removed when that run stops on an error.

Why: a run stops with one line and exit 2 ("nothing written") on errors that only a cell finds (a common
candidate set the options cannot build, representations that share no word...), after the store was created
and the run registered in it: --out was left holding a marker and an empty results.sqlite. A run that
created the store (``ResultStore.made``) and stored nothing, no record and no skip, now removes what it made:
the file, the marker, the folders.

Only then: never a store that was there before (its run log keeps the line saying the run failed), nor one
that holds anything, another process's rows included. A job array opens one new store from several processes
at once: each writes its run's row in the transaction that creates the tables (``run_start``), so another
run's row there means another process uses the store. One that has connected without a statement yet is not
seen, so the file is taken off while this connection holds SQLite's exclusive lock in rollback-journal mode
(which SQLite lets it switch to only while no other connection has the WAL open): that process's first
write then fails on a moved database (``SQLITE_READONLY_DBMOVED``), where ``ResultStore`` opens it again,
rather than writing into a file no longer there.

A predictions folder the run made (``made_folder``) goes likewise where it holds nothing but its marker.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterator

# the files SQLite may keep beside a store file
_BESIDE = ("-wal", "-shm", "-journal")


def discard_if_empty(store, run_id: str | None) -> bool:
    """Remove what ``store`` made (``ResultStore.made``) when it holds no record, no skip and no run but
    ``run_id``'s; returns whether it did. Anything in the way (another connection, a replaced file) keeps
    the store as it is."""
    made = getattr(store, "made", None)
    if not made or not made.get("file") or store.readonly:
        return False
    db: sqlite3.Connection = store._db
    with contextlib.suppress(sqlite3.Error):
        db.execute("PRAGMA busy_timeout = 2000")  # a reader (status) leaving the store is waited for, briefly
    try:
        if db.in_transaction:
            return False
        if str(db.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower() != "delete":
            return False  # another connection has the WAL open: another process uses the store
        db.execute("BEGIN EXCLUSIVE")
    except sqlite3.Error:
        return False
    try:
        if not _holds_nothing(db, run_id):
            return False
        from wordeval.atomic_write import path_identity

        if path_identity(store.path) != getattr(store, "_identity", None):
            return False  # replaced under the run: that file is not the one this run made
        for name in (store.path.name, *(store.path.name + s for s in _BESIDE)):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(store.path.with_name(name))
    except (sqlite3.Error, OSError):
        return False
    finally:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
    _remove_made(made)
    return True


def _holds_nothing(db: sqlite3.Connection, run_id: str | None) -> bool:
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in ("records", "skipped"):
        if table in tables and db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
            return False
    if "runs" in tables and db.execute("SELECT 1 FROM runs WHERE run_id IS NOT ? LIMIT 1",
                                       (run_id,)).fetchone() is not None:
        return False
    return True


def _remove_made(made: dict) -> None:
    """The marker this store wrote and the folders it made, innermost first, each only while empty."""
    marker: Path | None = made.get("marker")
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.unlink()
    for folder in reversed(made.get("folders", [])):
        try:
            os.rmdir(folder)
        except OSError:
            break  # something else is there (another process's file): it stays, and so do its parents


@contextlib.contextmanager
def made_folder(folder, make: Callable[[], Any]) -> Iterator[Any]:
    """``make()``, which makes and marks the output folder ``folder`` (None: no folder), its result given to
    the block. Where the block raises an Exception and the folder holds nothing but the marker made here,
    that marker goes, and the folders made here: a run that stopped before storing anything had left an
    empty predictions folder."""
    if not folder:
        yield make()
        return
    from wordeval.output_paths import MARKER

    folder = Path(folder)
    folders, marker = to_be_made(folder)
    made = make()
    try:
        yield made
    except Exception:
        with contextlib.suppress(OSError):
            if marker is not None and [p.name for p in folder.iterdir()] == [MARKER]:
                _remove_made({"marker": marker, "folders": folders})
        raise


def to_be_made(folder: Path) -> tuple[list[Path], Path | None]:
    """What making and marking the output folder ``folder`` will make: the folders ``mkdir(parents=True)``
    creates, outermost first, and its marker file where none is there yet (None: it is)."""
    from wordeval.output_paths import MARKER

    folders = [p for p in (folder, *folder.parents) if not p.exists()][::-1]
    marker = folder / MARKER
    return folders, None if os.path.lexists(marker) else marker
