"""A user's word-vector object (``info`` and ``lookup(words) -> (vectors, found)``) that returns the wrong thing is
refused in one ConfigError naming it and what was expected: vectors shorter than its info.dim were scored
(similarity NaN, recorded under the wrong dim), and a bare matrix or None was Python's "too many values to
unpack" / "cannot unpack" from inside the case policy. A right one scores as scipy says."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.errors import ConfigError

DIM = 3
PAIRS = [("cat", "dog", 8.0), ("cat", "car", 2.0), ("sun", "moon", 6.5), ("red", "blue", 7.0), ("sun", "car", 1.0),
         ("dog", "moon", 0.5)]


def _vector(word: str) -> np.ndarray:
    return np.array([len(word), ord(word[0]) % 5 + 1, ord(word[-1]) % 3 + 1], dtype=np.float32)


class Words:
    def __init__(self, returns):
        self.returns = returns
        self.info = EmbeddingInfo(name="mine", source="test", format="test", dim=DIM, vocab_size=None,
                                  fingerprint="sha256:user-lookup")

    def lookup(self, words):
        return self.returns(np.stack([_vector(w) for w in words]), np.ones(len(words), dtype=bool))


def _similarity(tmp_path):
    (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "s.toml").write_text('name = "s"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")
    return str(tmp_path / "s.toml")


def _sts(tmp_path):
    (tmp_path / "p.tsv").write_text("".join(f"{a} cat\t{b} dog\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "sts"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")
    return str(tmp_path / "t.toml")


BAD = {"shorter vectors": (lambda v, f: (v[:, :2], f), r"returned vectors of shape \(\d+, 2\)"),
       "a found mask too short": (lambda v, f: (v, f[:-1]), r"returned vectors of shape \(\d+, 3\) and found of shape"),
       "a bare matrix": (lambda v, f: v, r"returned ndarray of dtype float32"),
       "None": (lambda v, f: None, r"returned a NoneType")}


@pytest.mark.parametrize("what", list(BAD))
@pytest.mark.parametrize("task", [_similarity, _sts])
def test_a_wrong_output_is_refused_naming_what_was_expected(tmp_path, what, task):
    returns, message = BAD[what]
    with pytest.raises(ConfigError, match=rf"^mine: lookup {message}.*; expected \(vectors, found\): a \(\d+, 3\) "
                                          rf"matrix of numbers and \d+ booleans"):
        wordeval.evaluate(Words(returns), task(tmp_path))


def test_a_right_output_scores_as_scipy_says(tmp_path):
    rec = wordeval.evaluate(Words(lambda v, f: (v, f)), _similarity(tmp_path))

    def cos(a, b):
        u, v = _vector(a).astype(np.float64), _vector(b).astype(np.float64)
        return u @ v / np.linalg.norm(u) / np.linalg.norm(v)
    oracle = spearmanr([s for _, _, s in PAIRS], [cos(a, b) for a, b, _ in PAIRS]).correlation
    assert rec.main_value == pytest.approx(oracle, abs=1e-12)
