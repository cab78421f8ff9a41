"""`wordeval status` on a store in which nothing is planned yet: no record, no skip, no run's plan.

A run stopped (Ctrl-C) after it created its store but before it registered its plan left a store that status
listed as "0 cell(s) ... 0 run(s)", "a store written before wordeval registered its runs", exit 0; a store in
creation was exit 0 too. A script polling `status` until it exits 0 read both as done. The runs here are real
`wordeval intrinsic` processes, stopped where the code gets to (the first write registering the run, the
creation of the store's tables) and interrupted there with SIGINT. The oracle is what the store holds then:
no record, no skip, no run's plan (a run that opened the store is listed as starting, then interrupted:
``tests/test_status_starting_run.py``); and that the same command then computes the cell (status 0)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests._records import dead_pid, pos_record
from tests._small_task import write_small_task
from wordeval.cli import main
from wordeval.results.run_log import registered
from wordeval.results.store import ResultStore

ROOT = Path(__file__).resolve().parents[1]
# the run: stops at the first call of argv[2] in module argv[1] (says so, waits for a line on stdin); the rest
# of the arguments are wordeval's
STOPPED_RUN = """
import importlib, sys
where, name = sys.argv[1], sys.argv[2]
module = importlib.import_module(where)
real, calls = getattr(module, name), []
def stop(*args, **kwargs):
    if not calls:
        calls.append(1)
        print("stopped", flush=True)
        sys.stdin.readline()
    return real(*args, **kwargs)
setattr(module, name, stop)
from wordeval.cli import main
raise SystemExit(main(sys.argv[3:]))
"""
# the first write registering a run (``run_log.registered``), after ResultStore has created the store
AT_REGISTRATION = ("wordeval.results.store_clock", "measure_offset")
# ResultStore creating the store's tables, after the marker and the database file
AT_CREATION = ("wordeval.results.store", "_create_tables")


def _argv(tmp_path: Path) -> list[str]:
    vectors, spec = write_small_task(tmp_path)
    return ["-q", "intrinsic", f"v={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "out")]


def _stopped_run(tmp_path: Path, where: tuple[str, str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-c", STOPPED_RUN, *where, *_argv(tmp_path)], cwd=tmp_path,
                            env=env, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout.readline() == "stopped\n"
    return proc


def _status(capsys, store: Path) -> tuple[int, dict, int, str]:
    code = main(["status", str(store), "--json"])
    out = json.loads(capsys.readouterr().out)
    text_code = main(["status", str(store)])
    return code, out, text_code, capsys.readouterr().out


def _nothing_planned(capsys, store: Path, *, in_creation: bool, runs: list[tuple[str, bool]]) -> None:
    """``runs``: (state, registered) of each run listed (the run stopped before it registered its plan)."""
    code, out, text_code, text = _status(capsys, store)
    assert (code, text_code) == (6, 6)
    assert out["nothing_planned"] is True and out["exit_code"] == 6 and out["in_creation"] is in_creation
    assert out["records"] == 0 and out["cells"] == []
    assert [(r["state"], r["registered"]) for r in out["runs"]] == runs
    if in_creation:
        assert "Runs: none yet (a store in creation" in text
    assert "a store written before wordeval registered its runs" not in text
    ended = f"{len(runs)} run(s)" + "".join(f": 1 {state}" for state, _ in runs) + "; nothing planned yet"
    assert text.rstrip("\n").splitlines()[-1].endswith(ended)


def _interrupt(proc: subprocess.Popen) -> str:
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    return err


@pytest.mark.timeout(300)
@pytest.mark.parametrize("where", [AT_REGISTRATION, AT_CREATION], ids=["at registration", "at creation"])
def test_a_run_stopped_before_it_registered_its_plan_is_not_done(tmp_path, capsys, where):
    store = tmp_path / "out"
    proc = _stopped_run(tmp_path, where)
    # stopped at creation, the run's row (written with the tables) is not there yet
    creating = where == AT_CREATION
    try:
        # the run is live, its plan not in the store yet: status cannot say which cells it will compute
        _nothing_planned(capsys, store, in_creation=creating, runs=[] if creating else [("starting", False)])
        err = _interrupt(proc)
    finally:
        proc.kill()
        proc.wait()
    assert err.startswith("wordeval: interrupted") and err.count("\n") == 1, err
    _nothing_planned(capsys, store, in_creation=creating, runs=[] if creating else [("interrupted", False)])
    # the same command plans and computes the cell: then every planned cell is stored
    assert main(_argv(tmp_path)) == 0
    capsys.readouterr()
    code, out, _, _ = _status(capsys, store)
    assert code == 0 and out["nothing_planned"] is False and out["summary"]["stored"] == 1


def test_runs_with_an_empty_plan(tmp_path, capsys):
    """A run that planned no cell and finished asked for nothing and got it (0); one that planned none and
    was killed, with nothing else in the store, leaves nothing planned (6)."""
    with ResultStore(tmp_path / "killed") as store:
        with registered(store, []) as run_id:
            store._db.execute("UPDATE runs SET pid = ? WHERE run_id = ?", (dead_pid(), run_id))
        store._db.execute("UPDATE runs SET finished = NULL, outcome = 'running'")
    code, out, _, text = _status(capsys, tmp_path / "killed")
    assert code == 6 and [r["state"] for r in out["runs"]] == ["killed"] and out["nothing_planned"] is True
    assert text.rstrip("\n").splitlines()[-1].endswith("1 run(s): 1 killed; nothing planned yet")
    with ResultStore(tmp_path / "finished") as store, registered(store, []):
        pass
    code, out, _, text = _status(capsys, tmp_path / "finished")
    assert code == 0 and [r["state"] for r in out["runs"]] == ["finished"] and out["nothing_planned"] is False
    assert "nothing planned" not in text


def test_a_store_with_records_and_no_runs_is_still_done(tmp_path, capsys):
    """Regression pin (passes before and after the fix): a store of a wordeval that did not register runs,
    every record stored, is exit 0; one with only a skip is exit 3."""
    with ResultStore(tmp_path / "records") as store:
        store.put(pos_record("A", 0))
    code, out, _, text = _status(capsys, tmp_path / "records")
    assert code == 0 and out["runs"] == [] and "none registered (a store written before" in text
    with ResultStore(tmp_path / "skip") as store:
        store.put_task_skipped("pos/other", ["A"], "no source could provide the files")
    assert _status(capsys, tmp_path / "skip")[0] == 3
