"""A first `make` interrupted while `python -m venv` ran ensurepip (its first seconds) left .venv/bin/python
without pip. The recipe made the venv only where no python was there, so every later `make test` or `make demo`
stopped on "No module named pip" until `make clean`. The oracle: after the next `make`, the venv's python has
pip. The install itself is made to fail at once (no index, a torch wheel that does not exist): only the venv
step is under test."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_a_venv_left_without_pip_is_made_again(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)  # as a Ctrl-C leaves it
    python = venv / "bin" / "python"
    # what its user put there (a venv made by another tool: uv's has no pip) is never cleared away
    kept = venv / "kept-by-its-user.txt"
    kept.write_text("mine")
    assert subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode != 0
    env = {**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": ""}
    res = subprocess.run(["make", "-C", str(ROOT), f"VENV={venv}", f"PYTHON={sys.executable}",
                          f"TORCH_SPEC={tmp_path / 'no-such-torch.whl'}", "install"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode != 0  # the install cannot succeed here; the venv must have been made again first
    assert "No module named pip" not in res.stderr
    assert subprocess.run([python, "-m", "pip", "--version"], capture_output=True).returncode == 0
    assert not (venv / ".installed").exists()
    assert kept.read_text() == "mine"
