"""A user's object (``info`` and ``lookup``) is checked before it is scored, and ``name=`` labels its record.

Its ``info`` was read only when the record was built: a dict or None failed after the scoring with "'dict'
object has no attribute 'to_dict'"; a None name was labelled 'None', a None fingerprint or a dim of "3" were
written into the record. ``evaluate(obj, task, name=...)`` kept the object's own name for an object without
``renamed``."""
from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.errors import ConfigError

PAIRS = [("cat", "dog", 8.0), ("cat", "car", 2.0), ("sun", "moon", 6.5), ("red", "blue", 7.0),
         ("sun", "car", 1.0), ("dog", "moon", 0.5)]
INFO = EmbeddingInfo(name="mine", source="test", format="test", dim=3, vocab_size=None,
                     fingerprint="sha256:user-object")


def _vector(word: str) -> np.ndarray:
    return np.array([len(word), ord(word[0]) % 5 + 1, ord(word[-1]) % 3 + 1], dtype=np.float32)


class Words:
    def __init__(self, info):
        self.info = info

    def lookup(self, words):
        return np.stack([_vector(w) for w in words]), np.ones(len(words), dtype=bool)


@pytest.fixture
def task(tmp_path):
    (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "s.toml").write_text('name = "s"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n',
                                     encoding="utf-8")
    return str(tmp_path / "s.toml")


@pytest.mark.parametrize("info", [{"name": "mine", "dim": 3}, None, "mine"], ids=["dict", "None", "str"])
def test_an_info_that_is_no_embedding_info_is_refused_naming_the_class(task, info):
    with pytest.raises(ConfigError, match=r"^the info of a Words: expected a wordeval\.embeddings\.base\."
                                          r"EmbeddingInfo \(name, source, format, dim, "):
        wordeval.evaluate(Words(info), task)


@pytest.mark.parametrize("field, value, expected", [
    ("name", None, "a non-empty str"), ("name", " ", "a non-empty str"),
    ("fingerprint", None, "a non-empty str"), ("dim", 0, "an int >= 1"), ("dim", "3", "an int >= 1"),
    ("dim", True, "an int >= 1"), ("vocab_size", -1, "an int >= 0"), ("parameters", [1], "a mapping")])
def test_a_field_a_record_cannot_hold_is_refused_naming_it(task, field, value, expected):
    message = rf"^the info of a Words \(.*\): expected {field} to be {expected}.*, got {re.escape(repr(value))}$"
    with pytest.raises(ConfigError, match=message):
        wordeval.evaluate(Words(replace(INFO, **{field: value})), task)


def test_name_labels_the_record_of_an_object_without_renamed(task):
    obj = Words(INFO)
    rec = wordeval.evaluate(obj, task, name="relabelled")
    assert rec.label == rec.embedding["name"] == "relabelled"
    assert obj.info.name == "mine"  # the caller's object keeps its own info
    assert rec.embedding["fingerprint"] == INFO.fingerprint
    gold = [s for _, _, s in PAIRS]
    pred = [float(_vector(a) @ _vector(b) / np.linalg.norm(_vector(a)) / np.linalg.norm(_vector(b)))
            for a, b, _ in PAIRS]
    assert rec.main_value == pytest.approx(spearmanr(gold, pred).statistic, abs=1e-12)
    assert wordeval.evaluate(obj, task).label == "mine"
