"""No report said how its tables are ordered: rows are the intrinsic tasks, then the extrinsic ones, each kind
by name; columns the representations in the order first computed (not by name, not by score). Each table
kind's caption now says so, in report.md, report.html and report.tex, and the order it states is the one
the tables have."""
from __future__ import annotations

import html as html_lib

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.report.html import render_html
from wordeval.report.tables_tex import latex_document
from wordeval.report.writer import render_markdown

NAMES = ["Zeta", "alpha", "Mid", "beta"]  # computed in this order: neither alphabetical nor by score


def _records():
    import numpy as np

    rng = np.random.default_rng(3)
    out = []
    for k, name in enumerate(NAMES):
        t = f"2024-01-0{k + 1}"  # first computed: Zeta, then alpha, ...
        for task in ("similarity/zz", "similarity/aa"):
            gold = rng.normal(size=60)
            pred = gold + rng.normal(scale=0.5 + k / 3, size=60)
            out.append(make_record(name, task, {"id": list(range(60)), "gold": gold, "pred": pred}, time=t))
        for task in ("pos/b", "pos/a"):
            total = rng.integers(5, 20, size=50)
            out.append(make_record(name, task, {"id": list(range(50)), "total": total,
                                                "correct": rng.binomial(total, 0.6 + 0.05 * k)}, time=t))
    return out[::-1]  # stored in another order than computed


def test_each_table_kinds_caption_states_the_order_the_tables_have():
    comp = compare(_records(), n_boot=50)
    assert comp.representations == NAMES
    assert [t["name"] for t in comp.tasks] == ["similarity/aa", "similarity/zz", "pos/a", "pos/b"]
    rows = "the intrinsic tasks, then the extrinsic ones, each kind in alphabetical order of name"
    columns = "columns: the representations in the order they were first computed"
    md = render_markdown(comp, "", title="t", figures={})
    html = html_lib.unescape(render_html(comp, figures={}, provenance_text=""))
    tex = latex_document(comp, title_text="t", cite_keys=[], method_keys={})
    for name, text in (("md", md), ("html", html), ("tex", tex)):
        flat = " ".join(text.split())
        assert f"Rows: {rows}; {columns}." in flat, name  # Results (and report.tex's Coverage)
        assert flat.count(f"Rows: {rows}.") == 1, name  # Rankings ("Rows: ...; columns" is Results')
        assert "Rows: the intrinsic tasks, columns: the extrinsic ones, each in alphabetical order of name." \
            in flat, name  # Kendall τ
        assert f"Rows and columns: {rows}." in flat, name  # correlation
    # the Results table's header follows it
    header = next(line for line in md.splitlines() if line.startswith("| task (score)"))
    assert [c.strip() for c in header.split("|")[2:-3:2]] == NAMES
    assert tex.count(f"Rows: {rows}; {columns}.") == 2  # Results and Coverage
