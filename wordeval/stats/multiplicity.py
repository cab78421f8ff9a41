"""Adjusted p-values for a family of tests (every pair test of one comparison, or every agreement cell).

- ``holm``: Holm (1979), step-down Bonferroni; controls the family-wise error rate under any dependence
  (the pair tests of one report share representations and items, so they are dependent). The default.
- ``bh``: Benjamini & Hochberg (1995) false discovery rate (``scipy.stats.false_discovery_control``).
- ``none``: the raw p-values.

Undefined p-values (NaN) stay NaN and do not count towards the family size.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from wordeval.errors import ConfigError

CORRECTIONS = ("holm", "bh", "none")
NAMES = {"holm": "Holm (1979)", "bh": "Benjamini-Hochberg (1995) FDR", "none": "no correction"}


def check_correction(method: str) -> str:
    if method not in CORRECTIONS:
        raise ConfigError(f"correction must be one of {', '.join(CORRECTIONS)}, got {method!r}")
    return method


def holm(p: np.ndarray) -> np.ndarray:
    """Holm's step-down adjusted p-values: p_(i) * (m - i + 1), made monotone, capped at 1."""
    m = p.size
    order = np.argsort(p, kind="stable")
    scaled = p[order] * (m - np.arange(m))
    adjusted = np.minimum(1.0, np.maximum.accumulate(scaled))
    out = np.empty(m)
    out[order] = adjusted
    return out


def adjust(p_values: Sequence[float], method: str = "holm") -> np.ndarray:
    """Adjusted p-values, in the order given."""
    check_correction(method)
    p = np.asarray(p_values, dtype=np.float64)
    out = np.full(p.shape, np.nan)
    ok = np.isfinite(p)
    if not ok.any():
        return out
    if method == "none":
        out[ok] = p[ok]
    elif method == "holm":
        out[ok] = holm(p[ok])
    else:
        from scipy.stats import false_discovery_control
        out[ok] = false_discovery_control(p[ok], method="bh")
    return out


def family_size(p_values: Sequence[float]) -> int:
    return int(np.isfinite(np.asarray(p_values, dtype=np.float64)).sum())
