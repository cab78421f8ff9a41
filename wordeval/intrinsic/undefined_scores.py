"""Why a correlation or an accuracy has no value on the items a record scored, in words the record keeps.

A score not defined on its items is NaN in the record evaluated and null in the one stored; without a reason
beside it the Python record read as a computation gone wrong. The reasons go into ``extra.warnings`` (as QVEC's
do: ``qvec._constant_columns``), which compare and report list in their notes, and into a ``note`` beside a
breakdown's value (a subset, a section), as similarity's frequency bins keep theirs.
"""
from __future__ import annotations

import logging
import math
from typing import Any, Iterable, Mapping

import numpy as np

from wordeval.counted_nouns import counted

log = logging.getLogger(__name__)


def why_no_correlation(gold, pred, unit: str = "pair") -> str | None:
    """Why Spearman and Pearson of ``gold`` and ``pred`` are undefined (the cases in which scipy gives NaN),
    or None where they are defined."""
    g = np.asarray(gold, dtype=np.float64)
    p = np.asarray(pred, dtype=np.float64)
    if g.size == 0:
        return f"no {unit} scored"
    if g.size == 1:
        return f"one {unit} scored, and a correlation needs at least two"
    sides = [f"the {name} (all {x[0]:g})" for name, x in (("gold scores", g), ("predicted cosines", p))
             if np.ptp(x) == 0]
    if sides:
        return (f"{' and '.join(sides)} of the {counted(g.size, unit)} scored are equal, and a correlation "
                f"with a constant side is undefined")
    return None


def undefined_note(names: Iterable[str], why: str) -> str:
    """The warning a record keeps for scores without a value."""
    names = list(names)
    verb = "is" if len(names) == 1 else "are"
    return f"{' and '.join(names)} {verb} undefined (NaN; null in a stored record, never 0): {why}"


def correlation_warnings(scores: Mapping[str, float], names: Iterable[str], gold, pred, unit: str) -> list[str]:
    """One warning for the correlations among ``names`` that are NaN in ``scores`` (none where all have a
    value)."""
    undefined = [n for n in names if not math.isfinite(scores[n])]
    why = why_no_correlation(gold, pred, unit) if undefined else None
    return [undefined_note(undefined, why)] if why else []


def log_warnings(task, embedding, warnings: Iterable[str], *, shown: Iterable[str | None] = ()) -> None:
    """Said when the record is made too, as QVEC's are: the CLI's 'n/a' line had no reason beside it.
    ``shown``: those scoring gave as Python warnings already (``warn_unordered_restrict``), not said twice."""
    shown = set(shown)
    for warning in (w for w in warnings if w not in shown):
        log.warning("%s on %s: %s", task.name, embedding.info.name, warning)


def with_warnings(extra: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    """``extra`` with ``warnings`` added to any it holds (no key where there are none)."""
    if warnings:
        extra["warnings"] = [*(extra.get("warnings") or []), *warnings]
    return extra
