"""A --workers run that fails (a cell raises on a worker, its workers die, the cluster cannot start) is one line
naming the cell and the file that keeps Dask's log, not Dask's log lines and the workers' tracebacks on stderr;
a run that succeeds shows no Dask line either. Each case is the command line in a process of its own, on a real
LocalCluster of 2 workers, with faults injected by a Dask worker preload (the user's preloads run too)."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests._small_task import write_small_task

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent

INJECT = """
import os, signal

def dask_setup(worker):
    from wordeval import runner
    how = os.environ.get("INJECT", "")

    def compute_cell(cell, *args, **kwargs):
        if how == "raise":
            raise ValueError("injected fault in " + cell.task.name)
        os.kill(os.getpid(), signal.SIGKILL)

    if how:
        runner.compute_cell = compute_cell
"""


def _run(tmp_path, inject: str, preloads=("inject_fault",)):
    vectors, spec = write_small_task(tmp_path)
    (tmp_path / "inject_fault.py").write_text(INJECT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)]), "INJECT": inject,
           "DASK_DISTRIBUTED__WORKER__PRELOAD": json.dumps(list(preloads)),
           "WORDEVAL_CACHE": str(tmp_path / "cache")}
    res = subprocess.run([sys.executable, "-m", "wordeval", "run", str(vectors), "--tasks", str(spec),
                          "--workers", "2", "--out", str(tmp_path / "R"), "-q"],
                         capture_output=True, text=True, env=env, timeout=240, cwd=tmp_path)
    return res, tmp_path / "R" / "results.dask.log"


def _no_dask_lines(stderr: str) -> None:
    assert "distributed." not in stderr and "Traceback" not in stderr and "marked as failed" not in stderr, stderr


def _kept_log(line: str, before: str, tmp_path) -> Path:
    """The log the error line names after ``before``: the run stored nothing, so its new --out went
    (``store_discard``) and the log was moved to a temporary file, as where the cluster cannot start."""
    head, sep, kept = line.partition(before)
    assert sep and not (tmp_path / "R").exists(), line
    return Path(kept)


def test_a_cell_that_raises_on_a_worker_is_one_line_naming_it_and_the_log_with_its_traceback(tmp_path):
    res, _ = _run(tmp_path, "raise")
    _no_dask_lines(res.stderr)
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"wordeval: error: similarity/mine on {tmp_path / 'v.txt'} (seed 0): ValueError: injected fault in "
        f"similarity/mine on a worker (tried 3 times); "
        f"this is a bug in wordeval, not in your input: please report it with the command line and the "
        f"traceback in "), res.stderr
    assert res.returncode == 1  # the exit code of a bug (wordeval.cli)
    log = _kept_log(lines[0], "the traceback in ", tmp_path)
    kept = log.read_text(encoding="utf-8")
    assert "Compute Failed" in kept and 'raise ValueError("injected fault in " + cell.task.name)' in kept
    log.unlink()


def test_a_cell_whose_workers_die_every_time_is_one_line_naming_it_and_the_log(tmp_path):
    res, _ = _run(tmp_path, "die")
    _no_dask_lines(res.stderr)
    lines = res.stderr.splitlines()
    assert len(lines) == 2 and lines[0] == (
        "a worker process died (killed, or out of memory?): a new one starts, and a cell it was running "
        "runs again")
    assert lines[1].startswith(
        f"wordeval: error: similarity/mine on {tmp_path / 'v.txt'} (seed 0): the worker processes running it died "
        f"each time it was tried (out of memory? killed?); Dask's log: "), res.stderr
    assert res.returncode == 2
    log = _kept_log(lines[1], "Dask's log: ", tmp_path)
    assert "marked as failed because 4 workers died" in log.read_text(encoding="utf-8")
    log.unlink()


def test_a_cluster_that_cannot_start_is_one_line_with_the_cause_and_the_log(tmp_path):
    """The run leaves no new --out folder (tests/test_distributed_cluster_start.py): its log, kept in a
    temporary file, is the one the line names."""
    res, _ = _run(tmp_path, "", preloads=("inject_fault", "no_such_preload_module"))
    _no_dask_lines(res.stderr)
    head, sep, kept = res.stderr.strip().partition("; Dask's log: ")
    assert head == ("wordeval: error: the local Dask cluster did not start (ModuleNotFoundError: No module "
                    "named 'no_such_preload_module')") and sep and "\n" not in kept, res.stderr
    assert res.returncode == 2
    assert "Failed to initialize worker" in Path(kept).read_text(encoding="utf-8")
    Path(kept).unlink()


def test_a_run_that_succeeds_shows_no_dask_line_and_keeps_its_log(tmp_path):
    res, log = _run(tmp_path, "")
    assert res.returncode == 0, res.stderr
    _no_dask_lines(res.stderr)
    assert res.stderr.startswith("1 computed, 0 already stored"), res.stderr
    kept = log.read_text(encoding="utf-8")
    assert kept.startswith("=== wordeval run, pid ") and "distributed.worker - INFO - Starting Worker plugin" in kept



def _kill_self():
    os.kill(os.getpid(), signal.SIGKILL)


def test_the_workers_log_config_stays_in_the_environment_until_the_cluster_is_closed(tmp_path, monkeypatch):
    """A nanny restarting a dead worker writes the variables into this process's environment and spawns it
    from there: put back before the cluster closed, a worker restarted as the run ended started without its
    log config and logged in Dask's format to stderr (seen once in a loaded CI run)."""
    from distributed import LocalCluster

    from wordeval.distributed import cluster, dask_log

    monkeypatch.delenv(dask_log.ENV, raising=False)
    seen_at_close = []
    close = LocalCluster.close

    def recording_close(self, *args, **kwargs):
        seen_at_close.append(os.environ.get(dask_log.ENV))
        return close(self, *args, **kwargs)

    monkeypatch.setattr(LocalCluster, "close", recording_close)
    log = tmp_path / "d.log"
    config = dask_log.worker_environ(log)[dask_log.ENV]
    with cluster.open_client(workers=1, log_file=log) as client:
        first, = client.scheduler_info()["workers"]
        with contextlib.suppress(Exception):
            client.run(_kill_self, workers=[first])
        deadline = time.monotonic() + 60
        while set(client.scheduler_info()["workers"]) in (set(), {first}) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(client.run(os.environ.get, dask_log.ENV).values()) == [config]  # the restarted worker
    assert seen_at_close == [config]
    assert dask_log.ENV not in os.environ  # put back once closed
