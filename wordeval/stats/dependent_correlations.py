"""Tests for two dependent, overlapping correlations: r(gold, A) vs r(gold, B) measured on the same items.

The two correlations share the gold variable and A and B are correlated with each other, so comparing their
confidence intervals (or Fisher-z tests for independent samples) is wrong. Formulas as in Steiger (1980),
"Tests for comparing elements of a correlation matrix", Psychological Bulletin 87(2): 245-251 — eq. (7) is
Williams' (1959) t with Steiger's recommended form, eq. (14) with the pooled r̄ is Steiger's Z.
Subscripts: 1 = gold, 2 = embedding A, 3 = embedding B.
"""
from __future__ import annotations

import math

from wordeval.errors import ConfigError

WILLIAMS_MIN_ITEMS = 5  # n - 3 degrees of freedom, and |R| over 4 items is too near 0 to be worth a test


def _check(r12: float, r13: float, r23: float, n: int, minimum: int) -> bool:
    if n < minimum:
        raise ConfigError(f"need at least {minimum} items to compare dependent correlations, got {n}")
    values = (r12, r13, r23)
    if any(v is None or not math.isfinite(v) for v in values):
        return False
    if any(abs(v) > 1 for v in values):
        raise ConfigError(f"correlations must lie in [-1, 1], got {values}")
    return True


def _nan_result(test: str, df=None) -> dict:
    return {"test": test, "statistic": float("nan"), "df": df, "p_value": float("nan")}


def williams_t(r12: float, r13: float, r23: float, n: int) -> dict:
    """Williams' t for H0: rho12 = rho13 (t distribution, n - 3 df); two-sided p-value.

    t = (r12 - r13) sqrt((n-1)(1+r23) / (2 (n-1)/(n-3) |R| + r̄² (1-r23)³)),
    |R| = 1 - r12² - r13² - r23² + 2 r12 r13 r23, r̄ = (r12 + r13)/2.
    """
    from scipy.special import stdtr  # the t distribution's cdf; scipy.stats costs a second to import

    if not _check(r12, r13, r23, n, WILLIAMS_MIN_ITEMS):
        return _nan_result("williams1959", n - 3)
    det = 1 - r12 ** 2 - r13 ** 2 - r23 ** 2 + 2 * r12 * r13 * r23
    rbar = (r12 + r13) / 2
    den = 2 * (n - 1) / (n - 3) * det + rbar ** 2 * (1 - r23) ** 3
    if den <= 0:
        return _nan_result("williams1959", n - 3)
    stat = (r12 - r13) * math.sqrt((n - 1) * (1 + r23) / den)
    p = float(2 * stdtr(n - 3, -abs(stat)))
    return {"test": "williams1959", "statistic": float(stat), "df": n - 3, "p_value": p}


def steiger_z(r12: float, r13: float, r23: float, n: int) -> dict:
    """Steiger's (1980) Z for H0: rho12 = rho13 with the pooled r̄ (normal distribution); two-sided p-value.

    Z = (z12 - z13) sqrt(n-3) / sqrt(2 - 2 c),  c = psi / (1 - r̄²)²,
    psi = r23 (1 - 2 r̄²) - r̄² (1 - 2 r̄² - r23²) / 2, z = atanh(r).
    """
    from scipy.special import ndtr

    if not _check(r12, r13, r23, n, 4):
        return _nan_result("steiger1980")
    if max(abs(r12), abs(r13)) >= 1:
        return _nan_result("steiger1980")
    rbar = (r12 + r13) / 2
    psi = r23 * (1 - 2 * rbar ** 2) - 0.5 * rbar ** 2 * (1 - 2 * rbar ** 2 - r23 ** 2)
    c = psi / (1 - rbar ** 2) ** 2
    if 2 - 2 * c <= 0:
        return _nan_result("steiger1980")
    stat = (math.atanh(r12) - math.atanh(r13)) * math.sqrt(n - 3) / math.sqrt(2 - 2 * c)
    return {"test": "steiger1980", "statistic": float(stat), "df": None, "p_value": float(2 * ndtr(-abs(stat)))}
