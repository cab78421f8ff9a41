"""The cells of a comparison: records grouped by (representation, task) over their seeds, each cell's value on
its own items (mean ± sd over seeds), its CI, coverage, OOV rate, candidate set and flags.

Reads only what a result record states about itself (schema 2): label, task, seed, scorer, direction,
per-item columns, ``extra["protocol"]``, ``extra["per_seed"]``, ``extra["candidate_vocabulary"]``.
"""
from __future__ import annotations

import datetime
import json
import math
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from wordeval.results.declared import declared_in
from wordeval.results.record import ResultRecord, _clean, config_hash
from wordeval.stats.bootstrap import MIN_BOOTSTRAP_ITEMS
from wordeval.stats.spread import mean_sd

COVERAGE_GAP = 0.05  # a cell covering > 5 points fewer items than the best-covered one is flagged
# what a task's items are, named beside every count of them (coverage, common items, the reasons a test, a
# τ or a CI is not given): a bare "100/100" beside an accuracy over 2,504 tokens was cited as n = 100, and
# "40/40" in the run table left pairs, questions and sentences to be guessed
UNITS = {"similarity": "word pairs", "analogy": "questions", "sts": "sentence pairs", "pos": "sentences",
         "chunking": "sentences", "ner": "sentences", "classification": "documents", "qvec": "oracle words",
         "qvec-cca": "oracle words"}
TAGGING = ("pos", "chunking", "ner")


def finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def stored_at(rec: ResultRecord) -> float:
    """When the record was committed to the store it was read from (seconds, sub-second), or -inf."""
    value = getattr(rec, "stored_at", None)
    return float(value) if isinstance(value, (int, float)) else float("-inf")


def last_used(rec: ResultRecord) -> tuple[str, float]:
    """(run time, commit time) of the record's latest run: the one that computed it, or a later one that
    reused it from its store (``served_at``): a user who went back to an earlier data file or option was
    shown the record computed last, on data or settings that run no longer used."""
    run_time, at = str(rec.run.get("time", "")), stored_at(rec)
    served = getattr(rec, "served_at", None)
    if not isinstance(served, (int, float)) or served <= at:
        return run_time, at
    # run.time's own form (provenance: UTC, whole seconds), so records of stores and of .json files still sort
    served_time = datetime.datetime.fromtimestamp(served, datetime.timezone.utc).isoformat(timespec="seconds")
    return max(run_time, served_time), float(served)


def _reading(rec: ResultRecord) -> str:
    from wordeval.results.store import reading_text

    return reading_text(rec)


def measurement(rec: ResultRecord) -> tuple:
    """What makes two records of one request the same result (everything but when it was run). Scores as
    the record's JSON has them: an undefined score is NaN in the record evaluated and null in the one read
    back from its store or file, which were taken for two results."""
    return (rec.cache_key(), tuple(sorted(rec.data_version().items())), _reading(rec),
            repr(_clean(rec.main_value)), json.dumps(_clean(rec.scores), sort_keys=True, default=repr), rec.n_used,
            rec.n_total)


