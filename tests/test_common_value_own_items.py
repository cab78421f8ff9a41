"""results.csv's common_value is the score on the items every representation has. Where those are exactly a
representation's own items it is the same number as its value: recomputed from the per-item columns it
differed in the last ulp (MEN: 0.6806419218207165 beside 0.6806419218207166)."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import pearsonr, spearmanr

from tests._records import make_record
from wordeval.report.compare import compare


def _records(seed: int, n: int = 30, drop_from_b: int = 0):
    rng = np.random.default_rng(seed)
    gold = rng.normal(size=n)
    out = []
    for name in "AB":
        keep = n - (drop_from_b if name == "B" else 0)
        pred = gold + rng.normal(size=n)
        out.append(make_record(name, "similarity/toy", {"id": list(range(keep)), "gold": gold[:keep],
                                                        "pred": pred[:keep]}))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_equal_item_sets_give_identical_numbers(seed):
    comp = compare(_records(seed), n_boot=20)
    for cell in comp.cells.values():
        assert cell["common_value"] == cell["value"]


def test_pearson_family_equal_item_sets():
    for seed in range(12):
        recs = _records(seed)
        for rec in recs:  # an STS-like record: Pearson main score, its value scipy's
            cols = rec.per_item
            rec.scores = {"pearson": float(pearsonr(cols["gold"], cols["pred"]).statistic)}
            rec.main_score, rec.scorer = "pearson", "pearson"
        comp = compare(recs, n_boot=20)
        for cell in comp.cells.values():
            assert cell["common_value"] == cell["value"]


def test_smaller_common_set_is_scored_on_the_common_items():
    recs = _records(3, n=40, drop_from_b=10)
    comp = compare(recs, n_boot=20)
    a = recs[0].per_item
    expected = spearmanr(a["gold"][:30], a["pred"][:30]).statistic
    assert comp.cells[("A", "similarity/toy")]["common_value"] == expected
    assert comp.cells[("A", "similarity/toy")]["value"] != pytest.approx(expected, abs=1e-6)
    # B's own items are the common ones: its value, unchanged
    assert comp.cells[("B", "similarity/toy")]["common_value"] == comp.cells[("B", "similarity/toy")]["value"]


def _copy_records(seed: int, n: int = 40, head: int = 30):
    """A and C differ; B is A's first ``head`` items (a vocabulary's first rows: the same cosines where it
    has the words), so B's own items are the common ones and its value is scipy's on them."""
    rng = np.random.default_rng(seed)
    gold = rng.normal(size=n)
    pred_a, pred_c = gold + rng.normal(size=n), gold + rng.normal(size=n)
    cols = {"A": (n, pred_a), "B": (head, pred_a), "C": (n, pred_c)}
    return [make_record(name, "similarity/toy", {"id": list(range(k)), "gold": gold[:k], "pred": pred[:k]})
            for name, (k, pred) in cols.items()]


@pytest.mark.parametrize("seed", [1, 2, 4, 6])
def test_identical_outputs_have_one_common_value(seed):
    """B took its own value (scipy's Spearman), A the one recomputed from the columns, an ulp apart on the
    same ranks (seeds chosen where the two sums differ): the copies were untied, and over four GloVe heads
    Kendall's tau and the correlation matrix ranked that ulp. Oracle: scipy's Spearman on the 30 common
    items, which both have alike."""
    recs = _copy_records(seed)
    comp = compare(recs, n_boot=20)
    a = recs[0].per_item
    expected = float(spearmanr(a["gold"][:30], a["pred"][:30]).statistic)
    assert comp.cells[("A", "similarity/toy")]["common_value"] == expected
    assert comp.cells[("B", "similarity/toy")]["common_value"] == expected
