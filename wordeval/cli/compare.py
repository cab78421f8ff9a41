"""wordeval compare RESULTS... : table with CIs, rankings, Kendall τ with CIs, flipped pairs, correlations."""
from __future__ import annotations

import argparse
import json
import sys

from wordeval.errors import ConfigError
from wordeval.options import MAX_SEED, cli_type, integer, number


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("results", nargs="*", default=["wordeval-results"], metavar="RESULTS",
                   help="result stores (folders or .sqlite), record files (.json, .jsonl) or folders of .json "
                        "records, in any mix (default: wordeval-results)")
    p.add_argument("--n-boot", type=cli_type(integer(10, 1_000_000), "--n-boot"), default=1000,
                   help="resamples of the paired bootstrap tests, the tau intervals and the interval of a cell "
                        "of several seed records, 10 to 1,000,000 (default: %(default)s); a cell of one record "
                        "keeps the interval drawn when it was scored (see ci_resamples)")
    p.add_argument("--seed", type=cli_type(integer(0, MAX_SEED), "--seed"), default=0,
                   help="seed of those resamples and of the Monte Carlo permutation draws, 0 to 4,294,967,295 "
                        "(default: %(default)s); not of a one-record cell's interval, drawn with its run's --seed")
    p.add_argument("--correlation", default="spearman", choices=("spearman", "pearson", "kendall"),
                   help="correlation for the benchmark × task matrix (default: %(default)s)")
    p.add_argument("--alpha", type=cli_type(number(0.0, 0.5, lo_open=True), "--alpha"), default=0.05,
                   help="significance level, in (0, 0.5] (default: %(default)s)")
    p.add_argument("--correction", choices=("holm", "bh", "none"), default="holm",
                   help="multiple-testing correction over all pair tests of the comparison, and apart over "
                        "the intrinsic x extrinsic agreement cells (Kendall tau's permutation p-values) that can "
                        "have a verdict: holm (Holm 1979, family-wise error), bh (Benjamini-Hochberg 1995, "
                        "false discovery rate) or none (default: %(default)s)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_common(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the comparison as JSON")
    out.add_argument("--csv", action="store_true", help="print the tidy table (one row per cell) as CSV")


def build(args: argparse.Namespace, *, progress: bool = False):
    from wordeval.cli.common import PLAN_OPTION_NAMES
    from wordeval.report.compare import compare
    from wordeval.results.no_records import nothing_to
    from wordeval.results.store import load_records

    from wordeval.misplaced_arguments import check_results_arguments
    check_results_arguments(args.results, getattr(args, "command", "compare"),
                            "expected a result store or record files")
    records, skipped = load_records(args.results, option_names=PLAN_OPTION_NAMES)
    if not records:
        raise ConfigError(nothing_to("compare", args.results, skipped))
    return compare(records, skipped=skipped, n_boot=args.n_boot, seed=args.seed, method=args.correlation,
                   alpha=args.alpha, correction=args.correction, progress=progress)


def text_report(comp) -> str:
    """What ``compare`` prints without --json/--csv: the report's sections as plain text."""
    from wordeval.report import legend, tables
    from wordeval.visible_text import visible, visible_lines

    parts = ["Summary:"] + [f"  - {s}" for s in comp.summary]
    parts += ["", tables.title(comp, "Results") + ":",
              tables.results_caption(comp, ci_column=tables.CI_COLUMN_COMPARE),
              tables.markdown_results(comp, esc=visible),
              "", tables.title(comp, "Rankings") + ":"]
    # a section with nothing in it says why in one line: one representation's one-name chains and an empty
    # flipped-pairs table stood under legends defining =, >, § and McNemar's test
    parts += ([tables.rankings_caption(comp), tables.markdown_rankings(comp, esc=visible)]
              if tables.compared(comp) else [f"  {legend.no_rankings_text(comp)}"])
    parts += ["", tables.title(comp, "Kendall tau, intrinsic x extrinsic") + ":"]
    parts += ([tables.tau_caption(comp, esc=visible), tables.markdown_taus(comp, esc=visible)] if comp.taus
              else [f"  {legend.no_taus_text(comp)}"])
    parts += ["", tables.title(comp, "Flipped pairs") + ":"]
    parts += ([tables.flips_caption(comp), tables.markdown_flips(comp, esc=visible)] if comp.flips
              else [f"  {tables.flips_caption(comp)}"])
    if comp.correlation["tasks"]:
        name = tables.correlation_name(comp.correlation["method"])
        parts += ["", f"Correlation across representations ({name}):"]
        parts += ([tables.correlation_caption(comp), tables.markdown_correlation(comp, esc=visible)]
                  if tables.correlation_shown(comp) else [f"  {tables.correlation_refusal(comp)}"])
    if comp.skipped:  # tasks or cells not computed, with the reason (as the report's Skipped section)
        parts += ["", "Skipped:"] + [f"  - {tables.skipped_text(*g, esc=visible)}"
                                     for g in tables.skipped_groups(comp)]
    if comp.notes:  # what was left out, superseded or not tested, as the report's Notes say it
        parts += ["", "Notes:"] + [f"  - {n}" for n in comp.notes]
    return visible_lines("\n".join(parts))


def run(args: argparse.Namespace, *, progress: bool = True) -> int:
    comp = build(args, progress=progress)
    if args.json:
        # encoded whole, then written once: json.dump wrote ~155k pieces through the console wrapper (1.6 of
        # 10.7 s with 24 representations), and a value it refused midway left half a document on stdout
        sys.stdout.write(json.dumps(comp.to_dict(), indent=1, allow_nan=False) + "\n")
        return 0
    if args.csv:  # the report's results.csv, byte for byte (pandas wrote counts as 400000.0 and best as True)
        from wordeval.report.tables import results_csv
        sys.stdout.write(results_csv(comp))
        return 0
    print(text_report(comp))
    return 0
