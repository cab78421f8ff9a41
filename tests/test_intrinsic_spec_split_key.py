"""A user similarity spec whose one file is under [files] train: README said an intrinsic task's file is
`test` or `all` while the code scored it and recorded split "train". Both now say the same."""
from __future__ import annotations

import numpy as np
from scipy.stats import spearmanr

from tests.test_readme_claims import PROSE
from wordeval.evaluation import evaluate

PAIRS = [("tiger", "cat", 7.0), ("car", "auto", 9.0), ("book", "paper", 5.5), ("cup", "mug", 8.0),
         ("sun", "moon", 4.0)]


def test_readme_names_every_key_an_intrinsic_file_may_have():
    claim = "an intrinsic task scores one file, under `test`, `all`, `train` or `dev`"
    assert claim in PROSE
    assert "record's `dataset.split`" in PROSE


def test_a_file_under_train_is_scored_and_recorded_as_train(tmp_path):
    (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\n[files]\ntrain = "p.tsv"\n',
                                     encoding="utf-8")
    rng = np.random.default_rng(0)
    vectors = {w: rng.normal(size=8) for a, b, _ in PAIRS for w in (a, b)}
    rec = evaluate(vectors, tmp_path / "t.toml", name="toy")
    assert rec.dataset["split"] == "train"
    cos = [float(vectors[a] @ vectors[b] / np.linalg.norm(vectors[a]) / np.linalg.norm(vectors[b]))
           for a, b, _ in PAIRS]
    assert rec.main_value == spearmanr([s for *_, s in PAIRS], cos).statistic
    assert rec.n_used == 5
