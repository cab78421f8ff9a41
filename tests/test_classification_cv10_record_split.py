"""A cv10 task scores every document once, each by a model of the other folds: its record said
``dataset.split = "test"`` and ``n_train: null`` while ``datasets check`` said "items: all 24 documents". The
record now says what was scored, in the words and count of ``datasets check``."""
from __future__ import annotations

import subprocess
import sys

import numpy as np

import wordeval


def _spec(folder):
    (folder / "pos.txt").write_text("".join(f"good fine great nice movie {i}\n" for i in range(12)), encoding="utf-8")
    (folder / "neg.txt").write_text("".join(f"bad awful poor dull movie {i}\n" for i in range(12)), encoding="utf-8")
    spec = folder / "t.toml"
    spec.write_text('name = "t"\nfamily = "classification"\nprotocol = "cv10"\n[classes]\npos = "pos.txt"\n'
                    'neg = "neg.txt"\n', encoding="utf-8")
    return spec


def test_a_cv10_record_says_all_documents_in_ten_folds(tmp_path):
    spec = _spec(tmp_path)
    check = subprocess.run([sys.executable, "-m", "wordeval", "datasets", "check", str(spec)],
                           capture_output=True, text=True, check=True).stdout
    assert "items: all 24 documents" in check
    rng = np.random.default_rng(0)
    words = "good fine great nice movie bad awful poor dull".split() + [str(i) for i in range(12)]
    rec = wordeval.evaluate({w: rng.normal(size=8) for w in words}, str(spec), name="v", config={"n_seeds": 1})
    assert rec.dataset["split"] == "all"
    assert rec.dataset["n_documents"] == rec.n_total == rec.n_used == 24
    assert rec.dataset["folds"] == 10
    assert "n_train" not in rec.dataset and "n_test" not in rec.dataset
