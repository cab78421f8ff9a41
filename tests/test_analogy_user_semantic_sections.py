"""README: a spec's own Google-format file gets Google's semantic/syntactic accuracies from
``[metadata] semantic_sections`` (the built-in Google task declares its own so), and per section only without it.
Oracle by hand: 3CosAdd on four one-hot-like vectors, king - man + woman = queen exactly, so the 'capital'
question is right; the 'gram1-x' question's answer 'other' is orthogonal to it, so that one is wrong."""
from __future__ import annotations

import numpy as np

VECTORS = {"king": [1, 0, 0, 0], "man": [0, 1, 0, 0], "woman": [0, 0, 1, 0], "queen": [1, -1, 1, 0],
           "other": [0, 0, 0, 1]}


def _task(tmp_path, metadata: str) -> str:
    (tmp_path / "q.txt").write_text(": capital\nman king woman queen\n: gram1-x\nman king woman other\n",
                                    encoding="utf-8")
    (tmp_path / "q.toml").write_text(f'name = "mini"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n{metadata}',
                                     encoding="utf-8")
    return str(tmp_path / "q.toml")


def test_semantic_sections_of_a_user_google_file(tmp_path):
    import wordeval

    emb = {w: np.asarray(v, dtype=np.float32) for w, v in VECTORS.items()}
    rec = wordeval.evaluate(emb, _task(tmp_path, '[metadata]\nsemantic_sections = ["capital"]\n'), name="toy")
    assert rec.scores["accuracy"] == 0.5
    assert rec.scores["semantic_accuracy_covered"] == 1.0
    assert rec.scores["syntactic_accuracy_covered"] == 0.0


def test_without_them_per_section_only(tmp_path):
    import wordeval

    emb = {w: np.asarray(v, dtype=np.float32) for w, v in VECTORS.items()}
    rec = wordeval.evaluate(emb, _task(tmp_path, ""), name="toy")
    assert "semantic_accuracy_covered" not in rec.scores
    assert {s: v["correct"] for s, v in rec.extra["per_section"].items()} == {"capital": 1, "gram1-x": 0}
