"""`wordeval extrinsic ... --profile quick` sets the taggers' profile only: classification runs its one
protocol (every training document), yet its record was reported as "profile: quick", read from the command
line, and its Results row marked as the quick profile's."""
from __future__ import annotations

import dataclasses

from tests._records import cli_records, make_record
from wordeval.report.protocol import profile_of

COMMAND = ["wordeval", "extrinsic", "glove", "--tasks", "pos/toy", "classification/toy", "--profile", "quick"]


def _with_command(rec, command):
    return dataclasses.replace(rec, run={**rec.run, "command": command}, config={"oov": "skip"})


def test_the_profile_flag_is_a_taggers_not_classifications():
    doc = _with_command(next(r for r in cli_records() if r.family == "classification"), COMMAND)
    pos = _with_command(make_record("glove", "pos/toy", {"id": [0, 1], "correct": [1, 2], "total": [2, 2]}),
                        COMMAND)
    assert profile_of(pos) == "quick"  # an older tagging record without config.profile: its command says it
    assert profile_of(doc) is None


def test_a_suite_still_names_both():
    suite = ["wordeval", "run", "glove", "--suite", "quick"]
    doc = _with_command(next(r for r in cli_records() if r.family == "classification"), suite)
    assert profile_of(doc) == "quick"
