"""What inputs that hold no result records say instead: the one-line error of ``wordeval.compare`` and of the
``compare``, ``report`` and ``cite`` commands, which name the inputs, the cells they skipped with the first
reason, and the stores a run is still creating."""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from wordeval.counted_nouns import first_and_more


def nothing_to(verb: str, sources: Iterable, skipped: Sequence[Mapping[str, Any]]) -> str:
    """'nothing to VERB: no result records in R; they record ...' for the paths among ``sources``."""
    from wordeval.results.store import in_creation_clause

    named = [os.fspath(s) for s in sources if isinstance(s, (str, os.PathLike))]
    return (f"nothing to {verb}: no result records{' in ' + ', '.join(named) if named else ''}"
            + skipped_clause(skipped) + in_creation_clause(named))


def skipped_clause(skipped: Sequence[Mapping[str, Any]]) -> str:
    """What the inputs say instead of records: the tasks they skipped, and the first reason (a store whose every
    task was skipped said only 'no result records')."""
    # cells a run planned and did not store are no skips: called 'skipped cell(s)', a killed run's cells read
    # as if the data or the representation had ruled them out
    pending, n, states = pending_cells(skipped)
    said = [s for s in skipped if s not in pending]
    parts = []
    if pending:
        parts.append(f"{n} planned cell-seed(s) not stored ({states}): {_cells_and_reason(pending)}")
    if said:
        parts.append(f"{len({(s.get('task'), s.get('embedding')) for s in said})} skipped cell(s): "
                     f"{_cells_and_reason(said)}")
    hint = "; wordeval status STORE lists its runs and cells" if pending else ""
    return f"; they record {' and '.join(parts)}{hint}" if parts else ""


def pending_cells(skipped: Sequence[Mapping[str, Any]]) -> tuple[list[Mapping[str, Any]], int, str]:
    """The entries for cells a run planned and did not store, their cell-seeds, and '2 in progress, 1 not
    computed'; one count for the report's Incomplete line (report.summary) and the no-records error."""
    pending = [s for s in skipped if s.get("state") in ("in progress", "not computed")]
    counts = {state: sum(len(s.get("seeds") or [0]) for s in pending if s["state"] == state)
              for state in ("in progress", "not computed")}
    return pending, sum(counts.values()), ", ".join(f"{n} {state}" for state, n in counts.items() if n)


def first_cells(entries: Sequence[Mapping[str, Any]]) -> str:
    """'TASK on LABEL, ...' for the first three cells in order, then 'and N more'."""
    cells = sorted({f"{s.get('task')} on {s.get('embedding')}" for s in entries})
    return first_and_more(cells)


def _cells_and_reason(entries: Sequence[Mapping[str, Any]]) -> str:
    return f"{first_cells(entries)} (first reason: {' '.join(str(entries[0].get('reason', '')).split())})"
