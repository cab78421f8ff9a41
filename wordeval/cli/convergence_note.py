"""One line on stderr when a learner stopped before converging. The table's † was the only sign of it, and
``run`` and ``--json`` print no table: a CRF that ran out of L-BFGS iterations on every seed of the default
profile went unremarked there. The library's own warnings (scikit-learn's ConvergenceWarning) stay silenced:
this line says it once per command, from the records."""
from __future__ import annotations

import sys
from typing import Any, Iterable, Mapping

from wordeval.counted_nouns import first_and_more

SHOWN_CELLS = 3  # cells named in the line; the rest are counted


def _seed_fits(record) -> tuple[str, Any, list[bool | None], list[Any]]:
    """(learner, its iteration limit, per-seed converged flags, per-seed iterations) of one record."""
    config, per_seed = record.config or {}, (record.extra or {}).get("per_seed")
    if isinstance(per_seed, Mapping):  # tagging: one list per field
        limit = (config.get("learner_settings") or {}).get("epochs")
        flags = list(per_seed.get("converged") or [])
        iterations = list(per_seed.get("iterations") or [None] * len(flags))  # older records have none
        return str(config.get("learner")), limit, flags, iterations
    if isinstance(per_seed, list):  # classification: one mapping per seed
        seeds = [s for s in per_seed if isinstance(s, Mapping)]
        return (str(config.get("learner")), config.get("max_iter"), [s.get("converged") for s in seeds],
                [s.get("iterations") for s in seeds])
    return "", None, [], []


def convergence_note(records: Iterable) -> str | None:
    """The note naming the cells where some seed's learner did not converge, or None where every one did."""
    cells, stopped, flagged = [], 0, 0
    for rec in records:
        learner, limit, flags, iterations = _seed_fits(rec)
        known = [(f, n) for f, n in zip(flags, iterations) if f is not None]
        flagged += len(known)
        short = [n for f, n in known if f is False]
        if not short:
            continue
        stopped += len(short)
        ran = ", ".join("?" if n is None else str(n) for n in short)
        name = (rec.embedding or {}).get("name")
        cells.append(f"{rec.task} on {name} ({learner}: {len(short)}/{len(known)} seed(s), "
                     f"iterations {ran} of {limit})")
    if not cells:
        return None
    shown = first_and_more(cells, SHOWN_CELLS, sep="; ", more="more cell(s)")
    return (f"wordeval: note: {stopped} of {flagged} trained seed(s) stopped before converging (the "
            f"iteration limit, or crf's L-BFGS on a failed line search): {shown}; "
            f"a higher limit may move their scores (taggers: --epochs N; classification: --set max_iter=N)")


def print_convergence_note(records: Iterable) -> None:
    from wordeval.visible_text import visible

    note = convergence_note(records)
    if note:
        print(visible(note), file=sys.stderr)
