"""The BCa interval of benchmarks/repro_tau_interval_coverage.py (the simulation README's "τ interval"
quotes): equal to scipy's ``bootstrap(method='BCa')`` given the same bootstrap distribution and jackknife;
and the simulation's coverage check counts a bound equal to the true τ as covering it."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import bootstrap, kendalltau

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from repro_tau_interval_coverage import bca_interval, covers  # noqa: E402

# the bounds are quantiles of the same float64 distribution at float64 shares: a few ulps of the data's scale
TOL = 64 * np.finfo(np.float64).eps


def _scipy_case(data, statistic, seed):
    res = bootstrap(data, statistic, method="BCa", n_resamples=999, rng=np.random.default_rng(seed),
                    vectorized=False)
    jack = [np.array([statistic(*[np.delete(d, i) if k == j else d for k, d in enumerate(data)])
                      for i in range(len(data[j]))]) for j in range(len(data))]
    return res, statistic(*data), jack


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_one_sample_bca_bounds_equal_scipy(seed):
    x = np.random.default_rng(seed).exponential(size=30)  # skewed: the acceleration is far from 0
    res, estimate, jack = _scipy_case((x,), lambda v: float(np.mean(v ** 2)), seed)
    lo, hi = bca_interval(res.bootstrap_distribution, estimate, jack)
    assert lo == pytest.approx(res.confidence_interval.low, rel=TOL, abs=TOL)
    assert hi == pytest.approx(res.confidence_interval.high, rel=TOL, abs=TOL)


def test_two_sample_acceleration_and_ties_at_the_estimate_as_scipy():
    rng = np.random.default_rng(7)
    # a median of small integers: many resamples equal the estimate, which z0 counts as half below (scipy)
    x, y = rng.integers(0, 5, size=25).astype(float), rng.exponential(size=20)
    res, estimate, jack = _scipy_case((x, y), lambda a, b: float(np.median(a) + np.mean(b)), 3)
    assert bca_interval(res.bootstrap_distribution, estimate, jack) == pytest.approx(
        tuple(res.confidence_interval), rel=TOL, abs=TOL)


def test_a_bound_equal_to_the_true_tau_covers_it():
    # scipy's τ-b of 8 scores with 4 discordant pairs is 20/√28/√28, one ulp below 20/28 (wordeval's): the
    # first simulation counted an interval starting at 20/28 as missing it; its coverage at 4 SE fell to 60 %
    true = kendalltau([0, 1, 2, 3, 4, 5, 6, 7], [1, 0, 3, 2, 5, 4, 7, 6]).statistic
    assert true != 20 / 28 and true == pytest.approx(20 / 28, abs=4 * np.finfo(np.float64).eps)
    assert covers([20 / 28, 0.5, 0.8], [1.0, 20 / 28, 1.0], true).tolist() == [True, True, False]


@pytest.mark.parametrize("option", ["--stores", "--n-boot", "--workers"])
def test_a_zero_count_is_refused_not_replaced_by_the_default(tmp_path, capsys, monkeypatch, option):
    # `--stores 0` read as "not given" ran the whole 200-store grid (16 minutes) into --out
    import repro_tau_interval_coverage as script

    def a_run_started(*args, **kwargs):
        raise AssertionError(f"{option} 0 was accepted: the grid would run")

    monkeypatch.setattr(script, "BenchmarkReport", a_run_started)
    with pytest.raises(SystemExit) as exit_:
        script.main([option, "0", "--out", str(tmp_path)])
    assert exit_.value.code == 2 and "at least" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
