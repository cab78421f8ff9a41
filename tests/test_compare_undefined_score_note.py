"""A representation whose score on the common items is undefined (a Spearman with a constant side: scipy's
NaN) drops out of the ranking, the pair tests and the tau cells (whose n counts one fewer). Nothing said why:
the pair tests were listed as run with p = NaN and no reason, and no note named it."""
from __future__ import annotations

import math

import numpy as np
from scipy.stats import spearmanr

from tests._records import make_record
from wordeval.report.compare import compare


def _records():
    rng = np.random.default_rng(0)
    gold = rng.normal(size=30)
    out = []
    for k, name in enumerate("ABCDE"):
        pred = np.full(30, 0.5) if name == "C" else gold + rng.normal(scale=0.5 + k, size=30)
        out.append(make_record(name, "similarity/toy", {"id": list(range(30)), "gold": gold, "pred": pred}))
        total = np.full(30, 10)
        out.append(make_record(name, "pos/toy", {"id": [f"s{i}" for i in range(30)], "total": total,
                                                 "correct": rng.binomial(total, 0.5 + 0.1 * k)}))
    return out


def test_the_representation_without_a_score_is_named_and_not_tested():
    records = _records()
    c_pred = next(r for r in records if r.label == "C" and r.task == "similarity/toy").per_item["pred"]
    assert math.isnan(spearmanr(np.arange(30), c_pred).statistic)  # the oracle: undefined, not 0
    comp = compare(records, n_boot=200)
    assert "C" not in comp.rankings["similarity/toy"]
    row = comp.taus[0]
    assert row["n_representations"] == 4 and "C" not in row["representations"]
    assert any(n.startswith("similarity/toy: no score for C on the common items") for n in comp.notes)
    with_c = [t for t in comp.tests if t["task"] == "similarity/toy" and "C" in (t["a"], t["b"])]
    assert len(with_c) == 4
    assert all(t["test"] == "none" and "no score for C" in t["not_compared"] for t in with_c)
    assert not any(n.startswith("pos/toy: no score") for n in comp.notes)
