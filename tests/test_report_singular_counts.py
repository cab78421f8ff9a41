"""Three representations on one intrinsic and one extrinsic task give one agreement cell: every report said
"Holm (1979) over 1 cells" (and report.tex "corrected over the 1 cells"). One is now singular."""
from __future__ import annotations

from tests._records import cli_records
from wordeval.report.compare import compare
from wordeval.report.tables import correction_over, tau_caption
from wordeval.report.tables_tex import latex_document

HOLM = {"correction": "holm", "correction_name": "Holm (1979)"}


def test_one_and_several_are_counted_in_words():
    assert correction_over(HOLM, 1, "cells") == "Holm (1979) over 1 cell"
    assert correction_over(HOLM, 2, "cells") == "Holm (1979) over 2 cells"
    assert correction_over(HOLM, 1, "pair tests") == "Holm (1979) over 1 pair test"
    assert correction_over({"correction": "none"}, 1, "tests") == "no correction for multiple testing, 1 test"


def test_a_report_of_one_agreement_cell_says_cell():
    # four representations: the one cell can have a verdict, so it is the family of the correction
    records = cli_records(n_sim=30, n_doc=30) + cli_records(seed=1, n_sim=30, n_doc=30, names=("D",))
    comp = compare(records, n_boot=20)
    assert comp.parameters["n_agreement_tests"] == 1
    assert "over 1 cell)" in tau_caption(comp) and "1 cells" not in tau_caption(comp)
    tex = latex_document(comp, title_text="t", cite_keys=set(), method_keys={})
    assert "1 cells" not in tex and "corrected over the 1 cell that can have a verdict (" in tex


def test_three_representations_have_no_cell_to_correct_over():
    comp = compare(cli_records(n_sim=30, n_doc=30), n_boot=20)
    assert comp.parameters["n_agreement_tests"] == 0
    assert "(no cell can have a verdict, so none is corrected)" in tau_caption(comp)
    assert "over 0 cells" not in tau_caption(comp)
