"""Benchmarks that tie at the top τ each keep their own interval in the summary.

An audit of a four-representation report found the summary line "similarity/mc30, similarity/rg65,
similarity/simlex999, similarity/ws353 tie at the top (Kendall τ-b = -0.18 ..., CI [-0.91, 0.91])": MC-30's
interval given for all four, while the τ table gave WS-353 [-0.91, 0.55] and SimLex [-0.55, 0.91] (their items
differ). The rows below are written by hand; the expected text is read off them."""
from __future__ import annotations

from types import SimpleNamespace

from wordeval.report import summary
from wordeval.stats import agreement


def _row(intrinsic, ci):
    return {"intrinsic": intrinsic, "extrinsic": "ner/x", "tau": -0.18257418583505536, "ci": ci,
            "ci_point_mass": None, "ci_resamples": 1000, "n_representations": 4, "n_items": [300, 200],
            "p_permutation": 1.0, "p_adjusted": 1.0, "_boot": [0.0], "verdict": "could be chance"}


def _comp(rows):
    return SimpleNamespace(taus=rows, predictors=agreement.best_predictors(rows), correlation={"flagged": []},
                           parameters={"n_agreement_tests": len(rows), "correction": "holm",
                                       "correction_name": "Holm (1979)", "alpha": 0.05})


def test_each_tied_benchmark_gets_its_own_interval():
    rows = [_row("similarity/a", [-0.9128709291752769, 0.9128709291752769]),
            _row("similarity/b", [-0.5477225575051661, 0.9128709291752769])]
    (line,) = summary._agreement_lines(_comp(rows))
    assert "CIs similarity/a [-0.92, 0.92], similarity/b [-0.55, 0.92])" in line


def test_one_interval_when_the_tied_benchmarks_share_it():
    rows = [_row("similarity/a", [-0.9128709291752769, 0.5477225575051661]),
            _row("similarity/b", [-0.9128709291752769, 0.5477225575051661])]
    (line,) = summary._agreement_lines(_comp(rows))
    assert "percentile CI [-0.92, 0.55])" in line and "CIs" not in line
