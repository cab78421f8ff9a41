"""A user's sentence encoder (an object with ``info`` and ``encode_sentences``) that returns the wrong thing is
refused in one ConfigError naming it and the shape expected, (texts, info.dim): a row too many or a vector
shorter than its info.dim was scored (NaN, or a number recorded under the wrong dim), and a 1-d array, None or
strings ended in numpy's AxisError / ValueError from inside the scorer. A right one scores as the oracle says."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.errors import ConfigError

DIM = 4
PAIRS = [("a cat sat", "a dog sat", 4.0), ("the sun", "the moon", 2.0), ("hello there", "good bye", 1.0),
         ("red car", "blue car", 3.5), ("one two", "three four", 0.5)]


def _vector(text: str) -> np.ndarray:
    return np.array([len(text), text.count("a") + 1, text.count(" ") + 1, ord(text[0]) % 7 + 1], dtype=np.float32)


class Encoder:
    def __init__(self, returns):
        self.returns = returns
        self.info = EmbeddingInfo(name="mine", source="test", format="test", dim=DIM, vocab_size=None,
                                  fingerprint="sha256:user-encoder")

    def encode_sentences(self, texts, *, pooling: str = "mean"):
        return self.returns(np.stack([_vector(t) for t in texts]))


def _sts(tmp_path):
    (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "s.toml").write_text('name = "s"\nfamily = "sts"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")
    return str(tmp_path / "s.toml")


def _classification(tmp_path):
    for split in ("train", "test"):
        rows = "".join(f"{'pos' if i % 2 else 'neg'}\t{'good' if i % 2 else 'bad'} {split} {i}\n" for i in range(24))
        (tmp_path / f"{split}.tsv").write_text(rows, encoding="utf-8")
    (tmp_path / "c.toml").write_text('name = "c"\nfamily = "classification"\n[files]\ntrain = "train.tsv"\n'
                                     'test = "test.tsv"\n', encoding="utf-8")
    return str(tmp_path / "c.toml")


BAD = {"a row too many": lambda m: np.vstack([m, m[:1]]), "shorter vectors": lambda m: m[:, :2],
       "one number per text": lambda m: m[:, 0], "None": lambda m: None,
       "strings": lambda m: m.astype(str).astype(object) + "x"}


@pytest.mark.parametrize("what", list(BAD))
@pytest.mark.parametrize("task", [_sts, _classification])
def test_a_wrong_output_is_refused_naming_the_shape_expected(tmp_path, what, task):
    with pytest.raises(ConfigError, match=r"^mine: encode_sentences returned .*; expected a \(\d+, 4\) matrix"):
        wordeval.evaluate(Encoder(BAD[what]), task(tmp_path), config={"n_seeds": 1, "cv_folds": 2}
                          if task is _classification else None)


def test_a_right_output_scores_as_scipy_says(tmp_path):
    rec = wordeval.evaluate(Encoder(lambda m: m), _sts(tmp_path))

    def cos(a, b):
        u, v = _vector(a).astype(np.float64), _vector(b).astype(np.float64)
        return u @ v / np.linalg.norm(u) / np.linalg.norm(v)
    oracle = spearmanr([s for _, _, s in PAIRS], [cos(a, b) for a, b, _ in PAIRS]).correlation
    assert rec.main_score.startswith("spearman") and rec.main_value == pytest.approx(oracle, abs=1e-12)
