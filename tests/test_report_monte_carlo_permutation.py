"""Beyond 8 representations the agreement cells' permutation p-values come from seeded random orderings, but
the Markdown, HTML and LaTeX captions called them 'exact' and stated neither how many orderings nor the seed
that reproduces them. The Monte Carlo p itself is checked against scipy's exact Kendall test."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import kendalltau

from tests._records import make_record
from wordeval.report import tables, tables_tex
from wordeval.report.compare import compare
from wordeval.stats.agreement import N_MONTE_CARLO, permutation_p


def _records(n_reps):
    rng = np.random.default_rng(3)
    gold = rng.normal(size=40)
    total = np.full(30, 10)
    out = []
    for k in range(n_reps):
        pred = gold + rng.normal(scale=0.3 + 0.3 * k, size=40)
        out.append(make_record(f"r{k}", "similarity/toy", {"id": list(range(40)), "gold": gold, "pred": pred}))
        correct = rng.binomial(total, 0.9 - 0.03 * k)
        out.append(make_record(f"r{k}", "pos/toy", {"id": list(range(30)), "correct": correct, "total": total}))
    return out


def test_a_monte_carlo_cell_states_its_orderings_and_seed_in_every_caption():
    comp = compare(_records(10), n_boot=20, seed=7)
    assert comp.taus[0]["permutation"].startswith("Monte Carlo")
    for caption in (tables.tau_caption(comp), tables_tex.latex_taus(comp)):
        assert f"{N_MONTE_CARLO:,} random orderings drawn with seed 7" in caption
        assert "exact permutation" not in caption


def test_exact_cells_keep_saying_exact():
    comp = compare(_records(5), n_boot=20)
    caption = tables.tau_caption(comp)
    assert "exact permutation p-value over representations (all n! orderings)" in caption
    assert "Monte Carlo" not in caption


def test_the_monte_carlo_p_agrees_with_scipys_exact_kendall_test():
    rng = np.random.default_rng(11)
    x = rng.normal(size=12)
    y = 0.4 * x + rng.normal(size=12)  # no ties: scipy's exact null distribution of τ applies
    exact = kendalltau(x, y, method="exact").pvalue
    got = permutation_p(x, y, seed=0)
    assert got["n_permutations"] == N_MONTE_CARLO
    # the Monte Carlo estimate's binomial sd, 5 of them: fails by chance about once in 3 million seeds
    assert got["p_value"] == pytest.approx(exact, abs=5 * np.sqrt(exact * (1 - exact) / N_MONTE_CARLO) + 1e-4)
    assert permutation_p(x, y, seed=0) == got  # the seed reproduces it
    assert permutation_p(x[::-1], y[::-1], seed=0) == got  # whatever the representations' order
