"""Beyond the exact limit the permutation p-value of Kendall's τ over representations is Monte Carlo: its
seeded orderings were applied to the representations in the order they came in, so the same scores listed
in another order (the representations given in another order) got another p-value. The oracle: a
permutation test's p-value is a function of the set of (x, y) pairs, not of their listing order."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.stats.agreement import permutation_p


def test_monte_carlo_p_value_does_not_depend_on_the_order_of_the_representations():
    rng = np.random.default_rng(11)
    x = rng.normal(size=10)
    y = x + rng.normal(scale=1.5, size=10)
    first = permutation_p(x, y, seed=0, max_exact=8, n_monte_carlo=2000)
    assert first["method"].startswith("Monte Carlo")
    for _ in range(3):
        order = rng.permutation(10)
        assert permutation_p(x[order], y[order], seed=0, max_exact=8, n_monte_carlo=2000)["p_value"] == \
            first["p_value"]


def test_exact_p_value_is_unchanged_by_the_canonical_order():
    x = np.array([0.1, 0.5, 0.3, 0.9, 0.7])
    y = np.array([0.2, 0.4, 0.1, 0.8, 0.9])
    # scipy's exact two-sided Kendall test on 5 untied pairs (all 120 orderings)
    from scipy.stats import kendalltau
    assert permutation_p(x, y)["p_value"] == pytest.approx(kendalltau(x, y, method="exact").pvalue,
                                                           rel=float(np.finfo(np.float64).eps) * 16)
