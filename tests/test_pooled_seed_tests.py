"""A record that pools several seeds (``--seeds 3`` in one run, the default for extrinsic tasks) sums its
per-item counts over the seeds, so its paired tests can resample items only: the README said such pairs were
tested over items × seeds. The comparison now says, per task, which representations pool seeds and that their
tests (B) leave the seeds' spread out of the null distribution."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report.compare import compare


def _pooled_pos(name: str, rng, acc: float, n: int = 40):
    total = rng.integers(5, 15, size=n)
    per_seed = [rng.binomial(total, acc + 0.01 * k) for k in range(3)]
    rec = make_record(name, "pos/toy", {"id": [f"s{i}" for i in range(n)], "correct": sum(per_seed),
                                        "total": 3 * total})
    accs = [float(c.sum() / total.sum()) for c in per_seed]
    rec.scores["accuracy"], rec.scores["accuracy_sd"] = float(np.mean(accs)), float(np.std(accs, ddof=1))
    rec.extra = {"per_seed": {"seed": [0, 1, 2], "accuracy": accs}, "per_item_counts": "summed over seeds",
                 "protocol": {"seeds": [0, 1, 2]}}
    return rec, float(np.std(accs, ddof=1))


def test_pooled_seed_records_are_said_to_be_tested_over_items_only():
    rng = np.random.default_rng(0)
    gold = rng.normal(size=30)
    recs, sds = [], []
    for name, acc in (("A", 0.6), ("B", 0.7), ("C", 0.8)):
        recs.append(make_record(name, "similarity/toy", {"id": list(range(30)), "gold": gold,
                                                         "pred": gold + rng.normal(size=30)}))
        rec, sd = _pooled_pos(name, rng, acc)
        recs.append(rec)
        sds.append(sd)
    comp = compare(recs, n_boot=50)
    assert {t["code"] for t in comp.tests if t["task"] == "pos/toy"} == {"B"}  # one record each: items only
    (note,) = [n for n in comp.notes if n.startswith("pos/toy:") and "pool" in n]
    assert "A, B, C pool 3 seeds in one record" in note and "resample items only" in note
    assert f"sd over seeds up to {max(sds):.3f}" in note
    # the intrinsic task's single-seed records get no such note
    assert not [n for n in comp.notes if n.startswith("similarity/toy:") and "pool" in n]
