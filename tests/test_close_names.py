"""`similarity/nope` was told "did you mean 'similarity/men' or 'similarity/rw' or 'similarity/yp130'": difflib on
whole names counted the shared family. Now only close names are offered (both parts of FAMILY/NAME close,
wordeval.close_names), and where none is, the message says how to list the tasks. Tasks, representations,
suites, options and --set keys share the helper.

Oracle: difflib.SequenceMatcher's ratio, called here on each part, against the cutoff 0.6 (difflib's default);
the suggestions below are those a reader would call typos of the name."""
from __future__ import annotations

import difflib

import pytest

from wordeval.cli import main
from wordeval.close_names import CUTOFF, close_names, likeness


def test_likeness_is_difflibs_ratio_of_each_part():
    ratio = lambda a, b: difflib.SequenceMatcher(None, a, b).ratio()  # noqa: E731
    assert likeness("similarity/nope", "similarity/men") == min(1.0, ratio("nope", "men")) < CUTOFF
    assert likeness("Similarty/MEN", "similarity/men") == ratio("similarty", "similarity") >= CUTOFF
    assert likeness("simlex", "similarity/simlex999") == ratio("simlex", "simlex999")
    assert likeness("--out", "--quiet") == ratio("out", "quiet") < CUTOFF  # '--' alike in every option


@pytest.mark.parametrize("given, expected", [
    ("similarity/nope", []), ("ner/nope", []), ("similarity/simlex99", ["similarity/simlex999"]),
    ("similarty/men", ["similarity/men"]), ("ner/conll03", ["ner/conll2003"]),
    ("simlex", ["similarity/simlex999"]),
])
def test_task_suggestions(given, expected):
    from wordeval.registry import REGISTRY
    assert close_names(given, REGISTRY.names("task")) == expected


def test_an_alias_gives_the_name_it_stands_for():
    assert close_names("all-minilm-l6-v2", ["minilm", "bert"],
                       aliases={"sentence-transformers/all-MiniLM-L6-v2": "minilm"}) == ["minilm"]


@pytest.mark.parametrize("argv, said", [
    (["intrinsic", "glove-6b-50d", "--tasks", "similarity/nope"],
     "unknown task 'similarity/nope'; no task has a close name: `wordeval datasets list` lists each dataset "
     "with its family, and a similarity task is named FAMILY/DATASET (similarity/ws353)"),
    (["intrinsic", "glove-6b-50d", "--tasks", "similarity/simlex99"],
     "unknown task 'similarity/simlex99'; did you mean 'similarity/simlex999'?"),
    (["intrinsic", "glovee-6b-50d", "--tasks", "similarity/men"],
     "unknown embedding 'glovee-6b-50d'; did you mean 'glove-6b-50d'?"),
    (["run", "glove-6b-50d", "--suite", "defualt"], "did you mean 'default'?"),
    (["intrinsic", "glove-6b-50d", "--tasks", "similarity/men", "--set", "oovv=skip"],
     "--set oovv: no task of this run takes that option (did you mean 'oov'?)"),
    (["intrinsic", "glove-6b-50d", "--tasks", "similarity/men", "--seexd", "1"], "(did you mean --seed?)"),
])
def test_cli_messages(tmp_path, capsys, argv, said):
    assert main([*argv, "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.splitlines()) == 1, err


def test_an_option_the_action_lacks_gets_no_far_suggestion(capsys):
    assert main(["datasets", "list", "--out", "x"]) == 2
    assert "did you mean" not in capsys.readouterr().err  # was '--quiet'
