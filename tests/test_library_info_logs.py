"""On a fresh machine `wordeval report` let matplotlib's INFO line "generated new fontManager" through to stderr:
the root logger was at INFO for wordeval's own lines, and every library's INFO came with them. Now the
libraries say only their warnings unless --verbose; wordeval's own info lines and the closing line stay.

Oracle: matplotlib itself, asked with its logger at INFO, does log that line on an empty MPLCONFIGDIR (the
first test), so the report test below can fail."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests._small_task import write_small_task

ROOT = Path(__file__).resolve().parent.parent
FONT_LINE = "generated new fontManager"


def _env(tmp_path, mpl: Path) -> dict:
    mpl.mkdir()
    return {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(tmp_path / "cache"), "MPLCONFIGDIR": str(mpl),
            "HF_HUB_OFFLINE": "1"}


def test_matplotlib_logs_the_line_at_info_on_an_empty_config_folder(tmp_path):
    pytest.importorskip("matplotlib")
    code = "import logging; logging.basicConfig(level=logging.INFO); import matplotlib.font_manager"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=_env(tmp_path, tmp_path / "mpl"), timeout=300)
    assert FONT_LINE in done.stderr, done.stderr


def test_report_on_a_fresh_machine_writes_only_its_own_line(tmp_path):
    pytest.importorskip("matplotlib")
    vectors, spec = write_small_task(tmp_path)
    env = _env(tmp_path, tmp_path / "mpl")

    def wordeval(*argv):
        done = subprocess.run([sys.executable, "-m", "wordeval", *argv], capture_output=True, text=True, env=env,
                              cwd=tmp_path, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stderr.splitlines()

    wordeval("-q", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "S"))
    assert not any((tmp_path / "mpl").iterdir())  # the report below builds matplotlib's font cache
    said = wordeval("report", str(tmp_path / "S"), "--out", str(tmp_path / "rep"), "--n-boot", "10")
    assert len(said) == 1 and said[0].startswith(f"report written to {tmp_path / 'rep'} ("), said
    assert any((tmp_path / "mpl").iterdir())  # it was a fresh font cache

