"""Chunk extraction and F1: hand-computed conlleval cases, seqeval as oracle, invariances."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics import f1_score, precision_score, recall_score
from seqeval.metrics.sequence_labeling import get_entities
from seqeval.scheme import IOBES

from wordeval.errors import ConfigError
from wordeval.extrinsic.spans import (extract_chunks, paired_f1_test, span_counts, span_scores,
                                      token_accuracy_counts)


def test_i_after_o_starts_a_chunk():
    assert extract_chunks(["O", "I-PER", "I-PER", "O"], "IOB1") == [("PER", 1, 2)]


def test_type_change_closes_and_starts():
    assert extract_chunks(["I-PER", "I-LOC", "I-LOC"], "IOB1") == [("PER", 0, 0), ("LOC", 1, 2)]


def test_iob1_b_separates_adjacent_same_type_chunks():
    # IOB1: B- appears only between two chunks of the same type
    assert extract_chunks(["I-ORG", "I-ORG", "B-ORG", "I-ORG", "O"], "IOB1") == [("ORG", 0, 1), ("ORG", 2, 3)]


def test_iob2_chunk_at_sentence_end():
    assert extract_chunks(["O", "B-MISC", "I-MISC"], "IOB2") == [("MISC", 1, 2)]


def test_iobes_explicit_rules():
    tags = ["S-PER", "B-LOC", "I-LOC", "E-LOC", "E-LOC", "O", "I-ORG", "S-ORG"]
    assert extract_chunks(tags, "IOBES") == [("PER", 0, 0), ("LOC", 1, 3), ("LOC", 4, 4), ("ORG", 6, 6),
                                             ("ORG", 7, 7)]


def test_e_and_s_rejected_in_iob():
    with pytest.raises(ConfigError, match="not valid in IOB2"):
        extract_chunks(["S-PER"], "IOB2")


def test_sentence_boundaries_close_chunks():
    # Concatenated, the I-PER of sentence 2 would continue sentence 1's chunk; per sentence it is its own.
    gold = [["O", "I-PER"], ["I-PER", "O"]]
    pred = [["O", "I-PER"], ["I-PER", "O"]]
    counts = span_counts(gold, pred, scheme="IOB1")
    assert counts.tp.tolist() == [1, 1] and counts.fp.sum() == 0 and counts.fn.sum() == 0


def test_hand_computed_scores():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"], ["B-ORG", "I-ORG"]]
    s = span_scores(gold, pred, scheme="IOB2")
    # gold chunks: PER(0-1) LOC(3) ORG(0); pred: PER(0-1) ORG(3) ORG(0-1): 1 tp, 2 fp, 2 fn
    assert (s["precision"], s["recall"]) == (pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert s["f1"] == pytest.approx(1 / 3)
    assert s["per_type"]["PER"]["f1"] == 1.0 and s["per_type"]["LOC"]["recall"] == 0.0
    assert s["per_type"]["ORG"]["precision"] == 0.0 and s["per_type"]["ORG"]["support"] == 1


def test_token_accuracy():
    correct, total = token_accuracy_counts([["A", "B"], ["C"]], [["A", "C"], ["C"]])
    assert correct.tolist() == [1, 1] and total.tolist() == [2, 1]


TYPES = ["PER", "LOC", "ORG"]
iob_tag = st.sampled_from(["O"] + [f"{p}-{t}" for p in "BI" for t in TYPES])
iobes_tag = st.sampled_from(["O"] + [f"{p}-{t}" for p in "BIES" for t in TYPES])


def _corpus(tag):
    sent = st.lists(tag, min_size=1, max_size=12)
    return st.integers(1, 6).flatmap(lambda n: st.tuples(
        st.lists(sent, min_size=n, max_size=n), st.lists(sent, min_size=n, max_size=n)))


def _align(gold, pred):
    return [p[:len(g)] + ["O"] * (len(g) - len(p)) for g, p in zip(gold, pred)]


@settings(max_examples=300, deadline=None)
@given(_corpus(iob_tag))
def test_equals_seqeval_default_mode_on_iob(data):
    gold, pred = data
    pred = _align(gold, pred)
    for g in gold:
        assert sorted(extract_chunks(g, "IOB1")) == sorted(get_entities(g))
    s = span_scores(gold, pred, scheme="IOB1")
    assert s["f1"] == pytest.approx(f1_score(gold, pred))
    assert s["precision"] == pytest.approx(precision_score(gold, pred))
    assert s["recall"] == pytest.approx(recall_score(gold, pred))
    assert span_scores(gold, pred, scheme="IOB2")["f1"] == s["f1"]


@settings(max_examples=200, deadline=None)
@given(_corpus(iobes_tag))
def test_iobes_equals_seqeval_default_mode(data):
    gold, pred = data
    pred = _align(gold, pred)
    assert span_scores(gold, pred, scheme="IOBES")["f1"] == pytest.approx(f1_score(gold, pred))


def test_iobes_documented_difference_from_seqeval_strict():
    # Ill-formed IOBES: a B- that is never closed by E-. We repair it (as seqeval's default mode does);
    # seqeval's strict IOBES mode drops the chunk, so precision differs.
    gold = [["B-PER", "E-PER", "O"]]
    pred = [["B-PER", "E-PER", "B-LOC"]]
    assert span_scores(gold, pred, scheme="IOBES")["precision"] == pytest.approx(0.5)
    assert precision_score(gold, pred) == pytest.approx(0.5)
    assert precision_score(gold, pred, mode="strict", scheme=IOBES) == pytest.approx(1.0)


@settings(max_examples=100, deadline=None)
@given(_corpus(iob_tag), st.permutations(TYPES))
def test_relabelling_types_keeps_micro_f1(data, perm):
    gold, pred = data
    pred = _align(gold, pred)
    mapping = dict(zip(TYPES, perm))
    relabel = lambda c: [[t if t == "O" else f"{t[:2]}{mapping[t[2:]]}" for t in s] for s in c]  # noqa: E731
    assert span_scores(relabel(gold), relabel(pred), scheme="IOB2")["f1"] == \
        pytest.approx(span_scores(gold, pred, scheme="IOB2")["f1"])


def test_paired_test_detects_a_better_system():
    rng = np.random.default_rng(0)
    gold = [["B-PER", "I-PER", "O", "B-LOC"]] * 200
    good = [list(g) for g in gold]
    bad = [["B-PER", "I-PER", "O", "O"] if rng.random() < 0.5 else list(g) for g in gold]
    res = paired_f1_test(span_counts(gold, good, scheme="IOB2"), span_counts(gold, bad, scheme="IOB2"),
                         n_boot=300)
    assert res["difference"] > 0.1 and res["p_value"] < 0.01
    same = paired_f1_test(span_counts(gold, good, scheme="IOB2"), span_counts(gold, good, scheme="IOB2"),
                          n_boot=50)
    assert same["difference"] == 0 and same["p_value"] == 1.0
