"""The item-bootstrap interval of Kendall τ is the basic one: resampled τ drifts away from the estimate when
pairs of representations are closer than the item noise, and a percentile interval then sat beside τ."""
import numpy as np
import pytest
from scipy.stats import kendalltau

from wordeval.report.tables import tau_cell
from wordeval.stats import agreement
from wordeval.stats.item_scores import resample_counts
from wordeval.stats.task_items import task_rng

N_ITEMS, N_BOOT, SEED = 400, 400, 0
EPS = 8 * float(np.finfo(np.float32).eps)


def _nested(size: int) -> np.ndarray:
    """Correct on the first ``size`` items: nested sets keep their order in every resample."""
    return (np.arange(N_ITEMS) < size).astype(float)


def _constructed():
    """Five representations nearly tied on the intrinsic task (200..204 of 400 right, on independent items) in
    the reverse of their clearly separated extrinsic order, and three clearly below them on both: τ = 8/28,
    while resampling shuffles the near-tied five, so nearly every resampled τ is above 8/28."""
    rng = np.random.default_rng(7)
    intr, extr = {}, {}
    for k in range(5):
        correct = np.zeros(N_ITEMS)
        correct[rng.choice(N_ITEMS, 200 + k, replace=False)] = 1.0
        intr[f"a{k}"] = correct
        extr[f"a{k}"] = _nested(390 - 20 * k)
    for k, (xi, xe) in enumerate([(120, 250), (80, 200), (40, 150)]):
        intr[f"b{k}"], extr[f"b{k}"] = _nested(xi), _nested(xe)
    ids = list(range(N_ITEMS))
    ti = agreement.align_items("analogy/toy", {r: {"id": ids, "correct": c} for r, c in intr.items()},
                               kind="intrinsic", direction="higher", scorer="mean:correct")
    te = agreement.align_items("pos/toy", {r: {"id": ids, "correct": c} for r, c in extr.items()},
                               kind="extrinsic", direction="higher", scorer="mean:correct")
    return ti, te, intr, extr


def _scipy_resampled_taus(intr, extr):
    """τ-b of every resample's scores by scipy, on the draws the documented per-task streams give."""
    reps = list(intr)
    ci = resample_counts(task_rng(SEED, "analogy/toy"), N_ITEMS, N_BOOT)
    ce = resample_counts(task_rng(SEED, "pos/toy"), N_ITEMS, N_BOOT)
    return np.array([kendalltau([ci[b] @ intr[r] for r in reps], [ce[b] @ extr[r] for r in reps],
                                variant="b").statistic for b in range(N_BOOT)])


def test_tau_ci_is_basic_interval_with_percentile_and_bias_beside_it():
    ti, te, intr, extr = _constructed()
    (row,) = agreement.tau_table([ti, te], n_boot=N_BOOT, seed=SEED)
    tau = kendalltau([intr[r].mean() for r in intr], [extr[r].mean() for r in extr]).statistic
    assert row["tau"] == pytest.approx(8 / 28, abs=EPS) and tau == pytest.approx(8 / 28, abs=EPS)
    dist = _scipy_resampled_taus(intr, extr)
    q_lo, q_hi = np.quantile(dist, [0.025, 0.975])
    assert q_lo > tau  # the constructed case: the percentile interval lies wholly above τ
    assert row["ci_percentile"] == pytest.approx([q_lo, q_hi], abs=EPS)
    assert row["ci"] == pytest.approx([max(-1.0, 2 * tau - q_hi), min(1.0, 2 * tau - q_lo)], abs=EPS)
    assert row["bootstrap_bias"] == pytest.approx(dist.mean() - tau, abs=EPS)
    assert row["bootstrap_bias"] > 0.2


def test_tau_outside_its_interval_is_marked():
    row = {"tau": 0.3, "ci": [0.05, 0.25], "n_representations": 8, "n_items": [400, 400], "verdict": "clear"}
    assert "¶" in tau_cell(row)
    assert "¶" not in tau_cell({**row, "ci": [0.05, 0.35]})
