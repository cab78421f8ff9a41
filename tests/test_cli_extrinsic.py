"""``wordeval extrinsic``: records written, JSON output, bad input -> one line and exit 2, nothing written."""
from __future__ import annotations

import json

import numpy as np
import pytest

from tests._no_torch import without_torch
from wordeval.cli import main


def _tiny_glove(path, words):
    rng = np.random.default_rng(0)
    with open(path, "w", encoding="utf-8") as fh:
        for w in words:
            fh.write(w + " " + " ".join(f"{x:.4f}" for x in rng.normal(size=5)) + "\n")
    return path


def test_extrinsic_ner_quick_json(shared_data, tmp_path, capsys, monkeypatch):
    pytest.importorskip("torch")  # learner=mlp
    monkeypatch.setenv("WORDEVAL_DATA", str(shared_data))
    emb = _tiny_glove(tmp_path / "tiny.txt", ["the", "of", "in", "germany", "london", "said", "to", "and"])
    out = tmp_path / "results"
    rc = main(["--quiet", "extrinsic", f"tiny={emb}", "--tasks", "ner/conll2003", "--profile", "quick",
               "--learner", "mlp", "--seeds", "1", "--epochs", "1", "--out", str(out), "--json"])
    assert rc == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 1
    rec = records[0]
    assert rec["task"] == "ner/conll2003" and rec["embedding"]["name"] == "tiny"
    assert rec["config"]["profile"] == "quick" and rec["config"]["learner"] == "mlp"
    assert rec["scores"]["oov_rate"] > 0.5  # eight words cannot cover CoNLL
    assert set(rec["per_item"]) == {"id", "tp", "fp", "fn"}
    from wordeval.results.store import load_records
    stored, _ = load_records([out])  # the same store format as `wordeval run`
    assert [r.to_dict()["scores"] for r in stored] == [rec["scores"]]


@pytest.mark.parametrize("learner", ["mlp", "bilstm-crf"])
def test_a_torch_learner_without_torch_is_skipped_with_the_reason(tmp_path, capsys, monkeypatch, learner):
    # torch is in the bert extra only, and has no wheel for some Pythons: the default learner, mlp, was a
    # traceback ('a bug in wordeval') on every install without it
    without_torch(monkeypatch)
    emb = _tiny_glove(tmp_path / "tiny.txt", ["the", "of", "in", "a", "said", "to", "and"])
    out = tmp_path / "results"
    rc = main(["extrinsic", f"tiny={emb}", "--tasks", "pos/ptb-pos", "--profile", "quick",
               "--learner", learner, "--seeds", "1", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 3, err
    assert (f"skipped pos/ptb-pos on tiny: learner={learner} needs the optional package torch" in err
            and "pip install 'wordeval[bert]'" in err and "Traceback" not in err)


@pytest.mark.parametrize("argv,message", [
    (["--tasks", "ner/conll2030"], "did you mean"),
    (["--tasks", "similarity/ws353"], "not an extrinsic task"),
    (["--seeds", "0"], "--seeds='0': expected an integer >= 1"),
    (["--epochs", "-2"], "--epochs='-2': expected an integer >= 1"),
    (["--epochs", "0"], "--epochs='0': expected an integer >= 1"),
])
def test_bad_arguments_exit_2_with_one_line(tmp_path, capsys, argv, message):
    emb = _tiny_glove(tmp_path / "tiny.txt", ["a", "b"])
    out = tmp_path / "results"
    rc = main(["extrinsic", str(emb), "--out", str(out), *argv])
    err = capsys.readouterr().err
    assert rc == 2 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_broken_embedding_file_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("the 0.1 0.2 0.3\nof 0.1 oops 0.3\n", encoding="utf-8")
    rc = main(["extrinsic", str(bad), "--tasks", "ner/conll2003", "--out", str(tmp_path / "r")])
    err = capsys.readouterr().err
    assert rc == 2 and "bad.txt:2" in err and "Traceback" not in err
    assert not (tmp_path / "r").exists()


def test_help_imports_no_torch():
    import subprocess
    import sys

    code = ("import sys, wordeval.cli as c; c.build_parser(); import wordeval.extrinsic.tagging; "
            "from wordeval.registry import REGISTRY; REGISTRY.names('task'); print('torch' in sys.modules, 'pycrfsuite' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_the_seeds_run_are_said_first_and_the_help_says_seed_is_the_first_of_seeds(tmp_path, capsys):
    """`extrinsic X --seed 1` trains seeds 1, 2 and 3 (--seeds is 3 by default), which a user took for one
    seed: only the "stored" lines, one a seed as each finished, said so. Oracle: the seeds of the records the
    store holds afterwards."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from wordeval.results.store import load_records

    emb = _tiny_glove(tmp_path / "tiny.txt", ["the", "of", "in", "a", "said", "to", "and"])
    out = tmp_path / "results"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    argv = ["extrinsic", f"tiny={emb}", "--tasks", "pos/ptb-pos", "--profile", "quick",
            "--learner", "perceptron", "--seed", "1", "--out", str(out)]
    done = subprocess.run([sys.executable, "-m", "wordeval", *argv], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    stored, _ = load_records([out])
    assert sorted(r.seed for r in stored) == [1, 2, 3]
    lines = done.stderr.splitlines()
    assert lines[0] == ("seeds 1, 2, 3 (--seed 1 is the first of --seeds 3 seeds, a record each; --seeds 1 "
                        "for one)")
    assert main(["extrinsic", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert ("--seed SEED the first of the --seeds N seeds of extrinsic training (SEED .. SEED+N-1; N is 3 "
            "unless given, so --seed 1 alone trains seeds 1 .. 3)") in help_text
