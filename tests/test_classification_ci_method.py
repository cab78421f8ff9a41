"""A classification record's accuracy CI says how it was made: the record held two numbers and nothing of the
method, the number of documents resampled or the level. The interval is checked against scipy's percentile
bootstrap of the same per-document column (an independent oracle; the resamples differ, so to 0.03)."""
from __future__ import annotations

import numpy as np
from scipy.stats import bootstrap

import wordeval

WORDS = {"a": ["apple", "pear", "plum"], "b": ["car", "bus", "tram"]}


def _task(folder):
    rng = np.random.default_rng(1)
    for split, n in (("train", 30), ("test", 40)):
        for label, words in WORDS.items():
            other = WORDS["b" if label == "a" else "a"]
            lines = [" ".join(rng.choice(words if rng.random() < 0.6 else other) for _ in range(3))
                     for _ in range(n)]
            (folder / f"{label}.{split}").write_text("".join(f"{t}\n" for t in lines), encoding="utf-8")
    (folder / "t.toml").write_text('name = "t"\nfamily = "classification"\n[config]\nn_seeds = 2\n'
                                   '[classes.train]\na = "a.train"\nb = "b.train"\n[classes.test]\n'
                                   'a = "a.test"\nb = "b.test"\n', encoding="utf-8")
    vrng = np.random.default_rng(0)
    return folder / "t.toml", {w: vrng.normal(size=6) for ws in WORDS.values() for w in ws}


def test_the_accuracy_ci_names_its_method_n_and_level(tmp_path):
    spec, vectors = _task(tmp_path)
    rec = wordeval.evaluate(vectors, str(spec), name="v", seed=3)
    assert rec.n_used == 80
    method = rec.extra["ci_method"]["accuracy"]
    assert "percentile bootstrap" in method and "n = 80 test documents" in method
    assert "2 seed(s)" in method and "1000 resamples" in method and "95% level" in method
    correct = np.asarray(rec.per_item["correct"], dtype=float)
    oracle = bootstrap((correct,), np.mean, n_resamples=1000, confidence_level=0.95, method="percentile",
                       random_state=0).confidence_interval
    lo, hi = rec.ci["accuracy"]
    assert abs(lo - oracle.low) < 0.03 and abs(hi - oracle.high) < 0.03
