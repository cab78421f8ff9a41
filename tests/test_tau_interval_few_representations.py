"""The τ interval is withheld below ``MIN_REPRESENTATIONS`` representations, and every τ row names its method.

τ over 2 representations is ±1 whatever the items, and over 3 it takes 4 values: the percentile interval
of such a τ ("[1.00 in all 500 resamples]", "[0.33, 1.00]") was printed where the verdict rule itself sees
no evidence. results.json did not say which interval a τ row's ``ci`` was (percentile over items, not a
Fisher-z over representations), so a reader of the JSON alone could not reproduce or judge it."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import kendalltau

from wordeval.report import tables
from wordeval.stats import agreement


def _tasks(intrinsic_ones, extrinsic_ones, n=100, seed=0):
    """Two accuracy tasks whose representations get exactly the given numbers of items right."""
    rng = np.random.default_rng(seed)
    out = []
    for task, kind, ones in (("analogy/x", "intrinsic", intrinsic_ones),
                             ("classification/x", "extrinsic", extrinsic_ones)):
        cols = {}
        for r, k in enumerate(ones):
            col = np.zeros(n, int)
            col[rng.choice(n, size=k, replace=False)] = 1
            cols[f"R{r}"] = {"id": np.arange(n), "correct": col}
        out.append(agreement.align_items(task, cols, kind=kind, direction="higher", scorer="mean:correct"))
    return out


@pytest.mark.parametrize("ones", [([30, 50, 70], [35, 60, 65]), ([30, 70], [35, 65])])
def test_fewer_than_four_representations_get_no_interval_and_the_cell_says_why(ones):
    (row,) = agreement.tau_table(_tasks(*ones), n_boot=300, seed=0)
    assert row["tau"] == pytest.approx(kendalltau(*ones).statistic) == 1.0  # τ itself is still given
    assert all(math.isnan(b) for b in row["ci"]) and row["ci_point_mass"] is None
    assert row["ci_method"] is None  # no interval was computed: a method beside it named one
    cell = tables.tau_cell(row, alpha=0.05)
    assert "[" not in cell and "no CI" in cell and f"at least {agreement.MIN_REPRESENTATIONS}" in cell


def test_four_representations_keep_their_interval():
    (row,) = agreement.tau_table(_tasks([20, 40, 60, 80], [25, 45, 65, 85]), n_boot=300, seed=0)
    assert all(math.isfinite(b) for b in row["ci"]) and "no CI" not in tables.tau_cell(row, alpha=0.05)


def test_every_tau_row_names_its_interval_method_in_the_json():
    (row,) = agreement.tau_table(_tasks([20, 40, 60, 80], [25, 45, 65, 85]), n_boot=50, seed=0)
    assert "percentile" in row["ci_method"] and "items" in row["ci_method"]


def test_a_constant_ranking_gets_no_interval_and_names_no_method():
    # the intrinsic scores tie (τ-b undefined over a constant ranking): its interval is withheld too
    (row,) = agreement.tau_table(_tasks([50, 50, 50, 50], [25, 45, 65, 85]), n_boot=50, seed=0)
    assert row["constant"] == ["analogy/x"] and all(math.isnan(b) for b in row["ci"])
    assert row["ci_method"] is None
