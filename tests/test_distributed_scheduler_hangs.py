"""A scheduler that hangs (SIGSTOP) mid-run kept its connection open, so the client waited for ever (seen for
more than 85 s). The client now probes a scheduler from which no result came for a while and ends the run when
it does not answer within the bound: one line, exit code 2, the records that came back stored."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from tests._dask_scheduler import start_scheduler  # noqa: E402
from tests._small_task import write_small_task  # noqa: E402
from wordeval import runner  # noqa: E402
from wordeval.results.store import ResultStore  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LABELS = "ABCD"


def _slow_cells() -> None:  # run on the worker (pickled by value): each cell takes 2 s more
    from wordeval import runner as worker_runner

    original = worker_runner.compute_cell

    def slowed(*args, **kwargs):
        time.sleep(2)
        return original(*args, **kwargs)

    worker_runner.compute_cell = slowed


def _stored(out: Path) -> int:
    if not (out / "results.sqlite").exists():
        return 0
    # a store the run is still creating reads as empty (ResultStore's in_creation)
    with ResultStore(out, readonly=True) as store:
        return len(store)


def test_a_scheduler_that_hangs_mid_run_ends_it_in_one_line_and_keeps_what_was_stored(tmp_path, monkeypatch):
    import cloudpickle
    from distributed import Client

    from wordeval.distributed import execute as execute_module
    from wordeval.distributed.execute import CellError, execute_distributed

    monkeypatch.setattr(execute_module, "SCHEDULER_PROBE_AFTER", 1.0)
    monkeypatch.setattr(execute_module, "SCHEDULER_ANSWER_WITHIN", 3.0)
    vectors, spec = write_small_task(tmp_path)
    plan = runner.plan([f"{label}={vectors}" for label in LABELS], [str(spec)])
    assert len(plan.cells) == len(LABELS)
    dask = str(Path(sys.executable).with_name("dask"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    address, scheduler = start_scheduler(tmp_path, env=env)
    started = [scheduler]
    out = tmp_path / "out"
    box: dict = {}
    try:
        started.append(subprocess.Popen([dask, "worker", address, "--nthreads", "1"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, env=env, cwd=tmp_path))
        cloudpickle.register_pickle_by_value(sys.modules[__name__])
        try:
            with Client(address, timeout="60s") as c:
                c.wait_for_workers(1, timeout=120)
                c.run(_slow_cells)
        finally:
            cloudpickle.unregister_pickle_by_value(sys.modules[__name__])

        def client_run() -> None:
            try:
                with ResultStore(out) as store:
                    box["summary"] = execute_distributed(plan, store, scheduler=address)
            except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
                box["error"] = exc

        thread = threading.Thread(target=client_run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 120
        while _stored(out) == 0 and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        scheduler.send_signal(signal.SIGSTOP)  # hangs with its socket open, as a frozen machine's
        thread.join(120)  # a hang detector, not a timing claim: without the bound the run never returns
        assert not thread.is_alive(), "the run still waits on a scheduler that does not answer"
    finally:
        scheduler.send_signal(signal.SIGCONT)
        for proc in reversed(started):
            proc.terminate()
        for proc in started:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    error = box.get("error")
    assert isinstance(error, CellError), box
    assert error.exit_code == 2 and "\n" not in str(error)
    assert str(error).startswith(f"the scheduler at {address} did not answer for 3 s"), error
    stored = _stored(out)
    assert 1 <= stored < len(LABELS)
    assert f"; {stored} of {len(LABELS)} cells were done and are stored: run the same command again" in str(error)
