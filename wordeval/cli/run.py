"""wordeval run EMBEDDING... : evaluate representations on a suite, storing every record as it finishes."""
from __future__ import annotations

import argparse
import json
import sys

DEFAULT_OUT = "wordeval-results"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("embeddings", nargs="+", metavar="EMBEDDING",
                   help="[LABEL=]SPEC: a file, a registered id (glove-6b-50d, minilm, spacy-md) or a builder "
                        "(lsa:corpus=news, word2vec:corpus=news,window=5, glove:corpus=news, minilm:type-level); "
                        "LABEL=SPEC_A|SPEC_B uses SPEC_A for word-level tasks (similarity, analogy) "
                        "and SPEC_B for the rest (STS, tagging, classification)")
    p.add_argument("--suite", default="default", help="quick, default or full (default: %(default)s)")
    p.add_argument("--tasks", nargs="+", metavar="TASK", help="run these tasks instead of a suite")
    p.add_argument("--out", default=DEFAULT_OUT, help="result store folder (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--data-home", default=None, help="standard benchmarks folder (default: $WORDEVAL_DATA)")
    p.add_argument("--keep-going", action="store_true", help="record a failing task as skipped and go on")
    p.add_argument("--json", action="store_true", help="print a JSON summary on stdout")


def run(args: argparse.Namespace) -> int:
    from wordeval.evaluate import Representation, run_tasks
    from wordeval.results.store import ResultStore
    from wordeval.suites import suite_tasks

    reps = [Representation.parse(e) for e in args.embeddings]
    tasks = [(t, {}) for t in args.tasks] if args.tasks else suite_tasks(args.suite)
    with ResultStore(args.out) as store:
        summary = run_tasks(reps, tasks, store=store, seed=args.seed, data_home=args.data_home,
                            keep_going=args.keep_going)
        total = len(store)
    out = {**summary.to_dict(), "store": str(store.path), "records_in_store": total}
    if args.json:
        json.dump(out, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        print(f"{len(summary.computed)} computed, {len(summary.cached)} already stored, "
              f"{len(summary.skipped)} skipped; {total} records in {store.path}", file=sys.stderr)
    return 0
