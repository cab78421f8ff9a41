"""A command whose standard output cannot be written (a full disk, `ulimit -f`) says so in one line and exits 2.

Its output's last block is flushed when the process exits, where errors were ignored: `datasets list > FILE`
on a full disk lost the output with exit code 0; written through (PYTHONUNBUFFERED) the same error was a
traceback calling itself a bug in wordeval. /dev/full is the oracle: every write to it fails with ENOSPC."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs Linux's /dev/full")


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "write-through"])
def test_a_full_disk_under_stdout_is_one_line_and_exit_2(unbuffered):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = str(ROOT)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    with open("/dev/full", "w") as full:
        res = subprocess.run([sys.executable, "-m", "wordeval", "datasets", "list"], stdout=full,
                             stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    assert res.returncode == 2, res.stderr
    assert res.stderr.splitlines() == [
        "wordeval: error: standard output: cannot write: the disk is full: free space there (or point the output "
        "elsewhere) and run again (No space left on device)"], res.stderr


def test_a_closed_pipe_is_still_not_an_error():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "wordeval", "datasets", "list"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    proc.stdout.close()  # the reader is gone before the first line (`| head -0`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0 and err == "", err
