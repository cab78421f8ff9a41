"""From result records to a comparison: table, rankings, rank agreement, flipped pairs, correlation matrix,
and a plain-words summary. Pure data out (``Comparison.to_dict()``); rendering lives in tables/plots/html."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from wordeval.errors import ConfigError
from wordeval.results.record import ResultRecord, _clean
from wordeval.stats import agreement
from wordeval.stats.bootstrap import bootstrap_ci


@dataclass
class Comparison:
    representations: list[str]
    tasks: list[dict[str, Any]]  # name, kind, family, main_score, direction
    cells: dict[tuple[str, str], dict[str, Any]]  # (representation, task) -> value, ci, n_used, n_total, ...
    rankings: dict[str, list[str]]
    best: dict[str, dict[str, Any]]  # task -> {"representation", "runner_up", "p_value"}
    taus: list[dict[str, Any]]
    flips: list[dict[str, Any]]
    correlation: dict[str, Any]
    predictors: list[dict[str, Any]]
    summary: list[str]
    records: list[ResultRecord]
    skipped: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)

    def task(self, name: str) -> dict[str, Any]:
        return next(t for t in self.tasks if t["name"] == name)

    def mean_ranks(self, kind: str) -> dict[str, float]:
        """Average rank (1 = best) of each representation over the tasks of one kind."""
        ranks: dict[str, list[int]] = {r: [] for r in self.representations}
        for t in self.tasks:
            if t["kind"] == kind:
                for pos, rep in enumerate(self.rankings.get(t["name"], []), start=1):
                    ranks[rep].append(pos)
        return {r: float(np.mean(v)) if v else float("nan") for r, v in ranks.items()}

    def to_frame(self):
        """The results table as a tidy pandas DataFrame: one row per (representation, task) cell."""
        import pandas as pd

        rows = []
        for (rep, task), cell in self.cells.items():
            t = self.task(task)
            ci = cell.get("ci") or [None, None]
            rows.append({"representation": rep, "task": task, "kind": t["kind"], "family": t["family"],
                         "score": cell.get("score"), "value": cell.get("value"), "ci_low": ci[0], "ci_high": ci[1],
                         "n_used": cell.get("n_used"), "n_total": cell.get("n_total"),
                         "coverage": cell.get("coverage"), "direction": t["direction"]})
        return pd.DataFrame(rows, columns=["representation", "task", "kind", "family", "score", "value", "ci_low",
                                           "ci_high", "n_used", "n_total", "coverage", "direction"])

    def to_dict(self) -> dict[str, Any]:
        return _clean({
            "representations": self.representations,
            "tasks": self.tasks,
            "table": [{"representation": r, "task": t, **cell} for (r, t), cell in self.cells.items()],
            "rankings": self.rankings,
            "best": self.best,
            "kendall_tau": [{k: v for k, v in row.items() if not k.startswith("_")} for row in self.taus],
            "flipped_pairs": self.flips,
            "correlation": {**self.correlation, "matrix": np.asarray(self.correlation.get("matrix", []))},
            "best_predictors": self.predictors,
            "summary": self.summary,
            "skipped": self.skipped,
            "notes": self.notes,
            "parameters": self.parameters,
        })


def _finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


def _latest(records: Sequence[ResultRecord]) -> dict[tuple[str, str], ResultRecord]:
    chosen: dict[tuple[str, str], ResultRecord] = {}
    for rec in records:
        key = (str(rec.embedding.get("name")), rec.task)
        old = chosen.get(key)
        if old is None or str(rec.run.get("time", "")) >= str(old.run.get("time", "")):
            chosen[key] = rec
    return chosen


def _direction(rec: ResultRecord) -> str:
    """Better-is-higher or lower: the record says so itself (schema 2; version-1 records are upgraded)."""
    return rec.direction or "higher"


def _scorer_for(rec: ResultRecord, scorers: Mapping[str, Callable] | None) -> Callable | None:
    """The per-item scorer the record names (``wordeval.stats.item_scores``); ``scorers`` may override
    it per family (tests pass their own)."""
    if scorers and rec.family in scorers:
        return scorers[rec.family]
    from wordeval.errors import WordevalError
    from wordeval.stats.item_scores import scorer
    try:
        return scorer(rec.scorer)
    except WordevalError:
        return None


def compare(records: Sequence[ResultRecord], *, skipped: Sequence[Mapping[str, Any]] = (), n_boot: int = 1000,
            seed: int = 0, level: float = 0.95, method: str = "spearman", alpha: float = 0.05,
            scorers: Mapping[str, Callable[[dict], float]] | None = None, progress: bool = False) -> Comparison:
    """Compare representations across tasks. ``scorers`` overrides the family's ``main_score_from_items``."""
    if not records:
        raise ConfigError("nothing to compare: no result records")
    if method not in ("spearman", "pearson", "kendall"):
        raise ConfigError(f"correlation method must be spearman, pearson or kendall, got {method!r}")
    chosen = _latest(records)
    notes = []
    if len(chosen) < len(records):
        notes.append(f"{len(records) - len(chosen)} older record(s) for the same representation and task "
                     f"were superseded by the latest one.")
    reps = list(dict.fromkeys(r for r, _ in chosen))
    task_order = sorted({t for _, t in chosen}, key=lambda t: (chosen_kind(chosen, t) != "intrinsic", t))
    tasks, cells, rankings, items = [], {}, {}, []
    for task in task_order:
        recs = {r: chosen[(r, task)] for r in reps if (r, task) in chosen}
        first = next(iter(recs.values()))
        direction = _direction(first)
        tasks.append({"name": task, "kind": first.kind, "family": first.family, "main_score": first.main_score,
                      "direction": direction, "version": first.task_version})
        scorer = _scorer_for(first, scorers)
        for rep, rec in recs.items():
            ci = (rec.ci or {}).get(rec.main_score)
            if (not ci or not all(_finite(c) for c in ci)) and scorer is not None and rec.per_item.get("id"):
                names = list(rec.per_item)

                def stat(*cols, _names=names, _s=scorer):
                    try:
                        return float(_s(dict(zip(_names, cols))))
                    except (ValueError, ZeroDivisionError, FloatingPointError):
                        return float("nan")
                ci = list(bootstrap_ci(stat, *[np.asarray(rec.per_item[c]) for c in names], n_boot=n_boot,
                                       level=level, seed=seed))
            cells[(rep, task)] = {"value": rec.main_value, "ci": ci, "score": rec.main_score,
                                  "n_total": rec.n_total, "n_used": rec.n_used, "coverage": rec.coverage}
        sign = 1.0 if direction == "higher" else -1.0
        rankings[task] = sorted((r for r in recs if _finite(recs[r].main_value)),
                                key=lambda r: -sign * recs[r].main_value)
        if scorer is None:
            notes.append(f"{task}: its records name no known item scorer ({first.scorer!r}), so it is left out "
                         f"of the rank-agreement analysis (its scores cannot be recomputed from items).")
            continue
        usable = {r: rec.per_item for r, rec in recs.items() if rec.per_item.get("id")}
        if len(usable) < len(recs):
            notes.append(f"{task}: {len(recs) - len(usable)} record(s) without per-item scores left out of "
                         f"the agreement analysis.")
        if len(usable) >= 2:
            items.append(agreement.align_items(task, usable, kind=first.kind, direction=direction,
                                               scorer=scorer))
    tests = agreement.PairedTests(items, n_boot=n_boot, seed=seed)
    by_task = {t.task: t for t in items}
    best = {}
    for task, order in rankings.items():
        if not order:
            continue
        entry = {"representation": order[0], "runner_up": order[1] if len(order) > 1 else None, "p_value": None}
        if entry["runner_up"] and task in by_task and entry["runner_up"] in by_task[task].columns \
                and order[0] in by_task[task].columns:
            entry["p_value"] = tests.test(task, order[0], order[1])["p_value"]
        entry["significant"] = entry["p_value"] is not None and entry["p_value"] < alpha
        best[task] = entry
    taus = agreement.tau_table(items, n_boot=n_boot, seed=seed, level=level)
    flips = agreement.flipped_pairs(items, tests=tests)
    corr = agreement.correlation_matrix(items, method=method)
    predictors = agreement.best_predictors(taus)
    comp = Comparison(reps, tasks, cells, rankings, best, taus, flips, corr, predictors, [], list(chosen.values()),
                      list(skipped), notes,
                      {"n_boot": n_boot, "seed": seed, "level": level, "correlation": method, "alpha": alpha,
                       "agreement_items": {t.task: t.n_common for t in items}})
    comp.summary = summarize(comp, alpha=alpha)
    return comp


