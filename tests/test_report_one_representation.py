"""A comparison of a single representation says so in its summary instead of only 'over 0 pair tests'."""
from __future__ import annotations

from tests._records import cli_records
from wordeval.report.compare import compare


def test_one_representation_is_named_in_the_summary():
    comp = compare(cli_records(n_sim=30, n_doc=30, names=("A",)), n_boot=20)
    assert comp.summary[0].startswith("Only one representation (A): nothing is ranked or tested")


def test_two_representations_get_no_such_line():
    comp = compare(cli_records(n_sim=30, n_doc=30, names=("A", "B")), n_boot=20)
    assert not any(s.startswith("Only one representation") for s in comp.summary)
