"""What a table shows, for its legend to define that and nothing else: the Results legend of one
representation's two similarity rows defined §, †, ¶ and McNemar's test, and a reader waded through ~250 words
of things that were not there. Each helper answers "does this table show X?" from the Comparison the table is drawn from."""
from __future__ import annotations

from typing import Any

from wordeval.report.cells import TAGGING, UNITS, finite
from wordeval.report.compare import Comparison
from wordeval.report.fmt import fmt_ci, fmt_coverage
from wordeval.stats import agreement, pair_tests

# the order the legend has always listed the units in (``cells.UNITS``'s values, each once)
UNIT_ORDER = ("word pairs", "questions", "sentence pairs", "oracle words", "sentences", "documents")
OOV_FAMILIES = TAGGING + ("classification", "sts")


def shown_cells(comp: Comparison) -> list[dict[str, Any]]:
    return [c for (rep, task), c in comp.cells.items() if rep in comp.representations]


def shown_flags(comp: Comparison) -> set[str]:
    """The cell flags (``tables.FLAG_SYMBOLS``' keys) some cell of the Results table carries."""
    return {f for c in shown_cells(comp) for f in c.get("flags", ())}


def shown_codes(comp: Comparison) -> list[str]:
    """The test codes printed in the tests column (a bold cell's `*X` is one of its task's), in ``CODES``'
    order."""
    used = {code for t in comp.tasks for code in t.get("tests") or ()}
    return [code for code in pair_tests.CODES.values() if code in used]


def shown_sd(comp: Comparison) -> bool:
    """Whether some cell is 'mean ± sd' (several seeds); a one-seed cell is its value alone (``fmt_pm``)."""
    return any(finite(c.get("sd")) for c in shown_cells(comp))


def shown_ci(comp: Comparison) -> bool:
    """Whether some cell prints an interval: records without per-item scores, or cells all of too few items
    (°), have none, and the legend named a '95% item-bootstrap CI' no cell showed."""
    return any(fmt_ci(c.get("ci")) for c in shown_cells(comp))


def shown_best(comp: Comparison) -> bool:
    return any((comp.best.get(t["name"]) or {}).get("representation") for t in comp.tasks)


def shown_units(comp: Comparison) -> list[str]:
    units = {UNITS.get(t["family"], "items") for t in comp.tasks}
    return [u for u in UNIT_ORDER if u in units] + sorted(units - set(UNIT_ORDER))


def units_list(units: list[str]) -> str:
    """'word pairs, questions or documents'; 'items' where no task names a unit (records of a task this
    wordeval lacks)."""
    if not units:
        return "items"
    return units[0] if len(units) == 1 else ", ".join(units[:-1]) + " or " + units[-1]


def shown_tagging(comp: Comparison) -> bool:
    return any(t["family"] in TAGGING for t in comp.tasks)


def shown_oov(comp: Comparison) -> bool:
    """Whether a coverage cell gives a token OOV rate (``tables.coverage_text``)."""
    families = {t["name"]: t["family"] for t in comp.tasks}
    return any(finite(c.get("oov_rate")) and families.get(task) in OOV_FAMILIES
               for (rep, task), c in comp.cells.items() if rep in comp.representations)


def shown_scored(comp: Comparison) -> bool:
    """Whether a coverage cell reads 'N/M scored, X% covered' (``fmt_coverage``)."""
    return any(" scored, " in fmt_coverage(c) for c in shown_cells(comp))


# -- the rankings -----------------------------------------------------------------------------------------

def shown_relations(comp: Comparison) -> set[str]:
    return {r for rel in comp.relations.values() for r in rel}


def tested_relations(comp: Comparison) -> set[str]:
    """The relations of the tasks ranked on common items, where a `>` is a significant test; a task without
    per-item scores writes `>` for a higher reported value, no test behind it."""
    tested = {t["name"] for t in comp.tasks if t["n_common"] is not None}
    return {r for task, rel in comp.relations.items() if task in tested for r in rel}


