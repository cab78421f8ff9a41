"""Counts in messages: a count with its noun in the number the count asks for ("1 pair", "2 pairs"), where
messages built from a count and a plural noun said "1 duplicated pairs"; and a list cut to its first few
names and how many more ("a, b, c and 2 more"), where each message cut its own."""
from __future__ import annotations

from collections.abc import Sequence


def counted(n: int, unit: str) -> str:
    """``n`` (thousands separated) and ``unit``, a singular noun phrase whose last word takes an 's'."""
    return f"{n:,} {unit if n == 1 else unit + 's'}"


def first_and_more(names: Sequence[str], first: int = 3, *, sep: str = ", ", more: str = "more") -> str:
    """``names`` cut to the first ``first``, joined by ``sep``, then ' and N more' (``more``) for the rest."""
    rest = len(names) - first
    return sep.join(names[:first]) + (f" and {rest} {more}" if rest > 0 else "")
