"""The representations' order (table columns, results.csv rows, pair tests) followed the order of the inputs:
``compare R1 R2`` and ``compare R2 R1`` wrote the same comparison in two orders. It is now the order in which
they were first computed (earliest record's run time, then its commit into the store, then the label): a run's
own order, as its command named them, whatever order the stores are given in."""
from __future__ import annotations

import json

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare


def _run(names, time, *, first_commit=None):
    rng = np.random.default_rng(len(time))
    gold = rng.normal(size=30)
    out = []
    for k, name in enumerate(names):
        rec = make_record(name, "similarity/toy", {"id": list(range(30)), "gold": gold,
                                                   "pred": gold + rng.normal(scale=1 + k, size=30)}, time=time)
        if first_commit is not None:
            rec.stored_at = first_commit + 0.01 * k  # as Store.records() sets it: commit order
        out.append(rec)
    return out


def test_stores_given_in_either_order_compare_alike():
    early, late = _run(["zeta", "mid"], "2024-01-01T10:00:00", first_commit=1.0), _run(["alpha"], "2024-01-02")
    one, two = compare(early + late, n_boot=50), compare(late + early, n_boot=50)
    assert one.representations == two.representations == ["zeta", "mid", "alpha"]
    assert json.dumps(one.to_dict()) == json.dumps(two.to_dict())


def test_a_run_keeps_the_order_it_stored_and_ties_without_commit_times_go_by_label():
    assert compare(_run(["zeta", "alpha", "mid"], "2024-01-01", first_commit=5.0),
                   n_boot=50).representations == ["zeta", "alpha", "mid"]
    assert compare(_run(["zeta", "alpha", "mid"], "2024-01-01"), n_boot=50).representations == ["alpha", "mid", "zeta"]
