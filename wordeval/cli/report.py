"""wordeval report RESULTS... --out DIR : the report folder (md, tex, csv, json, html, figures, bib)."""
from __future__ import annotations

import argparse
import sys

from wordeval.cli.compare import add_common
from wordeval.options import cli_type, text


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_common(p)
    p.add_argument("--out", default="wordeval-report",
                   help="report folder: created, or replaced when it is an earlier wordeval report "
                        "(default: %(default)s)")
    p.add_argument("--force", action="store_true", help="allow replacing a wordeval output of another kind")
    # an empty title wrote "# " and an empty <title> and \title{}: refused like any other bad value
    p.add_argument("--title", type=cli_type(text, "--title"), default="wordeval comparison",
                   help="the report's title (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print the written paths as JSON")


def run(args: argparse.Namespace, *, progress: bool = True) -> int:
    import json

    from wordeval.cli.compare import build
    from wordeval.output_paths import check_output
    from wordeval.report.writer import write_report

    out = check_output(args.out, "report", inputs=args.results, force=args.force,  # before any computing
                       force_option="--force")
    comp = build(args, progress=progress)
    out = write_report(comp, out, title=args.title, argv=sys.argv, progress=progress, force=args.force)
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    if args.json:
        print(json.dumps({"out": str(out), "files": files}))
    else:
        from wordeval.visible_text import visible
        print(visible(f"report written to {out} ({len(files)} files)"), file=sys.stderr)
    return 0
