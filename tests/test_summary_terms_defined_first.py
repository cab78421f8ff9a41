"""The Summary, first in every report, used §, τ-b, "Holm (1979)" and the cell marks before the Results
legend and the τ section define them. Its first line now defines, briefly, each of those its other lines
use (and only those), in report.md, report.html and report.tex alike."""
from __future__ import annotations

import html as html_lib

from tests.test_best_predictor_not_comparable import _records
from wordeval.report.compare import compare
from wordeval.report.html import render_html
from wordeval.report.tables import FLAG_SYMBOLS
from wordeval.report.tables_tex import latex_document
from wordeval.report.writer import render_markdown


def test_the_summarys_first_line_defines_the_marks_and_terms_the_others_use():
    comp = compare(_records(with_similarity=True), n_boot=100)  # an analogy task flagged §
    first, *rest = comp.summary
    used = " ".join(rest)
    assert "§" in used and "τ-b" in used and "Holm (1979)" in used  # the demo's case
    assert first.startswith("Terms used below: τ-b: Kendall's rank correlation")
    assert "Holm (1979): Holm's step-down correction of p-values for multiple tests" in first
    assert "§: the representations searched candidate sets of different sizes" in first
    for sym in FLAG_SYMBOLS.values():  # a mark the lines do not use is not defined
        assert (f"{sym}: " in first) == (sym in used), sym
    md = render_markdown(comp, "", title="t", figures={})
    html = html_lib.unescape(render_html(comp, figures={}, provenance_text=""))
    tex = latex_document(comp, title_text="t", cite_keys=[], method_keys={})
    assert md.split("## Summary\n\n- ", 1)[1].startswith("Terms used below: τ-b:")
    assert html.split("<h2>Summary</h2><ul><li>", 1)[1].startswith("Terms used below: τ-b:")
    assert tex.split("\\section*{Summary}", 1)[1].split("\\item ", 1)[1].startswith(
        "Terms used below: $\\tau$-b:")

