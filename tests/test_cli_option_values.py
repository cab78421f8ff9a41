"""Bad values of the command line's options, found by trying each option with an empty, negative, huge,
non-numeric or repeated value and misspelt names: each is one line on stderr naming the option and what was
expected, exit code 2, and nothing written, before any representation or task is loaded.

- ``run --suite ""`` (an unset shell variable) ran the whole default suite, and ``demo --suite dflt`` loaded
  the demo's representations before the suite was refused."""
from __future__ import annotations

import pytest

from wordeval.cli import main


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("wordeval: error: ") and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("argv", [
    ["run", "glove-6b-50d", "--suite", " "],
    ["run", "glove-6b-50d", "--suite", "", "--tasks", "similarity/ws353"],
    ["run", "glove-6b-50d", "--suite", "qick"],
    ["demo", "--suite", "dflt", "--only", "GloVe-6B-50d", "--store", "S"],
])
def test_a_suite_that_is_none_is_refused_when_parsed(argv, capsys, tmp_path, monkeypatch):
    import sys

    monkeypatch.chdir(tmp_path)
    loaded = set(sys.modules)
    assert main([*argv, "--out", str(tmp_path / "out")]) == 2
    err = _one_line(capsys)
    assert "argument --suite: " in err and "expected one of quick, default, full" in err
    if argv[3].strip():
        assert "did you mean" in err
    assert list(tmp_path.iterdir()) == []
    assert not {"wordeval.runner", "wordeval.evaluation"} & (set(sys.modules) - loaded)
