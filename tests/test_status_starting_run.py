"""`wordeval status` on a run that opened its store and has not registered its plan yet.

A run left no trace in its store until it registered, so status said the same thing ("Runs: none registered
yet ... a run is starting, or was stopped", exit 6) of a run starting right now and of one stopped (Ctrl-C,
SIGKILL) before it registered. Runs here are real `wordeval intrinsic` processes stopped on a pipe the test
holds, at the first write of their registration (the store open), or after it; then killed (SIGKILL),
interrupted (SIGINT) or terminated (SIGTERM). The oracle is the process itself (its pid, whether it is alive:
the test reaped it) and what the store's tables hold then."""
from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import time

import pytest

from tests.test_status_nothing_planned import AT_REGISTRATION, _argv, _status, _stopped_run
from wordeval.cli import main
from wordeval.results.run_log import HEARTBEAT_TIMEOUT, registered
from wordeval.results.store import ResultStore

# a run stopped after it registered its plan, before it computes (the CLI imports execute when it runs)
AFTER_REGISTRATION = ("wordeval.runner", "execute")


def _rows(store) -> list[tuple]:
    db = sqlite3.connect(store / "results.sqlite")
    try:
        return db.execute("SELECT r.run_id, r.pid, r.finished IS NOT NULL, r.outcome, u.run_id IS NOT NULL "
                          "FROM runs r LEFT JOIN unregistered_runs u ON u.run_id = r.run_id "
                          "ORDER BY r.rowid").fetchall()
    finally:
        db.close()


@pytest.mark.timeout(300)
@pytest.mark.parametrize("how, returncode, state", [(signal.SIGKILL, -signal.SIGKILL, "killed"),
                                                    (signal.SIGINT, 130, "interrupted"),
                                                    (signal.SIGTERM, 143, "interrupted")],
                         ids=["SIGKILL", "SIGINT", "SIGTERM"])
def test_starting_then_stopped_before_it_registered(tmp_path, capsys, how, returncode, state):
    store = tmp_path / "out"
    proc = _stopped_run(tmp_path, AT_REGISTRATION)
    try:
        # the child has opened the store and waits on our pipe: it is starting, whatever it will plan
        [(run_id, pid, ended, outcome, unregistered)] = _rows(store)
        assert (pid, ended, outcome, unregistered) == (proc.pid, 0, "starting", 1)
        code, out, text_code, text = _status(capsys, store)
        assert (code, text_code) == (6, 6) and out["nothing_planned"] is True and out["cells"] == []
        [run] = out["runs"]
        assert (run["run_id"], run["pid"], run["state"], run["registered"]) == \
            (run_id, proc.pid, "starting", False)
        assert run["judged_by"] == "judged by its pid on this host" and run["finished"] is None
        assert f"starting (pid {proc.pid}): its plan is not registered yet" in text
        assert text.splitlines()[-1].endswith("1 run(s): 1 starting; nothing planned yet")
        proc.send_signal(how)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == returncode, err
    # killed: nothing written since, the row judged by its (now reaped) pid; interrupted: the run said so
    assert _rows(store) == [(run_id, proc.pid, int(state == "interrupted"),
                             "starting" if state == "killed" else "interrupted", 1)]
    code, out, text_code, text = _status(capsys, store)
    assert (code, text_code) == (6, 6) and out["nothing_planned"] is True
    assert [(r["run_id"], r["state"], r["registered"]) for r in out["runs"]] == [(run_id, state, False)]
    assert f"stopped before it registered its plan ({state})" in text and "starting (pid" not in text
    # the same command plans and computes the cell; the stopped run stays listed as what it was
    assert main(_argv(tmp_path)) == 0
    capsys.readouterr()
    code, out, _, text = _status(capsys, store)
    assert code == 0 and out["summary"]["stored"] == 1
    assert [(r["state"], r["registered"]) for r in out["runs"]] == [(state, False), ("finished", True)]
    assert f"stopped before it registered its plan ({state})" in text
    # compare and report read the store as they read one without such a row: no cell left incomplete
    assert main(["compare", str(store)]) == 0
    said = capsys.readouterr().out
    assert "Incomplete" not in said and "not computed" not in said
    assert main(["report", str(store), "--out", str(tmp_path / "report")]) == 0
    assert json.loads((tmp_path / "report" / "results.json").read_text())["records"]


