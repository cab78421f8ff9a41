"""A store knows which runs wrote it and which cells they planned: compare and report say which planned cells
are not stored (in progress, or not computed by a run that was killed), and a second run on the same --out
that plans a cell a live run plans is refused (exit 2) instead of computing it twice; runs planning disjoint
cells (a job array) share the store."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tests._records import make_record
from wordeval.errors import ConfigError
from wordeval.report.compare import compare
from wordeval.results.run_log import registered
from wordeval.results.store import ResultStore, load_records


def _pos(name, seed):
    rng = np.random.default_rng(seed)
    total = rng.integers(5, 20, size=30)
    return make_record(name, "pos/toy", {"id": list(range(30)), "correct": list(rng.binomial(total, 0.7)),
                                         "total": list(total)}, seed=seed)


PLAN = [(rep, "pos/toy", seed, "cfg") for rep in ("A", "B") for seed in (0, 1, 2)]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_killed_run_leaves_its_unstored_seeds_named_as_not_computed(tmp_path, monkeypatch):
    with ResultStore(tmp_path / "s") as store:
        with registered(store, PLAN) as run_id:
            for rep in ("A", "B"):
                for seed in (0, 1):
                    store.put(_pos(rep, seed))
            store.put(_pos("A", 2))
            # what SIGKILL leaves: the run's row without an end, and a pid no process has any more
            store._db.execute("UPDATE runs SET pid = ? WHERE run_id = ?", (_dead_pid(), run_id))
            records, skipped = load_records(tmp_path / "s")
            assert [(s["embedding"], s["task"], s["seeds"], s["state"]) for s in skipped] == \
                [("B", "pos/toy", [2], "not computed")]
            assert "was killed before computing it" in skipped[0]["reason"]
            comp = compare(records, skipped=skipped, n_boot=20)
            assert comp.summary[0].startswith("Incomplete: 1 planned cell-seed(s) are not in the results "
                                              "(1 not computed): pos/toy on B")
            assert comp.cells[("B", "pos/toy")]["n_seeds"] == 2  # the mean over what is stored, said above


def test_cells_of_a_live_run_are_in_progress_and_a_finished_store_says_nothing(tmp_path):
    with ResultStore(tmp_path / "s") as store:
        with registered(store, PLAN):
            store.put(_pos("A", 0))
            _, skipped = load_records(tmp_path / "s")
            assert {(s["embedding"], tuple(s["seeds"]), s["state"]) for s in skipped} == \
                {("A", (1, 2), "in progress"), ("B", (0, 1, 2), "in progress")}
            for rep in ("A", "B"):
                for seed in (0, 1, 2):
                    store.put(_pos(rep, seed))
    assert load_records(tmp_path / "s")[1] == []


def test_a_second_run_planning_a_cell_of_a_live_run_is_refused_and_disjoint_runs_share(tmp_path):
    with ResultStore(tmp_path / "s") as first, registered(first, PLAN):
        with ResultStore(tmp_path / "s") as second:
            with pytest.raises(ConfigError, match=r"another run \(pid \d+, started .*\) plans 1 of this run's 1 "
                                                  r"cell\(s\) \(e\.g\. pos/toy on B, seed 2\)") as err:
                with registered(second, [("B", "pos/toy", 2, "cfg")]):
                    pass
            assert err.value.exit_code == 2
            with registered(second, [("C", "pos/toy", 0, "cfg")]):  # another label: a job array's other job
                pass
    with ResultStore(tmp_path / "s") as again, registered(again, PLAN):  # the first one has finished
        pass


def test_a_second_cli_run_on_the_same_out_exits_2_with_one_line(tmp_path):
    """Through the command line, with the first run (the same plan) held open in this process."""
    import os

    from wordeval.runner import plan, planned_cells

    vec = tmp_path / "v.txt"
    vec.write_text("".join(f"w{i} {i % 7} {i % 5} 1\n" for i in range(50)))
    out = tmp_path / "s"
    cells = planned_cells(plan([f"v={vec}"], ["similarity/ws353"]))
    with ResultStore(out) as store, registered(store, cells):
        proc = subprocess.run([sys.executable, "-m", "wordeval", "run", f"v={vec}", "--tasks", "similarity/ws353",
                               "--out", str(out)], capture_output=True, text=True,
                              env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "another run" in proc.stderr and "Traceback" not in proc.stderr
    with ResultStore(out, readonly=True) as store:
        assert len(store) == 0


def test_a_live_process_that_reused_a_killed_runs_pid_does_not_block_the_store(tmp_path):
    """A killed run's pid, given to a process started after the run registered, is not that run: it kept
    every later run on the store refused. The live process here is a sleeper started after the registration
    time written into the store."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with ResultStore(tmp_path / "s") as store:
            with registered(store, PLAN) as run_id:
                store._db.execute("UPDATE runs SET pid = ?, started = started - 3600 WHERE run_id = ?",
                                  (sleeper.pid, run_id))
                with ResultStore(tmp_path / "s") as second, registered(second, PLAN):
                    pass
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_killed_run_left_unreaped_is_not_taken_for_a_live_one(tmp_path):
    """A SIGKILLed run whose parent never waits for it (a container without init, a stopped shell) stays a
    zombie with its pid: it was 'in progress' forever, and every rerun of the same command was refused."""
    import os
    import signal
    import time

    with ResultStore(tmp_path / "s") as store:
        zombie = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        try:
            time.sleep(0.05)
            with registered(store, PLAN) as run_id:
                os.kill(zombie.pid, signal.SIGKILL)
                deadline = time.monotonic() + 10
                while not open(f"/proc/{zombie.pid}/stat").read().rsplit(")", 1)[1].split()[0] == "Z":
                    assert time.monotonic() < deadline
                    time.sleep(0.02)
                store._db.execute("UPDATE runs SET pid = ? WHERE run_id = ?", (zombie.pid, run_id))
                _, skipped = load_records(tmp_path / "s")
                assert {s["state"] for s in skipped} == {"not computed"}
                with ResultStore(tmp_path / "s") as second, registered(second, PLAN):
                    pass
        finally:
            zombie.kill()
            zombie.wait()


