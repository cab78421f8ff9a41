"""`compare` of GloVe against MiniLM wrote 'B, p ≤ 0.012' in eight ranking rows and nothing said what the '≤'
meant. It is the paired bootstrap's floor: p = (1 + count) / (1 + B) is at least 1/(1 + B), and Holm over m tests
multiplies the smallest p by m. Oracle: hand arithmetic, 2 tasks x 1 pair = 2 tests, B = 200: 2/201 = 0.00995."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report import html, tables, tables_tex
from wordeval.report.compare import compare


def _comparison(scale_b: float, correction: str = "holm"):
    rng = np.random.default_rng(0)
    recs = []
    for task in ("similarity/one", "similarity/two"):
        gold = rng.normal(size=300)
        for name, scale in (("A", 0.2), ("B", scale_b)):
            pred = gold + rng.normal(scale=scale, size=300)
            recs.append(make_record(name, task, {"id": list(range(300)), "gold": gold, "pred": pred}))
    return compare(recs, n_boot=200, correction=correction)


def test_a_p_at_the_bootstrap_floor_is_explained_where_it_is_shown():
    comp = _comparison(scale_b=3.0)
    assert all(t["p_value"] == 1 / 201 for t in comp.tests)  # no resample as extreme: the floor
    rows = [line for line in tables.markdown_rankings(comp).splitlines() if line.startswith("| similarity/")]
    assert [row.split("|")[-2].strip() for row in rows] == ["B, p ≤ 0.00996", "B, p ≤ 0.00996"]  # 2/201, up
    clause = ("`p ≤ x`: the test's p is the smallest a bootstrap of 200 resamples can give, 1/(1 + 200), raised "
              "by the Holm (1979) correction; the true p may be smaller (more resamples, --n-boot, resolve it).")
    assert clause in tables.rankings_caption(comp)
    tex = " ".join(tables_tex.latex_rankings(comp).split())
    assert "p $\\le$ x: the test's p is the smallest a bootstrap of 200 resamples can give, 1/(1 + 200)" in tex
    sections = " ".join(body for _, _, body in html._comparison_sections(comp))
    assert "p ≤ x" in sections
    uncorrected = _comparison(scale_b=3.0, correction="none")
    assert ("1/(1 + 200); the true p may be smaller" in tables.rankings_caption(uncorrected))


def test_no_clause_where_no_p_is_at_its_floor():
    comp = _comparison(scale_b=0.21)
    assert all(t["p_value"] > 1 / 201 for t in comp.tests)
    assert "p ≤" not in tables.rankings_caption(comp) and "p ≤" not in tables.markdown_rankings(comp)
