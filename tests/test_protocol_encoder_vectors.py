"""No report said that MiniLM's similarity scores come from type-level vectors (each word encoded alone,
without context) while its tagging scores come from contextual token vectors. The Protocol of report.md,
report.html and report.tex now says, per encoder representation, how its vectors were made, read from its
records' embedding format and parameters; a static embedding gets no such line."""
from __future__ import annotations

import dataclasses
import html as html_lib

from tests._records import toy_records
from wordeval.report.compare import compare
from wordeval.report.html import render_html
from wordeval.report.tables_tex import latex_document
from wordeval.report.writer import render_markdown

TYPE = {"variant": "type-level", "subword": "first", "layer": -1, "contexts": None, "max_contexts": None}
TOKEN = {"variant": "token", "subword": "first", "layer": -1, "max_length": 512}


def _encoder_b():
    """B is MiniLM=minilm:type-level|minilm: type-level vectors on similarity, the token encoder on POS."""
    out = []
    for r in toy_records():
        if r.label == "B":
            fmt, params = ("bert-type", TYPE) if r.family == "similarity" else ("bert-token", TOKEN)
            r = dataclasses.replace(r, embedding={**r.embedding, "format": fmt, "parameters": params,
                                                  "fingerprint": f"sha256:B-{fmt}"})
        out.append(r)
    return out


def _protocols(comp):
    md = render_markdown(comp, "", title="t", figures={})
    md = md[md.index("## Protocol"):md.index("## Provenance")]
    html = render_html(comp, figures={}, provenance_text="")
    html = html_lib.unescape(html[html.index("<h2>Protocol"):])
    tex = latex_document(comp, title_text="t", cite_keys=[], method_keys={})
    tex = tex[tex.index(r"\section*{Protocol}"):]
    return {"md": md, "html": html, "tex": tex}


def test_each_format_says_how_an_encoders_vectors_were_made():
    comp = compare(_encoder_b(), n_boot=100)
    for name, text in _protocols(comp).items():
        flat = " ".join(text.replace("\\_", "_").split())
        assert ("B (similarity): type-level vectors: each word encoded alone, without context "
                "(its subword pieces pooled: first, layer -1)") in flat, name
        assert ("B (pos): contextual token vectors: each sentence encoded whole, in windows of up to 512 tokens"
                in flat), name
        assert "A (" not in flat and "C (" not in flat, name  # static vectors: nothing to say


def test_type_level_vectors_from_a_corpus_say_so():
    recs = [dataclasses.replace(r, embedding={**r.embedding, "format": "bert-type", "parameters": {
        **TYPE, "contexts": "news", "max_contexts": 10}}) if r.label == "B" else r for r in toy_records()]
    comp = compare(recs, n_boot=100)
    (line,) = [t for _, _, t in comp.protocol["vectors"]]
    assert line.startswith("type-level vectors: the mean of a word's token vectors over its first 10 "
                           "occurrences in news")
    assert [(rep, fam) for rep, fam, _ in comp.protocol["vectors"]] == [("B", "pos, similarity")]
