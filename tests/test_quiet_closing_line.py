"""-q's help said 'no progress bars or info messages', yet a quiet run still ends with '1 computed, 0 already
stored, ...' and a quiet report with 'report written to ...': the command's outcome, which scripts (and this
suite) read under -q. The help and README now say that line stays; these tests hold the two together."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main

ROOT = Path(__file__).resolve().parent.parent
PROMISE = ("no progress bars or info messages (the closing line saying what was computed, skipped or written "
           "stays, as do notes and warnings)")


@pytest.mark.parametrize("command", ["run", "intrinsic", "report", "datasets"])
def test_the_help_says_what_quiet_keeps(command, capsys):
    assert main([command, "--help"]) == 0
    assert PROMISE in " ".join(capsys.readouterr().out.split())


def test_quiet_leaves_the_info_messages_out_and_keeps_the_closing_line(tmp_path):
    vectors, spec = write_small_task(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(tmp_path / "cache")}

    def stderr(*argv):
        done = subprocess.run([sys.executable, "-m", "wordeval", *argv], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stderr.splitlines()

    loud = stderr("run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "loud"))
    assert any(line.startswith("stored similarity/mine on A") for line in loud), loud  # an info message
    quiet = stderr("-q", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "s"))
    assert len(quiet) == 1 and quiet[0].startswith("1 computed, 0 already stored, 0 skipped"), quiet
    quiet = stderr("report", str(tmp_path / "s"), "--out", str(tmp_path / "rep"), "--n-boot", "10", "--quiet")
    assert len(quiet) == 1 and quiet[0].startswith(f"report written to {tmp_path / 'rep'} ("), quiet
