"""group_records hashes each record once: its cache key (a config hash) and its settings' hash were
recomputed at every use, ~0.5 s of `status` on a store of 4,000 records. Counted calls, no timing; the
grouping itself is pinned against what the records were built to be (regression pin of its notes)."""
from __future__ import annotations

import copy

import numpy as np

from tests._records import make_record
from wordeval.report import cells
from wordeval.results import record as record_module
from wordeval.results.record import ResultRecord


def _records() -> list[ResultRecord]:
    """Seeds 0 and 1 of a tagging task, a superseded record, an identical duplicate, a record of other
    settings and one of another embedding under the same label: each path of group_records."""
    rng = np.random.default_rng(0)
    total = rng.integers(5, 20, size=30)
    out = [make_record(name, "pos/toy", {"id": [f"s{i}" for i in range(30)], "total": total,
                                         "correct": rng.binomial(total, 0.7)}, seed=seed, time=time)
           for name, seed, time in (("A", 0, "2024-01-01"), ("A", 1, "2024-01-01"), ("B", 0, "2024-01-01"))]
    gold = rng.normal(size=40)
    out += [make_record(name, "similarity/toy", {"id": list(range(40)), "gold": gold,
                                                 "pred": gold + rng.normal(size=40)}) for name in "AB"]
    superseding = copy.deepcopy(out[0])
    superseding.run = {**superseding.run, "time": "2024-01-02"}
    superseding.scores = {"accuracy": 0.5}
    duplicate = copy.deepcopy(out[1])
    duplicate.run = {**duplicate.run, "time": "2024-01-02"}
    other_settings = copy.deepcopy(out[2])
    other_settings.config = {"oov": "penalize"}
    other_settings.seed, other_settings.run = 1, {**other_settings.run, "seed": 1, "time": "2023-12-31"}
    other_embedding = copy.deepcopy(out[4])
    other_embedding.embedding = {**other_embedding.embedding, "fingerprint": "sha256:B-old"}
    other_embedding.run = {**other_embedding.run, "time": "2023-12-31"}
    return out + [superseding, duplicate, other_settings, other_embedding]


def test_each_record_is_hashed_once(monkeypatch):
    records = _records()
    keys: dict[int, int] = {}
    hashes = []
    cache_key, config_hash = ResultRecord.cache_key, record_module.config_hash

    def counted_key(self):
        keys[id(self)] = keys.get(id(self), 0) + 1
        return cache_key(self)

    def counted_hash(config):
        hashes.append(config)
        return config_hash(config)

    monkeypatch.setattr(ResultRecord, "cache_key", counted_key)
    monkeypatch.setattr(record_module, "config_hash", counted_hash)
    monkeypatch.setattr(cells, "config_hash", counted_hash)
    groups, superseded, notes = cells.group_records(records)

    assert max(keys.values()) == 1 and len(keys) == len(records)  # it was 2 for each (order, measurement)
    # each record's key hashes its config once, each record's settings are hashed once, and the note on
    # the record of other settings hashes the one key it differs in for both records (2): it was 2n + 2m + 2
    assert len(hashes) <= 2 * len(records) + 2, len(hashes)
    # the pin: what the records were built to be
    assert superseded == 1
    assert {k: [r.seed for r in v] for k, v in groups.items()} == {
        ("A", "pos/toy"): [0, 1], ("B", "pos/toy"): [0],
        ("A", "similarity/toy"): [0], ("B", "similarity/toy"): [0]}
    assert groups[("A", "pos/toy")][0].scores == {"accuracy": 0.5}
    text = " ".join(notes)
    for said in ("1 record(s) were identical duplicates", "1 older record(s) for the same representation",
                 "B on pos/toy: 1 record(s) were made with other settings than the latest one (they "
                 "differ in oov)",
                 "B: 1 record(s) on word-level tasks were made with another embedding"):
        assert said in text, (said, notes)
