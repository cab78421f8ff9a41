"""From result records to a comparison: cells, rankings with ties, paired tests corrected for multiplicity,
rank agreement with permutation p-values and item-bootstrap CIs, flipped pairs, the correlation matrix, the
protocol, and a plain-words summary. Pure data out (``Comparison.to_dict()``); rendering lives in
tables/plots/html/writer.

One item set per comparison: rankings, marks, τ, flips and every pair test use, per task, the items that every
representation (and every seed record of it) covers; each cell's own-items value stays in ``cells``.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.counted_nouns import first_and_more
from wordeval.errors import ConfigError
from wordeval.report import cells as cellmod
from wordeval.report.cells import finite
from wordeval.report.policy_notes import policy_notes
from wordeval.results.record import ResultRecord, _clean
from wordeval.results.seed_items import has_seed_columns, seed_item_columns
from wordeval.stats import agreement
from wordeval.stats.bootstrap import MIN_BOOTSTRAP_ITEMS
from wordeval.stats.multiplicity import NAMES as CORRECTION_NAMES, adjust, check_correction


@dataclass
class Comparison:
    representations: list[str]
    tasks: list[dict[str, Any]]  # name, kind, family, main_score, direction, scorer, n_common, test, ...
    cells: dict[tuple[str, str], dict[str, Any]]  # (representation, task) -> value, sd, ci, coverage, flags...
    rankings: dict[str, list[str]]  # task -> representations, best first (common items)
    relations: dict[str, list[str]]  # task -> "=" or ">" between consecutive representations of the ranking
    best: dict[str, dict[str, Any]]  # task -> {"representation": significantly ahead of all others or None}
    taus: list[dict[str, Any]]
    flips: list[dict[str, Any]]
    correlation: dict[str, Any]
    predictors: list[dict[str, Any]]
    summary: list[str]
    records: list[ResultRecord]
    skipped: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    parameters: dict[str, Any] = field(default_factory=dict)
    tests: list[dict[str, Any]] = field(default_factory=list)
    protocol: dict[str, Any] = field(default_factory=dict)

    def task(self, name: str) -> dict[str, Any]:
        return next(t for t in self.tasks if t["name"] == name)

    @property
    def quick(self) -> bool:
        return bool(self.protocol.get("quick"))

    def mean_ranks(self, kind: str) -> dict[str, float]:
        """Average rank (1 = best; ties as the ranking writes them share a rank, ``cells.shared_ranks``) of each
        representation over tasks of one kind, leaving out tasks where no pair could be tested
        (``rank_evidence`` False): there every representation ranks 1 for want of a test (or in the order of
        untested values), which pulled the means together and drew points off the rank scatter's diagonal
        that no test put there. Likewise a representation's rank on a task where none of its own pairs could
        be tested (``untested``)."""
        return {r: float(np.mean(v)) if v else float("nan") for r, v in self._ranks(kind).items()}

    def rank_counts(self, kind: str) -> dict[str, int]:
        """How many tasks each representation's mean rank averages (the n of ``mean_ranks``)."""
        return {r: len(v) for r, v in self._ranks(kind).items()}

    def _ranks(self, kind: str) -> dict[str, list[int]]:
        ranks: dict[str, list[int]] = {r: [] for r in self.representations}
        for t in self.tasks:
            if t["kind"] == kind and t.get("rank_evidence", True):
                for rep in self.rankings.get(t["name"], []):
                    if rep not in t.get("untested", ()):
                        ranks[rep].append(self.cells[(rep, t["name"])]["rank"])
        return ranks

    def to_frame(self):
        """The results table as a tidy pandas DataFrame: one row per (representation, task) cell."""
        import pandas as pd

        from wordeval.report.tables import cell_rows
        rows = cell_rows(self)
        return pd.DataFrame(rows, columns=list(rows[0]) if rows else None)

    def to_dict(self) -> dict[str, Any]:
        from wordeval.report.tables import cell_rows
        return _clean({
            "representations": self.representations,
            "tasks": self.tasks,
            "table": cell_rows(self),
            "rankings": self.rankings,
            "ranking_relations": self.relations,
            "best": self.best,
            "pair_tests": self.tests,
            "kendall_tau": [{k: v for k, v in row.items() if not k.startswith("_")} for row in self.taus],
            "flipped_pairs": self.flips,
            "correlation": {**self.correlation, "matrix": np.asarray(self.correlation.get("matrix", []))},
            "best_predictors": self.predictors,
            "summary": self.summary,
            "skipped": self.skipped,
            "notes": self.notes,
            "parameters": self.parameters,
            "protocol": self.protocol,
            "quick_profile": self.quick,
        })


