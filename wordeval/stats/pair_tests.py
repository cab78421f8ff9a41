"""The paired test of two representations on one task, chosen by what the main score is.

Both representations are scored on the same items (the comparison's common item set), so every test is paired:

- ``williams``: Pearson correlations with one gold set: Williams' (1959) t in Steiger's (1980) form
  (``wordeval.stats.dependent_correlations``), exact under normality, no resampling.
- ``mcnemar``: accuracy over 0/1 items (analogy questions, documents with one seed): the exact McNemar test,
  a two-sided binomial test of the discordant items (A right and B wrong vs the reverse) against 1/2.
- ``bootstrap``: every other score (Spearman correlations, F1 and token accuracy from per-sentence counts,
  accuracy as a share of seeds right per document): a paired bootstrap over items, the same resampled items
  for both representations. Two-sided p-value from the bootstrap distribution of the difference centred on
  the observed one (Hall & Wilson 1991): p = (1 + #{|d* - d| >= |d|}) / (1 + B), so the smallest p it can
  give is 1/(B + 1) and it never says 0.
- ``bootstrap-seeds``: either representation has several seed records (extrinsic tasks run with ``--seeds``):
  a two-level bootstrap. Each replicate draws the items once (the same for both representations and every
  seed, so the per-seed columns stay paired by item) and, independently for each representation, its seeds
  with replacement; the statistic is the difference of the means over the drawn seeds. Seed-to-seed
  variation therefore widens the null distribution, as it should: a difference that one lucky seed makes
  is not called significant. McNemar does not apply here (it compares one prediction per item).

Exactly equal scores are a tie: p = 1 whatever the test (no test can find a difference that is not there).
"""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

TESTS = ("williams", "mcnemar", "bootstrap", "bootstrap-seeds")
CODES = {"williams": "W", "mcnemar": "M", "bootstrap": "B", "bootstrap-seeds": "S"}


def describe(test: str, unit: str = "items") -> str:
    return {"williams": "Williams' t on the two Pearson correlations with the gold scores",
            "mcnemar": f"exact McNemar test on the discordant {unit}",
            "bootstrap": f"paired bootstrap over {unit}",
            "bootstrap-seeds": f"paired bootstrap over {unit} × seeds"}[test]


def choose_test(scorer: str, n_seeds_a: int, n_seeds_b: int, *, binary: bool) -> str:
    if n_seeds_a > 1 or n_seeds_b > 1:
        return "bootstrap-seeds"
    if scorer == "pearson":
        return "williams"
    if scorer == "mean:correct" and binary:
        return "mcnemar"
    return "bootstrap"


def is_binary(values: Sequence[float]) -> bool:
    v = np.asarray(values, dtype=np.float64)
    return bool(v.size) and bool(np.all((v == 0) | (v == 1)))


def bootstrap_p(observed: float, differences: np.ndarray) -> tuple[float, float]:
    """(p, smallest attainable p) of a two-sided test from bootstrap differences (NaN resamples dropped)."""
    d = np.asarray(differences, dtype=np.float64)
    d = d[np.isfinite(d)]
    if d.size == 0 or not math.isfinite(observed):
        return float("nan"), float("nan")
    floor = 1.0 / (d.size + 1)
    if observed == 0:
        return 1.0, floor
    count = int(np.count_nonzero(np.abs(d - observed) >= abs(observed)))
    return (1.0 + count) / (1.0 + d.size), floor


def mcnemar_exact(correct_a: Sequence[float], correct_b: Sequence[float]) -> dict[str, Any]:
    """Exact McNemar test on paired 0/1 outcomes: binomial(only_a, only_a + only_b, 1/2), two-sided. The
    binomial with p = 1/2 is symmetric, so scipy's ``binomtest(k, n).pvalue`` is 2 P(X <= min(k, n - k)) (1 when
    k = n/2); computed with ``scipy.special.bdtr`` to keep scipy.stats (a second's import) off this path."""
    from scipy.special import bdtr

    a = np.asarray(correct_a) == 1
    b = np.asarray(correct_b) == 1
    only_a, only_b = int(np.sum(a & ~b)), int(np.sum(b & ~a))
    n = only_a + only_b
    p = 1.0 if only_a == only_b else float(2 * bdtr(min(only_a, only_b), n, 0.5))
    return {"p_value": min(1.0, p), "p_floor": 0.0, "statistic": {"only_a": only_a, "only_b": only_b}}


def williams_pearson(gold: Sequence[float], pred_a: Sequence[float], pred_b: Sequence[float]) -> dict[str, Any]:
    """Williams' t for r(gold, A) = r(gold, B) on the same items."""
    from wordeval.stats.dependent_correlations import williams_t
    from wordeval.stats.item_scores import _corr

    r12 = _corr("pearson", gold, pred_a)
    r13 = _corr("pearson", gold, pred_b)
    r23 = _corr("pearson", pred_a, pred_b)
    res = williams_t(r12, r13, r23, len(np.asarray(gold)))
    return {"p_value": res["p_value"], "p_floor": 0.0,
            "statistic": {"t": res["statistic"], "df": res["df"], "r_gold_a": r12, "r_gold_b": r13,
                          "r_a_b": r23}}