def group_records(records: Sequence[ResultRecord]) -> tuple[dict[tuple[str, str], list[ResultRecord]], int,
                                                               list[str]]:
    """(label, task) -> its records, one per seed (the latest record of a seed wins), sorted by seed; how many
    records were superseded by a later, different one of the same label, task and seed; and a note for each
    set of records left out (identical duplicates, superseded ones, and those a later record says measure
    something else). "Later" is run.time, then stored_at, then the record key (see ``when`` below), where a
    record a later run reused counts from that run (``last_used``):
    - computed on another version of the task (its ``version``) or of its data than the task's latest record
      (a user's corrected data file): they would be compared with, or averaged into, the new ones;
    - of another embedding under the same label (``mine=v1.txt``, later ``mine=v2.txt`` into the same store on
      some tasks): v1's numbers were shown in v2's column, under v2's fingerprint. Checked per label and level
      (word-level tasks, the rest), since ``LABEL=WORD_SPEC|ENCODER_SPEC`` gives a label one embedding each.
    """
    from wordeval.report.builtin_data import other_dataset_of_builtin
    from wordeval.tasks.families import family_info

    def time_of(rec: ResultRecord) -> str:
        return str(rec.run.get("time", ""))

    # Which of two records of one cell is the later: run.time has whole seconds, and on a tie the winner was
    # whichever came last in the input, so `compare A B` and `compare B A` could show different numbers. Ties
    # go to the later commit into its store (stored_at, sub-second; records read from .json files have none
    # and count as stored before any store's), then to the larger record key (then the main score's text):
    # the same winner in any input order.
    # each record's measurement (its key, a config hash and its scores as JSON) once: recomputed at each use,
    # it was ~0.5 s of `status` on a store of 4,000 records
    measured = {id(rec): measurement(rec) for rec in records}
    order = {id(rec): (*last_used(rec), measured[id(rec)][0], repr(_clean(rec.main_value)), rec.n_used)
             for rec in records}

    def when(rec: ResultRecord) -> tuple:
        return order[id(rec)]

    def data(rec: ResultRecord) -> tuple:
        # a built-in task's sources (data home, package copy, URL) are pinned to give the same items under its
        # version, with other file names and digests: its data is its version
        if _declared_in(rec).startswith("builtin:"):
            return (str(rec.task_version),)
        # the same files read another way (columns.label on another column, a label_map) are other items
        return (str(rec.task_version), _reading(rec), *sorted((rec.dataset_sha256 or {}).items()))

    def level(rec: ResultRecord) -> str:
        return "word-level tasks" if family_info(rec.family).word_level else "other tasks"

    rules = [(lambda r: r.task, data, "{key}: {n} record(s) were computed on another version of the task or its "
              "data than the task's latest record (task version, dataset sha256 or reader options) and are "
              "left out: results on two versions of a task are not compared."),
             (lambda r: (r.label, level(r)), lambda r: r.embedding.get("fingerprint"),
              "{key[0]}: {n} record(s) on {key[1]} were made with another embedding than the label's latest record "
              "(another fingerprint) and are left out: one label names one representation.")]
    # the same record read from two inputs (a store and its copy, a report's results.json beside its store)
    # is one record: it was counted as 'older record(s) superseded by the latest one'. The same key and time are
    # not enough: the key holds no data digest and times have whole seconds, so a run on a user's corrected
    # data file in the same second as one on the old file was taken for the same record
    seen: set[tuple] = set()
    kept, notes = [], []
    replaced: dict[Any, set] = {}  # group -> the identities a later record of it replaced
    for rec in records:
        same = (time_of(rec), *measured[id(rec)])
        if same not in seen:
            seen.add(same)
            kept.append(rec)
    if len(kept) < len(records):
        notes.append(f"{len(records) - len(kept)} record(s) appear in more than one input (the same record) "
                     f"and are counted once.")
    kept, more = other_dataset_of_builtin(kept)
    notes += more
    for group_of, identity, text in rules:
        newest: dict[Any, ResultRecord] = {}
        for rec in kept:
            g = group_of(rec)
            if g not in newest or when(rec) >= when(newest[g]):
                newest[g] = rec
        left: dict[Any, int] = {}
        for rec in kept:
            if identity(rec) != identity(newest[group_of(rec)]):
                left[group_of(rec)] = left.get(group_of(rec), 0) + 1
                replaced.setdefault(group_of(rec), set()).add(identity(rec))
        if identity is data:
            notes += _builtin_name_notes(kept, newest)
        kept = [r for r in kept if identity(r) == identity(newest[group_of(r)])]
        notes += [text.format(key=g, n=n) for g, n in sorted(left.items(), key=lambda kv: str(kv[0]))]
    kept, more = _one_spec_per_task(kept, when)
    notes += more
    kept, more = _one_embedding_across_levels(kept, replaced, level, when)
    notes += more
    kept, more = _one_setting_per_cell(kept, when)
    notes += more
    latest: dict[tuple[str, str, int], ResultRecord] = {}
    for rec in kept:
        key = (rec.label, rec.task, int(rec.seed))
        old = latest.get(key)
        if old is None or when(rec) >= when(old):
            latest[key] = rec
    # a record identical to the kept one but for its run time (the same command run into two stores) is a
    # duplicate, not an older result that a newer one replaced
    dropped = [rec for rec in kept if latest[(rec.label, rec.task, int(rec.seed))] is not rec]
    duplicates = sum(1 for rec in dropped
                     if measured[id(rec)] == measured[id(latest[(rec.label, rec.task, int(rec.seed))])])
    superseded = len(dropped) - duplicates
    if duplicates:
        notes.append(f"{duplicates} record(s) were identical duplicates (the same request and numbers, "
                     f"another run time) of a record kept once.")
    if superseded:
        notes.append(f"{superseded} older record(s) for the same representation, task and seed were "
                     f"superseded by the latest one (other numbers or another request).")
    latest, more = _one_seed_per_intrinsic_cell(latest, when)
    notes += more
    groups: dict[tuple[str, str], list[ResultRecord]] = {}
    for (label, task, _), rec in latest.items():
        groups.setdefault((label, task), []).append(rec)
    for recs in groups.values():
        recs.sort(key=lambda r: r.seed)
    return groups, superseded, notes


