"""Vectorised resampling (item_scores.score_weighted / Resampler) against scipy on explicit resamples, bootstrap
p-values that never go below 1/(B + 1), multiplicity corrections against hand-computed values, and p-value
printing that never rounds down."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from wordeval.report.fmt import fmt_p
from wordeval.stats.item_scores import Resampler, resample_counts, score_from_items, score_weighted
from wordeval.stats.multiplicity import adjust
from wordeval.stats.pair_tests import bootstrap_p

EPS = np.finfo(np.float64).eps


def _columns(rng, n):
    gold = np.round(rng.uniform(0, 10, n))  # ratings with many ties
    total = rng.integers(1, 30, n)
    tp = rng.integers(0, 3, n)
    return {
        "spearman": {"gold": gold, "pred": gold + rng.normal(0, 3, n)},
        "pearson": {"gold": gold, "pred": np.round(gold + rng.normal(0, 3, n), 1)},
        "mean:correct": {"correct": (rng.random(n) < 0.4).astype(float)},
        "accuracy:counts": {"correct": rng.binomial(total, 0.8), "total": total},
        "f1:counts": {"tp": tp, "fp": rng.integers(0, 2, n), "fn": rng.integers(0, 2, n)},
    }


def _oracle(name, cols, rows):
    sub = {k: np.asarray(v)[rows] for k, v in cols.items()}
    if name == "spearman":
        return stats.spearmanr(sub["gold"], sub["pred"]).statistic
    if name == "pearson":
        return stats.pearsonr(sub["gold"], sub["pred"]).statistic
    return score_from_items(name, sub)


@pytest.mark.parametrize("name", ["spearman", "pearson", "mean:correct", "accuracy:counts", "f1:counts"])
def test_weighted_scores_equal_scipy_on_the_resampled_items(name):
    rng = np.random.default_rng(0)
    n = 150
    cols = _columns(rng, n)[name]
    idx = rng.integers(0, n, size=(60, n))
    counts = np.stack([np.bincount(r, minlength=n) for r in idx]).astype(float)
    got = score_weighted(name, cols, counts)
    expect = np.array([_oracle(name, cols, r) for r in idx])
    # sums of ~n terms of magnitude <= 1 (correlations of ranks, shares): n * eps bounds the rounding
    np.testing.assert_allclose(got, expect, rtol=0, atol=n * EPS * 16)
    together = Resampler(name, [cols, cols]).scores(counts)
    np.testing.assert_allclose(together, np.column_stack([got, got]), rtol=0, atol=n * EPS * 16)


def test_constant_resample_is_nan_not_zero():
    cols = {"gold": np.array([1.0, 2.0, 3.0]), "pred": np.array([5.0, 6.0, 7.0])}
    counts = np.array([[3.0, 0, 0], [1, 1, 1]])
    for name in ("spearman", "pearson"):
        got = score_weighted(name, cols, counts)
        assert np.isnan(got[0]) and got[1] == pytest.approx(1.0)


def test_resample_counts_are_the_multiplicities_of_one_index_draw():
    a = resample_counts(np.random.default_rng(9), 7, 5)
    idx = np.random.default_rng(9).integers(0, 7, size=(5, 7))
    np.testing.assert_array_equal(a, np.stack([np.bincount(r, minlength=7) for r in idx]))
    assert (a.sum(axis=1) == 7).all()


def test_bootstrap_p_is_one_plus_count_over_one_plus_b():
    d = np.array([0.5, 0.4, -0.1, 0.3, np.nan])
    # observed 0.3; |d - 0.3| = 0.2, 0.1, 0.4, 0.0 over the finite replicates: one is >= 0.3
    p, floor = bootstrap_p(0.3, d)
    assert (p, floor) == ((1 + 1) / (1 + 4), 1 / 5)
    assert bootstrap_p(0.0, d)[0] == 1.0
    p, floor = bootstrap_p(5.0, np.full(1000, 5.0))  # every replicate agrees: still 1/(B + 1), never 0
    assert p == floor == 1 / 1001


def test_holm_and_bh_against_hand_computed_values():
    p = [0.01, 0.04, 0.03, 0.005]
    np.testing.assert_allclose(adjust(p, "holm"), [0.03, 0.06, 0.06, 0.02])
    np.testing.assert_allclose(adjust(p, "bh"), [0.02, 0.04, 0.04, 0.02])
    np.testing.assert_allclose(adjust(p, "none"), p)
    got = adjust([0.01, np.nan, 0.5], "holm")  # NaN stays NaN and does not count towards m
    assert got[0] == pytest.approx(0.02) and np.isnan(got[1]) and got[2] == pytest.approx(0.5)
    assert adjust([0.9, 0.8], "holm").max() <= 1.0


@pytest.mark.parametrize("p, floor, text", [
    (1 / 1001, True, "p ≤ 0.001"), (2 / 1001, False, "p = 0.002"), (0.04951, False, "p = 0.0496"),
    (300 / 1001, True, "p ≤ 0.3"), (1.0, False, "p = 1"), (3.2e-12, False, "p = 3.20e-12"),
])
def test_p_values_are_printed_rounded_up(p, floor, text):
    assert fmt_p(p, at_floor=floor) == text
    value = float(text.split()[-1])
    assert value >= p  # never printed below what was computed


def test_rankdata_equals_scipy_with_ties():
    from wordeval.stats.item_scores import rankdata

    rng = np.random.default_rng(8)
    for _ in range(20):
        a = rng.integers(0, 6, size=rng.integers(1, 40)).astype(float)
        np.testing.assert_array_equal(rankdata(a), stats.rankdata(a))


@pytest.mark.parametrize("only_a, only_b", [(0, 0), (3, 3), (0, 5), (7, 2), (40, 61), (500, 430), (1, 0)])
def test_exact_mcnemar_equals_scipy_binomtest(only_a, only_b):
    from wordeval.stats.pair_tests import mcnemar_exact

    a = [1] * only_a + [0] * only_b + [1, 0] * 3  # plus concordant items, which McNemar ignores
    b = [0] * only_a + [1] * only_b + [1, 0] * 3
    expect = stats.binomtest(only_a, only_a + only_b, 0.5).pvalue if only_a + only_b else 1.0
    assert mcnemar_exact(a, b)["p_value"] == pytest.approx(expect, rel=1e-12, abs=1e-300)


def test_a_copy_with_identical_outputs_adds_no_hypothesis_to_holm():
    """A, its copy A2, B and C on one task: A vs B and A2 vs B are one hypothesis (as are A/A2 vs C), so Holm's
    m is 3 (A-B, A-C, B-C), not 5; each corrected p is Holm over the 3 by hand."""
    from tests._oracles import hand_holm
    from tests._records import make_record
    from wordeval.report.compare import compare

    rng = np.random.default_rng(5)
    n = 80
    gold = rng.normal(size=n)
    preds = {"A": gold + rng.normal(scale=0.6, size=n), "B": gold + rng.normal(scale=1.0, size=n),
             "C": gold + rng.normal(scale=1.6, size=n)}
    preds["A2"] = preds["A"] * 2.0  # the same ranking: identical outputs for Spearman
    recs = [make_record(name, "similarity/toy", {"id": list(range(n)), "gold": gold, "pred": pred})
            for name, pred in preds.items()]
    comp = compare(recs, n_boot=300)
    assert comp.parameters["n_pair_tests"] == 3 and comp.parameters["n_duplicate_tests"] == 2
    tests = {frozenset((t["a"], t["b"])): t for t in comp.tests}
    hyps = [("A", "B"), ("A", "C"), ("B", "C")]
    raw = [max(tests[frozenset((a, b))]["p_value"], tests[frozenset(("A2" if a == "A" else a, b))]["p_value"])
           for a, b in hyps]
    for (a, b), expect in zip(hyps, hand_holm(raw)):
        assert tests[frozenset((a, b))]["p_adjusted"] == pytest.approx(expect, rel=1e-12)
        copy = frozenset(("A2" if a == "A" else a, b))
        assert tests[copy]["p_adjusted"] == pytest.approx(expect, rel=1e-12)
