"""A scheduler that goes away or hangs after `wordeval run --scheduler` reached it but before the first cell
was submitted: while the run was planned (after its reachability check), or while the run registered its
plugin on the workers. The run waited for ever on a stopped scheduler, raised distributed's CommClosedError
(a traceback, exit 1) on a killed one, or left a store of no records behind; each case is now one line naming
the address, exit 2, within a bound, and no store is created."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from tests._dask_scheduler import start_scheduler  # noqa: E402
from tests._small_task import write_small_task  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def scheduler(tmp_path_factory):
    """A real `dask scheduler` process (no workers): (address, process); killed and reaped afterwards."""
    address, proc = start_scheduler(tmp_path_factory.mktemp("scheduler"))
    try:
        yield address, proc
    finally:
        proc.send_signal(signal.SIGCONT)
        proc.kill()
        proc.wait(timeout=30)


def _run_cli(tmp_path, address: str, bound: float = 60) -> tuple[int, str]:
    """The command in a thread: a hang detector, not a timing claim (without the fix it never returned)."""
    from wordeval.cli import main

    vectors, spec = write_small_task(tmp_path)
    box: dict = {}

    def target() -> None:
        box["code"] = main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "o"),
                            "--scheduler", address])

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(bound)
    assert not thread.is_alive(), "the run still waits on a scheduler that does not answer"
    return box["code"]


def _after_connect(monkeypatch, nth: int, action) -> None:
    """``action()`` once the nth connection to the scheduler is made (1: run's check, 2: the run's own)."""
    from wordeval.distributed import cluster

    real, made = cluster.connect, []

    def connect(*args, **kwargs):
        client = real(*args, **kwargs)
        made.append(client)
        if len(made) == nth:
            action()
        return client

    monkeypatch.setattr(cluster, "connect", connect)


def _one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("wordeval: error: "), err
    return err


@pytest.mark.parametrize("nth", [1, 2])
def test_a_scheduler_killed_before_the_first_cell_is_one_line_and_no_store(tmp_path, capfd, monkeypatch,
                                                                            scheduler, nth):
    from wordeval.distributed import execute

    address, proc = scheduler
    # Dask reconnects to a killed scheduler for 30 s before it says the connection is lost: the bound says it first
    monkeypatch.setattr(execute, "SCHEDULER_ANSWER_WITHIN", 3.0)
    _after_connect(monkeypatch, nth, lambda: (proc.kill(), proc.wait()))
    capfd.readouterr()
    code = _run_cli(tmp_path, address)
    err = _one_line(capfd.readouterr().err)
    assert code == 2
    assert address in err, err
    assert not (tmp_path / "o").exists()


def test_a_scheduler_that_hangs_while_the_plugin_is_registered_is_one_line_and_no_store(tmp_path, capfd,
                                                                                         monkeypatch, scheduler):
    from wordeval.distributed import execute

    address, proc = scheduler
    monkeypatch.setattr(execute, "SCHEDULER_ANSWER_WITHIN", 2.0)
    _after_connect(monkeypatch, 2, lambda: proc.send_signal(signal.SIGSTOP))  # its socket stays open
    capfd.readouterr()
    code = _run_cli(tmp_path, address)
    err = _one_line(capfd.readouterr().err)
    assert code == 2
    assert err.startswith(f"wordeval: error: the scheduler at {address} gave no answer within 2 s while "
                          f"registering wordeval's plugin on its workers"), err
    assert not (tmp_path / "o").exists()


def test_a_port_that_closes_the_connection_at_once_is_one_line_and_no_store(tmp_path, capfd):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)

    def close_each() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:  # closed by the test
                return
            conn.close()

    threading.Thread(target=close_each, daemon=True).start()
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    try:
        code = _run_cli(tmp_path, address)
    finally:
        server.close()
    err = _one_line(capfd.readouterr().err)
    assert code == 2 and err.startswith(f"wordeval: error: --scheduler {address}: cannot connect"), err
    assert not (tmp_path / "o").exists()


def _run_cli_from_environment(tmp_path, monkeypatch, address: str, *extra: str) -> int:
    from wordeval.cli import main

    monkeypatch.setenv("WORDEVAL_SCHEDULER", address)
    vectors, spec = write_small_task(tmp_path)
    box: dict = {}

    def target() -> None:
        box["code"] = main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "o"),
                            *extra])

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the run still waits on a scheduler that does not answer"
    return box["code"]


@pytest.mark.parametrize("when", ["killed after the check", "killed after the run's connect",
                                  "hangs after the run's connect"])
def test_a_scheduler_from_the_environment_is_named_so_by_every_setup_error(tmp_path, capfd, monkeypatch,
                                                                          scheduler, when):
    """The run's second connect said `--scheduler ADDR: nothing listens there` of an address the user never
    typed, and the plugin's errors `the scheduler at ADDR`, without a word of WORDEVAL_SCHEDULER."""
    from wordeval.distributed import execute

    address, proc = scheduler
    monkeypatch.setattr(execute, "SCHEDULER_ANSWER_WITHIN", 2.0)
    action = (lambda: proc.send_signal(signal.SIGSTOP)) if when.startswith("hangs") else (
        lambda: (proc.kill(), proc.wait()))
    _after_connect(monkeypatch, 1 if when == "killed after the check" else 2, action)
    capfd.readouterr()
    code = _run_cli_from_environment(tmp_path, monkeypatch, address)
    err = _one_line(capfd.readouterr().err)
    assert code == 2
    if when == "killed after the check":
        assert err.startswith(f"wordeval: error: WORDEVAL_SCHEDULER={address}: nothing listens there"), err
    elif when.startswith("hangs"):
        assert err.startswith(f"wordeval: error: the scheduler at {address} (from WORDEVAL_SCHEDULER) gave no "
                              f"answer within 2 s while registering wordeval's plugin"), err
    else:
        assert f"the scheduler at {address} (from WORDEVAL_SCHEDULER)" in err, err
    assert "--scheduler" not in err, err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("source", ["option", "environment"])
