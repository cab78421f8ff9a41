"""A reader that stops early (`wordeval status STORE | grep -q running`, `| head -1`) does not change the exit code
or cut the command short. Where stdout writes through (PYTHONUNBUFFERED=1, usual in CI and containers) the first
write after the reader left raised BrokenPipeError through the command, which the command line mapped to exit 0:
`status` on a store with a skipped cell said 0 instead of its 3, and `intrinsic` lost the summary on stderr. The
oracle is the same command with its output read whole (status: 3 for a skipped cell, as README's exit codes say)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests._records import pos_record
from wordeval.results.store import ResultStore

ROOT = Path(__file__).resolve().parent.parent


def _status(store, *, read: bool) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "wordeval", "status", str(store)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    if read:
        proc.stdout.read()
    proc.stdout.close()  # before the first line when not read (`| head -0`; grep -q after its match)
    err = proc.stderr.read().decode()
    return proc.wait(timeout=120), err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_a_reader_that_left_keeps_the_exit_code_of_status(tmp_path):
    with ResultStore(tmp_path / "s") as store:
        store.put(pos_record("A", 0))
        store.put_task_skipped("pos/other", ["A"], "no source could provide the files")
    assert _status(tmp_path / "s", read=True) == (3, "")
    assert _status(tmp_path / "s", read=False) == (3, "")


def test_writes_after_the_reader_left_are_dropped_not_raised():
    from wordeval.cli.console import VisibleStdout

    class GonePipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        flush = write

    out = VisibleStdout(GonePipe())
    assert out.write("first\n") == 6 and out.write("second\n") == 7
    out.flush()