def correlation_method(method: str | None, correlation: str | None) -> str:
    if method is not None and correlation is not None and method != correlation:
        raise ConfigError(f"method={method!r} and correlation={correlation!r} name the same setting (the "
                          f"correlation method); give one of them")
    chosen = method if method is not None else correlation
    return "spearman" if chosen is None else chosen


def column_order(groups: Mapping[tuple[str, str], Sequence[ResultRecord]]) -> list[str]:
    """The representations in the order they were first computed, each run's in the order its command named
    them: a record that lists its run's labels (``run.representations``) counts from the earliest record of
    any run that listed the same labels, at its label's place in that list; a record without the list (written
    before it was recorded, or by ``evaluate``) from its own run time, then its commit into its store. Ties go
    to the label. Completion times alone put a later-named label first where its cells finished first (a
    --workers run, a run resumed after a kill), and the order of the inputs is not followed either
    (``compare R1 R2`` and ``compare R2 R1`` had their columns, rows of results.csv and pair tests in two
    orders)."""
    def when(rec: ResultRecord) -> tuple[str, float]:
        return str(rec.run.get("time", "")), cellmod.stored_at(rec)

    # one run's list, however many runs (a resumed one) named the same labels in the same order
    started: dict[tuple[str, ...], tuple[str, float]] = {}
    for recs in groups.values():
        for rec in recs:
            named = run_labels(rec)
            if named:
                started[named] = min(started.get(named, when(rec)), when(rec))
    first: dict[str, tuple] = {}
    for (label, _), recs in groups.items():
        for rec in recs:
            named = run_labels(rec)
            key = (started[named], named.index(label)) if named else (when(rec), 0)
            first[label] = min(first.get(label, key), key)
    return sorted(first, key=lambda label: (first[label], label))


def run_labels(rec: ResultRecord) -> tuple[str, ...] | None:
    """The labels of the record's run in its command's order, where the record states them and names its
    own label among them."""
    named = (rec.run or {}).get("representations")
    if isinstance(named, list) and all(isinstance(x, str) for x in named) and rec.label in named:
        return tuple(named)
    return None


def check_arguments(*, skipped: Any = (), n_boot: Any = 1000, seed: Any = 0, level: Any = 0.95,
                    method: Any = None, alpha: Any = 0.05, correction: Any = "holm", progress: Any = False,
                    correlation: Any = None) -> dict[str, Any]:
    """``compare``'s keywords checked, as a dict with ``correlation`` folded into ``method``; a ConfigError
    names the keyword, what it takes and what it got; ``wordeval.compare`` calls it before reading a store."""
    from wordeval.options import MAX_SEED, flag_argument, integer_argument, number, typed

    method = correlation_method(method, correlation)
    if method not in ("spearman", "pearson", "kendall"):
        raise ConfigError(f"correlation method must be spearman, pearson or kendall, got {method!r}")
    if isinstance(skipped, (str, bytes, Mapping)) or not isinstance(skipped, (list, tuple)) \
            or not all(isinstance(s, Mapping) for s in skipped):
        # iterated, 5 was "'int' object is not iterable"; a str was read as its characters
        raise ConfigError(f"skipped: expected a list of skips (mappings, as load_records gives them), got "
                          f"{type(skipped).__name__} {skipped!r:.60}")
    check_correction(correction)
    return {
        "skipped": list(skipped), "method": method, "correction": correction,
        "alpha": typed(number(0.0, 0.5, lo_open=True), "a number")(alpha, "alpha"),
        # level=1.5 was numpy's traceback, level=0 an interval of one value: both are no confidence level
        "level": typed(number(0.0, 1.0, lo_open=True, hi_open=True), "a number")(level, "level"),
        "n_boot": integer_argument(10, 1_000_000)(n_boot, "n_boot"),
        # as a run's seed: numpy's SeedSequence took a negative seed or a float as a traceback, and a seed
        # above 2^32 - 1 as two words of entropy, recorded in results.json beyond what JSON readers hold
        # exactly
        "seed": integer_argument(0, MAX_SEED, "an integer seed")(seed, "seed"),
        "progress": flag_argument(progress, "progress"),
    }