def _declared_in(rec: ResultRecord) -> str:
    return declared_in(rec)


def _builtin_name_notes(records: Sequence[ResultRecord], newest: Mapping[str, ResultRecord]) -> list[str]:
    """A note for each task whose records come from both the built-in task and a user's spec of its name (an
    older wordeval let a spec take a built-in task's name): the generic 'another version of the task' note
    did not say that the row named like the built-in task may show the user's own data. Records that do not
    say where their task was declared (stored before declared_in) are counted as the built-in task's when they
    read its pinned data under its version (``results.declared``), else as neither."""
    def builtin(rec: ResultRecord) -> bool | None:
        return _declared_in(rec).startswith("builtin:") if _declared_in(rec) else None

    notes = []
    for task in sorted({r.task for r in records}):
        latest = newest[task]
        if builtin(latest) is None:
            continue
        others = [r for r in records if r.task == task and builtin(r) is (not builtin(latest))]
        if not others:
            continue
        specs = sorted({_declared_in(r) for r in (others if builtin(latest) else [latest])})
        spec_text = f"the user's spec{'s' if len(specs) > 1 else ''} {', '.join(specs)}"
        shown, left = ("the built-in task", spec_text) if builtin(latest) else (spec_text, "the built-in task")
        # not "its row shows the data of ...": a later rule (another embedding under the label) may leave the
        # task no row at all; what holds is that only records on the latest record's data stay
        notes.append(f"{task}: its records are of the built-in task and of {spec_text}, named like it (an older "
                     f"wordeval allowed that; a spec may no longer take a built-in task's name): its latest record "
                     f"is of {shown}, and only records on that data are compared; {len(others)} record(s) of "
                     f"{left} are left out (counted in the note on another version of the task).")
    return notes


def _one_spec_per_task(records: list[ResultRecord], when) -> tuple[list[ResultRecord], list[str]]:
    """Records of a user's task made under another version of its spec file than the task's latest record with
    one are left out: the same data file read with another score column was compared as the same data. A
    record stored before the spec's sha256 was recorded cannot tell, and is kept."""
    from wordeval.results.record import SPEC_KEY

    def spec(rec: ResultRecord) -> str | None:
        return rec.data_version().get(SPEC_KEY)

    newest: dict[str, ResultRecord] = {}
    for rec in records:
        if spec(rec) and (rec.task not in newest or when(rec) >= when(newest[rec.task])):
            newest[rec.task] = rec
    left: dict[str, int] = {}
    kept = []
    for rec in records:
        if spec(rec) and spec(rec) != spec(newest[rec.task]):
            left[rec.task] = left.get(rec.task, 0) + 1
        else:
            kept.append(rec)
    notes = [f"{task}: {n} record(s) were computed under another version of the task's spec file (other sha256: "
             "another score column, header or reader hint reads other data from the same files) than the task's "
             "latest record and are left out: results on two versions of a task are not compared."
             for task, n in sorted(left.items())]
    return kept, notes


