"""STS under the ``unicode`` option: a sentence encoder reads each text normalised, but the count of texts it
cut at its length limit (``extra.cut_texts``) was taken on the texts as written, and NFKC makes some longer
('…' is '...', 'ﬁ' is 'fi'): the record could say no text was cut while the encoder cut some."""
from __future__ import annotations

import numpy as np

from wordeval.datasets.types import SentencePair
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.intrinsic import sts

LIMIT = 4  # characters: this encoder's tokenizer reads one token per character


class _CharEncoder:
    sentence_max_length = LIMIT

    def __init__(self):
        self.info = EmbeddingInfo("enc", "<test>", "memory", 3, None, "sha256:x")
        self.encoded, self.counted = [], []

    def encode_sentences(self, texts, *, pooling="mean"):
        self.encoded += texts
        return np.array([[len(t), t.count("f") + 1.0, 1.0] for t in texts], dtype=np.float32)

    def count_cut_texts(self, texts):
        self.counted += texts
        return sum(len(t) > LIMIT for t in texts)


# as written, no text is longer than 4 characters; under NFKC '…ab' is '...ab' (5) and 'ﬁﬁﬁ' is 'fififi' (6)
PAIRS = [SentencePair("\u2026ab", "a b", 1.0, "A"), SentencePair("\ufb01\ufb01\ufb01", "ab", 2.0, "A"),
         SentencePair("abc", "b a", 3.0, "A")]


def test_the_cut_count_is_taken_on_the_texts_as_encoded():
    enc = _CharEncoder()
    res = sts.score_sentence_pairs(PAIRS, enc, config={"n_boot": 20, "unicode": "NFKC"})
    assert sorted(enc.counted) == sorted(enc.encoded)
    assert res["extra"]["cut_texts"] == {"texts": 6, "cut": 2, "max_tokens": LIMIT}


def test_without_the_option_the_texts_are_counted_as_written():
    res = sts.score_sentence_pairs(PAIRS, _CharEncoder(), config={"n_boot": 20})
    assert res["extra"]["cut_texts"] == {"texts": 6, "cut": 0, "max_tokens": LIMIT}
