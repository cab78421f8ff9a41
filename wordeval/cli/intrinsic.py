"""``wordeval intrinsic EMBEDDING... [--tasks ...]``: similarity, analogy and STS with explicit policies.

Writes the records into the result store ``--out`` (the same store ``run`` writes, so ``compare``, ``report``
and ``cite`` read it) and prints a table (score, CI at its level, coverage as compare's: n_used/n_total with
their unit) or, with ``--json``, the records as a JSON list.
"""
from __future__ import annotations

import argparse
import math

from wordeval.cli.common import PLAN_OPTION_NAMES, RECORDS_JSON_HELP, add_representations, add_run_options
from wordeval.options import MAX_ROWS, cli_type, integer

INTRINSIC_FAMILIES = ("similarity", "analogy", "sts", "qvec", "qvec-cca")
DEFAULT_TASKS = ("similarity", "analogy/google")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_representations(parser)
    parser.add_argument("--tasks", nargs="+", action="extend", metavar="TASK",
                        help="task names (similarity/simlex999), whole families (similarity, analogy, sts, qvec, qvec-cca) or "
                             f"spec files (.toml); default: {' '.join(DEFAULT_TASKS)}")
    # The task options default to None, "not given": a CLI default overrode the [config] of a user's spec (its
    # method = "3cosmul" was scored as 3cosadd), which `run` honours.
    parser.add_argument("--oov", choices=("skip", "penalize"), default=None,
                        help="pairs/questions with OOV words: skip them, or score them as worst (cosine -1 / "
                             "wrong); default: the task's, else skip")
    parser.add_argument("--intersection", action="store_true",
                        help="score every embedding on the items all of them cover (needs several embeddings)")
    parser.add_argument("--common-vocab", action="store_true",
                        help="analogy: every representation answers over the words all of them share (needs "
                             "several embeddings; as in `wordeval run`)")
    # No default here: each family's own applies (exact-then-lower for similarity, analogy and STS; exact for
    # QVEC, as the authors' scripts match words). A CLI default overrode QVEC's, so `intrinsic` and `run`
    # scored a cased embedding on different words.
    parser.add_argument("--case", choices=("exact", "lower", "exact-then-lower"), default=None,
                        help="word lookup: default exact-then-lower for similarity, analogy and STS, exact for "
                             "qvec and qvec-cca (as the authors' scripts)")
    parser.add_argument("--restrict-vocab", type=cli_type(integer(1, MAX_ROWS), "--restrict-vocab"),
                        default=None, metavar="N",
                        help="only the first N rows count, N from 1 to 9,223,372,036,854,775,807 (2^63 - 1); "
                             "an N above a vocabulary's size keeps all its rows (analogy candidates and "
                             "question filter; similarity OOV; default: the task's, else every row)")
    parser.add_argument("--method", choices=("3cosadd", "3cosmul", "pairdirection"), default=None,
                        help="analogy method (default: the task's, else 3cosadd)")
    parser.add_argument("--honest", action="store_true", default=None,
                        help="analogy: do not exclude the query words")
    # intrinsic prints its records, not run's summary: its help said "a JSON summary", and a script reading
    # computed/skipped from it found a list of records
    add_run_options(parser, default_seeds=1, json_help=RECORDS_JSON_HELP)


# flag -> the task option it sets
TASK_OPTIONS = {"--case": "case", "--oov": "oov", "--restrict-vocab": "restrict_vocab", "--method": "method",
                "--honest": "honest"}


def family_config(family: str, args) -> dict:
    """The task options of the flags given (none for a flag left out, so the task's own default stands)."""
    given = {"case": args.case}
    if family in ("similarity", "analogy"):
        given.update(restrict_vocab=args.restrict_vocab, oov=args.oov)
    if family == "analogy":
        given.update(method=args.method, honest=args.honest)
    if family == "sts":
        given["oov"] = args.oov
    return {k: v for k, v in given.items() if v is not None}


OUTSIDE_CI = "¶"  # the mark of compare's and report's tables


def _ci_text(lo, hi, n_used: int, num, value=None, level: str = "", within=None) -> str:
    from wordeval.stats.bootstrap import MIN_BOOTSTRAP_ITEMS

    if lo is None or lo != lo or hi is None or hi != hi:
        return f"none (n < {MIN_BOOTSTRAP_ITEMS})" if n_used < MIN_BOOTSTRAP_ITEMS else "none"
    from wordeval.interval_rounding import outward

    # rounded outward, as compare and report print it: never narrower than computed
    low, high = outward(lo, hi, within=within)
    return f"[{low}, {high}]{level}" + (f" {OUTSIDE_CI}" if _outside(value, lo, hi) else "")


def _outside(value, lo, hi) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and not min(lo, hi) <= value <= max(lo, hi)


def _coverage_text(record) -> str:
    """Compare's coverage column, word for word: '353/353 word pairs (100.0%)', '100/100 sentences (100.0%),
    2,504 tokens, OOV 1.2%'. It printed '40/40' beside '100.0%' with no unit (pairs? questions? sentences?),
    and for tagging and classification, whose items are sentences or documents (a quick profile's subsample
    of them), the token OOV rate is what tells the representation's coverage."""
    from wordeval.report.cells import cell_stats
    from wordeval.report.tables import coverage_text

    return coverage_text(cell_stats([record]), record.family)


