"""A NaN among a Spearman task's per-item values makes the score NaN (as scipy's), and so every resample of it:
ranked last on the resamples, it gave an undefined score an interval and entered the pair tests with numbers."""
import math

import numpy as np
from scipy.stats import spearmanr

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.stats.item_scores import score_weighted


def _columns(n=20, seed=0):
    rng = np.random.default_rng(seed)
    gold = rng.normal(size=n)
    return {"id": np.arange(n), "gold": gold, "pred": gold + rng.normal(size=n)}


def test_resamples_of_a_column_with_a_nan_are_nan_as_scipy_says():
    cols = _columns()
    cols["pred"][3] = np.nan
    rng = np.random.default_rng(1)
    index = rng.integers(0, 20, size=(50, 20))
    counts = np.stack([np.bincount(row, minlength=20) for row in index])
    got = score_weighted("spearman", cols, counts)
    oracle = [spearmanr(cols["gold"][row], cols["pred"][row]).statistic for row in index]
    drawn = [3 in row for row in index]
    assert any(drawn) and all(math.isnan(v) for v, d in zip(oracle, drawn) if d)  # scipy: NaN where it is drawn
    # and NaN where it is not: the score over all items is NaN (scipy's), so no resample stands for it
    assert math.isnan(spearmanr(cols["gold"], cols["pred"]).statistic)
    assert np.isnan(got).all()


def test_a_nan_score_gets_no_interval_in_a_comparison():
    records = []
    base = _columns(n=30, seed=2)
    for k, name in enumerate("ABC"):
        pred = base["gold"] + np.random.default_rng(k).normal(size=30)
        if name == "B":
            pred[5] = np.nan
        records.append(make_record(name, "similarity/toy", {"id": list(range(30)), "gold": base["gold"],
                                                            "pred": pred}))
    comp = compare(records, n_boot=200)
    cell = comp.cells[("B", "similarity/toy")]
    assert cell["value"] is None or math.isnan(cell["value"])
    assert not cell["ci"] or not any(math.isfinite(c) for c in cell["ci"])
    a = comp.cells[("A", "similarity/toy")]
    assert a["ci"] and all(math.isfinite(c) for c in a["ci"])
