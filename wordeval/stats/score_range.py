"""The values a main score can take, and an interval clipped to them.

A percentile interval's bounds are quantiles of resampled scores, each already in the score's range (the
correlation scorers clip their rounding to [-1, 1]), so they stay in it. A basic (reflected) interval,
``[2 t - q_hi, 2 t - q_lo]``, does not: QVEC-CCA at 1 (every canonical correlation 1, on words no more than
the dimensions) with resamples at 1 - 1.3e-15 reflected to an upper bound of 1.0000000000000013, printed
outward as 1.001, a correlation above 1. Such a bound is clipped to the range, where the score cannot go.
"""
from __future__ import annotations

import math
from typing import Mapping, Sequence

UNIT = (0.0, 1.0)
CORRELATION = (-1.0, 1.0)
RANGES = {"spearman": CORRELATION, "pearson": CORRELATION, "mean:correct": UNIT, "accuracy:counts": UNIT,
          "f1:counts": UNIT, "qvec-cca": UNIT}


def score_range(scorer: str, per_item: Mapping | None = None, *, dimensions: int | None = None
                ) -> tuple[float, float] | None:
    """(low, high) of a scorer's values; None where unknown. QVEC sums one correlation per embedding
    dimension, so its range is [-d, d]: ``dimensions``, or the ``e0..e{d-1}`` columns of ``per_item``."""
    if scorer != "qvec":
        return RANGES.get(scorer)
    if dimensions is None:
        dimensions = sum(1 for k in (per_item or {}) if k[:1] == "e" and k[1:].isdigit())
    return (-float(dimensions), float(dimensions)) if dimensions else None


def clip_interval(ci: Sequence[float] | None, bounds: tuple[float, float] | None):
    """``ci`` with each finite bound moved into ``bounds``; as given where either is None."""
    if not ci or bounds is None:
        return ci
    low, high = bounds
    return [min(max(float(c), low), high) if c is not None and math.isfinite(c) else c for c in ci]


def record_range(record) -> tuple[float, float] | None:
    """The range of a result record's main score (QVEC's d: its per-word columns, else its alignment)."""
    if record.scorer != "qvec":
        return score_range(record.scorer)
    found = score_range("qvec", record.per_item)
    aligned = len((record.extra or {}).get("alignment") or [])
    return found or (score_range("qvec", dimensions=aligned) if aligned else None)
