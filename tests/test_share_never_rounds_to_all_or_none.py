"""A coverage short of all never prints as 100.0 %, nor an OOV rate above none as 0.0 %.

The audit of a report against its saved predictions found coverage and OOV rates printed to the nearest
0.1 %: a representation that misses 1 of the 19,544 Google questions printed "19,543/19,544 (100.0%)", the
same as full coverage, and 3 OOV tokens in 10,000 "OOV 0.0%". Expected texts worked by hand."""
from __future__ import annotations

import dataclasses

from tests._records import make_record
from wordeval.cli.intrinsic import format_table
from wordeval.report.fmt import fmt_coverage
from wordeval.report.tables import coverage_text


def test_partial_shares_are_not_printed_as_all_or_none():
    from wordeval.report.fmt import fmt_share

    assert fmt_share(19_543 / 19_544) == "> 99.9%"
    assert fmt_share(3 / 10_000) == "< 0.1%"
    assert fmt_share(1.0) == "100.0%" and fmt_share(0.0) == "0.0%"
    assert fmt_share(998 / 999) == "99.9%" and fmt_share(6 / 10_000) == "0.1%"
    assert fmt_share(14_877 / 19_544) == "76.1%"


def test_report_cells_and_the_run_table_say_so():
    cell = {"n_used": 19_543, "n_total": 19_544, "coverage": 19_543 / 19_544, "oov_rate": 3 / 10_000}
    assert fmt_coverage(cell) == "19,543/19,544 (> 99.9%)"
    assert coverage_text(cell, "ner") == "19,543/19,544 sentences (> 99.9%), OOV < 0.1%"  # an NER item: a sentence
    rec = make_record("glove", "pos/toy", {"id": list(range(20)), "correct": [1] * 15 + [0] * 5,
                                           "total": [1] * 20})
    rec = dataclasses.replace(rec, n_used=1999, n_total=2000, scores={**rec.scores, "oov_rate": 0.0003})
    assert format_table([rec]).splitlines()[2].rstrip().endswith(
        "1,999/2,000 sentences (> 99.9%), 20 tokens, OOV < 0.1%")
