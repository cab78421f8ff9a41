"""A run on another host is judged by its heartbeat; beats written and judged by each host's own clock made a
worker whose clock ran 15 minutes behind look dead while it beat (a second run was let in on its cells, and
its cells were listed as not computed), and one 15 minutes ahead look alive for 25 minutes after it died.
Beats are now in the store's file-system time, each host's offset from it measured from its own writes.

One process plays both hosts: the run said to be on another host beats from its heartbeat thread, whose clock
(time.time there) is skewed and whose host name is another; the registering or reading host's clock is right."""
from __future__ import annotations

import socket
import threading
import time

import pytest

from wordeval.errors import ConfigError
from wordeval.results import run_log
from wordeval.results.store import ResultStore, load_records

PLAN = [("A", "pos/toy", seed, "cfg") for seed in (0, 1)]
SKEW = 900.0  # seconds: well beyond HEARTBEAT_TIMEOUT
REMOTE = "node-17.cluster"


def _remote(store, run_id):
    store._db.execute("UPDATE runs SET host = ? WHERE run_id = ?", (REMOTE, run_id))


def _in_beat_thread() -> bool:
    return threading.current_thread().name.startswith("wordeval-heartbeat")


def _wait_for_beat(store, run_id, previous):
    deadline = time.monotonic() + 10
    query = "SELECT beat FROM heartbeats WHERE run_id = ?"
    while store._db.execute(query, (run_id,)).fetchone()[0] == previous:
        assert time.monotonic() < deadline, "no beat written"
        time.sleep(0.02)


@pytest.mark.parametrize("skew", [-SKEW, SKEW], ids=["behind", "ahead"])
def test_a_beating_run_on_a_host_with_a_skewed_clock_is_alive(tmp_path, monkeypatch, skew):
    real_time, real_host = time.time, socket.gethostname()
    monkeypatch.setattr(time, "time", lambda: real_time() + (skew if _in_beat_thread() else 0.0))
    monkeypatch.setattr(socket, "gethostname", lambda: REMOTE if _in_beat_thread() else real_host)
    monkeypatch.setattr(run_log, "HEARTBEAT_INTERVAL", 0.05)
    with ResultStore(tmp_path / "s") as first, run_log.registered(first, PLAN) as run_id:
        _remote(first, run_id)
        beat = "SELECT beat FROM heartbeats WHERE run_id = ?"
        _wait_for_beat(first, run_id, first._db.execute(beat, (run_id,)).fetchone()[0])
        _, skipped = load_records(tmp_path / "s")
        assert [(s["seeds"], s["state"]) for s in skipped] == [([0, 1], "in progress")]
        with ResultStore(tmp_path / "s") as second:
            with pytest.raises(ConfigError, match="another run"):
                with run_log.registered(second, [("A", "pos/toy", 1, "cfg")]):
                    pass


def test_a_dead_run_on_a_host_whose_clock_ran_ahead_is_dead_after_the_timeout(tmp_path, monkeypatch):
    from wordeval.results import store_clock

    class Clocks:
        store = 1_800_000_000.0  # the file system's
        host_skew = SKEW  # the dead run's host, ahead

    c = Clocks()
    real_host = socket.gethostname()
    monkeypatch.setattr(store_clock, "fs_time", lambda path: c.store)
    monkeypatch.setattr(store_clock, "now", lambda: c.store + c.host_skew)
    monkeypatch.setattr(socket, "gethostname", lambda: REMOTE if c.host_skew else real_host)
    with ResultStore(tmp_path / "s") as first, run_log.registered(first, PLAN):
        # registered on the remote host, whose beats stop here: its beat thread waits its 60 s
        c.host_skew = 0.0  # the reader's host, right
        c.store += run_log.HEARTBEAT_TIMEOUT + 1
        _, skipped = load_records(tmp_path / "s")
        assert [(s["seeds"], s["state"]) for s in skipped] == [([0, 1], "not computed")]
        assert "by this host's clock, assumed to agree with the store's" in skipped[0]["reason"]
        with ResultStore(tmp_path / "s") as second, run_log.registered(second, [("A", "pos/toy", 1, "cfg")]):
            pass  # not in the way; and this host's offset, measured by that registration, is used from now on
        reasons = {s["seeds"][0]: s["reason"] for s in load_records(tmp_path / "s")[1]}
        assert "stopped writing its heartbeat" in reasons[0] and "by the store's file-system clock" in reasons[0]
