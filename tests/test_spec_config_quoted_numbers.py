"""A user spec's ``[config]`` number or boolean written as a TOML string (``epochs = "30"``) was converted
without a word, so a spec that says something other than it means passed. It is now one line naming the
spec's line, the key and the type expected, exit 2, nothing written (the tagging families already refused
a quoted number by their own check). Oracle: tomllib reads the quoted value
as a str, the unquoted one as an int/bool."""
from __future__ import annotations

from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser under its original name
    import tomli as tomllib

from wordeval.cli import main
from wordeval.tasks.spec_file import load_spec_file

PAIRS = "".join(f"w{i}\tv{i}\t{i % 7}.5\n" for i in range(12))


def _similarity_spec(tmp_path: Path, config: str) -> Path:
    (tmp_path / "pairs.txt").write_text(PAIRS, encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n[config]\n{config}\n',
                    encoding="utf-8")
    return spec


@pytest.mark.parametrize("make, line, lineno, expected", [
    (_similarity_spec, 'n_boot = "500"', 6, 'expected n_boot = an integer, written without quotes'),
    (_similarity_spec, 'ci_level = "0.9"', 6, 'expected ci_level = a number, written without quotes'),
])
def test_a_quoted_number_is_refused_at_its_line(tmp_path, capsys, make, line, lineno, expected):
    spec = make(tmp_path, line)
    key = line.split(" =")[0]
    assert isinstance(tomllib.loads(spec.read_text(encoding="utf-8"))["config"][key], str)  # the oracle
    out = tmp_path / "out"
    rc = main(["--quiet", "run", "glove-6b-50d", "--tasks", str(spec), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"wordeval: error: {spec}:{lineno}: {expected}") and f'got {line}' in err, err
    assert not out.exists()


def test_the_same_values_unquoted_are_read(tmp_path):
    task, _ = load_spec_file(_similarity_spec(tmp_path, "n_boot = 500\nci_level = 0.9"))
    assert task.parameters == {"n_boot": 500, "ci_level": 0.9}
    assert tomllib.loads("x = 500")["x"] == 500


def test_a_string_option_stays_a_string(tmp_path):
    task, _ = load_spec_file(_similarity_spec(tmp_path, 'oov = "penalize"'))
    assert task.parameters == {"oov": "penalize"}


@pytest.mark.parametrize("hint, family", [('header = "yes"', "similarity"), ('header = "false"', "similarity"),
                                          ('fine = "true"', "classification")])
def test_a_quoted_boolean_reader_hint_is_refused_at_its_line_as_config_is(tmp_path, capsys, hint, family):
    """`header = "yes"` was read as true without a word, where [config] refuses a quoted boolean."""
    (tmp_path / "pairs.txt").write_text(PAIRS, encoding="utf-8")
    (tmp_path / "texts.txt").write_text("pos\ta good film\nneg\ta bad film\n", encoding="utf-8")
    files = '[files]\ntest = "pairs.txt"\n' if family == "similarity" else \
        '[files]\ntrain = "texts.txt"\ntest = "texts.txt"\n'
    spec = tmp_path / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "{family}"\n{hint}\n{files}', encoding="utf-8")
    key = hint.split(" =")[0]
    assert isinstance(tomllib.loads(spec.read_text(encoding="utf-8"))[key], str)  # the oracle
    rc = main(["--quiet", "datasets", "check", str(spec)])
    err = capsys.readouterr().err
    assert rc == 2 and err == (f"wordeval: error: {spec}:3: expected {key} = a boolean, written without quotes "
                               f"(TOML reads a quoted value as a string), got {hint}\n")


def test_an_unquoted_boolean_reader_hint_is_read(tmp_path, capsys):
    (tmp_path / "pairs.txt").write_text("a\tb\tscore\n" + PAIRS, encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "similarity"\nheader = true\n[files]\ntest = "pairs.txt"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 0
    assert "items: test 12 word pairs" in capsys.readouterr().out
