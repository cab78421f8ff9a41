"""A label rerun with a new embedding on its word-level tasks only (a corpus-trained representation after the
corpus tokenizer changed, or ``mine=v2.txt``) kept its older embedding's extrinsic records, and compare paired
them with the new intrinsic ones in τ and flipped pairs without a word."""
from __future__ import annotations

import numpy as np

from tests._records import make_record
from wordeval.report.cells import group_records


def _sim(name, fingerprint, time):
    rng = np.random.default_rng(0)
    gold = rng.normal(size=30)
    return make_record(name, "similarity/toy", {"id": list(range(30)), "gold": gold,
                                                "pred": gold + rng.normal(size=30)},
                       fingerprint=fingerprint, time=time)


def _pos(name, fingerprint, time):
    return make_record(name, "pos/toy", {"id": [f"s{i}" for i in range(20)], "correct": [3] * 20,
                                         "total": [4] * 20}, fingerprint=fingerprint, time=time)


def test_extrinsic_records_of_an_embedding_the_intrinsic_rerun_replaced_are_left_out_with_a_note():
    records = [_sim("LSA", "fp-old", "2026-01-01"), _pos("LSA", "fp-old", "2026-01-01"),
               _sim("LSA", "fp-new", "2026-01-02"), _sim("B", "fp-b", "2026-01-01"),
               _pos("B", "fp-b", "2026-01-01")]
    groups, _, notes = group_records(records)
    assert ("LSA", "pos/toy") not in groups
    assert [r.embedding["fingerprint"] for r in groups[("LSA", "similarity/toy")]] == ["fp-new"]
    assert ("B", "pos/toy") in groups
    assert any(n.startswith("LSA: 1 record(s) on other tasks were made with an embedding") for n in notes)


def test_a_label_with_one_spec_per_level_keeps_its_encoder_records_when_its_word_spec_changes():
    # MiniLM=WORD_SPEC|ENCODER_SPEC: the encoder's fingerprint never was a word-level one
    records = [_sim("M", "fp-word-v1", "2026-01-01"), _pos("M", "fp-encoder", "2026-01-01"),
               _sim("M", "fp-word-v2", "2026-01-02")]
    groups, _, notes = group_records(records)
    assert [r.embedding["fingerprint"] for r in groups[("M", "pos/toy")]] == ["fp-encoder"]
    assert not any("later records on" in n for n in notes)


def test_both_levels_rerun_with_the_new_embedding_are_compared():
    records = [_sim("LSA", "fp-old", "2026-01-01"), _pos("LSA", "fp-old", "2026-01-01"),
               _sim("LSA", "fp-new", "2026-01-02"), _pos("LSA", "fp-new", "2026-01-02")]
    groups, _, notes = group_records(records)
    assert [r.embedding["fingerprint"] for r in groups[("LSA", "pos/toy")]] == ["fp-new"]
    assert not any("later records on" in n for n in notes)