def _one_embedding_across_levels(records: list[ResultRecord], replaced: Mapping[Any, set], level, when
                                 ) -> tuple[list[ResultRecord], list[str]]:
    """A label's two levels are checked apart (``LABEL=WORD_SPEC|ENCODER_SPEC``), so after one level was
    rerun with a new embedding (a corpus-trained one after a tokenizer change, ``mine=v2.txt`` on the
    intrinsic tasks only) the other level kept the records of the embedding that this rerun replaced, and the
    intrinsic x extrinsic τ and flipped pairs paired v2's intrinsic scores with v1's extrinsic ones without a
    word. A level whose embedding the other level replaced is left out when it is the older of the two; one
    label with two specs never shares a fingerprint between its levels, so it is not touched."""
    groups = [(rec.label, level(rec)) for rec in records]
    newest: dict[tuple[str, str], ResultRecord] = {}
    for rec, g in zip(records, groups):
        if g not in newest or when(rec) >= when(newest[g]):
            newest[g] = rec
    # each level beside the other levels of its own label only: every level against every other label's was
    # quadratic in labels (2.5 s of status on a store of 300 labels)
    levels: dict[str, list[tuple[str, ResultRecord]]] = {}
    for (label, lvl), rec in newest.items():
        levels.setdefault(label, []).append((lvl, rec))
    stale: dict[tuple[str, str], str] = {}  # (label, level left out) -> the level that replaced its embedding
    for (label, lvl), rec in newest.items():
        for other, ref in levels[label]:
            if other == lvl or when(rec) >= when(ref):
                continue
            if rec.embedding.get("fingerprint") in replaced.get((label, other), ()):
                stale[(label, lvl)] = other
    kept = [r for r, g in zip(records, groups) if g not in stale]
    counts: dict[tuple[str, str], int] = {}
    for g in groups:
        counts[g] = counts.get(g, 0) + 1
    notes = []
    for (label, lvl), other in sorted(stale.items()):
        n = counts[(label, lvl)]
        notes.append(f"{label}: {n} record(s) on {lvl} were made with an embedding (fingerprint) that the "
                     f"label's later records on {other} replaced, and are left out: one label names one "
                     f"representation; run those tasks again to compare them.")
    return kept, notes


def _one_seed_per_intrinsic_cell(latest: dict[tuple[str, str, int], ResultRecord], when
                                 ) -> tuple[dict[tuple[str, str, int], ResultRecord], list[str]]:
    """An intrinsic score does not depend on the seed, which seeds only its CI's resampling: its records of
    several seeds (``run(..., seeds=[1])`` after seeds [0]) are one measurement repeated. Averaged as seeds, they
    showed n_seeds 2, sd 0 and a CI narrowed by resampling the same items twice. The latest one is kept."""
    newest: dict[tuple[str, str], tuple[str, str, int]] = {}
    for key, rec in latest.items():
        if rec.kind == "intrinsic":
            cell = key[:2]
            if cell not in newest or when(rec) >= when(latest[newest[cell]]):
                newest[cell] = key
    left: dict[tuple[str, str], int] = {}
    for key, rec in latest.items():
        if rec.kind == "intrinsic" and newest[key[:2]] != key:
            left[key[:2]] = left.get(key[:2], 0) + 1
    kept = {key: rec for key, rec in latest.items() if rec.kind != "intrinsic" or newest[key[:2]] == key}
    notes = [f"{label} on {task}: {n} record(s) of other seeds are left out: an intrinsic score does not depend "
             f"on the seed (it seeds only the CI's resampling), so they repeat the latest record's measurement."
             for (label, task), n in sorted(left.items())]
    return kept, notes


# what may differ between the seed records of one setting: the seeds themselves, and where the numbers were
# computed (a device or thread count moves only the rounding)
_NOT_SETTINGS = {"seeds", "device", "threads"}
# what older tagging records carried among their learner settings and were no settings: a
# fit's state read from the unfitted learner (best_epoch -1, model None), and the CRF's c1/c2 on the perceptron,
# whose trainer never reads them. Left out so that those records and newer seeds of the same setting stay one cell.
_FIT_STATE = {"best_epoch", "converged", "model"}
_UNREAD_LEARNER_SETTINGS = {"perceptron": {"c1", "c2"}}
# the learner settings that say where a fit ran (the device actually used, 'auto' in records before it was
# recorded), not how: seeds run on a GPU and on the CPU are one setting, as the config's device and threads are
_WHERE_COMPUTED = {"device_name", "threads"}


