"""A pooling option is applied or the cell is skipped with the reason: STS's pooling=cls on word vectors and
classification's tf-idf/SIF pooling on a sentence encoder were ignored while the record said they were used."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.datasets.types import SentencePair
from wordeval.embeddings.base import StaticEmbedding
from wordeval.errors import NotAvailableError
from wordeval.intrinsic import sts

from test_classification_encoded_rows import CountingEncoder, _spec

WORDS = ["a", "b", "c", "d"]
PAIRS = [SentencePair("a b", "c d", 1.0, "x"), SentencePair("a c", "b d", 2.0, "x"), SentencePair("a", "a b", 3.0, "x")]


def test_sts_cls_pooling_on_word_vectors_is_skipped_with_the_reason():
    emb = StaticEmbedding(WORDS, np.eye(4, dtype=np.float32))
    with pytest.raises(NotAvailableError, match="pooling='cls'.*word vectors"):
        sts.score_sentence_pairs(PAIRS, emb, config={"pooling": "cls", "n_boot": 10})
    assert sts.score_sentence_pairs(PAIRS, emb, config={"n_boot": 10})["n_used"] == 3


def test_sts_cls_pooling_reaches_a_sentence_encoder():
    asked = []

    class Encoder(CountingEncoder):
        def encode_sentences(self, texts, *, pooling="mean"):
            asked.append(pooling)
            return super().encode_sentences(texts, pooling=pooling)

    res = sts.score_sentence_pairs(PAIRS, Encoder(), config={"pooling": "cls", "n_boot": 10})
    assert set(asked) == {"cls"} and res["config"]["sentence_vectors"] == "encode_sentences(pooling=cls)"


@pytest.mark.parametrize("pooling", ["tfidf", "sif"])
def test_word_vector_pooling_on_a_sentence_encoder_is_skipped_with_the_reason(tmp_path, pooling):
    import wordeval

    _spec(tmp_path)
    with pytest.raises(NotAvailableError, match=f"pooling='{pooling}' weights word vectors"):
        wordeval.evaluate(CountingEncoder(), str(tmp_path / "c.toml"), name="counting",
                          config={"pooling": pooling, "cv_folds": 2, "c_grid": [1.0]})


def test_run_skips_the_cell_and_says_why(tmp_path, capsys):
    from wordeval.cli import main

    rc = main(["run", "glove-6b-50d", "--tasks", "sts/sts14-headlines", "--set", "pooling=cls",
               "--out", str(tmp_path / "res")])
    err = capsys.readouterr().err
    assert rc == 3 and "0 computed" in err and "1 not applicable" in err
    assert "pooling='cls' pools a sentence encoder's token states" in err
