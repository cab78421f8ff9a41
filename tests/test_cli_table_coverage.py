"""The table intrinsic/extrinsic print: a tagging record's coverage column carries its token OOV rate, as
compare's does. A quick profile scores a subsample of the test sentences (1000/3453 of CoNLL-2003), and the
column alone, 29.0%, read as the representation covering 29 % of the test set."""
from __future__ import annotations

import dataclasses

from tests._records import make_record
from wordeval.cli.intrinsic import format_table


def _subsampled_pos_record(oov_rate):
    rec = make_record("glove", "pos/toy", {"id": list(range(20)), "correct": [1] * 15 + [0] * 5,
                                           "total": [1] * 20})
    scores = dict(rec.scores) if oov_rate is None else {**rec.scores, "oov_rate": oov_rate}
    return dataclasses.replace(rec, scores=scores, n_total=69)  # 20 of 69 sentences scored, as a quick profile


def test_tagging_coverage_column_gives_the_token_oov_rate():
    row = format_table([_subsampled_pos_record(0.028)]).splitlines()[2]
    assert row.split("  ")[-1].strip() == f"{100 * 20 / 69:.1f}%, OOV 2.8%"


def test_a_record_without_oov_rate_keeps_its_coverage_alone():
    row = format_table([_subsampled_pos_record(None)]).splitlines()[2]
    assert row.rstrip().endswith(f"{100 * 20 / 69:.1f}%")
