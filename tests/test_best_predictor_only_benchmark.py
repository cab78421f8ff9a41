"""With one intrinsic benchmark the share of item resamples in which it "stays strictly above every other
benchmark" has no other benchmark to be above: it was the share of resamples where its τ was defined, and the
summary printed it as "in 100% of item resamples", a statistic with nothing behind it. It is left out (None),
and the summary says the benchmark is the only one compared."""
from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
from scipy.stats import kendalltau

from wordeval.report import summary
from wordeval.stats import agreement
from wordeval.stats.task_items import align_items

N = 100
# counts of right items of 100, one per representation; the two orders agree but for one swap (τ-b 0.8)
INTRINSIC = {"G": 80, "M": 70, "S": 60, "L": 50, "W": 40}
EXTRINSIC = {"G": 97, "M": 96, "S": 95, "L": 91, "W": 93}
OTHER = {"G": 80, "M": 40, "S": 60, "L": 50, "W": 70}


def _task(name, kind, counts):
    per_item = {rep: {"id": np.arange(N), "correct": (np.arange(N) < k).astype(float)} for rep, k in counts.items()}
    return align_items(name, per_item, kind=kind, direction="higher", scorer="mean:correct")


def _predictor(*intrinsic):
    tasks = [*intrinsic, _task("classification/x", "extrinsic", EXTRINSIC)]
    rows = agreement.tau_table(tasks, n_boot=50)
    for row in rows:
        row["p_adjusted"] = 0.01  # a passed test, so that the line names a best predictor
        row["verdict"] = agreement.verdict(row, alpha=0.05)
    (pred,) = agreement.best_predictors(rows)
    comp = SimpleNamespace(taus=rows, predictors=[pred], correlation={"flagged": []},
                           parameters={"n_agreement_tests": len(rows), "correction": "none",
                                       "correction_name": None, "level": 0.95, "alpha": 0.05})
    (line,) = summary._agreement_lines(comp)
    return rows, pred, line


def test_one_benchmark_has_no_share_of_resamples_on_top():
    rows, pred, line = _predictor(_task("similarity/a", "intrinsic", INTRINSIC))
    reps = list(INTRINSIC)
    oracle = kendalltau([INTRINSIC[r] for r in reps], [EXTRINSIC[r] for r in reps]).statistic
    assert math.isclose(rows[0]["tau"], oracle, rel_tol=0, abs_tol=4 * np.finfo(np.float32).eps)
    assert pred["status"] == "best" and pred["intrinsic"] == "similarity/a" and pred["n_benchmarks"] == 1
    assert pred["share_best"] is None
    assert "every other benchmark" not in line and "of item resamples" not in line
    assert "the only benchmark compared" in line


def test_two_benchmarks_keep_the_share():
    _, pred, line = _predictor(_task("similarity/a", "intrinsic", INTRINSIC),
                               _task("similarity/b", "intrinsic", OTHER))
    assert pred["intrinsic"] == "similarity/a" and pred["n_benchmarks"] == 2
    assert isinstance(pred["share_best"], float) and "stays strictly above every other benchmark" in line
    assert "the only benchmark compared" not in line
