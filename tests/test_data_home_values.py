"""Data-home values that name no folder: ``--data-home ""`` (or ``data_home=""``) resolved to the current
folder and was searched as a data home; ``datasets verify`` with a data home that does not exist printed
"skip ... not available offline" for every dataset and exited 0. Both are now a user error: one line, exit 2."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wordeval.datasets.load import load
from wordeval.errors import ConfigError
from wordeval.paths import data_homes

ROOT = Path(__file__).resolve().parents[1]
RG65 = Path("word-sim/faruqui/EN-RG-65.txt")


@pytest.mark.parametrize("value", ["", "  ", [""], ["/tmp", ""]])
def test_an_empty_data_home_is_an_error_not_the_current_folder(value):
    with pytest.raises(ConfigError, match="^data_home: an empty path"):
        data_homes(value)


def test_an_empty_data_home_does_not_read_the_current_folder(tmp_path, monkeypatch):
    if not (Path(os.environ.get("WORDEVAL_DATA", "/nonexistent")) / RG65).is_file():
        pytest.skip("needs WORDEVAL_DATA with RG-65")
    here = tmp_path / RG65
    here.parent.mkdir(parents=True)
    here.write_bytes((Path(os.environ["WORDEVAL_DATA"]) / RG65).read_bytes())
    monkeypatch.chdir(tmp_path)  # a current folder that holds the file: it was loaded from there
    with pytest.raises(ConfigError):
        load("rg65", data_home="", allow_download=False)


def _datasets(*args, home=None):
    env = {k: v for k, v in os.environ.items() if k != "WORDEVAL_DATA"}
    env.update({"HF_HUB_OFFLINE": "1", "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])})
    if home is not None:
        env["WORDEVAL_DATA"] = home
    return subprocess.run([sys.executable, "-m", "wordeval", "datasets", *args], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)


@pytest.mark.parametrize("how", ["option", "variable", "empty"])
def test_verify_with_a_data_home_that_is_not_there_is_exit_2_in_one_line(tmp_path, how):
    missing = str(tmp_path / "no-such-home")
    if how == "option":
        res = _datasets("--data-home", missing, "verify")
    elif how == "variable":
        res = _datasets("verify", "rg65", home=missing)
    else:
        res = _datasets("--data-home", "", "verify", "rg65")
    assert res.returncode == 2, (res.stdout[-500:], res.stderr)
    assert res.stdout == "" and len(res.stderr.strip().splitlines()) == 1
    assert (missing in res.stderr) if how != "empty" else ("empty path" in res.stderr)


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_home_goes_before_or_after_the_action(tmp_path, capsys, where, monkeypatch):
    """``datasets verify --data-home X`` was 'unrecognized arguments' (only ``datasets --data-home X verify``
    was taken). Either place is read: a home that is not there is named in the error, and one that holds
    RG-65 verifies it."""
    from wordeval.cli import main

    shared = Path(os.environ.get("WORDEVAL_DATA", "/nonexistent"))
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)

    def argv(home):
        return (["datasets", "--data-home", str(home), "verify", "rg65"] if where == "before"
                else ["datasets", "verify", "rg65", "--data-home", str(home)])

    missing = tmp_path / "nowhere"
    assert main(argv(missing)) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"wordeval: error: {missing}: data home (--data-home) does not exist or is not a folder"
    if (shared / RG65).is_file():
        assert main(argv(shared)) == 0
        assert capsys.readouterr().out.startswith(f"ok    rg65 [data_home:{shared.resolve()}]")
