"""A user's token encoder (``info`` and ``encode_tokens``) that returns the wrong thing is refused in one
ConfigError naming it, the sentence and the shape expected, (tokens, info.dim), on tagging and on
classification (the mean of a text's token vectors): vectors shorter than info.dim, a list one sentence short
and None were numpy's ValueError / IndexError tracebacks, a NaN vector was a tagger's feature and scored, and
a row too many was averaged into a classification score."""
from __future__ import annotations

import numpy as np
import pytest

import wordeval
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.errors import ConfigError

DIM = 4
TAGS = {"the": "DT", "a": "DT", "cat": "NN", "mat": "NN", "dog": "NN", "sat": "VB", "ran": "VB", "on": "IN"}


class TokenEncoder:
    def __init__(self, returns):
        self.returns = returns
        self.info = EmbeddingInfo(name="mine", source="test", format="test", dim=DIM, vocab_size=None,
                                  fingerprint="sha256:user-token-encoder")

    def encode_tokens(self, sentences):
        right = [np.stack([np.full(DIM, len(w), np.float32) for w in s]) for s in sentences]
        return self.returns(right)


def _pos(tmp_path):
    rng = np.random.default_rng(0)
    for split in ("train", "test"):
        sentences = [rng.choice(sorted(TAGS), 4, replace=False) for _ in range(12)]
        (tmp_path / f"{split}.conll").write_text("".join("".join(f"{w}\t{TAGS[w]}\n" for w in s) + "\n"
                                                         for s in sentences), encoding="utf-8")
    (tmp_path / "p.toml").write_text('name = "p"\nfamily = "pos"\n[files]\ntrain = "train.conll"\n'
                                     'test = "test.conll"\n', encoding="utf-8")
    return str(tmp_path / "p.toml"), {"epochs": 1}


def _classification(tmp_path):
    for split in ("train", "test"):
        rows = "".join(f"{'pos' if i % 2 else 'neg'}\t{'good' if i % 2 else 'bad'} {split} {i}\n" for i in range(20))
        (tmp_path / f"{split}.tsv").write_text(rows, encoding="utf-8")
    (tmp_path / "c.toml").write_text('name = "c"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                                     'test = "test.tsv"\n', encoding="utf-8")
    return str(tmp_path / "c.toml"), {"n_seeds": 1, "cv_folds": 2}


def _nan(arrays):
    arrays[0] = arrays[0] * np.nan
    return arrays


BAD = {"shorter vectors": (lambda a: [m[:, :2] for m in a], r"returned shape \(\d+, 2\) for '.+'; expected a \(\d+, 4\)"),
       "a row too many": (lambda a: [np.vstack([m, m[:1]]) for m in a], r"returned shape \((\d+), 4\) for '.+'; expected"),
       "one sentence short": (lambda a: a[:-1], r"returned (\d+) matrices for \d+ sentences; expected one \(tokens, 4\)"),
       "None": (lambda a: None, r"returned a NoneType; expected a list of \d+ \(tokens, 4\) matrices"),
       "NaN": (_nan, r"returned a non-finite vector \(NaN or inf\) for '.+'")}


@pytest.mark.parametrize("what", list(BAD))
@pytest.mark.parametrize("task", [_pos, _classification])
def test_a_wrong_output_is_refused_naming_what_was_expected(tmp_path, what, task):
    returns, message = BAD[what]
    spec, config = task(tmp_path)
    with pytest.raises(ConfigError, match=rf"^mine: encode_tokens {message}"):
        wordeval.evaluate(TokenEncoder(returns), spec, config=config)


@pytest.mark.parametrize("task", [_pos, _classification])
def test_a_right_output_is_scored(tmp_path, task):
    spec, config = task(tmp_path)
    rec = wordeval.evaluate(TokenEncoder(lambda a: a), spec, config=config)
    assert 0.0 <= rec.main_value <= 1.0