def compare(records: Sequence[ResultRecord], *, skipped: Sequence[Mapping[str, Any]] = (), n_boot: int = 1000,
            seed: int = 0, level: float = 0.95, method: str | None = None, alpha: float = 0.05,
            correction: str = "holm", progress: bool = False, correlation: str | None = None) -> Comparison:
    """Compare representations across tasks (see the module docstring). ``correction`` applies to the family
    of all pair tests and, separately, to the family of all agreement cells. ``method`` is the correlation of
    the benchmark × task matrix (spearman by default); ``correlation`` is the same keyword under the CLI
    flag's name (``--correlation``)."""
    from wordeval.report.protocol import protocol_of
    from wordeval.stats.item_scores import SCORERS

    checked = check_arguments(skipped=skipped, n_boot=n_boot, seed=seed, level=level, method=method,
                              alpha=alpha, correction=correction, progress=progress, correlation=correlation)
    skipped, n_boot, seed, level, method, alpha, correction, progress = (checked[k] for k in (
        "skipped", "n_boot", "seed", "level", "method", "alpha", "correction", "progress"))
    if not records:
        raise ConfigError("nothing to compare: no result records")
    groups, _, left_out = cellmod.group_records(records)
    notes = list(left_out)
    reps = column_order(groups)
    kinds = {t: recs[0].kind for (_, t), recs in groups.items()}
    task_order = sorted(kinds, key=lambda t: (kinds[t] != "intrinsic", t))
    tasks, cells, items = [], {}, []
    for task in task_order:
        recs = {r: groups[(r, task)] for r in reps if (r, task) in groups}
        first = next(iter(recs.values()))[0]
        unit = cellmod.UNITS.get(first.family, "items")
        scorers = {rec.scorer for rs in recs.values() for rec in rs}
        scorer = first.scorer if len(scorers) == 1 and first.scorer in SCORERS else None
        # what the dataset's reader noticed (duplicated items, labels never seen in train), once per task
        data_warnings = dict.fromkeys(w for rs in recs.values() for rec in rs
                                      for w in (rec.dataset or {}).get("warnings") or [])
        notes += [f"{task} data: {w}" for w in data_warnings]
        notes += cut_text_notes(task, recs)
        notes += token_window_notes(task, recs)
        notes += scoring_warning_notes(task, recs)
        notes += policy_notes(task, first.family, recs)
        notes += qvec_dimension_notes(task, first.family, recs)
        entry = {"name": task, "kind": first.kind, "family": first.family, "main_score": first.main_score,
                 "direction": first.direction or "higher", "version": first.task_version, "scorer": scorer,
                 "unit": unit, "n_total": int(first.n_total), "n_common": None, "common_scored": None, "tests": []}
        tasks.append(entry)
        for rep, rs in recs.items():
            cells[(rep, task)] = cellmod.cell_stats(rs, resampling={"n_boot": n_boot, "level": level, "seed": seed})
        cellmod.flag_cells(cells, task, list(recs))
        if scorer is None:
            notes.append(f"{task}: its records name {'different item scorers' if len(scorers) > 1 else 'no known item scorer'}"
                         f" ({', '.join(sorted(map(repr, scorers)))}), so it has no paired tests and is left out of "
                         f"the rank-agreement analysis.")
            continue
        # a record that keeps its seeds' own columns counts as one column set per seed, as seed records do
        usable = {r: [cols for x in rs for cols in seed_item_columns(x.per_item)] for r, rs in recs.items()
                  if all(x.per_item.get("id") for x in rs)}
        notes += _left_out_notes(task, {r: rs for r, rs in recs.items() if r not in usable})
        if len(usable) >= 2:
            notes += pooled_seed_notes(task, {r: groups[(r, task)] for r in usable}, cells)
            it = agreement.align_items(task, usable, kind=first.kind, direction=entry["direction"], scorer=scorer,
                                       unit=unit)
            entry["n_common"] = it.n_common
            if first.family in cellmod.TAGGING:  # the tokens or gold chunks of the common sentences
                rep0 = next(iter(usable))
                entry["common_scored"] = cellmod.scored_counts(it.columns[rep0][0],
                                                               cellmod.pooled_seeds(groups[(rep0, task)][0]))
            if it.n_common == 0:
                notes.append(f"{task}: the representations share no items, so they are not compared on it.")
                continue
            items.append(it)
    from threadpoolctl import threadpool_limits

    # The resampling's matrix products are small and many: BLAS threads would only spin (and on a shared
    # machine starve the rest); one thread, restored on exit.
    from wordeval.progress import progress_bar
    # the resampling is most of the time (seconds on a demo store)
    iterator = progress_bar(items, shown=progress, desc=f"resampling items ({n_boot:,} resamples)", unit="task",
                            leave=False)
    with threadpool_limits(1, user_api="blas"):
        boots = {t.task: agreement.TaskBootstrap(t, n_boot=n_boot, seed=seed) for t in iterator}
    by_task = {t.task: t for t in items}
    for entry in tasks:
        for (rep, task), cell in cells.items():
            if task == entry["name"] and cell["ci"] is None:
                cell["ci"] = _own_ci(groups[(rep, task)], entry, by_task.get(task), boots.get(task), rep,
                                     n_boot=n_boot, seed=seed, level=level)
                # below MIN_BOOTSTRAP_ITEMS the interval is [nan, nan]: no resamples stand behind it
                cell["ci_resamples"] = n_boot if cell["ci"] and all(finite(c) for c in cell["ci"]) else None
    not_comparable = _different_candidate_sets(cells, items, notes)
    tests = agreement.PairTests(items, boots, n_boot=n_boot, seed=seed, not_comparable=not_comparable,
                                level=level)
    tests.correct(correction)
    rankings, relations, best = {}, {}, {}
    for entry in tasks:
        task = entry["name"]
        it = by_task.get(task)
        if it is not None:
            scores = it.scores()
            entry["tests"] = sorted({r["code"] for r in tests.results.values()
                                     if r["task"] == task and not r.get("not_compared")})
            for rep, v in scores.items():
                cells[(rep, task)]["common_value"] = v
            notes += _undefined_score_notes(task, scores)
        else:
            scores = {rep: cells[(rep, task)]["value"] for rep in reps if (rep, task) in cells}
        sign = 1.0 if entry["direction"] == "higher" else -1.0
        order = sorted((r for r in scores if finite(scores[r])), key=lambda r: -sign * scores[r])
        rankings[task] = order
        rel = []
        for a, b in zip(order, order[1:]):
            if scores[a] == scores[b]:
                rel.append("=")
            elif it is not None:
                rel.append(">" if tests.significant(task, a, b, alpha) else "=")
            else:
                rel.append(">")
        relations[task] = rel
        # identical outputs are a tie by definition: evidence for equal ranks, as a test is
        entry["rank_evidence"] = it is not None and (bool(entry["tests"]) or any(
            r.get("identical") for r in tests.results.values() if r["task"] == task))
        # a representation none of whose pairs could be tested (the only one of its candidate set size) ranks
        # 1 for want of a test: spaCy-md, last on the demo's analogy sets, entered the scatter's mean as first
        evidenced = {rep for r in tests.results.values() if r["task"] == task
                     and (not r.get("not_compared") or r.get("identical")) for rep in (r["a"], r["b"])}
        entry["untested"] = [r for r in order if r not in evidenced] if entry["rank_evidence"] else []
        if it is not None:
            entry["apart"] = _apart_beyond_the_chain(task, order, rel, tests, alpha)
        def ahead(a: str, b: str, it=it, scores=scores, sign=sign, task=task) -> bool:
            better = sign * (scores[a] - scores[b]) > 0
            return better and (it is None or tests.significant(task, a, b, alpha))

        for rep, rank in cellmod.shared_ranks(order, ahead).items():
            cells[(rep, task)]["rank"] = rank
        # a rank no test stands behind (spaCy-md, last on the demo's analogy sets, alone with its candidate set
        # size: rank 1) is left empty with the reason, as the mean ranks leave it out
        for rep in order:
            if not entry["rank_evidence"] or rep in entry["untested"]:
                cells[(rep, task)].update(rank=None, rank_left_out=_no_evidence_why(entry, len(order)))
        winner = None
        if it is not None and len(order) >= 2:
            top = order[0]
            if all(sign * (scores[top] - scores[o]) > 0 and tests.significant(task, top, o, alpha) for o in order[1:]):
                winner = top
        best[task] = {"representation": winner, "runner_up": order[1] if len(order) > 1 else None,
                      "significant": winner is not None,
                      "test": tests.test(task, order[0], order[1]) if it is not None and len(order) > 1 else None}
        if (best[task]["test"] or {}).get("identical"):
            # a copy of the best as runner-up left the ranking's one column saying "not tested" where the
            # best was tested against every representation behind the copies: the first of those is shown
            behind = [o for o in order[1:] if not (tests.test(task, order[0], o) or {}).get("identical")]
            best[task]["beyond_copies"] = tests.test(task, order[0], behind[0]) if behind else None
        if winner is not None:
            cells[(winner, task)]["mark"] = tests.test(task, order[0], order[1])["code"]
    taus = agreement.tau_table(items, boots, n_boot=n_boot, seed=seed, level=level)
    flagged = {task for task, _, _ in not_comparable}
    for row in taus:  # § cells: τ descriptive only, no verdict, outside the family (can_have_verdict)
        row["not_comparable"] = row["intrinsic"] in flagged or row["extrinsic"] in flagged
    # the family is the cells that can have a verdict: one over a task of 5 items or 3 representations is
    # no test, and counted it lifted every other cell's corrected p (5 representations, two such cells:
    # 2/120 x 3 = 0.05, no verdict 'clear' possible)
    tau_p = adjust([r["p_permutation"] if agreement.can_have_verdict(r) else float("nan") for r in taus],
                   correction)
    for row, p in zip(taus, tau_p):
        row["p_adjusted"] = float(p)
        row["verdict"] = agreement.verdict(row, alpha=alpha)
    untested_flips: list = []
    flips = agreement.flipped_pairs(items, tests=tests, alpha=alpha, untested=untested_flips)
    corr = agreement.correlation_matrix(items, method=method)
    corr["min_representations"] = agreement.MIN_REPRESENTATIONS
    corr["refused"] = bool(corr["tasks"]) and corr["n_representations"] < agreement.MIN_REPRESENTATIONS
    corr["flagged"] = sorted(flagged)  # candidate sets of different sizes
    # a task of too few common items for a paired test ranks nothing ('=' throughout, its τ no verdict),
    # yet its row of the matrix read as any benchmark's: -0.95 between a 5-pair set and a tagger, unremarked
    corr["few_items"] = {t["name"]: _no_evidence_why(t, 2) for t in tasks if t["name"] in corr["tasks"]
                         and t["n_common"] is not None and t["n_common"] < MIN_BOOTSTRAP_ITEMS}
    # cells whose records were all left out (another embedding under the label, other data) have their note
    notes += _missing_cells(reps, tasks, cells, skipped, left_out={(r.label, r.task) for r in records})
    notes += _uncited_architecture_notes(groups)
    notes += _no_rank_evidence_notes(tasks, rankings)
    predictors = agreement.best_predictors(taus, alpha=alpha, not_comparable=corr["flagged"])
    records_used = [rec for rs in groups.values() for rec in rs]
    comp = Comparison(reps, tasks, cells, rankings, relations, best, taus, flips, corr, predictors, [], records_used,
                      list(skipped), notes,
                      {"n_boot": n_boot, "seed": seed, "level": level, "correlation": method, "alpha": alpha,
                       "correction": correction, "correction_name": CORRECTION_NAMES[correction],
                       "n_pair_tests": tests.n_tests, "n_duplicate_tests": tests.n_duplicate_tests,
                       "n_significant_pair_tests": tests.n_significant(alpha),
                       "ci_resamples": sorted({c["ci_resamples"] for c in cells.values() if c.get("ci_resamples")}),
                       "n_identical_pairs": sum(1 for r in tests.results.values() if r.get("identical")),
                       "n_too_few_pairs": sum(1 for r in tests.results.values()
                                              if "too few" in (r.get("not_compared") or "")),
                       "n_agreement_tests": int(np.isfinite(tau_p).sum()),
                       "n_untested_flips": len(untested_flips),
                       "untested_flip_tasks": sorted({t for *_, tasks in untested_flips for t in tasks}),
                       "min_representations": agreement.MIN_REPRESENTATIONS,
                       "verdict_rule": agreement.verdict_rule(correction, level),
                       "agreement_items": {t.task: t.n_common for t in items}},
                      [_public_test(r) for r in tests.results.values()])
    comp.protocol = protocol_of(comp)
    from wordeval.report.summary import summarize
    comp.summary = summarize(comp)
    return comp


