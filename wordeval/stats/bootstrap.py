"""Bootstrap over items: percentile confidence intervals and paired comparisons.

All resampling draws from ``numpy.random.default_rng(seed)``; the same seed gives the same interval.
Statistics are computed on index arrays (one ``(n_boot, n)`` draw, chunked) so a 95 % CI over a few
thousand items takes milliseconds.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

Statistic = Callable[..., float]
# Fewer items than this: no interval and no paired test. With 5 items a resample takes one of C(9, 5) = 126
# multisets, ties abound, and a Spearman's percentile interval came out [-0.667, 1.000] around 0.700, with 2
# items [1.000, 1.000]: numbers that look like evidence and are not. A chosen policy, not a theorem
# (``pair_tests`` explains the p-value side); the report says where it applied.
MIN_BOOTSTRAP_ITEMS = 10
# At most this many drawn indices per chunk: 200 rows of a 500,000-pair task were 800 MB an array, and a
# chunk's resampled columns and ranks several such arrays (1.4 GB peak at 80,000 pairs). PCG64 gives the same
# stream however the rows are split, so the indices, hence the intervals, do not depend on it.
MAX_DRAW_CELLS = 1_000_000


def index_draws(n: int, n_boot: int, rng: np.random.Generator, chunk: int):
    chunk = max(1, min(chunk, MAX_DRAW_CELLS // max(n, 1)))
    for start in range(0, n_boot, chunk):
        yield rng.integers(0, n, size=(min(chunk, n_boot - start), n))


def bootstrap_distribution(statistic: Statistic, *columns: Sequence[float], n_boot: int = 1000, seed: int = 0,
                           chunk: int = 200) -> np.ndarray:
    """``statistic(*resampled_columns)`` for ``n_boot`` resamples of the items (rows) with replacement.

    Returns an array of length n_boot; NaN where the statistic is undefined on a resample (e.g. a constant
    column in a correlation) — callers decide, nothing is coerced to 0.
    """
    cols = [np.asarray(c) for c in columns]
    n = len(cols[0])
    if any(len(c) != n for c in cols):
        raise ValueError("all columns must have the same length")
    if n == 0:
        return np.full(n_boot, np.nan)
    rng = np.random.default_rng(seed)
    out = np.empty(n_boot)
    i = 0
    for idx in index_draws(n, n_boot, rng, chunk):
        for row in idx:
            out[i] = statistic(*(c[row] for c in cols))
            i += 1
    return out


def percentile_ci(distribution: np.ndarray, *, level: float = 0.95,
                  n_items: int | None = None) -> tuple[float, float]:
    """Percentile interval of a bootstrap distribution, ignoring undefined (NaN) resamples; (NaN, NaN) when
    it resampled ``n_items`` < ``MIN_BOOTSTRAP_ITEMS`` items (callers that know the count pass it)."""
    finite = distribution[np.isfinite(distribution)]
    if finite.size == 0 or (n_items is not None and n_items < MIN_BOOTSTRAP_ITEMS):
        return (float("nan"), float("nan"))
    alpha = (1.0 - level) / 2.0
    lo, hi = np.quantile(finite, [alpha, 1.0 - alpha])
    return (float(lo), float(hi))


def bootstrap_ci(statistic: Statistic, *columns: Sequence[float], n_boot: int = 1000, level: float = 0.95,
                 seed: int = 0) -> tuple[float, float]:
    n = len(columns[0]) if columns else 0
    if n < MIN_BOOTSTRAP_ITEMS:
        return (float("nan"), float("nan"))
    return percentile_ci(bootstrap_distribution(statistic, *columns, n_boot=n_boot, seed=seed), level=level)


def mean_ci(values: Sequence[float], *, n_boot: int = 1000, level: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """CI of a mean (accuracy over 0/1 items) — vectorised, no Python loop per resample."""
    v = np.asarray(values, dtype=np.float64)
    if v.size < MIN_BOOTSTRAP_ITEMS:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = np.concatenate([v[idx].mean(axis=1) for idx in index_draws(v.size, n_boot, rng, 200)])
    return percentile_ci(means, level=level)


def paired_bootstrap(statistic: Statistic, columns_a: Sequence[Sequence[float]],
                     columns_b: Sequence[Sequence[float]], *, n_boot: int = 1000, seed: int = 0) -> dict:
    """Paired bootstrap test of ``statistic(A) - statistic(B)`` over the same items.

    ``columns_a``/``columns_b`` are per-item columns for each system (e.g. gold and predicted scores, or
    per-sentence true-positive/false-positive/false-negative counts); the same resampled item indices are
    applied to both, which is what makes the test paired. The two-sided p-value comes from the bootstrap
    distribution of the difference centred on the observed one (Hall & Wilson 1991):
    p = (1 + #{|d* - d| >= |d|}) / (1 + B), never below 1/(B + 1) (``p_floor``); equal scores give p = 1.
    """
    from wordeval.stats.pair_tests import bootstrap_p

    a = [np.asarray(c) for c in columns_a]
    b = [np.asarray(c) for c in columns_b]
    n = len(a[0])
    if any(len(c) != n for c in a + b):
        raise ValueError("paired columns must all have the same length")
    observed = float(statistic(*a) - statistic(*b))
    rng = np.random.default_rng(seed)
    diffs = np.empty(n_boot)
    i = 0
    for idx in index_draws(n, n_boot, rng, 200):
        for row in idx:
            diffs[i] = statistic(*(c[row] for c in a)) - statistic(*(c[row] for c in b))
            i += 1
    p, floor = bootstrap_p(observed, diffs)
    lo, hi = percentile_ci(diffs)
    return {"difference": observed, "ci": [lo, hi], "p_value": p, "p_floor": floor, "n_items": n,
            "n_boot": n_boot, "seed": seed}
