"""The summary said quick-profile results came from "one seed" whatever --seeds had asked for: a quick run with
two seeds per cell was described as a single-seed run."""
from __future__ import annotations

import dataclasses

import wordeval
from tests._records import toy_records


def test_quick_profile_summary_does_not_claim_one_seed_for_a_two_seed_run():
    records = []
    for seed in (0, 1):
        for rec in toy_records(seed=seed):
            config = dict(rec.config, profile="quick") if rec.kind == "extrinsic" else rec.config
            records.append(dataclasses.replace(rec, config=config, seed=seed,
                                               run=dict(rec.run, seed=seed, time=f"2024-01-0{seed + 1}")))
    comp = wordeval.compare(records)
    quick = [line for line in comp.summary if "quick profile" in line]
    assert quick and not any("one seed" in line for line in quick)
    assert comp.protocol["tasks"] and any(t.get("seeds") for t in comp.protocol["tasks"])
