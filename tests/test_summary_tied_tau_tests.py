"""Benchmarks tied at the top τ each keep their own permutation p and verdict in the summary.

Equal τ-b does not mean an equal permutation distribution: over 5 representations whose extrinsic scores are
1..5, intrinsic scores 1, 1, 1, 2, 1 and 1, 1, 4, 3, 2 both give τ-b = 1/√10, but exact two-sided permutation
p-values of 96/120 and 76/120; the summary gave the first one's p (and verdict) for both. The τ values and
p-values below come from scipy.stats.kendalltau and a brute-force count over all 120 orderings."""
from __future__ import annotations

import itertools
import math
from types import SimpleNamespace

import numpy as np
import pytest
from scipy.stats import kendalltau

from wordeval.report import summary
from wordeval.stats import agreement

EXTRINSIC = np.array([1.0, 2.0, 3.0, 4.0, 5.0])


def _brute_force_p(x, y):
    observed = abs(kendalltau(x, y).statistic)
    perms = list(itertools.permutations(range(len(y))))
    # |τ| of another ordering equal to the observed one may differ in the last bit: float32 eps is ample
    tol = 8 * np.finfo(np.float32).eps
    return sum(abs(kendalltau(x, y[list(p)]).statistic) >= observed - tol for p in perms) / len(perms)


def _row(name, x, ci, *, verdict):
    p = _brute_force_p(x, EXTRINSIC)
    return {"intrinsic": name, "extrinsic": "ner/x", "tau": float(kendalltau(x, EXTRINSIC).statistic), "ci": ci,
            "ci_point_mass": None, "ci_resamples": 1000, "n_representations": 5, "n_items": [300, 200],
            "p_permutation": p, "p_adjusted": p, "_boot": [0.0], "verdict": verdict}


def _comp(rows, correction):
    names = {"none": None, "holm": "Holm (1979)"}
    return SimpleNamespace(taus=rows, predictors=agreement.best_predictors(rows), correlation={"flagged": []},
                           parameters={"n_agreement_tests": len(rows), "correction": correction,
                                       "correction_name": names[correction], "alpha": 0.05})


def test_each_tied_benchmark_gets_its_own_permutation_p():
    rows = [_row("similarity/a", np.array([1.0, 1, 1, 2, 1]), [-0.5, 0.9], verdict="could be chance"),
            _row("similarity/b", np.array([1.0, 1, 4, 3, 2]), [-0.5, 0.9], verdict="could be chance")]
    assert rows[0]["tau"] == pytest.approx(1 / math.sqrt(10), abs=8 * float(np.finfo(np.float32).eps))
    assert rows[1]["tau"] == pytest.approx(rows[0]["tau"], abs=8 * float(np.finfo(np.float32).eps))
    assert (rows[0]["p_permutation"], rows[1]["p_permutation"]) == (96 / 120, 76 / 120)
    # the package's own exact test agrees with the brute-force count
    assert agreement.permutation_p([1, 1, 1, 2, 1], EXTRINSIC)["p_value"] == 96 / 120
    (line,) = summary._agreement_lines(_comp(rows, "none"))
    assert "tie at the top" in line
    assert "similarity/a p = 0.8, similarity/b p = 0.634" in line, line  # p rounded up
    assert "the agreement could be chance." in line


def test_each_tied_benchmark_gets_its_own_verdict():
    # the same ranking, so the same τ = 1 and p = 2/120; only the item intervals differ
    ranking = np.array([1.0, 2, 3, 4, 5])
    rows = [_row("similarity/a", ranking, [0.2, 1.0], verdict="clear"),
            _row("similarity/b", ranking, [-0.2, 1.0], verdict="likely")]
    assert rows[0]["p_permutation"] == rows[1]["p_permutation"] == 2 / 120
    assert [agreement.verdict(r, alpha=0.05) for r in rows] == ["clear", "likely"]  # the documented rule
    (line,) = summary._agreement_lines(_comp(rows, "none"))
    assert "the agreement is clear for similarity/a, is likely for similarity/b." in line, line
    assert line.count("p = 0.0167") == 1  # one p where they share it
