"""Every benchmark script runs in its ``--smoke`` mode (seconds) and writes NAME.md and NAME.json, so the
scripts cannot rot between the runs that produce reports/benchmarks/."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = [("bench_ner.py", "ner")]  # (script in benchmarks/, report NAME)


@pytest.mark.parametrize("script,name", SCRIPTS)
def test_benchmark_smoke(tmp_path, script, name):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "WORDEVAL_QUIET": "1"}
    res = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "--smoke", "--out", str(tmp_path)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    assert (tmp_path / f"{name}.md").is_file() and (tmp_path / f"{name}.json").is_file()
