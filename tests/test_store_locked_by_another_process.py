"""A run opening a store while another process holds its write lock waits, as at its other steps, and a lock
that outlives the wait is said as such. Every store wordeval closes is in rollback-journal mode, and SQLite's
switch to WAL answered a held lock at once, without the busy wait: the run failed in a millisecond, exit 2,
with a line suggesting a full disk. The other process is python's sqlite3 in a second process holding
``BEGIN IMMEDIATE``; it releases the lock when told on its standard input (no timing)."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

from tests._small_task import write_small_task
from wordeval.cli import main
from wordeval.results import store_locks
from wordeval.results.store import ResultStore

HOLDER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
"""


def _closed_store(tmp_path):
    store = tmp_path / "store"
    with ResultStore(store):
        pass
    db = sqlite3.connect(f"file:{store / 'results.sqlite'}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # as every closed store is
    finally:
        db.close()
    return store


def _holder(store) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(store / "results.sqlite")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "held\n"
    return proc


def _release(proc: subprocess.Popen) -> None:
    proc.communicate("\n", timeout=60)
    assert proc.returncode == 0


def test_a_store_locked_for_a_moment_is_waited_for(tmp_path, monkeypatch):
    store = _closed_store(tmp_path)
    holder = _holder(store)
    # the lock is released once the open has reached the WAL switch: it meets the lock there, or on a retry
    reached = threading.Event()
    wal_mode_waited = store_locks.wal_mode_waited
    monkeypatch.setattr(store_locks, "wal_mode_waited",
                        lambda db, **kw: (reached.set(), wal_mode_waited(db, **kw)))
    releaser = threading.Thread(target=lambda: (reached.wait(60), _release(holder)))
    releaser.start()
    try:
        with ResultStore(store) as opened:  # was: OutputError 'database is locked (disk full, ...)', at once
            assert len(opened) == 0
    finally:
        reached.set()
        releaser.join()


def test_a_lock_outliving_the_wait_names_the_store_and_the_other_process(tmp_path, monkeypatch, capsys):
    store = _closed_store(tmp_path)
    vectors, spec = write_small_task(tmp_path)
    before = (store / "results.sqlite").read_bytes()
    monkeypatch.setattr(store_locks, "BUSY_TIMEOUT_S", 0.2)  # the 30 s wait, shortened for the test
    holder = _holder(store)
    try:
        code = main(["--quiet", "intrinsic", str(vectors), "--tasks", str(spec), "--out", str(store)])
    finally:
        _release(holder)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err == (f"wordeval: error: {store / 'results.sqlite'}: the result store is locked by another "
                   f"process, which held it for over 0.2 s: let that process finish (or end it), then run "
                   f"the same command again\n")
    assert (store / "results.sqlite").read_bytes() == before
