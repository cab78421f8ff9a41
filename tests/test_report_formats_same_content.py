"""report.md, report.html and report.tex say the same things: the same flipped pairs, the same correlation
table, the same figures and the same statements in their captions."""
from __future__ import annotations

import dataclasses
import re

from tests._records import toy_records
from wordeval.report.compare import compare
from wordeval.report.html import render_html
from wordeval.report.tables_tex import latex_document
from wordeval.report.writer import render_markdown


def _tex(comp, **kw):
    return latex_document(comp, title_text="t", cite_keys=[], method_keys={}, **kw)


def _many_flips(n=25):
    """The toy store's flip, copied under n distinct pairs of names (A0 ahead of C0 intrinsically ...)."""
    comp = compare(toy_records(), n_boot=200)
    (flip,) = [f for f in comp.flips if (f["ahead_intrinsic"], f["ahead_extrinsic"]) == ("A", "C")]
    flips = [dict(flip, ahead_intrinsic=f"A{k}", ahead_extrinsic=f"C{k}") for k in range(n)]
    return dataclasses.replace(comp, flips=flips)


def test_every_format_lists_the_same_flipped_pairs():
    comp = _many_flips(25)
    md = render_markdown(comp, "", title="t", figures={})
    html = render_html(comp, figures={}, provenance_text="")
    listed = {name: {k for k in range(25) if re.search(rf"\bA{k}\b", text)}
              for name, text in (("md", md), ("html", html), ("tex", _tex(comp)))}
    assert listed["md"] == listed["html"] == listed["tex"] == set(range(20))  # the first 20, sorted as stored
    for text in (md, html, _tex(comp)):
        assert "5 more in results.json" in text