def chosen_kind(chosen: Mapping[tuple[str, str], ResultRecord], task: str) -> str:
    return next(rec.kind for (_, t), rec in chosen.items() if t == task)


def _fmt(x: Any, digits: int = 3) -> str:
    return f"{x:.{digits}f}" if _finite(x) else "n/a"


def summarize(comp: Comparison, *, alpha: float = 0.05) -> list[str]:
    """Plain-words sentences: which benchmark best predicts which task, how sure, and the strongest flips."""
    lines = []
    n_reps = len(comp.representations)
    for p in comp.predictors:
        lo, hi = p["ci"]
        if p["ci_excludes_zero"] and p["tau"] > 0:
            sure = "the agreement is clear (its CI excludes zero)"
        elif _finite(lo) and lo <= 0 <= hi:
            sure = "but the CI includes zero, so this could be chance"
        else:
            sure = "and the agreement is negative"
        share = p["share_best"]
        stays = f"; it stays the best predictor in {share:.0%} of bootstrap resamples" if _finite(share) else ""
        lines.append(f"{p['extrinsic']} is best predicted by {p['intrinsic']} (Kendall τ = {_fmt(p['tau'], 2)}, "
                     f"95% CI [{_fmt(lo, 2)}, {_fmt(hi, 2)}] over {n_reps} representations), {sure}{stays}.")
    from wordeval.report.tables import fmt_p
    nb = comp.parameters.get("n_boot")
    strong = [f for f in comp.flips if _finite(f["p_max"]) and f["p_max"] < alpha]
    if comp.flips:
        f = comp.flips[0]
        lines.append(f"{len(comp.flips)} flipped pair(s); {len(strong)} with both differences significant at "
                     f"p < {alpha}. Strongest: {f['ahead_intrinsic']} beats {f['ahead_extrinsic']} on "
                     f"{f['intrinsic']} ({fmt_p(f['p_intrinsic'], nb)}) but loses on {f['extrinsic']} "
                     f"({fmt_p(f['p_extrinsic'], nb)}).")
    elif comp.taus:
        lines.append("No flipped pairs: every intrinsic ranking agrees with every extrinsic one on each pair.")
    if not comp.taus:
        lines.append("No intrinsic/extrinsic agreement could be computed: the results need at least one "
                     "intrinsic and one extrinsic task with per-item scores for two or more representations.")
    return lines
