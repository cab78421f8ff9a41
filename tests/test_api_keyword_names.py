"""A Python caller's errors name the keyword argument it gave, not the command line's option for it:
``wordeval.evaluate(..., data_home="/nonexist")`` said "data home (--data-home) does not exist", and
``wordeval.run(..., intersection=True)`` "--intersection applies to ...". The commands still name their
options (tests/test_data_home_values.py, tests/test_cli_task_options.py, tests/test_cli_intrinsic.py)."""
from __future__ import annotations

import os

import numpy as np
import pytest

import wordeval
from wordeval.cli import main
from wordeval.errors import ConfigError, MissingFileError, WordevalError
from wordeval.paths import data_homes

VECTORS = "cat 0.1 0.2\ndog 0.3 0.1\nking 0.5 0.4\nqueen 0.2 0.6\n"


def test_evaluate_names_data_home_for_a_data_home_that_is_not_there(tmp_path, capsys):
    missing = tmp_path / "nonexist"
    with pytest.raises(MissingFileError) as err:
        wordeval.evaluate({"cat": [0.1, 0.2], "dog": [0.3, 0.1]}, "similarity/ws353", name="tiny",
                          data_home=str(missing))
    assert str(err.value) == f"{missing}: data home (data_home) does not exist or is not a folder"
    (tmp_path / "v.txt").write_text(VECTORS, encoding="utf-8")
    assert main(["--quiet", "run", str(tmp_path / "v.txt"), "--tasks", "similarity/ws353", "--data-home",
                 str(missing), "--out", str(tmp_path / "out")]) == 2
    cli = str(err.value).replace("(data_home)", "(--data-home)")
    assert capsys.readouterr().err.strip() == f"wordeval: error: {cli}"


def test_an_empty_data_home_is_named_as_given(capsys):
    with pytest.raises(ConfigError, match="^data_home: an empty path"):
        data_homes("")
    assert main(["--quiet", "datasets", "--data-home", "", "verify", "rg65"]) == 2
    assert capsys.readouterr().err.strip().startswith("wordeval: error: --data-home: an empty path")


@pytest.mark.skipif(os.pathsep != ":", reason="a ':' in a folder name is POSIX's case")
def test_a_data_home_cut_by_the_separator_is_given_as_a_list_in_python(tmp_path, monkeypatch):
    home = tmp_path / "data:home"
    home.mkdir()
    monkeypatch.setenv("WORDEVAL_DATA", f"{tmp_path}:{home}")
    with pytest.raises(ConfigError) as err:
        data_homes()
    assert "give it with --data-home (repeatable) or data_home=[...] in Python" in str(err.value)


@pytest.mark.parametrize("kwargs, reps, task, message", [
    ({"data_home": "{tmp}/nonexist"}, 1, "similarity/ws353",
     "{tmp}/nonexist: data home (data_home) does not exist or is not a folder"),
    ({"intersection": True}, 2, "ner/conll2003",
     "intersection applies to similarity, analogy and STS tasks, and none is asked for"),
    ({"common_vocabulary": True}, 1, "analogy/google",
     "intersection and common_vocabulary need at least two representations"),
    ({"common_vocabulary": True}, 2, "similarity/ws353",
     "common_vocabulary restricts the candidates of analogy tasks, and none is asked for (intersection"),
    ({"restrict_vocab": 5}, 1, "sts/sts12", "restrict_vocab limits the rows of similarity and analogy tasks"),
])
def test_run_names_the_keyword_it_was_given(tmp_path, kwargs, reps, task, message):
    (tmp_path / "v.txt").write_text(VECTORS, encoding="utf-8")
    kwargs = {k: v.format(tmp=tmp_path) if isinstance(v, str) else v for k, v in kwargs.items()}
    specs = [f"r{i}={tmp_path / 'v.txt'}" for i in range(reps)]
    with pytest.raises(WordevalError) as err:
        wordeval.run(specs, [task], out=tmp_path / "out", **kwargs)
    assert message.format(tmp=tmp_path) in str(err.value) and "--" not in str(err.value)
    assert not (tmp_path / "out").exists()


