"""A record holds NaN where a score is undefined (a correlation over constant predictions); written to JSON
it is null, so the record read back from a store or results.json held None where the evaluated one held
NaN. A comparison given both (the records ``evaluate`` returned and the store they were written to) took
them for two results: "1 older record(s) ... superseded by the latest one" instead of one record named
twice. Oracle: the record and its own JSON round trip are the same measurement."""
from __future__ import annotations

import json
import math

import numpy as np

from tests._records import make_record
from wordeval.report.cells import group_records, measurement
from wordeval.results.record import ResultRecord


def _with_nan() -> ResultRecord:
    rng = np.random.default_rng(0)
    gold = rng.normal(size=20)
    rec = make_record("A", "similarity/toy", {"id": list(range(20)), "gold": gold, "pred": gold + rng.normal(size=20)})
    rec.scores["pearson"] = float("nan")
    return rec


def test_a_record_and_its_json_round_trip_are_one_measurement():
    rec = _with_nan()
    back = ResultRecord.from_dict(json.loads(rec.to_json()))
    assert math.isnan(rec.scores["pearson"]) and back.scores["pearson"] is None
    assert measurement(rec) == measurement(back)


def test_a_record_given_in_memory_and_read_back_is_counted_once():
    rec = _with_nan()
    back = ResultRecord.from_dict(json.loads(rec.to_json()))
    groups, superseded, notes = group_records([rec, back])
    assert superseded == 0 and [len(v) for v in groups.values()] == [1]
    assert notes == ["1 record(s) appear in more than one input (the same record) and are counted once."]
