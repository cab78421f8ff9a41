"""mode="strict" chunking equals seqeval's strict mode (IOB2, IOBES), chunk by chunk and in F1; the default
mode stays conlleval's (seqeval's default)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from seqeval.metrics import f1_score, precision_score
from seqeval.scheme import IOB2, IOBES, Tokens

from wordeval.errors import ConfigError
from wordeval.extrinsic.spans import extract_chunks, span_scores

TYPES = ["PER", "LOC"]
SCHEMES = {"IOB2": (IOB2, "BI"), "IOBES": (IOBES, "BIES")}


def _tags(prefixes):
    return st.lists(st.sampled_from(["O"] + [f"{p}-{t}" for p in prefixes for t in TYPES]), min_size=1, max_size=12)


@pytest.mark.parametrize("scheme", ["IOB2", "IOBES"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_strict_chunks_equal_seqeval_strict(scheme, data):
    cls, prefixes = SCHEMES[scheme]
    tags = data.draw(_tags(prefixes))
    expect = sorted((e.tag, e.start, e.end - 1) for e in Tokens(tags, cls).entities)
    assert sorted(extract_chunks(tags, scheme, mode="strict")) == expect


@pytest.mark.parametrize("scheme", ["IOB2", "IOBES"])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_strict_f1_equals_seqeval_strict(scheme, data):
    cls, prefixes = SCHEMES[scheme]
    n = data.draw(st.integers(1, 5))
    gold = [data.draw(_tags(prefixes)) for _ in range(n)]
    pred = [data.draw(st.lists(st.sampled_from(["O"] + [f"{p}-{t}" for p in prefixes for t in TYPES]),
                               min_size=len(g), max_size=len(g))) for g in gold]
    got = span_scores(gold, pred, scheme=scheme, mode="strict")["f1"]
    assert got == pytest.approx(f1_score(gold, pred, mode="strict", scheme=cls), abs=4 * 2.2e-16)


def test_default_mode_is_conlleval_and_strict_drops_unclosed_chunks():
    gold = [["B-PER", "E-PER", "O"]]
    pred = [["B-PER", "E-PER", "B-LOC"]]
    assert span_scores(gold, pred, scheme="IOBES")["precision"] == pytest.approx(0.5) == precision_score(gold, pred)
    strict = span_scores(gold, pred, scheme="IOBES", mode="strict")["precision"]
    assert strict == pytest.approx(1.0) == precision_score(gold, pred, mode="strict", scheme=IOBES)


def test_strict_is_undefined_for_iob1():
    with pytest.raises(ConfigError, match="strict"):
        extract_chunks(["I-PER"], "IOB1", mode="strict")
