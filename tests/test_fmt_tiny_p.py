"""An exact McNemar p-value near the smallest double (a thousand discordant analogy questions, all one way:
GloVe against a noisier copy of itself on MSR) crashed ``report`` and ``compare``: rounding it up scaled by
10 ** 310, which overflows."""
from __future__ import annotations

import pytest
from scipy.stats import binomtest

from wordeval.report.fmt import fmt_number, fmt_p


@pytest.mark.parametrize("discordant", [1000, 1021, 1070, 1100])
def test_mcnemar_p_near_the_smallest_double_is_printed_as_a_bound(discordant):
    p = binomtest(0, discordant).pvalue  # scipy's exact two-sided p: 2 * 0.5 ** n, 1.9e-301 ... 0.0
    assert p < 1e-300
    assert fmt_p(p) == "p < 1e-300"


def test_p_values_above_the_bound_keep_their_rounded_up_value():
    assert fmt_p(1e-300) == "p = 1.00e-300"
    assert fmt_p(0.000999) == "p = 0.000999" and fmt_p(0.0123456) == "p = 0.0124"
    assert fmt_number(2.2250738585072014e-308).startswith("2.2")  # no overflow below it either