BASIC_INTERVAL = ("qvec", "qvec-cca")  # scorers whose cell interval is the basic (reflected) one


def _own_ci(recs: Sequence[ResultRecord], entry: Mapping[str, Any], items, boot, rep: str, *, n_boot: int,
            seed: int, level: float):
    """The item-bootstrap CI of a cell on its own items when its record carries none (several seed records:
    the CI of the mean over seeds). When the cell's own items are the task's common items, the task's
    resamples are reused."""
    from wordeval.stats.bootstrap import percentile_ci

    scorer = entry["scorer"]
    if scorer is None or not all(r.per_item.get("id") for r in recs):
        return None
    if not (items is not None and rep in items.columns and all(len(r.per_item["id"]) == items.n_common
                                                               for r in recs)):
        items = agreement.align_items(entry["name"], {rep: [c for r in recs for c in seed_item_columns(r.per_item)]},
                                      kind="", direction=entry["direction"], scorer=scorer)
        if items.n_common == 0:
            return None
        boot = agreement.TaskBootstrap(items, n_boot=n_boot, seed=seed)
    lo, hi = percentile_ci(boot.item_means(rep), level=level, n_items=items.n_common)
    if scorer in BASIC_INTERVAL:
        # the interval their records give (``intrinsic.qvec._bootstrap``): their resamples sit above the
        # estimate, and a record with n_boot = 0 was shown the percentile one, wholly above it but for a sliver
        value = items.score(rep)
        lo, hi = 2 * value - hi, 2 * value - lo
        from wordeval.stats.score_range import clip_interval, score_range
        # reflected past the range (QVEC-CCA at 1 gave an upper bound of 1 + 1e-15): clipped, as records are
        return clip_interval([lo, hi], score_range(scorer, recs[0].per_item))
    return [lo, hi]


