"""Williams' t needs at least 5 items (``williams_t`` refuses fewer): a Pearson task of 4 common items listed
each pair as tested ("W, p n/a"), cited Williams and Steiger for it, and said nothing about why. Such a pair is
now not tested, with the reason, as a bootstrap pair of too few items is."""
from __future__ import annotations

import numpy as np
from scipy import stats

from tests._records import make_record
from wordeval.report.bibtex import comparison_methods
from wordeval.report.compare import compare


def _pearson_records(n: int):
    rng = np.random.default_rng(0)
    gold = rng.normal(size=n)
    out = []
    for k, name in enumerate("ABC"):
        pred = gold + rng.normal(scale=0.5 + k, size=n)
        rec = make_record(name, "similarity/p", {"id": list(range(n)), "gold": gold, "pred": pred})
        rec.scorer, rec.main_score = "pearson", "pearson"
        rec.scores = {"pearson": float(stats.pearsonr(gold, pred).statistic)}
        out.append(rec)
    return out, gold


def test_four_items_are_not_tested_and_say_why():
    records, _ = _pearson_records(4)
    comp = compare(records)
    assert {t["test"] for t in comp.tests} == {"none"}
    assert all(t["not_compared"] == "4 common word pairs, too few for Williams' t (at least 5)" for t in comp.tests)
    assert comp.task("similarity/p")["tests"] == []
    assert "williams" not in comparison_methods(comp)
    assert any(s.startswith("Not tested, too few common items for Williams' t (at least 5): similarity/p (4 word pairs)")
               for s in comp.summary)


def test_five_items_are_tested_as_the_hand_formula_gives():
    records, gold = _pearson_records(5)
    comp = compare(records)
    res = next(t for t in comp.tests if (t["a"], t["b"]) == ("A", "B"))
    preds = {r.label: np.asarray(r.per_item["pred"]) for r in records}
    r12, r13 = (stats.pearsonr(gold, preds[x]).statistic for x in "AB")
    r23 = stats.pearsonr(preds["A"], preds["B"]).statistic
    n = 5  # Steiger (1980) eq. 7
    det = 1 - r12 ** 2 - r13 ** 2 - r23 ** 2 + 2 * r12 * r13 * r23
    t = (r12 - r13) * np.sqrt((n - 1) * (1 + r23) / (2 * (n - 1) / (n - 3) * det + ((r12 + r13) / 2) ** 2
                                                       * (1 - r23) ** 3))
    assert res["test"] == "williams"
    assert np.isclose(res["p_value"], 2 * stats.t.sf(abs(t), n - 3))
