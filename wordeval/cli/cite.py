"""wordeval cite RESULTS... : BibTeX for every dataset, model and method behind a result set."""
from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("results", nargs="*", default=["wordeval-results"], metavar="RESULTS",
                   help="result stores (folders or .sqlite), record files (.json, .jsonl) or folders of .json "
                        "records, in any mix, as compare reads them (default: wordeval-results)")
    p.add_argument("--json", action="store_true", help="entries grouped as JSON")


def run(args: argparse.Namespace) -> int:
    import json

    from wordeval.errors import ConfigError
    from wordeval.report.bibtex import collect_entries, references_bib
    from wordeval.results.no_records import nothing_to
    from wordeval.cli.common import PLAN_OPTION_NAMES
    from wordeval.results.store import load_records

    from wordeval.report.compare import compare

    from wordeval.misplaced_arguments import check_results_arguments
    check_results_arguments(args.results, "cite", "expected a result store or record files")
    records, skipped = load_records(args.results, option_names=PLAN_OPTION_NAMES)
    if not records:
        raise ConfigError(nothing_to("cite", args.results, skipped))
    # the comparison a default report makes of these records: its statistics are cited only where it ran
    # them (guessed from the records before, cite named McNemar's test or Holm's correction for a set with
    # a single representation, where no test runs), and its records are the ones the report keeps
    comp = compare(records, skipped=skipped)
    from wordeval.report.summary import incomplete_text
    pending = incomplete_text(comp)
    if pending:  # compare and report say it first; cite printed the entries of a part of the runs silently
        import logging
        logging.getLogger("wordeval.notices").warning(
            "wordeval: note: incomplete: %s; the entries cite only what is stored", pending)
    if args.json:
        from wordeval.report.bibtex_data import dataset_versions

        out = {**collect_entries(comp.records, comparison=comp), "data": dataset_versions(comp.records)}
        print(json.dumps(out, indent=1))
    else:
        sys.stdout.write(references_bib(comp.records, comparison=comp))
    return 0
