"""A p-value is printed rounded up to 3 significant digits, and '%g' drops trailing zeros: a corrected p of
0.04995 (Holm over 50 tests of a bootstrap p at its floor 1/1,001), significant at α = 0.05 and ranked as
such, was printed 'p ≤ 0.05' in report.md's flipped pairs, which reads as not significant. A p below α now
gets digits until it prints below α; one at or above α, rounded up, never prints below it."""
from __future__ import annotations

import re

import pytest

from tests._records import toy_records
from wordeval.cli.compare import text_report
from wordeval.report.compare import compare
from wordeval.report import fmt
from wordeval.report.writer import write_report

# (p, alpha, the text): hand-checked against the decimal expansions; the third digit alone crosses or
# touches α in every row but the ones at or above it
AROUND_ALPHA = [
    (50 / 1001, 0.05, "0.04996"),          # the audit's Holm-corrected bootstrap floor, 0.04995004995...
    (0.04995, 0.05, "0.04995"),
    (0.0499999, 0.05, "0.0499999"),
    (0.05, 0.05, "0.05"),                   # at α: not significant, printed at α, not below
    (0.050001, 0.05, "0.0501"),
    (0.00999, 0.01, "0.00999"),             # three digits already below α: unchanged
    (0.0099999, 0.01, "0.0099999"),
    (0.049999999999999996, 0.05, "0.049999999999999996"),  # the double just below 0.05: its shortest repr
    (9.9999e-06, 1e-05, "9.9999e-06"),
]


@pytest.mark.parametrize("p, alpha, text", AROUND_ALPHA)
def test_a_p_prints_on_its_own_side_of_alpha_and_never_below_itself(p, alpha, text):
    assert fmt.fmt_p_number(p, alpha) == text
    assert (float(text) < alpha) == (p < alpha)
    assert float(text) >= p or text == repr(p)
    assert fmt.fmt_p(p, alpha=alpha) == f"p = {text}"
    assert fmt.fmt_p(p, at_floor=True, alpha=alpha) == f"p ≤ {text}"


@pytest.mark.parametrize("p", [0.000999, 0.0123456, 0.3, 0.07])
def test_a_p_away_from_alpha_keeps_three_rounded_up_digits(p):
    assert fmt.fmt_p_number(p, 0.05) == fmt.fmt_p_number(p, None) == f"{fmt.ceil_sig(p, 3):.3g}"


def _comparison():
    # A is far ahead on similarity, C on pos: every pair's bootstrap p is at its floor 1/201 = 0.0049751...,
    # which three digits round up to 0.00498; at α = 0.00498 (correction none) each such p is significant
    comp = compare(toy_records(), n_boot=200, correction="none", alpha=0.00498)
    floor = [t for t in comp.tests if t.get("p_adjusted") == 1 / 201]
    assert floor and comp.parameters["n_significant_pair_tests"] >= len(floor)
    assert any(f["significant"] for f in comp.flips)
    return comp


def test_compare_text_prints_a_significant_p_below_alpha():
    out = text_report(_comparison())
    assert "p ≤ 0.004976" in out  # 1/201 rounded up at the 4th digit
    shown = [float(x) for x in re.findall(r"p [=≤] ([0-9.e-]+)", out)]
    assert shown and not any(x == 0.00498 for x in shown)


def test_every_report_format_prints_it_below_alpha(tmp_path):
    out = write_report(_comparison(), tmp_path / "rep", figures=False, argv=["wordeval", "report"])
    for name in ("report.md", "report.html", "report.tex"):
        text = (out / name).read_text(encoding="utf-8")
        assert "0.004976" in text, name
        # the α itself prints as 0.00498 in the captions: only a p printed as it is wrong
        assert not re.search(r"p (=|≤|\$\\le\$|&le;|&#8804;)\s*0\.00498\b", text), name
