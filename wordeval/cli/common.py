"""Options and steps the evaluating commands (run, intrinsic, extrinsic) share: representations, tasks,
seeds, data homes, ``--set KEY=VALUE``, the store output, and the summary with its exit code.

Exit codes: 0 everything asked for was computed or already stored; 2 a user error, found before any long
work and with nothing written; 3 finished, but some tasks were skipped because their data is not available
(or, with ``--keep-going``, failed with a user error) — the summary lists them; 130 interrupted.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from wordeval.options import cli_type, integer


def add_representations(p: argparse.ArgumentParser) -> None:
    p.add_argument("embeddings", nargs="+", metavar="EMBEDDING",
                   help="[LABEL=]SPEC: a file, a registered id (glove-6b-50d, minilm, spacy-md) or a builder "
                        "(lsa:corpus=news, word2vec:corpus=news,window=5, glove:corpus=news, minilm:type-level); "
                        "LABEL=SPEC_A|SPEC_B uses SPEC_A for word-level tasks (similarity, analogy) and SPEC_B "
                        "for the rest. A label may hold any character but '=' (quote it in the shell)")


def add_run_options(p: argparse.ArgumentParser, *, default_out: str = "wordeval-results",
                    default_seeds: int | None = None) -> None:
    p.add_argument("--out", default=default_out,
                   help="result store folder: created, or resumed when it is one (default: %(default)s)")
    p.add_argument("--seed", type=cli_type(integer(0), "--seed"), default=0, help="first seed (default: 0)")
    p.add_argument("--seeds", type=cli_type(integer(1, 1000), "--seeds"), default=default_seeds, metavar="N",
                   help="extrinsic tasks run with seeds SEED..SEED+N-1, one record each"
                        + (f" (default: {default_seeds})" if default_seeds else " (default: the suite's, else 1)"))
    p.add_argument("--data-home", action="append", default=None, metavar="DIR",
                   help="folder with the standard benchmarks; repeatable, the first that holds a dataset wins "
                        "(default: $WORDEVAL_DATA, an os.pathsep-separated list)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="settings",
                   help="a task option for every family that has it (TOML value syntax: 3, true, \"x\", [1, 2])")
    p.add_argument("--keep-going", action="store_true",
                   help="record a task that fails with a user error as skipped and go on (exit code 3)")
    p.add_argument("--save-predictions", metavar="DIR", default=None,
                   help="write per-item predictions (CoNLL tags, labels, analogy answers) into DIR")
    p.add_argument("--force", action="store_true", help="allow replacing a wordeval output of another kind")
    p.add_argument("--json", action="store_true", help="print a JSON summary on stdout")


def parse_settings(items: list[str]) -> dict[str, Any]:
    import tomllib

    from wordeval.errors import ConfigError

    out: dict[str, Any] = {}
    for item in items:
        key, eq, value = item.partition("=")
        key = key.strip()
        if not eq or not key:
            raise ConfigError(f"--set {item!r}: expected KEY=VALUE")
        try:
            out[key] = tomllib.loads(f"v = {value}")["v"]
        except tomllib.TOMLDecodeError:
            out[key] = value  # a bare word: the string itself
    return out


def check_settings_apply(settings: dict[str, Any], task_names) -> None:
    """``run`` passes its --set options to every task and each drops what its family does not take (so
    ``--set epochs=5`` reaches the taggers and skips the similarity tasks); a key that no task of the run takes
    is a typo or a wrong task list, and an error here rather than a silent default."""
    import difflib

    from wordeval.errors import ConfigError
    from wordeval.tasks.task import get_task

    if not settings:
        return
    known: set[str] = set()
    for name in task_names:
        known |= get_task(name).known_options()
    for key in settings:
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            raise ConfigError(f"--set {key}: no task of this run takes that option"
                              + (f" (did you mean {close[0]!r}?)" if close else "")
                              + f"; they take: {', '.join(sorted(known))}")


def seeds_of(args, default: int = 1) -> list[int]:
    n = args.seeds if args.seeds is not None else default
    return list(range(args.seed, args.seed + n))


def prepare_outputs(args, *, inputs=()) -> None:
    """Check --out and --save-predictions before any work (OutputError, exit 2, nothing touched)."""
    from wordeval.output_paths import check_output

    args.out = str(check_output(args.out, "store", inputs=inputs, force=args.force))
    if args.save_predictions:
        args.save_predictions = str(check_output(args.save_predictions, "predictions", inputs=[args.out],
                                                 force=args.force, option="--save-predictions"))


def open_predictions(args):
    if not args.save_predictions:
        return None
    from pathlib import Path

    from wordeval.atomic_write import machine_errors
    from wordeval.output_paths import write_marker

    from wordeval.output_paths import discard_other_kind

    if args.force:
        discard_other_kind(args.save_predictions, "predictions")
    with machine_errors(args.save_predictions):
        Path(args.save_predictions).mkdir(parents=True, exist_ok=True)
        write_marker(args.save_predictions, "predictions")
    return args.save_predictions


def execute_plan(plan, args, *, progress: bool) -> int:
    """Compute the plan into the store at args.out and print the summary; returns the exit code."""
    from wordeval.results.store import ResultStore
    from wordeval.runner import execute

    from wordeval.embeddings.bert_support import prefer_passive_openmp
    from wordeval.output_paths import discard_other_kind

    # before any cell loads torch (a tagger's does, long before an encoder asks): OpenMP reads its wait
    # policy once, and spinning threads made MiniLM ~3x slower on a shared 2-core machine (see cli/demo.py)
    prefer_passive_openmp()
    if args.force:
        discard_other_kind(args.out, "store")
    predictions = open_predictions(args)
    with ResultStore(args.out) as store:
        if getattr(args, "workers", None) or getattr(args, "scheduler", None):
            from wordeval.distributed import execute_distributed
            summary = execute_distributed(plan, store, args=args, progress=progress, keep_going=args.keep_going,
                                          predictions=predictions)
        else:
            summary = execute(plan, store, progress=progress, keep_going=args.keep_going, predictions=predictions,
                              prebuild=True)
        total = len(store)
        path = store.path
    report_summary(summary, path, total, as_json=args.json)
    return summary.exit_code


def report_summary(summary, path, total: int, *, as_json: bool) -> None:
    out = {**summary.to_dict(), "store": str(path), "records_in_store": total}
    if as_json:
        json.dump(out, sys.stdout, indent=1)
        sys.stdout.write("\n")
    print(f"{len(summary.computed)} computed, {len(summary.cached)} already stored, {len(summary.skipped)} skipped"
          f" (data not available), {len(summary.failed)} failed; {total} records in {path}", file=sys.stderr)
    for s in summary.skipped + summary.failed:
        print(f"  skipped {s['task']} on {s['embedding']}: {s['reason']}", file=sys.stderr)