def test_run_names_its_keywords_where_intersection_meets_oov_penalize(tmp_path, capsys):
    """The command's line is what it was: the CLI passes its options' names down."""
    v = tmp_path / "v.txt"
    v.write_text(VECTORS, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        wordeval.run([f"a={v}", f"b={v}"], [("similarity/ws353", {"oov": "penalize"})], out=tmp_path / "out",
                     intersection=True)
    said = ("similarity/ws353: {}intersection scores the items every representation covers and {}oov "
            "penalize every item, the uncovered as worst: ask for one of them")
    assert str(err.value) == said.format("", "")
    assert main(["--quiet", "intrinsic", f"a={v}", f"b={v}", "--tasks", "similarity/ws353", "--intersection",
                 "--oov", "penalize", "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip() == "wordeval: error: " + said.format("--", "--")


# Library messages about outputs named the command line's options to a Python caller too: "--save-predictions:
# nothing written" for wordeval.run(predictions=...), "give this run another --out", "(--save-predictions)" for a
# predictions folder given to wordeval.compare, and "--force", a switch run() and the demo do not have.

def test_run_resumed_with_predictions_names_its_keywords(tmp_path, caplog, capsys):
    import logging

    (tmp_path / "v.txt").write_text(VECTORS, encoding="utf-8")
    spec, out = [f"v={tmp_path / 'v.txt'}"], tmp_path / "out"
    wordeval.run(spec, ["similarity/ws353"], out=out)
    with caplog.at_level(logging.WARNING, logger="wordeval"):
        wordeval.run(spec, ["similarity/ws353"], out=out, predictions=tmp_path / "P")
    (said,) = [r.getMessage() for r in caplog.records if "nothing written" in r.getMessage()]
    assert said.startswith("wordeval: warning: predictions: nothing written for 1 cell(s) already in the store")
    assert said.endswith("a new out computes them again)") and "--" not in said
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="wordeval"):  # the command's line is what it was
        assert main(["--quiet", "run", *spec, "--tasks", "similarity/ws353", "--out", str(out),
                     "--save-predictions", str(tmp_path / "P2")]) == 0
    (said,) = [r.getMessage() for r in caplog.records if "nothing written" in r.getMessage()]
    assert said.startswith("wordeval: warning: --save-predictions: nothing written for 1 cell(s)")
    assert said.endswith("a new --out computes them again)")


def test_the_note_on_tasks_without_predictions_names_the_keyword(caplog):
    import logging
    from types import SimpleNamespace

    from wordeval.option_effects import note_tasks_without_predictions

    cells = [SimpleNamespace(task=SimpleNamespace(name="qvec/supersenses", family="qvec"))]
    with caplog.at_level(logging.WARNING, logger="wordeval"):
        note_tasks_without_predictions(cells, "P")
        note_tasks_without_predictions(cells, "P", option="--save-predictions")
    assert [r.getMessage().split(" write")[0] for r in caplog.records] == [
        "wordeval: note: predictions: qvec/supersenses", "wordeval: note: --save-predictions: qvec/supersenses"]


def test_a_busy_store_is_refused_under_the_name_it_was_given(tmp_path):
    from wordeval.results.run_log import registered
    from wordeval.results.store import ResultStore

    plan = [("A", "pos/toy", 0, "cfg")]
    with ResultStore(tmp_path / "s") as first, registered(first, plan):
        for kwargs, tail in (({}, "or give this run another out"), ({"option": "--out"}, "another --out")):
            with ResultStore(tmp_path / "s") as second:
                with pytest.raises(ConfigError, match="another run") as err:
                    with registered(second, plan, **kwargs):
                        pass
            assert str(err.value).endswith(tail)


def test_compare_given_a_predictions_folder_names_run_s_keywords(tmp_path, capsys):
    from wordeval.output_paths import write_marker

    folder = tmp_path / "P"
    folder.mkdir()
    write_marker(folder, "predictions")
    with pytest.raises(ConfigError) as err:
        wordeval.compare([folder])
    assert str(err.value) == (f"{folder}: a wordeval predictions folder (predictions), not results: name the "
                              f"result store the run wrote (its out)")
    assert main(["--quiet", "compare", str(folder)]) == 2
    cli = str(err.value).replace("(predictions)", "(--save-predictions)").replace("its out", "its --out")
    assert capsys.readouterr().err.strip() == f"wordeval: error: {cli}"


def test_an_output_of_another_kind_says_what_the_caller_can_do(tmp_path, capsys):
    from wordeval.errors import OutputError
    from wordeval.output_paths import MARKER

    report = tmp_path / "report"
    report.mkdir()
    (report / MARKER).write_text('{"kind": "report", "wordeval": "0"}', encoding="utf-8")
    with pytest.raises(OutputError) as err:
        wordeval.run(["glove-6b-50d"], ["similarity/ws353"], out=report)
    assert str(err.value) == (f"out {report}: holds a wordeval report, not a store; name another folder (or "
                              f"remove that wordeval output first)")
    assert main(["--quiet", "run", "glove-6b-50d", "--tasks", "similarity/ws353", "--out", str(report)]) == 2
    assert capsys.readouterr().err.strip() == (f"wordeval: error: --out {report}: holds a wordeval report, not a "
                                               f"store; name another folder (or --force to replace that wordeval "
                                               f"output)")
    assert (report / MARKER).is_file()


# Hints to compare several embeddings together named only the command line's options to a Python caller:
# compare's analogy note "rerun with --common-vocab or --restrict-vocab N", evaluate's refusal of
# oov='intersection' "(wordeval run --intersection, ...)". They now name wordeval.run's keywords too.
ANALOGIES = "man king woman queen\nking man queen woman\ncat dog kitten puppy\n"


def _words(n):
    rng = np.random.default_rng(0)
    vocab = ["man", "king", "woman", "queen", "cat", "dog", "kitten", "puppy", "car", "tree"][:n]
    return vocab, rng.standard_normal((len(vocab), 4)).astype(np.float32)


def test_compare_names_run_keywords_for_candidate_sets_of_different_sizes(tmp_path):
    (tmp_path / "q.txt").write_text(ANALOGIES, encoding="utf-8")
    (tmp_path / "an.toml").write_text('name = "an"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n')
    recs = [wordeval.evaluate(_words(n), str(tmp_path / "an.toml"), name=f"w{n}") for n in (8, 10)]
    note = next(n for n in wordeval.compare(recs).notes if "candidate sets of different sizes" in n)
    assert "in Python, wordeval.run's common_vocabulary=True or restrict_vocab=N" in note


@pytest.mark.parametrize("task, config", [("similarity/ws353", {"oov": "intersection"}),
                                          ("sts/sts12", {"oov": "intersection"}),
                                          ("analogy/google", {"candidates": "common"})])
def test_evaluate_names_run_keywords_for_a_policy_of_several_embeddings(task, config):
    with pytest.raises(ConfigError, match=r"wordeval\.run\(\.\.\., intersection=True"):
        wordeval.evaluate(_words(10), task, config=config, name="tiny")
