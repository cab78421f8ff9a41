"""``results_frame`` had no profile column: a user's frame could not tell a ``--profile quick`` tagging row
(fewer epochs, not the citable protocol) from a full one, where ``compare(...).to_frame()`` and the report's
Protocol did. Oracle: the hand-written records' config and command lines."""
from __future__ import annotations

import pandas as pd

import wordeval
from tests._records import make_record


def test_each_row_names_the_profile_its_record_ran_under():
    quick = make_record("A", "pos/toy", {"id": ["s0", "s1"], "correct": [3, 1], "total": [3, 2]})
    quick.run["command"] = ["wordeval", "extrinsic", "A", "--tasks", "pos/toy", "--profile", "quick"]
    configured = make_record("B", "pos/toy", {"id": ["s0", "s1"], "correct": [2, 1], "total": [3, 2]})
    configured.config = {**configured.config, "profile": "full"}
    intrinsic = make_record("A", "similarity/toy", {"id": ["p0", "p1", "p2"], "gold": [1.0, 2.0, 3.0],
                                                    "pred": [0.1, 0.3, 0.2]})
    frame = wordeval.results_frame([quick, configured, intrinsic])
    by = {(r.representation, r.task): r.profile for r in frame.itertuples()}
    assert by[("A", "pos/toy")] == "quick" and by[("B", "pos/toy")] == "full"
    assert pd.isna(by[("A", "similarity/toy")])
    assert list(frame.columns).index("profile") == list(frame.columns).index("kind") + 1
