"""A top τ whose verdict is 'could be chance' was written "pos/ptb-pos is best predicted by analogy/msr" (the
demo: τ 0.20, p = 1), which a reviewer read as a strong claim. Only a 'clear' or 'likely' verdict names a
best predictor now; otherwise the line says "highest τ-b" and that no benchmark is called the predictor.
Oracle: scipy's kendalltau over the common-item scores and the exact permutation p over all 5! orderings."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy.stats import kendalltau

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.report.html import render_html
from wordeval.report.tables_tex import latex_document
from wordeval.report.writer import render_markdown

REPS = ("r0", "r1", "r2", "r3", "r4")
SIM_NOISE = (3.0, 1.6, 0.9, 0.2, 0.5)  # ranks r3 above r4 where POS ranks r4 first: τ 0.8


def _records():
    rng = np.random.default_rng(7)
    gold = rng.normal(size=300)
    total = rng.integers(5, 20, size=200)
    out = []
    for k, name in enumerate(REPS):
        out.append(make_record(name, "pos/toy", {"id": list(range(200)), "total": list(total),
                                                 "correct": list(rng.binomial(total, 0.4 + 0.1 * k))}))
        pred = gold + rng.normal(scale=SIM_NOISE[k], size=300)
        out.append(make_record(name, "similarity/toy", {"id": list(range(300)), "gold": list(gold),
                                                        "pred": list(pred)}))
    return out


def test_a_top_tau_that_could_be_chance_is_not_called_the_best_predictor():
    comp = compare(_records(), n_boot=100)
    x = [comp.cells[(r, "similarity/toy")]["common_value"] for r in REPS]
    y = [comp.cells[(r, "pos/toy")]["common_value"] for r in REPS]
    tau = kendalltau(x, y).statistic
    assert tau == pytest.approx(0.8)
    p = np.mean([abs(kendalltau(x, perm).statistic) >= abs(tau) - 1e-12 for perm in itertools.permutations(y)])
    assert p == pytest.approx(10 / 120)  # one cell: nothing to correct; above α = 0.05
    (row,) = comp.taus
    assert row["p_adjusted"] == pytest.approx(p) and row["verdict"] == "could be chance"
    (line,) = [s for s in comp.summary if s.startswith("pos/toy")]
    assert line.startswith("pos/toy: highest τ-b: similarity/toy (Kendall τ-b = 0.80 over 5 representations, "
                           "permutation p = 0.0834"), line  # 0.08333 rounded up, never down
    assert "the agreement could be chance, so no benchmark is called its best predictor" in line
    md = render_markdown(comp, "", title="t", figures={})
    html = render_html(comp, figures={}, provenance_text="")
    tex = latex_document(comp, title_text="t", cite_keys=[], method_keys={})
    for text in (md, html, tex):
        assert "best predicted" not in text
