"""An analogy benchmark whose representations searched candidate sets of different sizes (§) ranks each
representation together with its candidate set: the pair tests refuse those pairs as not comparable, yet the
summary named it "the best predictor" of a tagging task (the audit: analogy/msr §, τ 0.80, for WNUT-16, over
400k, 20k and 40k candidates). It is now no candidate: the line names the best comparable benchmark, and
says the set-aside one's τ with its reason in the same sentence. τ values are scipy's kendalltau over the
representations' common-item scores."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import kendalltau

from tests._records import make_record
from tests.test_report_outputs import _analogy
from wordeval.cli.compare import text_report
from wordeval.report.compare import compare

REPS = ("r0", "r1", "r2", "r3", "r4")
SIM_NOISE = (3.0, 1.6, 0.9, 0.2, 0.5)  # similarity ranks r3 above r4: τ against POS below 1


def _records(*, with_similarity: bool):
    rng = np.random.default_rng(7)
    gold = rng.normal(size=300)
    total = rng.integers(5, 20, size=200)
    out = []
    for k, name in enumerate(REPS):
        out.append(make_record(name, "pos/toy", {"id": list(range(200)), "total": list(total),
                                                 "correct": list(rng.binomial(total, 0.4 + 0.1 * k))}))
        # accuracy climbs with k as POS does (τ 1), but r0 searched 30,000 candidates and the rest 400,000
        correct = (rng.random(2000) < 0.1 + 0.1 * k).astype(int)
        out.append(_analogy(name, correct, 30_000 if k == 0 else 400_000))
        if with_similarity:
            pred = gold + rng.normal(scale=SIM_NOISE[k], size=300)
            out.append(make_record(name, "similarity/toy", {"id": list(range(300)), "gold": list(gold),
                                                            "pred": list(pred)}))
    return out


def _tau(comp, intrinsic):
    x = [comp.cells[(r, intrinsic)]["common_value"] for r in REPS]
    y = [comp.cells[(r, "pos/toy")]["common_value"] for r in REPS]
    return float(kendalltau(x, y).statistic)


def test_a_not_comparable_benchmark_is_not_named_the_best_predictor():
    comp = compare(_records(with_similarity=True), n_boot=100)
    assert comp.correlation["flagged"] == ["analogy/toy"]
    t_analogy, t_sim = _tau(comp, "analogy/toy"), _tau(comp, "similarity/toy")
    assert t_analogy == pytest.approx(1.0) and 0 < t_sim < 1  # the flagged benchmark has the higher τ
    (pred,) = comp.predictors
    assert pred["intrinsic"] == "similarity/toy" and pred["tau"] == pytest.approx(t_sim)
    (aside,) = pred["set_aside"]
    assert aside["intrinsic"] == "analogy/toy" and aside["n_representations"] == 5
    assert aside["tau"] == pytest.approx(t_analogy)
    line = next(s for s in comp.summary if s.startswith("pos/toy"))
    # its verdict is "could be chance": named as the highest τ-b, not as the best predictor
    assert line.startswith("pos/toy: highest τ-b: similarity/toy (Kendall τ-b = 0.80 over 5"), line
    assert ("; analogy/toy § (τ-b 1.00 over 5 representations) is not counted: the representations searched "
            "candidate sets of different sizes") in line
    assert "best predicted by analogy" not in text_report(comp)


def test_with_only_a_not_comparable_benchmark_no_predictor_is_named():
    comp = compare(_records(with_similarity=False), n_boot=100)
    (pred,) = comp.predictors
    assert pred["intrinsic"] is None and pred["status"] == "not comparable"
    line = next(s for s in comp.summary if s.startswith("pos/toy"))
    assert line.startswith("pos/toy: no intrinsic benchmark is named its predictor; analogy/toy § (τ-b 1.00 "
                           "over 5 representations) is not counted"), line