@pytest.mark.shared_data
def test_the_intrinsic_and_extrinsic_commands_register_their_runs(tmp_path, shared_data):
    """They wrote the store without registering: one killed midway left compare silently averaging the seeds it
    had stored, and two on one --out computed the same cells twice."""
    import os

    vec = tmp_path / "v.txt"
    vec.write_text("".join(f"w{i} {i % 7} {i % 5} 1\n" for i in range(50)))
    proc = subprocess.run([sys.executable, "-m", "wordeval", "-q", "intrinsic", f"v={vec}", "--tasks",
                           "similarity/ws353", "--out", str(tmp_path / "s")], capture_output=True, text=True,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    with ResultStore(tmp_path / "s", readonly=True) as store:
        assert store._db.execute("SELECT outcome FROM runs").fetchall() == [("finished",)]
        assert store._db.execute("SELECT label, task, seed FROM planned").fetchall() == \
            [("v", "similarity/ws353", 0)]
        assert store._db.execute("SELECT record_key FROM cell_records").fetchall() == \
            store._db.execute("SELECT key FROM records").fetchall()


def test_cite_says_on_stderr_that_planned_cells_are_not_stored(tmp_path, capsys, caplog):
    """compare and report say first that a store is incomplete; cite printed its entries, exit 0, silently."""
    import logging

    from wordeval.cli import main

    caplog.set_level(logging.WARNING)
    with ResultStore(tmp_path / "s") as store:
        with registered(store, PLAN) as run_id:
            for rep, seed in (("A", 0), ("A", 1), ("A", 2), ("B", 0), ("B", 1)):
                store.put(_pos(rep, seed))
            store._db.execute("UPDATE runs SET pid = ? WHERE run_id = ?", (_dead_pid(), run_id))
            assert main(["cite", str(tmp_path / "s")]) == 0
            assert "@" in capsys.readouterr().out
            assert [r.getMessage() for r in caplog.records if r.name == "wordeval.notices"] == [
                "wordeval: note: incomplete: 1 planned cell-seed(s) are not in the results (1 not computed): "
                "pos/toy on B; the entries cite only what is stored"]
            store.put(_pos("B", 2))
            caplog.clear()
            assert main(["cite", str(tmp_path / "s")]) == 0  # every planned cell stored: nothing to say
            assert not [r for r in caplog.records if r.name == "wordeval.notices"]