def format_table(records) -> str:
    def num(x, digits=3):
        # a score not defined on the items (a constant side, no item covered): 'n/a', as compare writes it
        return "n/a" if x is None or x != x else f"{x:.{digits}f}"

    from wordeval.report.cells import RECORD_CI_DEFAULTS, convergence
    from wordeval.report.tables import FLAG_SYMBOLS, FLAG_TEXT
    from wordeval.stats.score_range import record_range

    unconverged = FLAG_SYMBOLS["not_converged"]
    # each record's own level (--set ci_level=0.9 drew a 90 % interval under a '95% CI' header)
    levels = [float((r.config or {}).get("ci_level") or RECORD_CI_DEFAULTS["ci_level"]) for r in records]
    mixed = len(set(levels)) > 1
    head = "CI" if mixed or not levels else f"{100 * levels[0]:g}% CI"
    rows = [("task", "embedding", "seed", "score", "value", head, "coverage")]
    for r, level in zip(records, levels):
        lo, hi = (r.ci.get(r.main_score) or [None, None])
        # a BiLSTM-CRF stopped by its quick profile's 4 epochs printed F1 0.000 [0.000, 0.000] and nothing
        # else: compare's and report's tables mark it, this one did not
        mark = f" {unconverged}" if convergence([r])[0] else ""
        rows.append((r.task, str(r.embedding.get("name")), str(r.seed), r.main_score,
                     num(r.main_value) + mark,
                     _ci_text(lo, hi, r.n_used, num, r.main_value, f" ({100 * level:g}%)" if mixed else "",
                              record_range(r)),
                     _coverage_text(r)))
    from wordeval.cli.console import padded, shown_width
    from wordeval.visible_text import visible

    # measured as printed: a label's control characters are written as escapes
    rows = [tuple(visible(c) for c in row) for row in rows]
    widths = [max(shown_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(padded(c, w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if any(row[5].endswith(OUTSIDE_CI) for row in rows[1:]):
        # QVEC's 0.164 [0.141, 0.158] read as a broken interval: compare's table says why, this one did not
        lines.append(f"{OUTSIDE_CI}: {FLAG_TEXT['outside_ci']}.")
    if any(row[4].endswith(unconverged) for row in rows[1:]):
        lines.append(f"{unconverged}: {FLAG_TEXT['not_converged']}.")
    return "\n".join(lines)


def evaluate_and_print(args, tasks, families, kind: str, *, progress: bool, config_fn=None,
                       options: dict[str, str] = TASK_OPTIONS) -> int:
    """Plan, compute into the store, print the records of this invocation."""
    import json

    from wordeval.cli.common import (announce_seeds, check_settings_apply, name_bad_settings, open_outputs,
                                     open_predictions, parse_settings, prepare_outputs, report_summary,
                                     representations_of, seeds_of, settings_for, task_options_of)
    from wordeval.evaluation import expand_tasks
    from wordeval.results.run_log import registered
    from wordeval.results.store import ResultStore
    from wordeval.results.store_discard import made_folder
    from wordeval.runner import execute, load_before_store, plan, planned_cells
    from wordeval.tasks.task import get_task

    settings = parse_settings(args.settings)
    reps = representations_of(args)
    names = expand_tasks(tasks, families, kind)
    if getattr(args, "restrict_vocab", None) is not None and not any(
            get_task(n).family in ("similarity", "analogy") for n in names):
        from wordeval.errors import ConfigError  # STS and QVEC read every row: it changed nothing there
        raise ConfigError("--restrict-vocab limits the rows of similarity and analogy tasks, and none is asked "
                          "for (STS and QVEC read every row of the vocabulary)")
    config_fn = config_fn or family_config
    flagged = [(n, config_fn(get_task(n).family, args)) for n in names]
    task_options_of(args, flagged, options, settings)
    # as in `run`: each --set option goes to the tasks whose family takes it (`--set method=3cosmul` beside a
    # similarity task was refused as unknown to similarity), and one that no task takes is an error
    check_settings_apply(settings, names)
    items = [(n, {**cfg, **settings_for(n, settings, names)}) for n, cfg in flagged]
    name_bad_settings(settings, items)
    prepare_outputs(args)
    p = plan(reps, items, seeds=seeds_of(args, 1), data_home=args.data_home, strict_config=False,
             intersection=getattr(args, "intersection", False),
             common_vocabulary=getattr(args, "common_vocab", False), keep_going=args.keep_going, progress=progress,
             option_names=PLAN_OPTION_NAMES)
    cache = load_before_store(p, keep_going=args.keep_going)
    open_outputs(args)
    # registered as `run` registers: one killed midway was silent (compare averaged the seeds it had stored), and
    # two on one --out computed the same cells twice
    with ResultStore(args.out, run=True) as store, registered(store, planned_cells(p), option="--out"), \
            made_folder(args.save_predictions, lambda: open_predictions(args)) as predictions:
        if kind == "extrinsic":  # after every check: an error stays one line
            announce_seeds(p, args)
        summary = execute(p, store, progress=progress, keep_going=args.keep_going, predictions=predictions,
                          prebuild=True, embeddings=cache)
        keys = set(summary.computed) | set(summary.cached)
        records = store.records_keyed(keys)
        total, path = len(store), store.path
    if args.json:
        print(json.dumps([r.to_dict() for r in records], allow_nan=False))
    else:
        print(format_table(records))
    report_summary(summary, path, total, as_json=False)
    from wordeval.cli.convergence_note import print_convergence_note
    print_convergence_note(records)
    return summary.exit_code


def run(args, *, progress: bool = True) -> int:
    from wordeval.errors import ConfigError

    if args.intersection and len(args.embeddings) < 2:
        raise ConfigError("--intersection needs at least two embeddings")
    tasks = args.tasks or list(DEFAULT_TASKS)  # a repeated --tasks used to drop the tasks before it
    return evaluate_and_print(args, tasks, INTRINSIC_FAMILIES, "intrinsic", progress=progress)
