"""A closed terminal (SIGHUP to the whole process group) while corpus builds run in their child: the run's
one line only. multiprocessing's resource tracker, started for the child, ignores SIGINT and SIGTERM but not
SIGHUP: it died of the hang-up, and the run's exit, unlinking its semaphores (loky's, in the demo), relaunched
one that printed a warning and a KeyError traceback for each of them (seen on `wordeval demo --suite quick
--only GloVe-6B-50d LSA-news` hung up during its LSA build). Oracle: the run's stderr."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGHUP, process groups, /proc")

# as a run does: the command line's SIGHUP handler, a Prebuilder building in its child, a semaphore of the
# run's own (loky's in the demo) registered with the tracker
RUN = """
import multiprocessing, os, signal, sys, time
from wordeval.cli import _handle_sigterm
from wordeval.prebuild import Prebuilder
if __name__ == "__main__":
    _handle_sigterm()
    try:
        with Prebuilder(["lsa:corpus={corpus},dim=2"]):
            lock = multiprocessing.get_context("spawn").Lock()
            print("started", flush=True)
            time.sleep(600)
    except KeyboardInterrupt:
        sys.stderr.write("hung up\\n")
        sys.exit(129)
"""


def test_a_hang_up_of_the_group_is_the_runs_one_line_not_the_resource_trackers(tmp_path):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("a b c d e\n" * 50, encoding="utf-8")
    script = tmp_path / "run.py"
    script.write_text(RUN.format(corpus=corpus), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(tmp_path / "cache")}
    run = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, env=env, start_new_session=True)
    try:
        run.stdout.readline()  # the child and the tracker have started
        time.sleep(0.5)
        os.killpg(run.pid, signal.SIGHUP)
        _, err = run.communicate(timeout=60)
    finally:
        run.kill()
    assert "resource_tracker" not in err and "Traceback" not in err, err
    assert (run.returncode, err) == (129, "hung up\n")
