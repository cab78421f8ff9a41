"""Thin command line: parse arguments, call the library, map known errors to exit code 2.

Each subcommand lives in its own module under wordeval.cli with ``add_arguments(parser)`` and
``run(args) -> int``; modules are imported only when their command runs (``--help`` stays light).
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from wordeval import __version__

# name -> (module, one-line help). Keep the module import cheap: heavy imports go inside run().
COMMANDS: dict[str, tuple[str, str]] = {
    "info": ("wordeval.cli.info", "describe an embedding: format, vocabulary, dim, fingerprint, norms, load time"),
    "run": ("wordeval.cli.run", "evaluate representations on a suite into a result store (resumable)"),
    "compare": ("wordeval.cli.compare", "compare stored results: CIs, rankings, Kendall tau, flipped pairs"),
    "report": ("wordeval.cli.report", "write a report folder (md, tex, csv, json, html, figures, bib)"),
    "cite": ("wordeval.cli.cite", "print the BibTeX for a result set"),
    "datasets": ("wordeval.cli.datasets", "list, verify (sha256 + counts), fetch or cite the benchmark datasets"),
    "demo": ("wordeval.cli.demo", "run the demo comparison and write reports/demo/"),
    "intrinsic": ("wordeval.cli.intrinsic", "word similarity, analogy and STS with explicit OOV/case/vocabulary policies"),
    "extrinsic": ("wordeval.cli.extrinsic", "POS, chunking, NER and classification with representations as features"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wordeval",
        description="Evaluate word and sentence representations intrinsically and extrinsically, "
                    "and show where the two disagree.")
    parser.add_argument("--version", action="version", version=f"wordeval {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars or info messages")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(_module=module)
        importlib.import_module(module).add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    from wordeval.errors import WordevalError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO,
                        format="%(message)s", stream=sys.stderr)
    if args.quiet:
        os.environ["WORDEVAL_QUIET"] = "1"
        # transformers reads this when it is imported (later, inside the commands): no weight-loading bars
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        return int(importlib.import_module(args._module).run(args) or 0)
    except WordevalError as exc:
        print(f"wordeval: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("wordeval: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
