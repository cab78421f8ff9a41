"""The paired bootstrap over items × seeds drew each representation's seed resamples from one stream in the
order the representations appeared in the records. The same records stored in another order (a resumed or a
--workers run stores cells as they finish, `compare s1 s2` vs `compare s2 s1`) gave the same pair other
p-values and CIs under the same --seed. The oracle is the test's symmetry: swapping the representations'
order must swap the sign of the differences and nothing else."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare


def _seed_records(name, acc, rng, n=120, seeds=3):
    out = []
    for seed in range(seeds):
        total = rng.integers(5, 20, size=n)
        columns = {"id": [f"s{i}" for i in range(n)], "correct": rng.binomial(total, acc), "total": total}
        out.append(make_record(name, "pos/toy", columns, seed=seed))
    return out


def _test_of(comparison, first, second):
    (res,) = [r for r in comparison.tests if {r["a"], r["b"]} == {first, second}]
    sign = 1.0 if res["a"] == first else -1.0
    lo, hi = res["ci"]
    return res["code"], sign * res["difference"], res["p_value"], sorted([sign * lo, sign * hi])


def test_a_pair_tests_p_value_and_ci_do_not_depend_on_the_order_of_the_records():
    rng = np.random.default_rng(7)
    records = _seed_records("zeta", 0.70, rng) + _seed_records("alpha", 0.72, rng)
    forward = compare(records, n_boot=2000, seed=3)
    backward = compare(list(reversed(records)), n_boot=2000, seed=3)
    code, diff, p, ci = _test_of(forward, "zeta", "alpha")
    code2, diff2, p2, ci2 = _test_of(backward, "zeta", "alpha")
    assert code == code2 == "S"  # the bootstrap over items and seeds
    assert diff == diff2 and p == p2
    np.testing.assert_allclose(ci, ci2, rtol=0, atol=4 * np.finfo(np.float32).eps)
