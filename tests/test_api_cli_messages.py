"""The Python API raises the error the command line prints: the same type of WordevalError and the same
one-line message (the CLI adds only its 'wordeval: error: ' prefix), for the same bad input."""
from __future__ import annotations

import pytest

import wordeval
from wordeval.cli import main
from wordeval.errors import WordevalError

PREFIX = "wordeval: error: "


def _cli_message(argv, capsys) -> str:
    assert main(["--quiet", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(PREFIX) and "\n" not in err
    return err[len(PREFIX):]


@pytest.mark.parametrize("spec", ["missing.bin", "sub/missing.txt", "glove-6b-5d", "nosuchid:corpus=news"])
def test_an_unresolvable_embedding_reads_the_same_from_evaluate_run_and_the_cli(tmp_path, monkeypatch, capsys,
                                                                                 spec):
    monkeypatch.chdir(tmp_path)
    cli = _cli_message(["intrinsic", spec, "--tasks", "similarity/ws353", "--out", str(tmp_path / "o")], capsys)
    with pytest.raises(WordevalError) as from_evaluate:
        wordeval.evaluate(spec, "similarity/ws353")
    with pytest.raises(WordevalError) as from_run:
        wordeval.run([spec], ["similarity/ws353"], out=tmp_path / "o2")
    assert str(from_evaluate.value) == str(from_run.value) == cli
    assert type(from_evaluate.value) is type(from_run.value)
    assert not (tmp_path / "o").exists() and not (tmp_path / "o2").exists()
