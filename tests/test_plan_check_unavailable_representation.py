"""A tagging task's clusters = K is checked when the run is planned, loading the representation to count the
words it covers. A representation that is not available (here: a packaged one offline, not in the cache)
raised its NotAvailableError there, which stopped the whole run with exit 2 and no cell computed, where the
same run without the check skips that representation's cell (exit 3) and computes the others."""
from __future__ import annotations

import json
import random

from wordeval.cli import main


def _files(folder):
    rng = random.Random(0)
    words = {"NN": ["cat", "dog", "house", "car"], "VB": ["runs", "eats", "sees"], "DT": ["the", "a"]}
    for name, n in (("train", 30), ("test", 12)):
        sents = ["\n".join(f"{rng.choice(words[t])}\t{t}" for t in ("DT", "NN", "VB", "DT", "NN")) for _ in range(n)]
        (folder / f"{name}.conll").write_text("\n\n".join(sents) + "\n", encoding="utf-8")
    (folder / "p.toml").write_text('name = "p"\nfamily = "pos"\n[files]\ntrain = "train.conll"\ntest = "test.conll"\n',
                                   encoding="utf-8")
    (folder / "v.txt").write_text("".join(f"{w} " + " ".join(f"{rng.random():.4f}" for _ in range(4)) + "\n"
                                          for ws in words.values() for w in ws), encoding="utf-8")


def test_an_unavailable_representation_met_by_the_plan_check_is_skipped(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    _files(tmp_path)
    argv = ["--quiet", "run", f"A={tmp_path / 'v.txt'}", "G=glove-6b-50d", "--tasks", str(tmp_path / "p.toml"),
            "--set", "learner=crf", "--set", "clusters=2", "--out", str(tmp_path / "s"), "--json"]
    assert main(argv) == 3
    out = json.loads(capsys.readouterr().out)
    assert len(out["computed"]) == 1 and out["failed"] == []
    assert [(s["embedding"], s["kind"]) for s in out["skipped"]] == [("G", "unavailable")]
    assert "offline" in out["skipped"][0]["reason"]
