"""A run on another host (a shared file system, a job array over nodes) cannot be probed by pid: one killed
there was 'in progress, or stopped without closing the store' forever, and a live one never kept a second run
from computing its cells. A running run now refreshes its heartbeat in the store; a run on another host whose
beat is older than HEARTBEAT_TIMEOUT is dead. The clocks are injected (store_clock.now, this host's, and
store_clock.fs_time, the store's file system's, which agree here), so no test waits."""
from __future__ import annotations

import sqlite3
import time

import pytest

from wordeval.errors import ConfigError
from wordeval.results import run_log, store_clock
from wordeval.results.run_log import HEARTBEAT_TIMEOUT, registered
from wordeval.results.store import ResultStore, load_records

PLAN = [("A", "pos/toy", seed, "cfg") for seed in (0, 1)]


class _Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = _Clock()
    monkeypatch.setattr(store_clock, "now", c)
    monkeypatch.setattr(store_clock, "fs_time", lambda path: c.now)
    return c


def _as_if_on_another_host(store, run_id):
    store._db.execute("UPDATE runs SET host = 'node-17.cluster' WHERE run_id = ?", (run_id,))


def test_a_remote_run_blocks_while_it_beats_and_is_dead_after_the_timeout(tmp_path, clock):
    with ResultStore(tmp_path / "s") as first, registered(first, PLAN) as run_id:
        _as_if_on_another_host(first, run_id)
        with ResultStore(tmp_path / "s") as second:
            clock.now += HEARTBEAT_TIMEOUT - 1  # its last beat is still within the timeout: alive
            with pytest.raises(ConfigError, match=r"another run \(pid \d+ on node-17\.cluster, .*plans 1 of"):
                with registered(second, [("A", "pos/toy", 1, "cfg")]):
                    pass
            _, skipped = load_records(tmp_path / "s")
            assert [(s["seeds"], s["state"]) for s in skipped] == [([0, 1], "in progress")]
            clock.now += 2  # now older than the timeout: dead, not computed, and no longer in the way
            _, skipped = load_records(tmp_path / "s")
            assert [(s["seeds"], s["state"]) for s in skipped] == [([0, 1], "not computed")]
            assert "stopped writing its heartbeat" in skipped[0]["reason"]
            with registered(second, [("A", "pos/toy", 1, "cfg")]):
                pass
            outcome = second._db.execute("SELECT outcome FROM runs WHERE run_id = ?", (run_id,)).fetchone()
            assert outcome == ("killed",)


def test_the_running_process_refreshes_its_beat(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(run_log, "HEARTBEAT_INTERVAL", 0.02)
    with ResultStore(tmp_path / "s") as store, registered(store, PLAN) as run_id:
        first = store._db.execute("SELECT beat FROM heartbeats WHERE run_id = ?", (run_id,)).fetchone()[0]
        assert first == clock.now
        clock.now += 5 * HEARTBEAT_TIMEOUT
        deadline = time.monotonic() + 10
        beat = "SELECT beat FROM heartbeats WHERE run_id = ?"
        while store._db.execute(beat, (run_id,)).fetchone()[0] != clock.now:
            assert time.monotonic() < deadline, "no beat written"
            time.sleep(0.02)
        _as_if_on_another_host(store, run_id)
        _, skipped = load_records(tmp_path / "s")  # the beat just written keeps it alive from another host
        assert [s["state"] for s in skipped] == ["in progress"]


def test_a_beat_does_not_create_a_store_deleted_under_the_run(tmp_path, monkeypatch):
    """The beat's own connection created an empty results.sqlite where the store had been deleted (the run
    itself reports the store gone; the empty file was then taken for a store being created)."""
    monkeypatch.setattr(run_log, "HEARTBEAT_INTERVAL", 0.01)
    gone = tmp_path / "results.sqlite"
    beating = run_log._Heartbeat(gone, "0" * 32)
    time.sleep(0.2)  # some twenty beats
    beating.stop()
    assert not gone.exists()


def test_a_remote_run_without_heartbeat_stays_unknown_and_blocks_no_one(tmp_path, clock):
    """What a wordeval without heartbeats registered: as before, never judged dead, never in the way."""
    with ResultStore(tmp_path / "s") as first, registered(first, PLAN) as run_id:
        _as_if_on_another_host(first, run_id)
        first._db.execute("DELETE FROM heartbeats WHERE run_id = ?", (run_id,))
        clock.now += 100 * HEARTBEAT_TIMEOUT
        _, skipped = load_records(tmp_path / "s")
        assert [s["state"] for s in skipped] == ["in progress"]
        assert "stopped without closing the store" in skipped[0]["reason"]
        with ResultStore(tmp_path / "s") as second, registered(second, PLAN):
            pass


def test_a_store_written_before_heartbeats_is_read_and_written(tmp_path, clock):
    """The tables of the current main's store (runs, planned; no heartbeats): read, and written."""
    path = tmp_path / "old" / "results.sqlite"
    path.parent.mkdir()
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE records (key TEXT PRIMARY KEY, request_key TEXT, task TEXT NOT NULL,
            task_version TEXT NOT NULL, embedding_name TEXT NOT NULL, fingerprint TEXT, stored_at REAL NOT NULL,
            json TEXT NOT NULL);
        CREATE TABLE skipped (request_key TEXT PRIMARY KEY, task TEXT NOT NULL, embedding_name TEXT NOT NULL,
            reason TEXT NOT NULL, stored_at REAL NOT NULL);
        CREATE TABLE runs (run_id TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL,
            started REAL NOT NULL, finished REAL, outcome TEXT);
        CREATE TABLE planned (run_id TEXT NOT NULL, label TEXT NOT NULL, task TEXT NOT NULL,
            seed INTEGER NOT NULL, cell TEXT NOT NULL, PRIMARY KEY (run_id, cell));
        INSERT INTO meta VALUES ('store_schema', '1');
        INSERT INTO runs VALUES ('r1', 'node-3', 4242, 1700000000.0, NULL, 'running');
        INSERT INTO planned VALUES ('r1', 'A', 'pos/toy', 0, 'A|pos/toy|0|cfg');
    """)
    db.commit()
    db.close()
    _, skipped = load_records(path)
    assert [(s["embedding"], s["seeds"], s["state"]) for s in skipped] == [("A", [0], "in progress")]
    with ResultStore(path) as store, registered(store, PLAN):
        pass
