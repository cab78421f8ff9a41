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


@pytest.mark.parametrize("fn", [wordeval.load_records, wordeval.results_frame, wordeval.compare])
@pytest.mark.parametrize("sources, got", [(None, "NoneType"), (3, "int"), ({"schema_version": 2}, "dict")])
def test_results_that_are_not_stores_records_or_lists_are_a_config_error(fn, sources, got):
    """They failed with TypeError "'int' object is not iterable"; a record's dict was read key by key."""
    from wordeval.errors import ConfigError

    with pytest.raises(ConfigError, match=f"^results: expected a store, a record file, a ResultRecord or a list "
                                          f"of them, got a {got}"):
        fn(sources)
