"""A terminal's Ctrl-C or hang-up (SIGINT, SIGHUP to every process of the group) or a job's SIGTERM during a
--workers run: the client's one line only, not a KeyboardInterrupt traceback from each local worker, nor the
traceback of a LocalCluster that the interrupt stopped while it started. Each case runs in a process group of its own."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import os, signal, sys, time

class Terminated(KeyboardInterrupt):
    pass

class HungUp(Terminated):
    pass

def terminated(signum, frame):
    raise HungUp() if signum == signal.SIGHUP else Terminated()

if __name__ == "__main__":
    signal.signal(signal.SIGTERM, terminated)  # as the command line does
    signal.signal(signal.SIGHUP, terminated)
    from wordeval.distributed import cluster, local_worker

    WHEN, SIG = sys.argv[1], getattr(signal, sys.argv[2])
    if WHEN == "while-starting":
        setup, sent = local_worker.dask_setup, []

        def signalled_setup(nanny):  # the first nanny starts its worker: the scheduler is up, no worker yet
            setup(nanny)
            if not sent:
                sent.append(True)
                os.killpg(0, SIG)

        local_worker.dask_setup = signalled_setup
    try:
        with cluster.open_client(workers=2) as client:
            busy = client.submit(time.sleep, 60, pure=False)  # one worker in a cell, the other idle
            while not any(client.processing().values()):
                time.sleep(0.05)
            time.sleep(0.5)
            os.killpg(0, SIG)
            time.sleep(30)
        sys.stderr.write("not interrupted\\n")
    except KeyboardInterrupt as exc:
        sys.stderr.write("interrupted\\n")
        sys.exit(129 if isinstance(exc, HungUp) else 143 if isinstance(exc, Terminated) else 130)
"""


@pytest.mark.parametrize("when,sig,code", [("while-running", "SIGINT", 130),
                                           ("while-starting", "SIGINT", 130),
                                           ("while-starting", "SIGTERM", 143),
                                           # a closed terminal: the resource tracker died of it, and the
                                           # cluster's close relaunched one that printed a warning and a
                                           # KeyError traceback for each nanny queue's semaphore
                                           ("while-running", "SIGHUP", 129)])
def test_an_interrupt_of_the_whole_group_is_the_clients_line_only(tmp_path, when, sig, code):
    script = tmp_path / "group.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, str(script), when, sig], capture_output=True, text=True, env=env,
                         timeout=120, start_new_session=True, cwd=tmp_path,
                         preexec_fn=_terminal_defaults)
    assert res.stderr == "interrupted\n", res.stderr
    assert res.returncode == code


def _terminal_defaults() -> None:
    """Ctrl-C and a hang-up at their defaults, as under a terminal: a shell's background job ignores them."""
    for sig in (signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
