"""A label or task name in report.tex is shown as written: T1's ligatures (Knuth's table, as fontenc T1
applies it: `` '' ,, -- << >> !` ?`) turned a label's doubled quote or comma into one curly quote and "a?`b"
into "a¿b", and a backtick printed as an opening quote."""
from __future__ import annotations

import pytest

from wordeval.report.tables_tex import tex_escape

T1_LIGATURES = ("``", "''", ",,", "--", "<<", ">>", "!`", "?`")


@pytest.mark.parametrize("text", ["w2v''sg", "a,,b", "x`y", "why?`", "bang!`", "--n-boot", "q``q''", "<<a>>"])
def test_no_ligature_forms_from_a_users_text(text):
    out = tex_escape(text)
    assert "`" not in out
    assert not any(lig in out for lig in T1_LIGATURES), out


def test_the_backtick_reads_back_as_a_backtick():
    latex2text = pytest.importorskip("pylatexenc.latex2text")
    assert latex2text.LatexNodes2Text().latex_to_text(tex_escape("a`b ''c'' d,,e")) == "a`b ''c'' d,,e"
