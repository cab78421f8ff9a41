"""wordeval compare RESULTS... : table with CIs, rankings, Kendall τ with CIs, flipped pairs, correlations."""
from __future__ import annotations

import argparse
import json
import sys


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("results", nargs="*", default=["wordeval-results"], metavar="RESULTS",
                   help="result stores (folders or .sqlite) or .json record files (default: wordeval-results)")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--correlation", default="spearman", choices=("spearman", "pearson", "kendall"),
                   help="correlation for the benchmark × task matrix (default: %(default)s)")
    p.add_argument("--alpha", type=float, default=0.05, help="significance level for marks (default: %(default)s)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_common(p)
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")


def build(args: argparse.Namespace):
    from wordeval.errors import ConfigError
    from wordeval.report.compare import compare
    from wordeval.results.store import load_records

    if args.n_boot < 10:
        raise ConfigError(f"--n-boot must be at least 10, got {args.n_boot}")
    records, skipped = load_records(args.results)
    return compare(records, skipped=skipped, n_boot=args.n_boot, seed=args.seed, method=args.correlation,
                   alpha=args.alpha)


def run(args: argparse.Namespace) -> int:
    from wordeval.report import tables

    comp = build(args)
    if args.json:
        json.dump(comp.to_dict(), sys.stdout, indent=1, allow_nan=False)
        sys.stdout.write("\n")
        return 0
    parts = ["Summary:"] + [f"  - {s}" for s in comp.summary]
    parts += ["", "Results (95% CI):", tables.markdown_results(comp), "", "Rankings:", tables.markdown_rankings(comp)]
    if comp.taus:
        parts += ["", "Kendall tau, intrinsic x extrinsic (95% CI):", tables.markdown_taus(comp)]
    parts += ["", "Flipped pairs:", tables.markdown_flips(comp) if comp.flips else "  none"]
    if comp.correlation["tasks"]:
        parts += ["", f"Correlation across representations ({comp.correlation['method']}):",
                  tables.markdown_correlation(comp)]
    print("\n".join(parts))
    return 0
