"""Captions of a comparison without a single pair test (one representation, or every pair untested): the
rankings caption said '`=`: ... not significant at α = 0.05 after Holm (1979) correction over 0 tests' and
'its p-value after that Holm (1979) correction', the Results and flips captions 'Holm (1979) over 0 pair
tests': a correction that was never made."""
from __future__ import annotations

from tests._records import cli_records
from wordeval.report import tables
from wordeval.report.compare import compare


def test_rankings_caption_with_no_pair_test_names_no_correction():
    """One representation: no pair test. The caption said 'after Holm (1979) correction over 0 tests' and
    'its p-value after that Holm (1979) correction'."""
    comp = compare([r for r in cli_records() if r.label == "A"], n_boot=100)
    assert comp.parameters["n_pair_tests"] == 0
    for caption in (tables.rankings_caption(comp), tables.results_caption(comp), tables.flips_caption(comp)):
        assert "over 0" not in caption and "after that" not in caption
    assert "no pair test was made, so none was corrected" in tables.rankings_caption(comp)
    # with nothing compared the Results legend names no correction and the flipped pairs say why there is none
    # (test_report_legend_shows_only_its_marks)
    assert "corrected" not in tables.results_caption(comp)
    assert tables.flips_caption(comp).startswith("None: a flip needs two representations")
    two = compare([r for r in cli_records() if r.label in "AB"], n_boot=100)
    assert two.parameters["n_pair_tests"] == 2
    assert "after Holm (1979) correction over 2 tests" in tables.rankings_caption(two)
    assert "after that Holm (1979) correction" in tables.rankings_caption(two)


def test_one_pair_test_is_one_test():
    """'after Holm (1979) correction over 1 tests'."""
    one = compare([r for r in cli_records() if r.label in "AB" and r.task == "similarity/toy"], n_boot=100)
    assert one.parameters["n_pair_tests"] == 1
    assert "after Holm (1979) correction over 1 test." in tables.rankings_caption(one)