def settings(rec: ResultRecord) -> dict:
    """The part of a record's config that makes it another setting (not where or on which seeds it ran)."""
    cfg = {k: v for k, v in (rec.config or {}).items() if k not in _NOT_SETTINGS}
    if isinstance(cfg.get("learner_settings"), dict):
        unread = _UNREAD_LEARNER_SETTINGS.get(cfg.get("learner"), set())
        cfg["learner_settings"] = {k: v for k, v in cfg["learner_settings"].items()
                                   if k not in _FIT_STATE and k not in unread and k not in _WHERE_COMPUTED}
    return cfg


def _one_setting_per_cell(records: list[ResultRecord], when) -> tuple[list[ResultRecord], list[str]]:
    """Per (label, task), the records made with the settings of the latest one. A crf record of seed 0 and an
    mlp record of seed 1 were averaged into one cell and shown as seed-to-seed spread."""
    newest: dict[tuple[str, str], ResultRecord] = {}
    for rec in records:
        g = (rec.label, rec.task)
        if g not in newest or when(rec) >= when(newest[g]):
            newest[g] = rec
    # once a record: the cell's latest record's settings were hashed again for every record of the cell
    hashes = {id(rec): config_hash(settings(rec)) for rec in records}
    kept, left = [], {}
    for rec in records:
        ref = newest[(rec.label, rec.task)]
        if hashes[id(rec)] == hashes[id(ref)]:
            kept.append(rec)
            continue
        if (rec.label, rec.task) not in left:  # the note names the keys the first left-out record differs in
            a, b = settings(rec), settings(ref)
            differ = sorted(k for k in set(a) | set(b)
                            if config_hash({k: a.get(k)}) != config_hash({k: b.get(k)}))
            left[(rec.label, rec.task)] = [0, differ]
        left[(rec.label, rec.task)][0] += 1
    notes = [f"{label} on {task}: {n} record(s) were made with other settings than the latest one (they differ "
             f"in {', '.join(differ[:4])}{', ...' if len(differ) > 4 else ''}) and are left out: seeds of "
             f"different settings are not averaged or compared (a store of its own for each setting, or "
             f"another label, keeps both)." for (label, task), (n, differ) in sorted(left.items())]
    return kept, notes


def inner_seeds(rec: ResultRecord) -> list[Any]:
    """Seeds run inside one record (``n_seeds`` > 1 of one evaluator call)."""
    extra = rec.extra or {}
    seeds = (extra.get("protocol") or {}).get("seeds")
    if seeds is None and isinstance(extra.get("per_seed"), Mapping):
        seeds = extra["per_seed"].get("seed")
    if seeds is None and isinstance(extra.get("per_seed"), list):
        seeds = [s.get("seed") for s in extra["per_seed"] if isinstance(s, Mapping)]
    return list(seeds) if seeds else [rec.seed]


def convergence(recs: Sequence[ResultRecord]) -> tuple[int, int, list[Any]]:
    """(seeds not converged, seeds with a convergence flag, best epochs) over a cell's records."""
    flags, epochs = [], []
    for rec in recs:
        per_seed = (rec.extra or {}).get("per_seed")
        if isinstance(per_seed, Mapping):
            flags += [f for f in per_seed.get("converged") or [] if f is not None]
            epochs += list(per_seed.get("best_epoch") or [])
        elif isinstance(per_seed, list):  # classification: one mapping per seed, its logistic regression's
            flags += [f for s in per_seed if isinstance(s, Mapping) and (f := s.get("converged")) is not None]
    return sum(1 for f in flags if f is False), len(flags), epochs


# What the evaluators draw their record's CI with when the config does not say (tagging, classification).
RECORD_CI_DEFAULTS = {"n_boot": 1000, "ci_level": 0.95}


