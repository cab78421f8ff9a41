"""The τ interval is the percentile one, and a zero-width interval says how many resamples gave its value.

BCa was measured as the alternative (reports/repro/tau-interval-coverage.md, README "Statistics") and
rejected: at τ = 1 with most resamples below 1 it claims certainty, [1, 1]. The last test pins that with
scipy's own BCa as the oracle, so the choice is checked, not asserted."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import bootstrap, kendalltau

from wordeval.report import tables
from wordeval.stats import agreement


def _fixed_counts(rng, n, ones):
    col = np.zeros(n, int)
    col[rng.choice(n, size=ones, replace=False)] = 1
    return col


def _tasks(intrinsic_ones, extrinsic_ones, n=100, seed=0):
    """Two tasks whose representations get exactly the given numbers of items right (means known by hand)."""
    rng = np.random.default_rng(seed)
    out = []
    for task, kind, ones in (("analogy/x", "intrinsic", intrinsic_ones), ("classification/x", "extrinsic",
                                                                           extrinsic_ones)):
        cols = {f"R{r}": {"id": np.arange(n), "correct": _fixed_counts(rng, n, k)} for r, k in enumerate(ones)}
        out.append(agreement.align_items(task, cols, kind=kind, direction="higher", scorer="mean:correct"))
    return out


def test_every_resample_at_one_is_said_not_shown_as_a_bare_zero_width_interval():
    ones = [40, 120, 200, 280, 360], [60, 140, 220, 300, 380]  # gaps of 6 standard errors: no resample swaps
    (row,) = agreement.tau_table(_tasks(*ones, n=400), n_boot=200, seed=0)
    assert row["tau"] == pytest.approx(kendalltau(*ones).statistic) == 1.0
    assert row["ci"] == [1.0, 1.0] and row["ci_point_mass"] == row["ci_resamples"] == 200
    cell = tables.tau_cell(row, alpha=0.05)
    assert "[1.00 in all 200 resamples]" in cell and "[1.00, 1.00]" not in cell


def test_a_zero_width_interval_from_a_spread_distribution_gives_the_share_at_its_value():
    items = _tasks([10, 30, 50, 70, 90], [15, 35, 55, 75, 90])  # the last two close: a few resamples swap them
    (row,) = agreement.tau_table(items, n_boot=1000, seed=0)
    dist = row["_boot"]
    at_one = int(np.count_nonzero(dist == 1.0))
    assert row["ci"] == [1.0, 1.0] and 975 <= at_one < 1000  # not constant, yet the 2.5 % quantile is 1
    assert row["ci_point_mass"] == at_one and row["ci_resamples"] == 1000
    assert f"[1.00 in {at_one:,} of 1,000 resamples]" in tables.tau_cell(row, alpha=0.05)


def test_an_interval_of_width_above_zero_is_printed_as_before():
    items = _tasks([40, 45, 50, 55, 60], [40, 45, 50, 55, 60])
    (row,) = agreement.tau_table(items, n_boot=200, seed=0)
    assert row["ci"][0] < row["ci"][1] and row["ci_point_mass"] is None
    assert f"[{row['ci'][0]:.2f}, {row['ci'][1]:.2f}]" in tables.tau_cell(row, alpha=0.05)


def test_bca_would_claim_certainty_at_tau_one_so_the_percentile_interval_stays():
    # exact τ = 1 from gaps of 5 items in 100 (and one of 1, so that leaving an item out can move τ and the
    # jackknife acceleration is defined): most resamples reorder some pair
    items = _tasks([40, 45, 50, 55, 56], [45, 50, 55, 60, 65])
    (row,) = agreement.tau_table(items, n_boot=999, seed=0)
    assert row["tau"] == 1.0
    lo, hi = row["ci"]
    assert lo < 0.5 and hi == 1.0 and row["ci_point_mass"] is None

    a = np.column_stack([c[0]["correct"] for c in items[0].columns.values()])
    b = np.column_stack([c[0]["correct"] for c in items[1].columns.values()])

    def tau_of_items(i, j):  # resampling item indices = resampling items; scipy draws and jackknifes them
        return kendalltau(a[i].mean(axis=0), b[j].mean(axis=0)).statistic

    res = bootstrap((np.arange(len(a)), np.arange(len(b))), tau_of_items, method="BCa", n_resamples=999,
                    vectorized=False, rng=np.random.default_rng(0))
    spread = res.bootstrap_distribution
    assert np.mean(spread < 1.0 - 8 * np.finfo(float).eps) > 0.9  # the resamples say τ is far from settled ...
    # ... BCa says [1, 1] (to float rounding of scipy's τ)
    assert res.confidence_interval.low == pytest.approx(1.0, abs=8 * np.finfo(float).eps)
    assert res.confidence_interval.high == pytest.approx(1.0, abs=8 * np.finfo(float).eps)
