"""A small similarity task and a random vector file covering its words, written into a test's folder."""
from __future__ import annotations

import numpy as np

PAIRS = [("tiger", "cat", 7.35), ("book", "paper", 7.46), ("computer", "keyboard", 7.62), ("plane", "car", 5.77),
         ("train", "car", 6.31), ("money", "cash", 9.15), ("tiger", "book", 0.9), ("cat", "money", 1.2),
         ("paper", "train", 2.1), ("keyboard", "cash", 1.6), ("plane", "train", 6.0)]


def write_small_task(folder):
    """(vector file, spec file) in ``folder``: 4-dimensional random vectors and a user similarity spec."""
    words = sorted({w for a, b, _ in PAIRS for w in (a, b)})
    rng = np.random.default_rng(0)
    vectors = folder / "v.txt"
    vectors.write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n" for w in words),
                       encoding="utf-8")
    (folder / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    spec = folder / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n', encoding="utf-8")
    return vectors, spec
