"""A Monte Carlo permutation p where no drawn ordering was as extreme is (1 + 0) / (1 + 9,999): the most
those orderings can resolve, not the p. It was printed "p = 0.0001" (scipy's exact p of tau = 1 over 10
representations is 2/10! = 5.5e-07); it is now "p ≤ 0.0001", as a bootstrap p at its floor is, in the tau
cells of every format and in the summary."""
from __future__ import annotations

import numpy as np
from scipy.stats import kendalltau

from tests._records import make_record
from wordeval.report import tables
from wordeval.report.compare import compare


def _records():
    rng = np.random.default_rng(0)
    gold, noise = rng.normal(size=60), rng.normal(size=60)
    out = []
    for k in range(10):  # similarity falls and accuracy falls with k: the same order on both tasks
        out.append(make_record(f"r{k}", "similarity/t", {"id": list(range(60)), "gold": gold,
                                                         "pred": gold + noise * (0.1 + 0.4 * k)}))
        total = np.full(60, 100)
        out.append(make_record(f"r{k}", "pos/t", {"id": list(range(60)), "total": total,
                                                  "correct": np.full(60, 95 - 8 * k)}))
    return out


def test_a_monte_carlo_p_at_its_floor_is_written_as_a_bound():
    comp = compare(_records(), n_boot=200)
    row = comp.taus[0]
    assert row["tau"] == 1.0 and row["permutation"].startswith("Monte Carlo")
    x = [comp.cells[(r, "similarity/t")]["common_value"] for r in row["representations"]]
    y = [comp.cells[(r, "pos/t")]["common_value"] for r in row["representations"]]
    exact = kendalltau(x, y, method="exact").pvalue
    assert exact < row["p_permutation"] == 1 / 10_000  # the true p is below what the draws resolve
    assert ", p ≤ 0.0001, " in tables.tau_cell(row, alpha=comp.parameters["alpha"])
    assert any("permutation p ≤ 0.0001 (Holm (1979) over 1 cell)" in s for s in comp.summary)
