"""report.tex is for pdflatex with utf8 inputenc and T1 fonts, which typeset ASCII, Latin-1 and Latin Extended-A
only: a label holding a Greek letter ("noisy σ=0.4"), CJK or an emoji was written raw and stopped the compile
("Unicode character σ (U+03C3) not set up for use with LaTeX"). Greek letters are written as math, typographic
quotes and the like as their text commands, anything else as the \\uXXXX escape that wordeval writes for a hidden
character; pylatexenc's reading of the LaTeX is the oracle for what a reader sees."""
from __future__ import annotations

import re

import pytest

from tests.test_report_outputs import _store
from wordeval.report.compare import compare
from wordeval.report.tables_tex import tex_escape
from wordeval.report.writer import write_report

# the characters the LaTeX kernel's utf8 definitions for T1 (and TS1) fonts cover
PDFLATEX_T1 = re.compile("[\n\x20-\x7e\u00a0-\u017f]*")


@pytest.mark.parametrize("text, read_back", [("noisy σ 0.4", "noisy σ 0.4"), ("ΣΩ ς", "ΣΩ ς"),
                                              ("“q” … € †", "“q” … € †"), ("Zoë łódź", "Zoë łódź"),
                                              ("日本", "\\u65e5\\u672c"), ("ok 😀", "ok \\U0001f600")])
def test_text_beyond_t1_is_written_as_latex_that_reads_back(text, read_back):
    latex2text = pytest.importorskip("pylatexenc.latex2text")
    out = tex_escape(text)
    assert PDFLATEX_T1.fullmatch(out), out
    assert latex2text.LatexNodes2Text().latex_to_text(out) == read_back


def test_report_tex_of_labels_in_greek_cjk_and_emoji_holds_only_what_pdflatex_typesets(tmp_path):
    labels = ("noisy σ 0.4", "日本語 vectors", "B 😀", "Zoë")
    comp = compare(_store(labels), n_boot=50)
    tex = (write_report(comp, tmp_path / "rep", figures=False) / "report.tex").read_text(encoding="utf-8")
    assert PDFLATEX_T1.fullmatch(tex), sorted({ch for ch in tex if not PDFLATEX_T1.fullmatch(ch)})
    assert "noisy $\\sigma$ 0.4" in tex and "Zoë" in tex
