"""Two representations with identical per-item outputs on every task: no task orders them, so τ is undefined
(scipy's kendalltau gives NaN) and no pair agrees or flips. The summary said "τ over 2 representations is always
±1" and "every intrinsic ranking agrees with every extrinsic one on each pair"."""
from __future__ import annotations

import math

import numpy as np
from scipy.stats import kendalltau

from tests._records import make_record
from wordeval.report.compare import compare


def _records():
    rng = np.random.default_rng(0)
    gold, pred = rng.normal(size=30), rng.normal(size=30)
    total = np.full(30, 10)
    correct = rng.binomial(total, 0.7)
    out = []
    for name in ("A", "B"):  # the same outputs under two names
        out.append(make_record(name, "similarity/toy", {"id": list(range(30)), "gold": gold, "pred": pred}))
        out.append(make_record(name, "pos/toy", {"id": list(range(30)), "correct": correct, "total": total}))
    return out


def test_tied_pairs_are_neither_agreement_nor_plus_minus_one():
    records = _records()
    sim = [r.main_value for r in records if r.task == "similarity/toy"]
    pos = [r.main_value for r in records if r.task == "pos/toy"]
    assert math.isnan(kendalltau(sim, pos).statistic)  # the oracle: no τ over two tied representations
    comp = compare(records, n_boot=20)
    (tau,) = comp.taus
    assert math.isnan(tau["tau"])
    text = "\n".join(comp.summary)
    assert "always ±1" not in text, text
    assert "agrees" not in text, text
    assert "No flipped pairs: no pair of representations is ahead on an intrinsic task and behind" in text, text
