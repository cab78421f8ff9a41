"""A confidence interval as printed: each bound rounded away from the interval's inside.

Rounded to the nearest, [0.45528, 0.46910] printed as [0.455, 0.469], an interval narrower than the one
computed, which claims more precision than the resampling gave (as a p-value rounded down would claim more
significance); rounded outward it is [0.455, 0.470]. A bound is read as its shortest decimal (``repr``), so
a bound stored as the double nearest 0.7 prints as 0.700 on both sides, not as 0.699 or 0.701."""
from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal


def _directed(x: float, digits: int, rounding: str) -> str:
    d = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-digits), rounding=rounding)
    return f"{abs(d) if d == 0 else d:.{digits}f}"  # no "-0.000" from a bound in (-0.0005, 0]


def outward(lo: float, hi: float, digits: int = 3, *, within: tuple[float, float] | None = None
            ) -> tuple[str, str]:
    """(lower bound rounded down, upper bound rounded up) to ``digits`` decimals, as text. ``within``: the
    statistic's range, each bound clipped to it first, so that a bound a rounding error past 1 prints 1.000,
    not 1.001 (the range's ends are whole numbers, which rounding leaves as they are)."""
    if within is not None:
        lo, hi = (min(max(float(x), within[0]), within[1]) for x in (lo, hi))
    return _directed(lo, digits, ROUND_FLOOR), _directed(hi, digits, ROUND_CEILING)