def _undefined_score_notes(task: str, scores: Mapping[str, float]) -> list[str]:
    """A representation whose score on the common items is undefined (NaN: a correlation with a constant side)
    drops out of the ranking, the pair tests and every tau cell, whose n then counts one fewer: said, as no
    table can say why (a model that gives every pair the same cosine was missing without a word)."""
    undefined = [rep for rep, v in scores.items() if not finite(v)]
    if not undefined:
        return []
    return [f"{task}: no score for {', '.join(undefined)} on the common items (undefined, e.g. a correlation with "
            f"a constant side: NaN, never 0), so {'it is' if len(undefined) == 1 else 'they are'} left out of its "
            f"ranking, its paired tests and the agreement analysis."]


def _no_evidence_why(t: Mapping[str, Any], n_ranked: int = 2) -> str:
    """Why no pair (of a task, or of one representation on it) could be tested, in a few words."""
    if n_ranked < 2:
        return "the only representation ranked on the task"
    if t["n_common"] is None:
        return "no per-item scores"
    if t["n_common"] < MIN_BOOTSTRAP_ITEMS:
        return f"{t['n_common']} common {t.get('unit') or 'items'}"
    return "candidate sets of different sizes"


def _no_rank_evidence_notes(tasks, rankings) -> list[str]:
    """Tasks left out of the mean ranks (the rank scatter): said, as the scatter itself cannot say it."""
    why = _no_evidence_why
    left = [t for t in tasks if not t["rank_evidence"] and len(rankings.get(t["name"], [])) > 1]
    notes = []
    if left:
        named = ", ".join(f"{t['name']} ({why(t)})" for t in left)
        notes.append(f"Mean ranks (the rank scatter) leave out {named}: no pair of representations could be "
                     f"tested there, so their ranks are no evidence of a difference or of a tie.")
    for t in tasks:
        if t.get("untested"):
            reps = t["untested"]
            notes.append(f"Mean ranks (the rank scatter) leave out the rank{'s' if len(reps) > 1 else ''} of "
                         f"{', '.join(reps)} on {t['name']} ({why(t)}): none of "
                         f"{'its' if len(reps) == 1 else 'their'} pairs there could be tested, so "
                         f"{'its rank is' if len(reps) == 1 else 'their ranks are'} no evidence.")
    return notes


