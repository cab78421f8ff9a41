"""report.md wrote each figure as ![task_bars](figures/task_bars.png): the alt a screen reader (and a renderer
without the image) gives is the file stem. It now carries report.html's sentence (``figure_alts``), with the
brackets Markdown reads as the end of the alt escaped. Oracle: markdown-it-py's CommonMark rendering of the
image, whose alt must be the sentence itself."""
from __future__ import annotations

import html
import re

import pytest

from tests.test_report_heatmap_legible import _comparison
from tests.test_report_outputs import EVIL
from wordeval.report.figure_alts import figure_alts, md_alt
from wordeval.report.writer import write_report

md_it = pytest.importorskip("markdown_it")
RENDERER = md_it.MarkdownIt("commonmark")


def _images(markdown: str) -> list[tuple[str, str]]:
    """(src, alt) of each <img> the Markdown renders to."""
    out = RENDERER.render(markdown)
    return [(html.unescape(src), html.unescape(alt))
            for src, alt in re.findall(r'<img src="([^"]*)" alt="([^"]*)"', out)]


def test_report_md_images_carry_the_sentence_report_html_gives_them(tmp_path):
    comp = _comparison(2, 2)
    md = (write_report(comp, tmp_path / "rep") / "report.md").read_text(encoding="utf-8")
    alts = figure_alts(comp)
    images = _images(md)
    assert [src for src, _ in images] == [f"figures/{name}.png" for name in alts]
    assert [alt for _, alt in images] == list(alts.values())
    for name in alts:  # the stem is gone from where the alt stands
        assert f"![{name}]" not in md


@pytest.mark.parametrize("text", ["a ] b", "a [ b", "[x] (y)", "x](y.png) ![z", "a \\] b [", EVIL])
def test_md_alt_keeps_brackets_and_markup_as_text(text):
    """An unescaped "]" ended the alt early and an unmatched "[" broke the image into literal text."""
    images = _images(f"![{md_alt(text)}](f.png)\n")
    assert images == [("f.png", text.replace("\n", " "))], (md_alt(text), images)
