"""wordeval report RESULTS... --out DIR : the report folder (md, tex, csv, json, html, figures, bib)."""
from __future__ import annotations

import argparse
import sys

from wordeval.cli.compare import add_common


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_common(p)
    p.add_argument("--out", default="wordeval-report", help="report folder (default: %(default)s)")
    p.add_argument("--title", default="wordeval comparison")
    p.add_argument("--json", action="store_true", help="print the written paths as JSON")


def run(args: argparse.Namespace) -> int:
    import json

    from wordeval.cli.compare import build
    from wordeval.report.writer import write_report

    comp = build(args)
    out = write_report(comp, args.out, title=args.title, argv=sys.argv)
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    if args.json:
        print(json.dumps({"out": str(out), "files": files}))
    else:
        print(f"report written to {out} ({len(files)} files)", file=sys.stderr)
    return 0
