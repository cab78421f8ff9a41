"""A score over seeds is their exact mean and sd: seeds that all scored 4/5 give 0.8 and sd 0, not numpy's
0.8000000000000002 and 1.4e-16 (a mean no seed scored, a spread no seed showed). Oracle: the hand value."""
from __future__ import annotations

import numpy as np
import pytest

import wordeval
from tests._records import make_record
from wordeval.report.compare import compare

pytest.importorskip("pycrfsuite")


@pytest.fixture()
def one_word_task(tmp_path):
    """Five one-token test sentences with the same word, four tagged DT, one NN: every prediction is the
    same, so a seed scores 4/5 or 1/5, and a CRF scores the same on every seed."""
    train = ["x/DT"] * 20 + ["y/NN"] * 20
    (tmp_path / "train.txt").write_text("\n".join(train) + "\n", encoding="utf-8")
    (tmp_path / "test.txt").write_text("\n".join(["x/DT"] * 4 + ["x/NN"]) + "\n", encoding="utf-8")
    spec = tmp_path / "one.toml"
    spec.write_text('name = "one"\nfamily = "pos"\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n',
                    encoding="utf-8")
    return spec


def test_identical_seed_scores_are_recorded_as_their_value_with_sd_zero(one_word_task):
    vectors = {"x": np.array([1.0, 0.0], dtype=np.float32), "y": np.array([0.0, 1.0], dtype=np.float32)}
    rec = wordeval.evaluate(vectors, str(one_word_task), name="v",
                            config={"learner": "crf", "n_seeds": 3, "epochs": 5})
    per_seed = rec.extra["per_seed"]["accuracy"]
    assert len(per_seed) == 3 and len(set(per_seed)) == 1 and per_seed[0] in (4 / 5, 1 / 5)
    assert rec.scores["accuracy"] == per_seed[0]
    assert rec.scores["accuracy_sd"] == 0.0


def test_a_cell_over_seed_records_with_one_value_has_that_value_and_sd_zero():
    per_item = {"id": ["s0", "s1"], "correct": [3, 1], "total": [3, 2]}  # 4/5
    recs = [make_record(name, "pos/toy", per_item, seed=s) for name in "AB" for s in range(3)]
    cell = compare(recs, n_boot=100).cells[("A", "pos/toy")]
    assert cell["n_seeds"] == 3 and cell["value"] == 4 / 5 and cell["sd"] == 0.0


def test_an_intrinsic_task_scored_under_two_seeds_is_one_measurement_not_two_seeds():
    """run(..., seeds=[1]) after seeds [0] stores a second similarity record, the same scores: compare showed
    n_seeds 2, sd 0 and a narrower CI (the same pairs resampled twice over). Oracle: scipy on the pairs."""
    from scipy.stats import spearmanr

    rng = np.random.default_rng(0)
    gold = rng.normal(size=40)
    per_item = {"id": list(range(40)), "gold": gold, "pred": gold + rng.normal(size=40)}
    recs = [make_record(name, "similarity/toy", per_item, seed=s, time=f"2024-01-0{s + 1}")
            for name in "AB" for s in (0, 1)]
    both = compare(recs, n_boot=200)
    latest = compare([r for r in recs if r.seed == 1], n_boot=200)
    cell = both.cells[("A", "similarity/toy")]
    assert cell["n_seeds"] == 1 and cell["sd"] is None
    assert cell["value"] == pytest.approx(spearmanr(per_item["gold"], per_item["pred"]).statistic, abs=1e-12)
    assert cell["ci"] == latest.cells[("A", "similarity/toy")]["ci"]
    assert any("A on similarity/toy: 1 record(s) of other seeds are left out" in n for n in both.notes)
