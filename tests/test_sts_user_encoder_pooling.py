"""A user's sentence encoder written as the README says (``info`` and ``encode_sentences(texts)``) is scored
on STS. STS passed it ``pooling="mean"``, so such an encoder failed with Python's TypeError ("got an
unexpected keyword argument 'pooling'") while classification, which passes no pooling, scored it.
Oracle: scipy's Spearman of the numpy cosines of the encoder's own vectors."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.errors import NotApplicableError

PAIRS = [("A cat sits on the mat.", "A cat is sitting.", 4.2), ("A dog runs far.", "The dog is running.", 3.9),
         ("Birds fly south.", "Planes fly high.", 1.4), ("He plays the guitar.", "A man plays music.", 3.1),
         ("The sun is hot.", "It rains today.", 0.6), ("Kids eat apples.", "Children eat fruit.", 4.5),
         ("A car drives by.", "The train is late.", 0.9), ("She reads a book.", "A woman is reading.", 4.0),
         ("Snow falls at night.", "The stock market fell.", 0.2), ("Two men talk.", "Two people chat.", 4.4),
         ("Fish swim fast.", "A fish is swimming.", 3.7), ("The phone rang.", "A bell is ringing.", 2.2)]


def _vector(text: str) -> np.ndarray:
    v = np.zeros(8)
    for ch in text.lower():
        v[ord(ch) % 8] += 1.0
    return v


class OwnPooling:
    """An encoder with the README's signature: no pooling keyword."""
    info = EmbeddingInfo(name="mine", source="test", format="callable", dim=8, vocab_size=None,
                         fingerprint="sha256:own-pooling")

    def encode_sentences(self, texts):
        return np.stack([_vector(t) for t in texts])


@pytest.fixture
def task(tmp_path):
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
    (tmp_path / "mine.toml").write_text('name = "mine"\nfamily = "sts"\n[files]\ntest = "pairs.tsv"\n')
    return str(tmp_path / "mine.toml")


def test_an_encoder_without_a_pooling_keyword_is_scored_on_sts(task):
    rec = wordeval.evaluate(OwnPooling(), task)
    cos = [float(_vector(a) @ _vector(b) / np.linalg.norm(_vector(a)) / np.linalg.norm(_vector(b)))
           for a, b, _ in PAIRS]
    assert rec.n_used == rec.n_total == len(PAIRS)
    assert rec.main_value == pytest.approx(spearmanr([s for *_, s in PAIRS], cos).statistic, abs=1e-12)
    assert rec.config["sentence_vectors"] == "encode_sentences (its own pooling: it takes no pooling keyword)"


def test_pooling_asked_of_an_encoder_that_takes_none_is_a_skip_with_the_reason(task):
    with pytest.raises(NotApplicableError, match=r"^pooling='cls': mine's encode_sentences takes no pooling "
                                                 r"keyword, so it pools its own way$"):
        wordeval.evaluate(OwnPooling(), task, config={"pooling": "cls"})

