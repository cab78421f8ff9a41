"""The commonest --tasks mistakes get a one-line error (exit 2, nothing written) whose hint is true: a family
the command does not run, a misspelt family, a task named without its family."""
from __future__ import annotations

import pytest

from wordeval.cli import main


def _error(capsys, argv, tmp_path) -> str:
    out = tmp_path / "R"
    assert main(["--quiet", *argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    assert not out.exists()
    return err


@pytest.mark.parametrize("command, family, kind", [("intrinsic", "ner", "extrinsic"),
                                                   ("extrinsic", "similarity", "intrinsic")])
def test_a_family_of_the_other_command_says_which_command_runs_it(command, family, kind, capsys, tmp_path):
    err = _error(capsys, [command, "glove-6b-50d", "--tasks", family], tmp_path)
    # the message get_task gives for a family ("only the command line's --tasks expands a family") is false here
    assert "only the command line" not in err
    assert f"{family} is an {kind} family" in err and "wordeval run takes every family" in err


@pytest.mark.parametrize("command, typo, family", [("intrinsic", "similarty", "similarity"),
                                                   ("run", "Similarity", "similarity"),
                                                   ("extrinsic", "classificaton", "classification")])
def test_a_misspelt_family_is_suggested_as_the_family(command, typo, family, capsys, tmp_path):
    err = _error(capsys, [command, "glove-6b-50d", "--tasks", typo], tmp_path)
    assert f"did you mean the family '{family}'" in err


@pytest.mark.parametrize("short, full", [("ws353", "similarity/ws353"), ("simlex", "similarity/simlex999"),
                                         ("conll2003", "ner/conll2003")])
def test_a_task_without_its_family_is_suggested_with_it(short, full, capsys, tmp_path):
    command = "extrinsic" if full.startswith("ner/") else "intrinsic"
    err = _error(capsys, [command, "glove-6b-50d", "--tasks", short], tmp_path)
    assert f"did you mean '{full}'" in err and "FAMILY/NAME" in err