def _uncited_architecture_notes(groups) -> list[str]:
    """A transformer folder whose architecture wordeval has no paper for: references.bib cites none for it."""
    from wordeval.embeddings.model_citations import uncited_architecture_note, uncited_architectures

    ordered = sorted((rec for rs in groups.values() for rec in rs), key=lambda r: (r.label, r.task, r.seed))
    embeddings = ((r.label, r.embedding) for r in ordered)
    return [uncited_architecture_note(*u) for u in uncited_architectures(embeddings)]


def _left_out_notes(task: str, recs: Mapping[str, Sequence[ResultRecord]]) -> list[str]:
    """Why representations are left out of a task's paired tests and agreement analysis: no per-item scores
    in their records, or none of the task's items covered (a vocabulary without its words: that was called
    'without per-item scores' too)."""
    uncovered = [r for r, rs in recs.items() if all("id" in x.per_item and x.n_used == 0 for x in rs)]
    unscored = [r for r in recs if r not in uncovered]
    # scored on an empty intersection: such a representation may cover every item itself (GloVe beside a file
    # of none of the words was said to cover none)
    emptied = [r for r in uncovered if all((x.config or {}).get("oov") == "intersection" for x in recs[r])]
    uncovered = [r for r in uncovered if r not in emptied]
    out = []
    if uncovered:
        out.append(f"{task}: no item covered by {', '.join(uncovered)} (0 of {int(recs[uncovered[0]][0].n_total):,}), "
                   f"so no score: left out of its ranking, paired tests and the agreement analysis.")
    if emptied:
        out.append(f"{task}: {', '.join(emptied)} scored under --intersection on the items every "
                   f"representation of their run covers, and no item is covered by all of them (0 of "
                   f"{int(recs[emptied[0]][0].n_total):,}), so no score: left out of its ranking, paired "
                   f"tests and the agreement analysis.")
    if unscored:
        # named, as the notes above name theirs: a count alone left the reader to find which records lack them
        out.append(f"{task}: {len(unscored)} representation(s) without per-item scores "
                   f"({first_and_more(unscored)}) left out of "
                   f"the paired tests and the agreement analysis.")
    return out