def test_a_client_without_dask_names_where_the_address_came_from(tmp_path, capsys, monkeypatch, source):
    import importlib.util

    from wordeval.cli import main

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else
                        find_spec(name, *a))
    monkeypatch.delenv("WORDEVAL_SCHEDULER", raising=False)
    base = ["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(tmp_path / "o")]
    address = ["--scheduler", "tcp://127.0.0.1:8786"] if source == "option" else []
    if source == "environment":
        monkeypatch.setenv("WORDEVAL_SCHEDULER", "tcp://127.0.0.1:8786")
    named = "--scheduler " if source == "option" else "WORDEVAL_SCHEDULER="
    assert main([*base, *address]) == 2
    err = capsys.readouterr().err
    assert err == f"wordeval: error: {named}tcp://127.0.0.1:8786 needs Dask: pip install 'wordeval[dask]'\n", err
    assert main([*base, "--workers", "2"]) == 2  # --workers wins over the environment
    assert capsys.readouterr().err == "wordeval: error: --workers needs Dask: pip install 'wordeval[dask]'\n"
    assert not (tmp_path / "o").exists()


@pytest.fixture
def scheduler_with_a_worker(scheduler):
    address, proc = scheduler
    worker = subprocess.Popen([str(Path(sys.executable).with_name("dask")), "worker", address, "--nthreads", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        from distributed import Client

        with Client(address, timeout="60s") as c:
            c.wait_for_workers(1, timeout=120)
        yield address
    finally:
        worker.kill()
        worker.wait(timeout=30)


def test_a_run_on_a_scheduler_from_the_environment_names_it_so_and_says_its_workers_once(tmp_path,
                                                                                         scheduler_with_a_worker):
    """The resource check (made once the run connected again) named the scheduler without WORDEVAL_SCHEDULER,
    and the line of its workers and dashboard was said twice."""
    import os

    address = scheduler_with_a_worker
    vectors, spec = write_small_task(tmp_path)
    env = {**os.environ, "WORDEVAL_SCHEDULER": address, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-m", "wordeval", "run", f"A={vectors}", "--tasks", str(spec), "--out",
                          str(tmp_path / "o"), "--worker-resources", "similarity=GPU=1"], capture_output=True,
                         text=True, env=env, timeout=120, cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    err = res.stderr
    assert err.count(f"Dask: the scheduler at {address} (from WORDEVAL_SCHEDULER), 1 worker(s) now") == 1, err
    assert (f"wordeval: error: --worker-resources asks for GPU=1 but none of the 1 workers of the scheduler at "
            f"{address} (from WORDEVAL_SCHEDULER) offers it (start workers with `dask worker {address} "
            f"--resources \"GPU=1\"`)\n") in err, err
    # refused before the store was made: an empty results.sqlite was left behind
    assert not (tmp_path / "o" / "results.sqlite").exists()


def test_a_rerun_into_a_store_that_holds_every_cell_needs_no_resource(tmp_path, scheduler_with_a_worker):
    """The resource check before the store judges only a new store, whose every cell is to be computed: a
    rerun whose cells are all stored needs nothing of the workers and is not refused."""
    import os

    address = scheduler_with_a_worker
    vectors, spec = write_small_task(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("WORDEVAL_SCHEDULER", None)
    command = [sys.executable, "-m", "wordeval", "run", f"A={vectors}", "--tasks", str(spec), "--out",
               str(tmp_path / "o")]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([*command, "--scheduler", address, "--worker-resources", "similarity=GPU=1"],
                           capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 computed, 1 already stored" in again.stderr, again.stderr


def test_a_workers_run_says_its_cluster_and_dashboard_once(tmp_path):
    """--workers said its LocalCluster twice, in two wordings ('Dask LocalCluster at ...: 1 worker processes
    ...; dashboard: URL', then 'Dask: the local cluster, 1 worker(s) now; dashboard: URL')."""
    import os

    vectors, spec = write_small_task(tmp_path)
    res = subprocess.run([sys.executable, "-m", "wordeval", "run", f"A={vectors}", "--tasks", str(spec), "--out",
                          str(tmp_path / "o"), "--workers", "1"], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stderr.count("dashboard: ") == 1 and "Dask LocalCluster at " in res.stderr, res.stderr
