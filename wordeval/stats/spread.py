"""Mean and standard deviation over seeds, in exact arithmetic.

numpy's float sums round at every step: three seeds that all scored 0.8 (a deterministic learner, a CRF)
had a recorded mean of 0.8000000000000002 and an sd of 1.4e-16, a mean that no seed scored and a spread
that no seed showed. ``statistics`` sums the floats as fractions, so equal values give themselves and 0."""
from __future__ import annotations

import math
import statistics
from typing import Iterable


def mean_sd(values: Iterable[float]) -> tuple[float, float | None]:
    """(mean, sample sd with ddof=1; None for fewer than two values), each correctly rounded; NaN, as numpy
    gives it, where a value is not finite (``statistics`` cannot take those)."""
    vals = [float(v) for v in values]
    if not vals:
        raise ValueError("mean_sd of no values")
    if not all(math.isfinite(v) for v in vals):
        return math.nan, (math.nan if len(vals) > 1 else None)
    return statistics.mean(vals), (statistics.stdev(vals) if len(vals) > 1 else None)
