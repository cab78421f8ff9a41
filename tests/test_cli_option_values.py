"""Bad values of the command line's options, found by trying each option with an empty, negative, huge,
non-numeric or repeated value and misspelt names: each is one line on stderr naming the option and what was
expected, exit code 2, and nothing written, before any representation or task is loaded.

- a single-valued option given twice (``--seed 1 ... --seed 2``) kept the last value without a word;
- a prefix of an option (``--forc``, ``--keep-goin``) was taken as the option, and a misspelt one
  (``--seexd``) was 'unrecognized' with no word of the option it is close to;
- ``run --suite ""`` (an unset shell variable) ran the whole default suite, and ``demo --suite dflt`` loaded
  the demo's representations before the suite was refused."""
from __future__ import annotations

import pytest

from wordeval.cli import main


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("wordeval: error: ") and "Traceback" not in err, err
    return err


# an unknown task, so that without the check each command stops at once rather than running
@pytest.mark.parametrize("argv, option", [
    (["intrinsic", "glove-6b-50d", "--tasks", "no/such", "--seed", "1", "--seed", "2"], "--seed"),
    (["intrinsic", "glove-6b-50d", "--tasks", "no/such", "--out=A", "--out", "B"], "--out"),
    (["run", "glove-6b-50d", "--tasks", "no/such", "--restrict-vocab", "5", "--restrict-vocab", "5"],
     "--restrict-vocab"),
    (["extrinsic", "glove-6b-50d", "--tasks", "no/such", "--learner", "crf", "--learner", "mlp"],
     "--learner"),
    (["compare", "R", "--n-boot", "100", "--n-boot", "200"], "--n-boot"),
    (["report", "R", "--title", "a", "--title", "b"], "--title"),
    (["info", "x.txt", "--format", "glove", "--format", "word2vec"], "--format"),
])
def test_a_single_valued_option_given_twice_is_refused(argv, option, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    err = _one_line(capsys)
    assert f"argument {option}: given twice" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("given, meant", [
    ("--forc", "--force"), ("--keep-goin", "--keep-going"), ("--jso", "--json"), ("--seexd", "--seed"),
    ("--restrict-vocb=5", "--restrict-vocab"),
])
def test_an_option_close_to_a_real_one_is_unknown_and_named(given, meant, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["intrinsic", "glove-6b-50d", "--tasks", "similarity/ws353", given]) == 2
    err = _one_line(capsys)
    assert "unrecognized arguments" in err and f"(did you mean {meant}?)" in err
    assert err.rstrip().endswith("(see: wordeval intrinsic --help)")
    assert list(tmp_path.iterdir()) == []


def test_an_action_option_close_to_a_real_one_is_named(capsys):
    assert main(["datasets", "list", "--jsn"]) == 2
    assert "(did you mean --json?)" in _one_line(capsys)


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


@pytest.mark.parametrize("setting", ["n_boot=100\nn_boot=200", "n_boot=100\ncase = 'lower'"])
def test_a_set_value_of_several_toml_lines_is_refused(setting, capsys, tmp_path):
    """``--set 'n_boot=100<newline>n_boot=200'`` ran with n_boot 100, the second line unread."""
    out = tmp_path / "R"
    assert main(["intrinsic", "glove-6b-50d", "--tasks", "similarity/ws353", "--set", setting,
                 "--out", str(out)]) == 2
    err = _one_line(capsys)
    assert err.startswith("wordeval: error: --set n_boot=") and "expected one value" in err
    assert not out.exists()


@pytest.mark.parametrize("option, value", [("--format", ""), ("--format", "glov"), ("--vocab", ""),
                                           ("--vocab", " ")])
def test_info_names_its_file_option_and_takes_no_empty_value(option, value, capsys, tmp_path):
    """``info FILE --format ""`` (an unset shell variable) detected the format and exit 0; ``--vocab ""``
    was read as the folder '.' ("'.': expected a vocabulary file, got a directory")."""
    import numpy as np

    np.save(tmp_path / "m.npy", np.ones((3, 2), dtype=np.float32))
    (tmp_path / "m.vocab").write_text("a\nb\nc\n", encoding="utf-8")
    assert main(["info", str(tmp_path / "m.npy"), option, value]) == 2
    err = _one_line(capsys)
    assert err.startswith(f"wordeval: error: {option} {value!r}: expected a ")
    if value == "glov":
        assert "did you mean 'glove'?" in err


@pytest.mark.parametrize("argv, said", [
    (["--store", ""], "--store: an empty path"),
    (["--note", ""], "argument --note: --note='': expected a non-empty string"),
    (["--note", " "], "argument --note: --note=' ': expected a non-empty string"),
])
def test_demo_refuses_an_empty_store_or_note(argv, said, capsys, tmp_path):
    """``demo --store ""`` (an unset shell variable) ran the demo into the default store in the cache, and
    ``--note ""`` added an empty line to the report's notes. (--out is a file here, so that without the
    check the demo stops at once, on --out.)"""
    taken = tmp_path / "taken"
    taken.write_text("x", encoding="utf-8")
    assert main(["demo", "--only", "GloVe-6B-50d", "--suite", "quick", *argv, "--out", str(taken)]) == 2
    assert said in _one_line(capsys)
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
