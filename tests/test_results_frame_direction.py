"""``results_frame``'s ``direction`` is the record's, which is its main score's: copied to every row it
said an OOV rate, a coverage and a seeds' sd were "higher" is better, so a user ranking representations by
any score with it put the one with the most OOV words first. Oracle: the hand-written record's fields."""
from __future__ import annotations

import wordeval
from tests._records import make_record


def _record(direction: str):
    rec = make_record("A", "pos/toy", {"id": ["s0", "s1"], "correct": [3, 1], "total": [3, 2]})
    rec.scores = {"accuracy": 0.8, "accuracy_sd": 0.1, "oov_rate": 0.05, "coverage": 1.0}
    rec.direction = direction
    rec.extra = {"per_seed": {"seed": [0, 1], "accuracy": [0.7, 0.9], "oov_rate": [0.05, 0.05]}}
    return rec


def test_only_the_main_score_rows_carry_the_records_direction():
    for direction in ("higher", "lower"):
        for per_seed in (False, True):
            frame = wordeval.results_frame([_record(direction)], per_seed=per_seed)
            main = frame[frame["is_main"]]
            assert len(main) == (2 if per_seed else 1) and (main["direction"] == direction).all()
            others = frame[~frame["is_main"]]
            kept = {"oov_rate"} if per_seed else {"accuracy_sd", "oov_rate", "coverage"}
            assert set(others["score"]) == kept
            assert others["direction"].isna().all()
