"""The summary's share of item resamples in which the best predictor stays strictly on top is rounded to the
whole percent, but a share short of all never reads "100%" (996 of 1,000 resamples said it stayed on top in
every one), nor one above none "0%", as coverage shares are written (``fmt_share``)."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from wordeval.report import summary
from wordeval.stats import agreement
from wordeval.stats.task_items import align_items

N = 100
EXTRINSIC = {"G": 97, "M": 96, "S": 95, "L": 93, "W": 91, "N": 90}
BEST = {"G": 80, "M": 70, "S": 60, "L": 50, "W": 40, "N": 30}   # the extrinsic order: tau-b 1
OTHER = {"G": 80, "M": 70, "S": 40, "L": 50, "W": 60, "N": 30}  # a worse one


def _task(name, kind, counts):
    per_item = {rep: {"id": np.arange(N), "correct": (np.arange(N) < k).astype(float)} for rep, k in counts.items()}
    return align_items(name, per_item, kind=kind, direction="higher", scorer="mean:correct")


def _line(share: float) -> str:
    tasks = [_task("similarity/a", "intrinsic", BEST), _task("similarity/b", "intrinsic", OTHER),
             _task("classification/x", "extrinsic", EXTRINSIC)]
    rows = agreement.tau_table(tasks, n_boot=20)
    for row in rows:
        row["p_adjusted"] = row["p_permutation"]
        row["verdict"] = agreement.verdict(row, alpha=0.05)
    (pred,) = agreement.best_predictors(rows)
    assert pred["status"] == "best" and pred["intrinsic"] == "similarity/a"
    pred["share_best"] = share  # as 996 (4, 500, 1,000) of 1,000 resamples would give it
    comp = SimpleNamespace(taus=rows, predictors=[pred], correlation={"flagged": []},
                           parameters={"n_agreement_tests": 2, "correction": "none", "correction_name": None,
                                       "level": 0.95, "alpha": 0.05})
    (line,) = summary._agreement_lines(comp)
    return line


@pytest.mark.parametrize("share, text", [(0.996, "> 99%"), (0.004, "< 1%"), (0.5, "50%"), (1.0, "100%"),
                                         (0.0, "0%")])
def test_share_on_top_short_of_all_is_not_written_as_all(share, text):
    assert f"stays strictly above every other benchmark in {text} of item resamples" in _line(share)
