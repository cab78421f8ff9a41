"""report.tex printed a negative score, interval bound, τ or correlation with the hyphen it was formatted
with ("-1.000"), which in text mode is a hyphen, not the minus sign of the paper's equations; a hyphen inside
a label ("w2v-1") is a hyphen and stays one. Oracle: hand-built scores (a prediction of minus the gold scores
has Spearman -1 exactly; accuracies ranked opposite to it give Kendall τ = -1 and a Spearman correlation of
-1)."""
from __future__ import annotations

import re

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare
from wordeval.report.tables_tex import latex_results, latex_taus
from wordeval.report.tex_sections import latex_correlation, latex_flips

HYPHEN_BEFORE_DIGIT = re.compile(r"(?<![$\w.{])-\d")  # a '-' opening a number, not written $-$


def _comparison():
    rng = np.random.default_rng(0)
    gold = rng.normal(size=60)
    preds = {"w2v-1": -gold, "B": -gold + rng.normal(scale=0.3, size=60),
             "C": gold + rng.normal(scale=0.3, size=60), "D": gold}
    total = np.full(100, 20)
    correct = {"w2v-1": 18, "B": 16, "C": 14, "D": 12}  # accuracy ranked opposite to the similarity ranking
    recs = []
    for name, pred in preds.items():
        recs.append(make_record(name, "similarity/toy", {"id": list(range(60)), "gold": gold, "pred": pred}))
        recs.append(make_record(name, "pos/toy", {"id": list(range(100)), "total": total,
                                                   "correct": np.full(100, correct[name])}))
    return compare(recs, n_boot=50)


def test_negative_numbers_are_typeset_with_a_minus_sign():
    comp = _comparison()
    results = latex_results(comp)
    assert "$-$1.000" in results  # w2v-1's Spearman of exactly -1
    assert "w2v-1" in results  # the label's hyphen stays a hyphen
    taus, correlation, flips = latex_taus(comp), latex_correlation(comp), latex_flips(comp)
    assert "$-$1.00 {" in taus  # Kendall τ of opposite rankings
    assert "$-$1.00" in correlation
    assert "w2v-1" in flips and "vs $-$1.000" in flips
    for tex in (results, taus, correlation, flips):
        body = tex[:tex.index(r"\caption")]
        assert not HYPHEN_BEFORE_DIGIT.search(body), HYPHEN_BEFORE_DIGIT.search(body)


def test_only_a_minus_opening_a_number_is_changed():
    from wordeval.report.tables_tex import tex_number

    assert tex_number("-0.12 [-0.20, -.05]") == "$-$0.12 [$-$0.20, $-$.05]"
    assert tex_number("0.50 ± 0.01") == r"0.50 $\pm$ 0.01"
