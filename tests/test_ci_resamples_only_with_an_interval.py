"""A cell the comparison gives no interval (fewer than 10 items: ``MIN_BOOTSTRAP_ITEMS``) drew none, so
results.csv's ``ci_resamples`` is empty there and the resample counts the captions name leave it out. It said
200 (the comparison's --n-boot) beside an empty interval, as if 200 resamples had come out undefined.

Where the comparison does draw a cell's interval, it is checked against scipy's Spearman on the same resamples
(the percentile interval: numpy's linear quantile at 2.5 % and 97.5 %)."""
from __future__ import annotations

import warnings

import numpy as np
from scipy.stats import spearmanr

from _records import make_record
from wordeval.report.compare import compare
from wordeval.report.tables import cell_rows
from wordeval.stats.item_scores import resample_counts
from wordeval.stats.task_items import task_rng

TASK = "similarity/toy"
N_BOOT = 200


def _records(gold, preds):
    return [make_record(name, TASK, {"id": list(range(len(gold))), "gold": [float(g) for g in gold],
                                     "pred": [float(p) for p in pred]}) for name, pred in preds.items()]


def test_no_interval_no_resamples():
    gold = [1, 2, 3, 4, 5]
    comp = compare(_records(gold, {"A": [1, 2, 3, 5, 4], "B": [3, 1, 2, 4, 5]}), n_boot=N_BOOT, seed=0)
    rows = cell_rows(comp)
    assert [r["flags"] for r in rows] == ["few_items", "few_items"]
    assert all(np.isnan(r["ci_low"]) and np.isnan(r["ci_high"]) for r in rows)
    assert [r["ci_resamples"] for r in rows] == [None, None]
    assert comp.parameters["ci_resamples"] == []


def test_drawn_interval_is_scipys_spearman_on_the_same_resamples():
    rng = np.random.default_rng(4)
    gold = rng.integers(0, 5, 12).astype(float)  # ties in gold and predictions
    preds = {"A": np.round(gold + rng.normal(0, 1.5, 12)), "B": np.round(gold + rng.normal(0, 3, 12))}
    comp = compare(_records(gold, preds), n_boot=N_BOOT, seed=0)
    counts = resample_counts(task_rng(0, TASK), len(gold), N_BOOT)
    for row in cell_rows(comp):
        pred = preds[row["representation"]]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a constant resample: NaN, left out as the module does
            draws = np.array([spearmanr(np.repeat(gold, c), np.repeat(pred, c)).statistic for c in counts])
        lo, hi = np.quantile(draws[np.isfinite(draws)], [0.025, 0.975])
        tol = np.finfo(np.float32).eps  # correlations in [-1, 1]: the module sums ranks in another order
        assert abs(row["ci_low"] - lo) <= tol and abs(row["ci_high"] - hi) <= tol
        assert row["ci_resamples"] == N_BOOT
    assert comp.parameters["ci_resamples"] == [N_BOOT]