def record_ci_resamples(rec: ResultRecord, *, level: float) -> int | None:
    """The resamples a record's own CI was drawn with, when it is at the comparison's level (else None: the
    comparison draws that cell's CI again, so one table never mixes 90 % and 95 % intervals). A record's CI
    at the same level is kept whatever --n-boot and --seed the comparison uses: redrawing every cell with
    the comparison's 10,000 resamples tripled ``compare`` on the demo store (25 -> 93 s) for intervals that
    differ in Monte Carlo noise only; the caption says how many resamples the shown intervals used."""
    cfg = rec.config or {}
    if float(cfg.get("ci_level") or RECORD_CI_DEFAULTS["ci_level"]) != float(level):
        return None
    return int(cfg.get("n_boot") or RECORD_CI_DEFAULTS["n_boot"])


def _exact_seed_mean(recs: Sequence[ResultRecord]) -> float | None:
    """The mean over seed records of an accuracy as the mean of their exact count ratios, as the comparison's
    score of the representation is (``stats.item_scores.exact_seed_mean``: seeds of 200, 206 and 206 right of
    222 are 204/222, one ulp above the mean of their floats); None where a record's counts do not give its value."""
    from wordeval.stats.item_scores import exact_score, exact_seed_mean

    if any((e := exact_score(r.scorer, r.per_item or {})) is None or float(e) != r.main_value for r in recs):
        return None
    return exact_seed_mean(recs[0].scorer, [r.per_item for r in recs])


