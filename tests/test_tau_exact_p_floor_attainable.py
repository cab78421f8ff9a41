"""An exact permutation p-value's ``p_floor`` is the smallest p the test can give on these scores: the share
of orderings that reach the largest |τ-b|. It was 1/n!, which a two-sided test never gives (an ordering and
its reverse have the same |τ|): results.json said 1/24 = 0.042 for 4 representations, below α = 0.05, where
2/24 = 0.083 is the least p any agreement could have. Checked against scipy's τ-b over every ordering."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy.stats import kendalltau

from wordeval.stats.agreement import permutation_p


def _brute_force_floor(x, y):
    """min over every ordering o of y of the exact p-value the ordering o would have been given."""
    taus = np.array([abs(kendalltau(x, [y[i] for i in o]).statistic)
                     for o in itertools.permutations(range(len(y)))])
    tol = 4 * np.finfo(np.float32).eps  # equal |τ-b| from one tie pattern, summed in another order by scipy
    return min(np.mean(taus >= t - tol) for t in taus)


@pytest.mark.parametrize("x, y", [
    ([1, 2, 3, 4], [10, 20, 30, 40]),          # distinct: 2/4!
    ([1, 2, 3, 4, 5], [3, 1, 2, 5, 4]),        # distinct: 2/5!
    ([1, 1, 2, 3], [1, 2, 3, 4]),              # a tie on one side: more orderings reach the top |τ|
    ([1, 1, 2, 2, 3], [5, 4, 4, 2, 1]),        # ties on both sides
])
def test_exact_floor_is_the_smallest_attainable_p(x, y):
    res = permutation_p(np.array(x, float), np.array(y, float))
    assert res["method"].startswith("exact")
    assert res["p_floor"] == pytest.approx(_brute_force_floor(x, y), rel=0, abs=1e-12)
    assert res["p_value"] >= res["p_floor"]
    if len(set(x)) == len(x) and len(set(y)) == len(y):
        assert res["p_floor"] == pytest.approx(2 / math.factorial(len(x)), rel=0, abs=1e-12)
