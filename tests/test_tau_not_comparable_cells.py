"""A τ cell of an analogy benchmark whose representations searched candidate sets of different sizes (§) is
description only: its pairs are refused as not comparable and the summary names it no predictor, yet its cell
read 'clear' and its permutation p sat in the Holm family, where it lifted the other cells' corrected p (two
benchmarks at 2/5! beside it: 3 × 2/120 = 0.05, so no 'clear' was possible). It now has no verdict and no
place in the family, as a cell of too few items. Oracles: scipy's kendalltau for τ, 2/5! and 10/5! counted by
hand (the observed ordering and its reverse; τ 0.8 over 5 is one adjacent swap, 4 orderings each way), Holm
over the two comparable cells by hand."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import kendalltau

from tests._oracles import hand_holm
from tests._records import make_record
from tests.test_report_outputs import _analogy
from wordeval.cli.compare import text_report
from wordeval.report import html, tables_tex
from wordeval.report.compare import compare

REPS = ("r0", "r1", "r2", "r3", "r4")
# similarity/toy orders the representations as POS does (τ 1); similarity/toy2 swaps r3 and r4 (τ 0.8)
NOISE = {"similarity/toy": (3.0, 1.5, 0.8, 0.4, 0.1), "similarity/toy2": (3.0, 1.5, 0.8, 0.1, 0.4)}


def _records(analogy_rising: bool):
    rng = np.random.default_rng(3)
    gold = rng.normal(size=400)
    total = np.full(200, 10)
    out = []
    for k, name in enumerate(REPS):
        correct = np.zeros(200, int)
        correct[: 60 + 20 * k] = 1
        out.append(make_record(name, "pos/toy", {"id": list(range(200)), "total": list(total),
                                                 "correct": list(correct * 6 + 2)}))
        for task, noise in NOISE.items():
            out.append(make_record(name, task, {"id": list(range(400)), "gold": list(gold),
                                                "pred": list(gold + rng.normal(scale=noise[k], size=400))}))
        right = np.zeros(1000, int)
        right[: 100 + 100 * (k if analogy_rising else 4 - k)] = 1
        # r0 searched 30,000 candidates, the rest 400,000: §
        out.append(_analogy(name, right, 30_000 if k == 0 else 400_000))
    return out


def _tau(comp, intrinsic):
    x = [comp.cells[(r, intrinsic)]["common_value"] for r in REPS]
    y = [comp.cells[(r, "pos/toy")]["common_value"] for r in REPS]
    return float(kendalltau(x, y).statistic)


def test_a_not_comparable_cell_has_no_verdict_and_is_not_in_the_family():
    comp = compare(_records(analogy_rising=True), n_boot=200)
    assert comp.correlation["flagged"] == ["analogy/toy"]
    rows = {r["intrinsic"]: r for r in comp.taus}
    assert [_tau(comp, t) for t in ("analogy/toy", "similarity/toy", "similarity/toy2")] == pytest.approx(
        [1.0, 1.0, 0.8])
    for t, tau in (("analogy/toy", 1.0), ("similarity/toy", 1.0), ("similarity/toy2", 0.8)):
        assert rows[t]["tau"] == pytest.approx(tau)
    assert rows["analogy/toy"]["p_permutation"] == pytest.approx(2 / math.factorial(5))
    assert rows["similarity/toy"]["p_permutation"] == pytest.approx(2 / math.factorial(5))
    assert rows["similarity/toy2"]["p_permutation"] == pytest.approx(10 / math.factorial(5))
    # the family is the two comparable cells: Holm over them by hand (2 × 2/120 = 0.033, then 10/120)
    assert comp.parameters["n_agreement_tests"] == 2
    expected = hand_holm([2 / 120, 10 / 120])
    assert [rows[t]["p_adjusted"] for t in ("similarity/toy", "similarity/toy2")] == pytest.approx(expected)
    assert expected[0] < 0.05  # counted, the § cell made it 3 × 2/120 = 0.05: not below α
    assert rows["similarity/toy"]["verdict"] == "clear"
    aside = rows["analogy/toy"]
    assert aside["not_comparable"] and aside["verdict"] is None and math.isnan(aside["p_adjusted"])
    assert not rows["similarity/toy"]["not_comparable"]
    cell = "over 5 representations, p = 0.0167 uncorrected, no verdict (§: τ descriptive)"
    text = text_report(comp)
    assert f"| analogy/toy § | 1.00 " in text and cell in text, text
    assert "(Holm (1979) over 2 cells)" in text
    assert "(too few representations or common items, §, no τ) are not counted in the correction" in text
    assert cell in html._tau_table(comp)
    assert r"0.0167 uncorrected, no verdict (\S{}: $\tau$ descriptive)" in tables_tex.latex_taus(comp)
    as_json = {r["intrinsic"]: r for r in comp.to_dict()["kendall_tau"]}
    assert as_json["analogy/toy"]["verdict"] is None and as_json["analogy/toy"]["not_comparable"] is True
    assert as_json["analogy/toy"]["p_adjusted"] is None
    (pred,) = comp.predictors
    assert pred["intrinsic"] == "similarity/toy" and pred["verdict"] == "clear", pred
    assert [a["intrinsic"] for a in pred["set_aside"]] == ["analogy/toy"]


def test_the_share_sentence_says_counted_where_a_lower_not_comparable_benchmark_is_left_out():
    comp = compare(_records(analogy_rising=False), n_boot=200)
    assert _tau(comp, "analogy/toy") == pytest.approx(-1.0)  # below the named one's: not set aside
    (pred,) = comp.predictors
    assert pred["intrinsic"] == "similarity/toy" and pred["set_aside"] == []
    assert pred["not_counted"] == ["analogy/toy"]
    line = next(s for s in comp.summary if s.startswith("pos/toy"))
    assert line.startswith("pos/toy is best predicted by similarity/toy (Kendall τ-b = 1.00 over 5"), line
    assert ("it stays strictly above every other benchmark counted (analogy/toy §: not comparable, not "
            "counted) in ") in line, line
    assert "analogy/toy § (τ-b" not in line  # no set-aside clause: its τ did not reach the named one's


def test_the_uncorrected_p_note_names_section_mark_only_where_a_row_carries_it():
    """Review of today's legends: the note listed '§' among the reasons for a cell without a verdict even where
    no τ row was an analogy over candidate sets of different sizes (the mark then defined nothing shown)."""
    from types import SimpleNamespace

    from wordeval.report.tables import uncorrected_tau_note

    rows = [{"intrinsic": "analogy/msr", "p_permutation": 0.2, "p_adjusted": float("nan")}]
    plain = SimpleNamespace(taus=rows, correlation={"flagged": []})
    flagged = SimpleNamespace(taus=rows, correlation={"flagged": ["analogy/msr"]})
    assert "(too few representations or common items, no τ)" in uncorrected_tau_note(plain)
    assert "(too few representations or common items, §, no τ)" in uncorrected_tau_note(flagged)
