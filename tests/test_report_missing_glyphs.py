"""A label whose characters the figures' font lacks (Chinese under matplotlib's DejaVu Sans) is drawn as empty
boxes. The report said nothing of it and the user got one matplotlib warning per character and file; now one
warning and one report note name the characters. Oracle: the font's own character map (FreeType, through
matplotlib.ft2font), not wordeval's output."""
from __future__ import annotations

import warnings

import pytest

from tests.test_report_outputs import _store
from wordeval.report.compare import compare
from wordeval.report.writer import write_report

LABEL = "中文"


def _font_lacks(text: str) -> bool:
    from matplotlib import font_manager, ft2font
    font = ft2font.FT2Font(font_manager.findfont(font_manager.FontProperties()))
    return all(font.get_char_index(ord(ch)) == 0 for ch in text)


def test_missing_glyphs_are_one_warning_and_a_report_note(tmp_path):
    if not _font_lacks(LABEL):
        pytest.skip("matplotlib's default font here has CJK glyphs")
    comp = compare(_store((LABEL, "B")), n_boot=50)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = write_report(comp, tmp_path / "rep")
    glyph_warnings = [str(w.message) for w in caught if "glyph" in str(w.message).lower()]
    assert len(glyph_warnings) == 1
    assert "U+4E2D" in glyph_warnings[0] and "U+6587" in glyph_warnings[0]
    notes = (out / "report.md").read_text(encoding="utf-8").split("## Notes", 1)[1]
    assert "中 (U+4E2D), 文 (U+6587)" in notes and "empty box" in notes
    assert "U+4E2D" in (out / "report.html").read_text(encoding="utf-8")


def test_labels_the_font_has_give_no_note(tmp_path):
    comp = compare(_store(("A", "B")), n_boot=50)
    out = write_report(comp, tmp_path / "rep")
    text = (out / "report.md").read_text(encoding="utf-8")
    assert "no glyph" not in text.split("## Provenance", 1)[0]
