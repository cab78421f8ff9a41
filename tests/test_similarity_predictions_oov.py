"""--save-predictions for similarity wrote one "cosine" column holding the value the correlation read: under
``--oov penalize`` an OOV pair's penalty -1.0, the same as a real cosine of -1 (two opposite vectors), so the
file could not tell a missing word from a perfect antonym; under ``--intersection`` a pair the representation
covers but another misses had no cosine at all. Now "cosine" is the pair's own cosine (empty where a word is
OOV), "covered" the representation's own coverage and "scored" what the correlation read."""
from __future__ import annotations

import numpy as np
from scipy.stats import spearmanr

from wordeval.cli import main
from wordeval.results.store import load_records

PAIRS = [("up", "down", 1.0), ("cat", "dog", 7.0), ("car", "auto", 9.0), ("sun", "moon", 5.0),
         ("zzz", "cat", 3.0), ("car", "qqq", 6.0)]
VECTORS = {"up": (1, 0), "down": (-1, 0), "cat": (1, 1), "dog": (1, 2), "car": (2, 1), "auto": (2, 1.1),
           "sun": (0, 1), "moon": (1, 3)}


def _table(folder):
    (path,) = sorted(folder.glob("similarity__mine__v__*.tsv"))
    head, *rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return [dict(zip(head, r)) for r in rows]


def test_penalised_oov_pairs_are_not_written_as_cosines(tmp_path):
    (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    spec = tmp_path / "mine.toml"
    spec.write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")
    vec = tmp_path / "v.txt"
    vec.write_text("".join(f"{w} {x} {y}\n" for w, (x, y) in VECTORS.items()), encoding="utf-8")
    preds = tmp_path / "P"
    assert main(["--quiet", "intrinsic", f"v={vec}", "--tasks", str(spec), "--oov", "penalize",
                 "--out", str(tmp_path / "S"), "--save-predictions", str(preds)]) == 0
    rows = _table(preds)

    def cosine(a, b):
        u, v = np.array(VECTORS[a], float), np.array(VECTORS[b], float)
        return u @ v / np.linalg.norm(u) / np.linalg.norm(v)

    for (a, b, _), row in zip(PAIRS, rows):
        known = a in VECTORS and b in VECTORS
        assert row["covered"] == ("1" if known else "0")
        if known:
            assert abs(float(row["cosine"]) - cosine(a, b)) < 1e-6 and row["scored"] == row["cosine"]
        else:
            assert row["cosine"] == "" and float(row["scored"]) == -1.0
    assert float(rows[0]["cosine"]) == -1.0  # a real cosine of -1, told apart from the penalties by "covered"
    # the scored column is what the record's Spearman read: scipy on it gives the record's score
    (rec,), _ = load_records([tmp_path / "S"])
    gold = [s for _, _, s in PAIRS]
    assert abs(spearmanr(gold, [float(r["scored"]) for r in rows]).statistic - rec.scores["spearman"]) < 1e-12
