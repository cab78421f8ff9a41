"""Williams' t and Steiger's Z: independent re-computation, known limits, and null calibration by simulation."""
from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from wordeval.errors import ConfigError
from wordeval.stats.dependent_correlations import steiger_z, williams_t


def test_williams_matches_determinant_form_and_t_distribution():
    r12, r13, r23, n = 0.55, 0.40, 0.60, 120
    R = np.array([[1, r12, r13], [r12, 1, r23], [r13, r23, 1]])
    det = np.linalg.det(R)  # independent of the closed-form |R| in the module
    t = (r12 - r13) * math.sqrt((n - 1) * (1 + r23) / (2 * (n - 1) / (n - 3) * det
                                                       + ((r12 + r13) / 2) ** 2 * (1 - r23) ** 3))
    res = williams_t(r12, r13, r23, n)
    assert res["statistic"] == pytest.approx(t, rel=1e-12)
    assert res["df"] == n - 3
    assert res["p_value"] == pytest.approx(2 * stats.t.sf(abs(t), n - 3), rel=1e-12)


def test_steiger_hand_computed():
    r12, r13, r23, n = 0.55, 0.40, 0.60, 120
    rbar = 0.475
    psi = 0.60 * (1 - 2 * rbar ** 2) - 0.5 * rbar ** 2 * (1 - 2 * rbar ** 2 - 0.36)
    c = psi / (1 - rbar ** 2) ** 2
    z = (math.atanh(0.55) - math.atanh(0.40)) * math.sqrt(117) / math.sqrt(2 - 2 * c)
    res = steiger_z(r12, r13, r23, n)
    assert res["statistic"] == pytest.approx(z, rel=1e-12)
    assert res["p_value"] == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-12)


def test_equal_correlations_give_zero_and_sign_flips_with_order():
    assert williams_t(0.5, 0.5, 0.3, 50)["statistic"] == 0
    assert steiger_z(0.5, 0.5, 0.3, 50)["p_value"] == pytest.approx(1.0)
    a, b = williams_t(0.6, 0.4, 0.3, 50), williams_t(0.4, 0.6, 0.3, 50)
    assert a["statistic"] == pytest.approx(-b["statistic"]) and a["p_value"] == pytest.approx(b["p_value"])
    # the more the two predictions agree, the more a given difference means
    assert williams_t(0.6, 0.5, 0.9, 100)["p_value"] < williams_t(0.6, 0.5, 0.1, 100)["p_value"]
    assert math.isnan(williams_t(float("nan"), 0.5, 0.3, 50)["p_value"])
    with pytest.raises(ConfigError):
        williams_t(0.5, 0.4, 0.3, 3)


def test_null_rejection_rate_is_nominal_by_simulation():
    # rho12 = rho13 = 0.5, rho23 = 0.6: under H0 about 5 % of samples must be rejected at alpha = 0.05
    rng = np.random.default_rng(0)
    cov = np.array([[1, 0.5, 0.5], [0.5, 1, 0.6], [0.5, 0.6, 1]])
    n, sims = 60, 2000
    x = rng.multivariate_normal(np.zeros(3), cov, size=(sims, n))
    xc = x - x.mean(axis=1, keepdims=True)
    c = np.einsum("sni,snj->sij", xc, xc)
    d = np.sqrt(np.einsum("sii->si", c))
    r = c / d[:, :, None] / d[:, None, :]
    pw = np.array([williams_t(r[s, 0, 1], r[s, 0, 2], r[s, 1, 2], n)["p_value"] for s in range(sims)])
    ps = np.array([steiger_z(r[s, 0, 1], r[s, 0, 2], r[s, 1, 2], n)["p_value"] for s in range(sims)])
    assert 0.035 < (pw < 0.05).mean() < 0.065
    assert 0.035 < (ps < 0.05).mean() < 0.065