def ranked_without_items(comp: Comparison) -> bool:
    """A task ranked on its reported values (no per-item scores to test): it has two ranked representations
    and no common items."""
    return any(t["n_common"] is None and len(comp.rankings.get(t["name"], ())) > 1 for t in comp.tasks)


def candidate_flagged(comp: Comparison) -> bool:
    return "candidates" in shown_flags(comp)


def too_few_common(comp: Comparison) -> bool:
    return bool(comp.parameters.get("n_too_few_pairs")) or any(
        t["n_common"] is not None and 0 < t["n_common"] < pair_tests.MIN_BOOTSTRAP_ITEMS for t in comp.tasks)


def shown_apart(comp: Comparison) -> bool:
    return any(t.get("apart") for t in comp.tasks)


# -- τ and flipped pairs ---------------------------------------------------------------------------------

def tau_any_ci(comp: Comparison) -> bool:
    return any(r.get("ci") and finite(r["ci"][0]) for r in comp.taus)


def tau_point_mass(comp: Comparison) -> bool:
    """Whether some τ interval is printed as a single value with its share of resamples (``tau_ci_text``)."""
    return any(r.get("ci_point_mass") is not None and r.get("ci_resamples") and r.get("ci")
               and finite(r["ci"][0]) for r in comp.taus)


def tau_below_minimum(comp: Comparison) -> bool:
    return any(r["n_representations"] < agreement.MIN_REPRESENTATIONS for r in comp.taus)


def tau_any_verdict(comp: Comparison) -> bool:
    return any(r.get("verdict") for r in comp.taus)


FLIP_NEEDS = "a flip needs two representations and an intrinsic and an extrinsic task"


def _missing(comp: Comparison) -> list[str]:
    kinds = {t["kind"] for t in comp.tasks}
    return ([f"one representation ({comp.representations[0]})"] if len(comp.representations) == 1 else []) + \
        [f"no {k} task" for k in ("intrinsic", "extrinsic") if k not in kinds]


def no_flips_text(comp: Comparison) -> str:
    """The one line a Flipped pairs section without a pair says instead of a legend: why there is none."""
    missing = _missing(comp)
    if missing:
        return f"None: {FLIP_NEEDS}; these results have {' and '.join(missing)}."
    if not comp.taus:
        return (f"None: {FLIP_NEEDS} compared on their common items; no intrinsic and extrinsic task here "
                f"were both compared.")
    if comp.parameters.get("n_untested_flips"):
        return f"None among the pairs that could be tested; {untested_flips_text(comp.parameters)}."
    return ("None: no pair of representations is ahead on an intrinsic task and behind on an extrinsic one "
            "(a pair tied on either task is neither a flip nor an agreement).")


def untested_flips_text(parameters) -> str:
    """The pairs opposed by their scores whose test did not run, and on which tasks: 'on an extrinsic task'
    was said where the untested side was analogy/google (candidate sets of different sizes), an intrinsic
    one."""
    n = parameters.get("n_untested_flips") or 0
    tasks = parameters.get("untested_flip_tasks")
    where = f"on {', '.join(tasks)}" if tasks else "on one of their two tasks"
    return (f"{n} pair(s) ahead on an intrinsic task and behind on an extrinsic one by their scores could "
            f"not be tested {where} (see the rankings), so they are neither flips nor agreement")


def no_taus_text(comp: Comparison) -> str:
    """The one line a rank-agreement section without a cell says instead of the τ legend."""
    missing = _missing(comp)
    need = "agreement needs an intrinsic and an extrinsic task compared on two or more representations"
    if missing:
        return f"None: {need}; these results have {' and '.join(missing)}."
    return f"None: {need} on their common items; no intrinsic and extrinsic task here were both compared."


def no_rankings_text(comp: Comparison) -> str:
    return (f"None: a ranking needs two representations; these results have one ({comp.representations[0]})."
            if comp.representations else "None: no representation has results.")
