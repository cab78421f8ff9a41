"""A --set value a family refuses was one line in the family's words, naming neither the option nor the key:
`--set oov="bad"` said "OOV policy must be one of skip, penalize, intersection, got 'bad'", where a spec's
[config] names its file and line. The line now starts with the --set it is about, on intrinsic, extrinsic and
run; a value the family takes runs as before."""
from __future__ import annotations

import pytest

from wordeval.cli import main

PAIRS = "cat\tdog\t9\ncar\ttruck\t8\ncat\tcar\t1\nsun\tdog\t2\n"


@pytest.fixture
def spec(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "v.txt").write_text("cat 1 0 0\ndog 0.9 0.1 0\ncar 0 1 0\ntruck 0.1 0.9 0.2\nsun 0 0 1\n",
                                    encoding="utf-8")
    (tmp_path / "p.tsv").write_text(PAIRS, encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "tiny"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n',
                                     encoding="utf-8")
    return tmp_path / "t.toml"


@pytest.mark.parametrize("command", ["intrinsic", "run"])
@pytest.mark.parametrize("setting, expected", [
    ('oov="bad"', "--set oov='bad': OOV policy must be one of skip, penalize, intersection, got 'bad'"),
    ('case="upper"', "--set case='upper': case policy must be one of exact, lower, exact-then-lower, "
                     "got 'upper'"),
    ("n_boot=5", "--set n_boot=5: expected an integer >= 10"),  # its own message named the key already
])
def test_a_refused_set_value_names_the_option(spec, capsys, command, setting, expected):
    rc = main(["-q", command, "v=v.txt", "--tasks", str(spec), "--set", setting, "--out", "R"])
    err = capsys.readouterr().err
    assert rc == 2 and err == f"wordeval: error: {expected}\n" and not (spec.parent / "R").exists()


def test_a_refused_tagging_value_names_the_option(spec, capsys):
    rc = main(["-q", "extrinsic", "v=v.txt", "--tasks", "pos/ptb-pos", "--set", "window=-1", "--out", "R"])
    err = capsys.readouterr().err
    assert rc == 2 and err == ("wordeval: error: --set window=-1: tagging option window must be an integer "
                               ">= 0, got -1\n")


def test_a_value_the_family_takes_runs_as_before(spec, capsys):
    assert main(["-q", "intrinsic", "v=v.txt", "--tasks", str(spec), "--set", "n_boot=50", "--out", "R"]) == 0