@pytest.mark.timeout(300)
def test_a_refused_run_leaves_no_row(tmp_path, capsys):
    """A run refused (another live run plans its cells) did no work: its row goes, nothing is left."""
    store = tmp_path / "out"
    proc = _stopped_run(tmp_path, AFTER_REGISTRATION)
    try:
        [(theirs, pid, _, outcome, unregistered)] = _rows(store)
        assert (pid, outcome, unregistered) == (proc.pid, "running", 0)
        assert main(_argv(tmp_path)) == 2
        assert "another run (pid" in capsys.readouterr().err
        assert [row[0] for row in _rows(store)] == [theirs]
        code, out, _, _ = _status(capsys, store)
        assert code == 4 and [(r["pid"], r["state"], r["registered"]) for r in out["runs"]] == \
            [(proc.pid, "running", True)]
    finally:
        proc.kill()
        proc.wait()
    db = sqlite3.connect(store / "results.sqlite")
    assert db.execute("SELECT COUNT(*) FROM heartbeats").fetchone() == (1,)
    assert db.execute("SELECT COUNT(*) FROM run_files").fetchone() == (1,)
    db.close()


def test_registration_takes_the_row_over(tmp_path, capsys):
    """One run, one row: registering keeps the id recorded at open, and the runs are listed in the order they
    registered (the newest plan is the last registered), not the order they opened the store."""
    first, second = ResultStore(tmp_path, run=True), ResultStore(tmp_path, run=True)
    try:
        assert [(row[0], row[3], row[4]) for row in _rows(tmp_path)] == \
            [(first.starting_run, "starting", 1), (second.starting_run, "starting", 1)]
        first_id, second_id = first.starting_run, second.starting_run
        with registered(second, []) as run_id:
            assert run_id == second_id
        with registered(first, []) as run_id:
            assert run_id == first_id
    finally:
        first.close()
        second.close()
    assert _rows(tmp_path) == [(second_id, os.getpid(), 1, "finished", 0),
                               (first_id, os.getpid(), 1, "finished", 0)]
    code, out, _, _ = _status(capsys, tmp_path)
    assert code == 0 and [r["run_id"] for r in out["runs"]] == [second_id, first_id]


def test_opened_and_closed_without_registering(tmp_path, capsys):
    """A run that closes its store without registering did no work: no row. A store opened without a run
    (ResultStore in Python) never had one: status says no run is starting."""
    ResultStore(tmp_path / "run", run=True).close()
    ResultStore(tmp_path / "api").close()
    for folder in ("run", "api"):
        assert _rows(tmp_path / folder) == []
        code, out, _, text = _status(capsys, tmp_path / folder)
        assert code == 6 and out["runs"] == [] and "no run starting" in text


def test_a_store_without_the_table(tmp_path, capsys):
    """A store of the wordeval before runs were recorded at open (no unregistered_runs) is read as before,
    and a run into it adds the table."""
    store = tmp_path / "out"
    with ResultStore(store) as opened, registered(opened, []):
        pass
    with sqlite3.connect(store / "results.sqlite") as db:
        db.execute("DROP TABLE unregistered_runs")
    code, out, _, text = _status(capsys, store)
    assert code == 0 and [(r["state"], r["registered"]) for r in out["runs"]] == [("finished", True)]
    assert "planned 0 cell(s)" in text
    assert main(_argv(tmp_path)) == 0
    capsys.readouterr()
    code, out, _, _ = _status(capsys, store)
    assert code == 0 and [r["state"] for r in out["runs"]] == ["finished", "finished"]
    assert [row[4] for row in _rows(store)] == [0, 0]


def test_a_starting_run_on_another_host_is_judged_by_its_heartbeat(tmp_path, capsys):
    """The row written at open carries a heartbeat in the store's time (no offset measured yet: this host's
    clock), which a reader on another host judges it by: fresh, starting; older than the timeout, killed."""
    before = time.time()
    opened = ResultStore(tmp_path, run=True)
    try:
        after = time.time()
        [(beat,)] = opened._db.execute("SELECT beat FROM heartbeats").fetchall()
        assert before <= beat <= after
        opened._db.execute("UPDATE runs SET host = 'another-host'")
        code, out, _, _ = _status(capsys, tmp_path)
        assert code == 6 and [(r["state"], r["registered"]) for r in out["runs"]] == [("starting", False)]
        assert out["runs"][0]["judged_by"].startswith("judged by its last heartbeat")
        opened._db.execute("UPDATE heartbeats SET beat = beat - ?", (HEARTBEAT_TIMEOUT + 60,))
        code, out, _, text = _status(capsys, tmp_path)
        assert code == 6 and [(r["state"], r["registered"]) for r in out["runs"]] == [("killed", False)]
        assert "stopped before it registered its plan (killed)" in text
    finally:
        opened._db.execute("UPDATE runs SET host = ?", (socket.gethostname(),))
        opened.close()
    assert _rows(tmp_path) == []
