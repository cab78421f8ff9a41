"""A count with its noun in the number the count asks for ("1 pair", "2 pairs"): messages built from a count
and a plural noun said "1 duplicated pairs"."""
from __future__ import annotations


def counted(n: int, unit: str) -> str:
    """``n`` (thousands separated) and ``unit``, a singular noun phrase whose last word takes an 's'."""
    return f"{n:,} {unit if n == 1 else unit + 's'}"