def _apart_beyond_the_chain(task: str, order: list[str], rel: list[str], tests, alpha: float) -> list[str]:
    """Significant differences that the chain of neighbours writes as ``=``: ``a = c = b`` with ``a > b``
    tested (c untested against either, e.g. another candidate set §, or a < b far apart). Listed beside the
    ranking; without them ``s2k = glove = noise`` hid a McNemar p of 1e-33 between s2k and noise."""
    out = []
    for i, a in enumerate(order):
        for j in range(i + 2, len(order)):
            b = order[j]
            if all(r == "=" for r in rel[i:j]) and tests.significant(task, a, b, alpha):
                out.append(f"{a} > {b}")
    return out


def scoring_warning_notes(task: str, recs: Mapping[str, Sequence[ResultRecord]]) -> list[str]:
    """What scoring noticed about a representation's own cell (``extra.warnings``: QVEC on fewer than the
    1,000 words below which the authors' script warns, a rank-deficient QVEC-CCA), which the tables do not
    show: a QVEC of 50.0 over 2 covered words is every correlation at ±1, not a perfect alignment."""
    out = []
    for rep, rs in recs.items():
        warnings = (rs[0].extra or {}).get("warnings") or []
        out += [f"{task}: {rep}: {w}" for w in warnings if isinstance(w, str)]
    return out


def qvec_dimension_notes(task: str, family: str, recs: Mapping[str, Sequence[ResultRecord]]) -> list[str]:
    """QVEC adds one aligned correlation per dimension, so across dimensionalities its ranking mostly orders
    the representations by their number of dimensions (GloVe-50d 8.1, spaCy-md 31.1 on the supersenses).
    QVEC-CCA averages its correlations, so it is not named here (though more dimensions still fit more)."""
    if family != "qvec":
        return []
    dims = {rep: (rs[0].embedding or {}).get("dim") for rep, rs in recs.items()}
    if len({d for d in dims.values() if isinstance(d, int)}) < 2:
        return []
    listed = ", ".join(f"{rep} {d}" for rep, d in sorted(dims.items(), key=lambda x: (-(x[1] or 0), x[0])))
    return [f"{task}: QVEC is a sum over dimensions, so it grows with their number, and these representations "
            f"differ in it ({listed} dimensions): its ranking compares their sizes as much as their content"]


def pooled_seed_notes(task: str, recs: Mapping[str, Sequence[ResultRecord]], cells) -> list[str]:
    """Where one record holds several seeds but not each seed's own per-item columns (written before schema 3,
    ``wordeval.results.seed_items``): its per-item columns pool the seeds (counts summed, a document's share of
    seeds right), so its paired tests resample items only, not items × seeds: the seeds' spread is not in the
    null distribution, and a difference one lucky seed makes can pass. For span F1 the score on the common items
    is then the F1 of the summed counts, not the mean of the seeds' F1s that the table shows: said too."""
    pooled = {rep: len(cellmod.inner_seeds(rs[0])) for rep, rs in recs.items()
              if len(rs) == 1 and len(cellmod.inner_seeds(rs[0])) > 1 and not has_seed_columns(rs[0].per_item)}
    if not pooled:
        return []
    sds = [cells[(rep, task)].get("sd") for rep in pooled]
    sds = [sd for sd in sds if finite(sd)]
    spread = f" (sd over seeds up to {max(sds):.3f})" if sds else ""
    counts = sorted(set(pooled.values()))
    pooled_f1 = ""
    if any(recs[rep][0].scorer == "f1:counts" for rep in pooled):
        pooled_f1 = (" Their ranking and tests use the F1 of the counts summed over seeds (results.csv's "
                     "common_value), not the mean of the seeds' F1s that the table shows.")
    return [f"{task}: {', '.join(pooled)} pool{'s' if len(pooled) == 1 else ''} "
            f"{' or '.join(map(str, counts))} seeds in one record (per-item results summed over seeds, written "
            f"before records kept each seed's own), so their paired tests resample items only: the seed-to-seed "
            f"variation{spread} is not in their null distribution.{pooled_f1} Seeds stored as records of their "
            f"own, or in one record of a newer wordeval, are tested over items × seeds (S); rerun to get them."]


