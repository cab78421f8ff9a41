"""The folder that tests whether a new output's parent takes a new folder is named as wordeval's other
temporaries are (``.NAME.wordeval-PID-HOST.*``): a process killed outright (SIGKILL, a lost node, the OOM
killer) between its mkdir and its rmdir left ``.wordeval-probe-XXXXXXXX`` in the user's folder for good, which
nothing could tell from another program's. The next check of that parent removes it once its process is
gone. The check is killed by itself right after the probe is made (fault injection, not timing); the oracle
is the listing of the parent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from wordeval.output_paths import check_output

ROOT = Path(__file__).resolve().parent.parent

KILLED_AFTER_MKDIR = """
import os, signal, sys, tempfile
from wordeval.output_paths import check_output

mkdtemp = tempfile.mkdtemp

def mkdtemp_then_killed(*args, **kwargs):
    mkdtemp(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)  # the probe is made; nothing of Python's runs after this

tempfile.mkdtemp = mkdtemp_then_killed
check_output(sys.argv[1], "report")
"""


def test_a_probe_left_by_a_killed_check_is_removed_by_the_next_check(tmp_path):
    parent = tmp_path / "papers"
    parent.mkdir()
    (parent / "draft.tex").write_text("the user's own file\n", encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", KILLED_AFTER_MKDIR, str(parent / "report")],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    [left] = [name for name in os.listdir(parent) if name != "draft.tex"]
    assert left.startswith(".wordeval-probe")  # the killed check's probe

    check_output(parent / "report", "report")  # was: the leftover stayed, and one more per killed check
    assert os.listdir(parent) == ["draft.tex"]
