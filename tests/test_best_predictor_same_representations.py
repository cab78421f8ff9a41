"""A best intrinsic predictor is named only against benchmarks compared on the same representations.

The demo named analogy/google the best predictor of BBC (τ-b 0.95 over 5 representations: MiniLM has no
analogy score) ahead of five benchmarks at 0.75 over 6; on the 5 representations the cells share, those five
rank them exactly as analogy/google does (τ-b 0.95 too), so the higher τ came from MiniLM's absence alone.
The scores below are accuracies k/100 shaped like the demo's; every τ is scipy's ``kendalltau``."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from scipy.stats import kendalltau

from wordeval.report import summary
from wordeval.stats import agreement
from wordeval.stats.task_items import align_items

N = 100
EXTRINSIC = {"G": 97, "M": 96, "S": 96, "L": 96, "W": 94, "N": 90}
WITHOUT_M = {"G": 53, "S": 12, "L": 13, "W": 9, "N": 4}           # an analogy set: M skipped
SAME_ORDER = {"M": 80, "G": 69, "L": 48, "S": 29, "W": 27, "N": 19}  # without M, WITHOUT_M's order
OTHER_ORDER = {"M": 80, "G": 69, "S": 48, "L": 29, "N": 27, "W": 19}  # without M, a worse one


def _task(name, kind, correct_counts):
    per_item = {rep: {"id": np.arange(N), "correct": (np.arange(N) < k).astype(float)}
                for rep, k in correct_counts.items()}
    return align_items(name, per_item, kind=kind, direction="higher", scorer="mean:correct")


def _rows(intrinsic):
    tasks = [_task(name, "intrinsic", counts) for name, counts in intrinsic.items()]
    tasks.append(_task("classification/x", "extrinsic", EXTRINSIC))
    rows = agreement.tau_table(tasks, n_boot=50)
    for row in rows:  # uncorrected, as compare would set them under --correction none
        row["p_adjusted"] = row["p_permutation"]
        row["verdict"] = agreement.verdict(row, alpha=0.05)
    return rows


def _tau(intr, reps):
    return kendalltau([intr[r] for r in reps], [EXTRINSIC[r] for r in reps]).statistic


def test_higher_tau_over_fewer_representations_is_not_named_best():
    rows = _rows({"analogy/a": WITHOUT_M, "similarity/b": SAME_ORDER})
    by = {r["intrinsic"]: r for r in rows}
    five, six = list(WITHOUT_M), list(SAME_ORDER)
    assert by["analogy/a"]["tau"] == pytest.approx(_tau(WITHOUT_M, five))  # 0.949
    assert by["similarity/b"]["tau"] == pytest.approx(_tau(SAME_ORDER, six))  # 0.745
    assert _tau(WITHOUT_M, five) > _tau(SAME_ORDER, six)
    assert _tau(SAME_ORDER, five) == pytest.approx(_tau(WITHOUT_M, five))  # like with like: equal

    (pred,) = agreement.best_predictors(rows)
    assert pred["intrinsic"] is None and pred["status"] == "other representations"
    assert pred["highest"] == "analogy/a"
    (rival,) = pred["rivals"]
    assert rival["intrinsic"] == "similarity/b" and rival["n_shared"] == 5
    assert rival["tau_shared"] == pytest.approx(_tau(SAME_ORDER, five))
    assert rival["top_tau_shared"] == pytest.approx(_tau(WITHOUT_M, five))

    comp = SimpleNamespace(taus=rows, predictors=[pred], correlation={"flagged": []},
                           parameters={"n_agreement_tests": 2, "correction": "none", "correction_name": None,
                                       "level": 0.95, "alpha": 0.05})
    (line,) = summary._agreement_lines(comp)
    assert "best predicted" not in line, line
    assert line.startswith("classification/x: no single best intrinsic predictor — analogy/a has the highest τ")
    assert "similarity/b (τ-b 0.95 vs 0.95 over the 5 shared)" in line, line


def test_a_benchmark_ahead_on_the_shared_representations_stays_best():
    rows = _rows({"analogy/a": WITHOUT_M, "similarity/c": OTHER_ORDER})
    five = list(WITHOUT_M)
    assert _tau(OTHER_ORDER, five) < _tau(WITHOUT_M, five)
    (pred,) = agreement.best_predictors(rows)
    assert pred["status"] == "best" and pred["intrinsic"] == "analogy/a"


def test_runner_up_over_other_representations_says_its_count():
    rows = _rows({"analogy/a": WITHOUT_M, "similarity/c": OTHER_ORDER})
    (pred,) = agreement.best_predictors(rows)
    assert pred["runner_up"] == "similarity/c" and pred["runner_up_n"] == [6]
    comp = SimpleNamespace(taus=rows, predictors=[pred], correlation={"flagged": []},
                           parameters={"n_agreement_tests": 2, "correction": "none", "correction_name": None,
                                       "level": 0.95, "alpha": 0.05})
    (line,) = summary._agreement_lines(comp)
    tau_c = kendalltau([OTHER_ORDER[r] for r in OTHER_ORDER], [EXTRINSIC[r] for r in OTHER_ORDER]).statistic
    assert f"runner-up similarity/c (τ = {tau_c:.2f} over 6 representations)" in line, line
    assert "over 5 representations" in line  # the best's own count


def test_share_on_top_compares_each_rival_over_the_shared_representations():
    """The point verdict compares the best with a rival over the representations both cells have; the share of
    resamples where it 'stays strictly above every other benchmark' compared τ over 5 (analogy/a, no M) with
    τ over 6. Oracle: scipy's kendalltau over the 5 shared representations in each item resample."""
    from wordeval.stats.task_items import TaskBootstrap
    intrinsic = {"analogy/a": WITHOUT_M, "similarity/c": OTHER_ORDER}
    tasks = {n: _task(n, "intrinsic", c) for n, c in intrinsic.items()}
    tasks["classification/x"] = _task("classification/x", "extrinsic", EXTRINSIC)
    rows = agreement.tau_table(list(tasks.values()), n_boot=50)
    (pred,) = agreement.best_predictors(rows)
    assert pred["status"] == "best" and pred["intrinsic"] == "analogy/a"
    boots = {n: TaskBootstrap(t, n_boot=50, seed=0) for n, t in tasks.items()}

    def taus(name, reps):
        m = boots[name].oriented_matrix(reps), boots["classification/x"].oriented_matrix(reps)
        return np.array([kendalltau(a, b).statistic for a, b in zip(*m)])
    five, six = list(WITHOUT_M), list(OTHER_ORDER)
    top, rival, rival_own = taus("analogy/a", five), taus("similarity/c", five), taus("similarity/c", six)
    with np.errstate(invalid="ignore"):  # no τ on either side (-inf - -inf): no win
        like, unlike = (np.mean(np.nan_to_num(top, nan=-np.inf) - np.nan_to_num(r, nan=-np.inf) > 1e-12)
                        for r in (rival, rival_own))
    assert like != unlike  # these resamples tell the two counts apart
    assert pred["share_best"] == pytest.approx(like)
    comp = SimpleNamespace(taus=rows, predictors=[pred], correlation={"flagged": []},
                           parameters={"n_agreement_tests": 2, "correction": "none", "correction_name": None,
                                       "level": 0.95, "alpha": 0.05})
    (line,) = summary._agreement_lines(comp)
    assert (f"stays strictly above every other benchmark in {like:.0%} of item resamples (each benchmark compared "
            "with it over the representations both cells have; ties not counted)") in line, line