def scored_counts(columns: Mapping[str, Any], pooled_seeds: int = 1) -> dict[str, int] | None:
    """What one seed of a tagging record scores in the rows of ``columns``: ``{"tokens": N}`` (POS, its
    ``total`` column) or ``{"gold_chunks": N}`` (span F1: tp + fn, each gold chunk found or missed); None for
    other columns. ``pooled_seeds``: how many seeds' counts the columns sum (a record without NAME@K columns)."""
    if "total" in columns:
        key, n = "tokens", int(np.sum(np.asarray(columns["total"], dtype=np.int64)))
    elif "tp" in columns and "fn" in columns:
        key = "gold_chunks"
        n = int(np.sum(np.asarray(columns["tp"], dtype=np.int64))
                + np.sum(np.asarray(columns["fn"], dtype=np.int64)))
    else:
        return None
    # every seed tags the same sentences, so a sum over k seeds is k times one seed's count
    return {key: n // pooled_seeds} if pooled_seeds >= 1 and n % pooled_seeds == 0 else None


def pooled_seeds(rec: ResultRecord) -> int:
    """How many seeds the per-item columns that ``seed_item_columns`` gives for ``rec`` sum."""
    from wordeval.results.seed_items import has_seed_columns

    return 1 if has_seed_columns(rec.per_item or {}) else len(inner_seeds(rec))


def record_scored(rec: ResultRecord) -> dict[str, int] | None:
    """The tokens or gold chunks one seed of a tagging record scores (``scored_counts``), or None."""
    from wordeval.results.seed_items import seed_item_columns

    if rec.family not in TAGGING or not rec.per_item:
        return None
    return scored_counts(seed_item_columns(rec.per_item)[0], pooled_seeds(rec))


def cell_stats(recs: Sequence[ResultRecord], *, own_ci=None, resampling: Mapping[str, Any] | None = None
               ) -> dict[str, Any]:
    """A cell's numbers on its own items: mean over seed records (or the record's own mean over its inner
    seeds) with the sd, CI, coverage, OOV rate and candidate set. ``resampling`` (n_boot, level, seed): the
    record's CI is kept only at that level (``record_ci_resamples``, kept in ``ci_resamples``); otherwise the
    cell has none yet."""
    first = recs[0]
    main = first.main_score
    values = [r.main_value for r in recs]
    vals = [float(v) for v in values if finite(v)]
    value = _exact_seed_mean(recs) if len(recs) > 1 else None
    value = value if value is not None else mean_sd(vals)[0] if vals else None
    if len(recs) > 1:
        sd = mean_sd(vals)[1] if len(vals) > 1 else None
        seeds = [r.seed for r in recs]
    else:
        seeds = inner_seeds(first)
        sd = first.scores.get(f"{main}_sd") if len(seeds) > 1 else None
    ci = (first.ci or {}).get(main) if len(recs) == 1 else None
    resamples = RECORD_CI_DEFAULTS["n_boot"] if resampling is None else \
        record_ci_resamples(first, level=resampling["level"])
    if resamples is None:
        ci = None
    if not (ci and all(finite(c) for c in ci)):
        ci, resamples = own_ci, None
    elif first.scorer:
        from wordeval.stats.score_range import clip_interval, record_range
        # a record stored before basic intervals were clipped can hold a bound past the range (1 + 1e-15)
        ci = clip_interval(ci, record_range(first))
    oov = [r.scores.get("oov_rate") for r in recs if finite(r.scores.get("oov_rate"))]
    cand = [((r.extra or {}).get("candidate_vocabulary") or {}).get("n_candidates") for r in recs]
    cand = [c for c in cand if c is not None]
    # STS over averaged word vectors: the pairs that lost a word to OOV (coverage counts only empty sides)
    dropped = [((r.extra or {}).get("oov") or {}).get("pair_rate_dropped") for r in recs]
    dropped = [d for d in dropped if finite(d)]
    token_oov = [(r.extra or {}).get("oov") for r in recs]
    not_conv, n_flags, epochs = convergence(recs)
    n_used, n_total = int(first.n_used), int(first.n_total)
    from wordeval.report.protocol import profile_of  # protocol reads this module's helpers

    profiles = sorted({p for p in (profile_of(r) for r in recs) if p})
    scored = [record_scored(r) for r in recs]
    return {"value": value, "sd": sd, "ci": list(ci) if ci else None, "ci_resamples": resamples if ci else None,
            "score": main, "seeds": seeds,
            "n_seeds": len(seeds), "seed_values": values if len(recs) > 1 else None,
            "n_used": n_used, "n_total": n_total, "coverage": first.coverage if n_total else None,
            "oov_rate": float(np.mean(oov)) if oov else None, "candidates": cand[0] if cand else None,
            "pairs_with_dropped_words": float(np.mean(dropped)) if dropped else None,
            # the counts themselves, where every record of the cell has the same (one data, one vocabulary)
            "token_oov": token_oov[0] if isinstance(token_oov[0], Mapping) and
            all(t == token_oov[0] for t in token_oov) else None,
            "not_converged": not_conv, "n_convergence_flags": n_flags, "best_epochs": epochs,
            "profile": ", ".join(profiles) or None, "flags": [], "mark": None,
            # where every seed record says the same (the same sentences)
            "scored": scored[0] if scored[0] and all(c == scored[0] for c in scored) else None}


def flag_cells(cells: Mapping[tuple[str, str], dict[str, Any]], task: str, reps: Sequence[str]) -> None:
    """Coverage gaps, differing analogy candidate sets and unconverged training, as flags on the cells."""
    mine = [cells[(r, task)] for r in reps if (r, task) in cells]
    covs = [c["coverage"] for c in mine if finite(c["coverage"])]
    best = max(covs) if covs else None
    cands = {c["candidates"] for c in mine if c["candidates"] is not None}
    for c in mine:
        if best is not None and finite(c["coverage"]) and c["coverage"] < best - COVERAGE_GAP - 1e-12:
            c["flags"].append("coverage")
        if len(cands) > 1 and c["candidates"] is not None:
            c["flags"].append("candidates")
        if c["not_converged"]:
            c["flags"].append("not_converged")
        if finite(c["value"]) and c["n_used"] < MIN_BOOTSTRAP_ITEMS and not c["ci"]:
            c["flags"].append("few_items")
        # a basic bootstrap interval (QVEC's) can lie wholly below an upward-biased score: shown bare, it read
        # as a wrong interval (0.171 [0.143, 0.162])
        if finite(c["value"]) and c["ci"] and all(finite(x) for x in c["ci"]) and not (
                min(c["ci"]) <= c["value"] <= max(c["ci"])):
            c["flags"].append("outside_ci")


def shared_ranks(order: Sequence[str], ahead: Callable[[str, str], bool]) -> dict[str, int]:
    """1 = best; each representation's rank is 1 + the number of representations ``ahead`` of it (its score
    better and, where the task is tested, significantly so). Ties as the ranking writes them share a rank:
    exactly equal scores and untested or non-significant differences (a = b = c with a > c: 1, 1, 2); a
    plain 1, 2, 3 contradicted a ranking that wrote them all '='."""
    return {r: 1 + sum(1 for o in order if o != r and ahead(o, r)) for r in order}