def cut_text_notes(task: str, recs: Mapping[str, Sequence[ResultRecord]]) -> list[str]:
    """Where a sentence encoder read texts only up to its length limit (``extra.cut_texts``, per split): the
    score rests on each document's beginning, which the tables do not show (MiniLM reads 1,563 of BBC's 1,781
    training documents up to token 256)."""
    out = []
    for rep, rs in recs.items():
        cut = (rs[0].extra or {}).get("cut_texts") or {}
        parts = [f"{c['cut']:,} of {c['texts']:,} {split} texts" for split, c in cut.items()
                 if isinstance(c, Mapping) and c.get("cut")]
        if parts:
            limit = max(int(c.get("max_tokens", 0)) for c in cut.values() if isinstance(c, Mapping))
            out.append(f"{task}: {rep} read {' and '.join(parts)} only up to their first {limit:,} tokens "
                       f"(its length limit); the rest of those texts played no part in its score.")
    return out


def token_window_notes(task: str, recs: Mapping[str, Sequence[ResultRecord]]) -> list[str]:
    """Where a transformer's token features did not read every word whole (``extra.token_windows``, per
    split): words that reached it as its unknown piece (no subword of their own: zero-width spaces, control
    characters, emoji), and words longer than its window, read only in part. Sentences read in several
    windows are not named: every word of those is read whole, in the window where it has most context."""
    out = []
    for rep, rs in recs.items():
        windows = (rs[0].extra or {}).get("token_windows") or {}
        parts = []
        for key, what in (("unknown_piece_words", "as its unknown piece (no subword of their own)"),
                          ("words_longer_than_window",
                           "only in part (longer than its window of {w:,} pieces)")):
            counts = [f"{c[key]:,} of {c['words']:,} {split}" for split, c in windows.items()
                      if isinstance(c, Mapping) and c.get(key)]
            if counts:
                w = max(int(c.get("window_pieces", 0)) for c in windows.values() if isinstance(c, Mapping))
                parts.append(f"{' and '.join(counts)} words {what.format(w=w)}")
        if parts:
            out.append(f"{task}: {rep} read {'; and '.join(parts)}.")
    return out


def _different_candidate_sets(cells, items, notes: list[str]) -> dict[tuple[str, str, str], str]:
    """Analogy pairs whose representations searched candidate sets of different sizes: a difference in
    accuracy is then the candidate set's as much as the representation's, so the pair is not tested, ranked
    apart or counted as a flip (both are flagged § in the tables)."""
    out = {}
    for it in items:
        counts = {r: cells[(r, it.task)].get("candidates") for r in it.representations}
        pairs = [(a, b) for a, b in itertools.combinations(it.representations, 2)
                 if counts[a] is not None and counts[b] is not None and counts[a] != counts[b]]
        for a, b in pairs:
            out[(it.task, a, b)] = f"candidate sets of {counts[a]:,} and {counts[b]:,} words"
        if pairs:
            notes.append(f"{it.task}: the representations searched candidate sets of different sizes "
                         f"({', '.join(f'{r} {c:,}' for r, c in counts.items() if c is not None)} words), so "
                         f"{len(pairs)} pair(s) with different sets are not tested or ranked apart (shown as =, "
                         f"flagged §); rerun with --common-vocab or --restrict-vocab N (options of wordeval "
                         f"intrinsic and wordeval run; in Python, wordeval.run's common_vocabulary=True or "
                         f"restrict_vocab=N) to compare them.")
    return out


def _missing_cells(reps, tasks, cells, skipped, *, left_out=frozenset(), first: int = 5) -> list[str]:
    """A note naming the (representation, task) cells that have no record and no skip reason: a run
    interrupted before them, or a later run on fewer representations. They show as — in the tables. Cells
    whose records were all ``left_out`` (another embedding under the label, other data) have their own note."""
    said = {(str(s.get("embedding")), str(s.get("task"))) for s in skipped}
    whole = {task for label, task in said if label == "(all)"}  # a task-wide skip (older stores, run summaries)
    missing = [(r, t["name"]) for t in tasks for r in reps
               if (r, t["name"]) not in cells and (r, t["name"]) not in said and t["name"] not in whole
               and (r, t["name"]) not in left_out]
    if not missing:
        return []
    shown = first_and_more([f"{r} × {t}" for r, t in missing], first)
    # not 'an interrupted run' as a fact: records of separate runs read together (an older store beside a
    # new representation's .json records) leave the cells no run asked for, and the note sent users to
    # rerun them
    return [f"{len(missing)} cell(s) (representation × task) were never computed: {shown}; they are shown as "
            f"— and left out of that task's comparisons (no input holds a record or a skip reason for them: a run "
            f"interrupted before them, whose command computes only what is missing, or results of runs on "
            f"different tasks read together)."]


def _public_test(res: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in res.items() if not k.startswith("_")}
