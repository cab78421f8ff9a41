"""``results_frame(..., per_seed=True)`` gives a record's own seeds one row each (the flag was accepted and
did nothing: the frame was the same with it as without it). Oracle: the hand-written per-seed values."""
from __future__ import annotations

import pytest

import wordeval
from tests._records import make_record


def _tagging_record():
    rec = make_record("A", "pos/toy", {"id": ["s0", "s1"], "correct": [3, 1], "total": [3, 2]})
    rec.scores = {"accuracy": 0.7, "accuracy_sd": 0.1, "oov_rate": 0.05}
    rec.extra = {"per_seed": {"seed": [0, 1, 2], "dev": [0.5, 0.6, 0.7], "converged": [True, True, False],
                              "accuracy": [0.6, 0.7, 0.8]}}
    return rec


def _classification_record():
    rec = make_record("B", "pos/toy", {"id": ["s0"], "correct": [1], "total": [2]})
    rec.scores = {"accuracy": 0.55, "accuracy_sd": 0.05, "macro_f1": 0.5, "macro_f1_sd": 0.0}
    rec.extra = {"per_seed": [{"seed": 4, "accuracy": 0.5, "macro_f1": 0.5, "C": 1.0},
                              {"seed": 5, "accuracy": 0.6, "macro_f1": 0.5, "C": 10.0}]}
    return rec


def test_per_seed_rows_hold_each_seed_value_of_the_scores_kept_per_seed():
    frame = wordeval.results_frame([_tagging_record(), _classification_record()], per_seed=True)
    rows = {(r.representation, r.seed, r.score): r for r in frame.itertuples()}
    assert sorted(k for k in rows if k[0] == "A") == [("A", 0, "accuracy"), ("A", 1, "accuracy"),
                                                      ("A", 2, "accuracy")]
    assert [rows[("A", s, "accuracy")].value for s in (0, 1, 2)] == [0.6, 0.7, 0.8]
    assert all(rows[("A", s, "accuracy")].is_main for s in (0, 1, 2))
    assert sorted(k for k in rows if k[0] == "B") == [("B", 4, "accuracy"), ("B", 4, "macro_f1"),
                                                      ("B", 5, "accuracy"), ("B", 5, "macro_f1")]
    assert rows[("B", 5, "accuracy")].value == 0.6 and frame["ci_low"].isna().all()


def test_without_per_seed_a_record_is_its_mean_rows_and_one_seed_records_are_the_same_both_ways():
    frame = wordeval.results_frame([_tagging_record()])
    assert sorted(frame["score"]) == ["accuracy", "accuracy_sd", "oov_rate"] and set(frame["seed"]) == {0}
    assert frame.loc[frame["score"] == "accuracy", "value"].item() == pytest.approx(0.7)
    single = make_record("C", "pos/toy", {"id": ["s0"], "correct": [1], "total": [2]}, seed=3)
    assert wordeval.results_frame(single, per_seed=True).equals(wordeval.results_frame(single))
