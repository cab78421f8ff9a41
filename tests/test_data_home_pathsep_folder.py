"""A data home whose folder name holds os.pathsep (':' on POSIX: '/data/run:2'). WORDEVAL_DATA is split on it,
so the folder was read as two homes and the error said that '/data/run' does not exist, naming neither the
folder nor how to give it; the README did not say either. The error now names the folder and --data-home,
which takes it whole."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wordeval.errors import ConfigError
from wordeval.paths import data_homes

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(os.pathsep != ":", reason="a ':' in a folder name is POSIX's case")


def test_the_variable_names_the_folder_it_cut_and_the_option_that_takes_it(tmp_path, monkeypatch):
    home = tmp_path / "data:home"
    home.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv("WORDEVAL_DATA", f"{other}:{home}")
    with pytest.raises(ConfigError, match=f"WORDEVAL_DATA: {home} is a folder whose name holds ':'.*--data-home"):
        data_homes()
    assert data_homes([str(home)]) == [home.resolve()]


def test_a_home_that_is_missing_for_another_reason_is_still_named_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_DATA", f"{tmp_path}:{tmp_path / 'nowhere'}")
    with pytest.raises(Exception, match=f"^{tmp_path / 'nowhere'}: data home .WORDEVAL_DATA. does not exist"):
        data_homes()


def test_the_cli_says_it_in_one_line_exit_2(tmp_path):
    home = tmp_path / "data:home"
    home.mkdir()
    env = {**os.environ, "WORDEVAL_DATA": str(home), "HF_HUB_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    res = subprocess.run([sys.executable, "-m", "wordeval", "datasets", "list"], capture_output=True, text=True,
                         env=env, timeout=120, cwd=tmp_path)
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.count("\n") == 1 and f"{home} is a folder whose name holds ':'" in res.stderr
