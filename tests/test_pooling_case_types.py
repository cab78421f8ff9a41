"""Pooled features' word statistics follow the case policy: a token is weighed (tf-idf, SIF) and, out of the
vocabulary, drawn a random vector as the word its vector is looked up as, not as written.

Oracles: sklearn's TfidfVectorizer on the documents spelled as looked up, SIF's weights by hand, and the same
pooler under ``case = "exact"`` on those respelled documents (the identity that the case policy is only a
respelling of each token)."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.embeddings.base import StaticEmbedding
from wordeval.extrinsic.pooling import DocumentPooler, case_key

WORDS = ["the", "cat", "Paris", "sat"]  # GloVe-like lowercase words and one capitalised name
VECS = np.array([[1, 0, 0], [0, 2, 0], [0, 0, 3], [2, 1, 0]], dtype=np.float32)
TRAIN = [["The", "cat", "sat"], ["the", "cat", "paris"], ["the", "Paris", "sat", "the"], ["THE", "zzz", "Zzz"]]


@pytest.fixture()
def emb():
    return StaticEmbedding(WORDS, VECS)


def test_case_key_is_the_vocabulary_word_whose_row_is_read(emb):
    words = ["The", "the", "paris", "Paris", "PARIS", "Zzz", "zzz"]
    assert case_key(emb, words, "exact") == words
    assert case_key(emb, words, "lower") == ["the", "the", "Paris", "Paris", "Paris", "zzz", "zzz"]
    assert case_key(emb, words, "exact-then-lower") == ["the", "the", "Paris", "Paris", "Paris", "Zzz", "zzz"]


def _respelled(docs, keys):
    return [[keys[t] for t in d] for d in docs]


@pytest.mark.parametrize("case", ["lower", "exact-then-lower"])
def test_tfidf_counts_documents_per_word_as_looked_up(emb, case):
    from sklearn.feature_extraction.text import TfidfVectorizer

    types = sorted({t for d in TRAIN for t in d} | {"PaRiS"})
    keys = dict(zip(types, case_key(emb, types, case)))
    train = _respelled(TRAIN, keys)
    test = [["The", "PaRiS", "cat"], ["THE", "the", "sat"]]
    tv = TfidfVectorizer(analyzer=lambda d: d, norm=None, smooth_idf=True).fit(train)
    weights = tv.transform(_respelled(test, keys)).toarray()
    names = list(tv.get_feature_names_out())
    mat = np.array([VECS[WORDS.index(w)] if w in WORDS else np.zeros(3) for w in names], dtype=np.float64)
    expected = (weights @ mat) / weights.sum(axis=1, keepdims=True)
    got = DocumentPooler(emb, method="tfidf", oov="zero", case=case).fit(TRAIN).transform(test)
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    # "The" and "THE" count for "the": all four training documents hold it, idf ln(5 / 5) + 1 = 1, where as
    # written "The" was in one document (idf ln(5 / 2) + 1)
    p = DocumentPooler(emb, method="tfidf", oov="zero", case=case).fit(TRAIN)
    np.testing.assert_allclose(p._weights(["The", "THE", "the"]), [1.0, 1.0, 1.0])


def test_sif_weights_per_word_as_looked_up_by_hand(emb):
    a = 1e-3
    pooler = DocumentPooler(emb, method="sif", oov="skip", case="exact-then-lower", sif_a=a).fit(TRAIN)
    # exact-then-lower: "The", "the" and "THE" (no row of their own) -> the, 5 tokens; "paris" -> Paris, 2
    total = sum(len(d) for d in TRAIN)  # 13 tokens
    assert total == 13
    np.testing.assert_allclose(pooler._weights(["The", "the", "THE"]), [a / (a + 5 / 13)] * 3)
    np.testing.assert_allclose(pooler._weights(["paris", "Paris"]), [a / (a + 2 / 13)] * 2)
    # out of the vocabulary, as written: "zzz" and "Zzz" are two words
    np.testing.assert_allclose(pooler._weights(["zzz", "Zzz"]), [a / (a + 1 / 13)] * 2)
    # the same features as case = "exact" on the documents respelled as looked up
    types = sorted({t for d in TRAIN for t in d})
    keys = dict(zip(types, case_key(emb, types, "exact-then-lower")))
    exact = DocumentPooler(emb, method="sif", oov="skip", case="exact", sif_a=a).fit(_respelled(TRAIN, keys))
    np.testing.assert_allclose(pooler.transform(TRAIN), exact.transform(_respelled(TRAIN, keys)), rtol=1e-12,
                               atol=1e-15)


def test_random_oov_vectors_are_per_word_as_looked_up(emb):
    lower = DocumentPooler(emb, method="mean", oov="random", case="lower", seed=3).fit(TRAIN)
    x = lower.transform([["zzz"], ["Zzz"], ["ZZZ"]])
    np.testing.assert_array_equal(x[0], x[1])
    np.testing.assert_array_equal(x[0], x[2])
    assert np.abs(x[0]).sum() > 0
    exact = DocumentPooler(emb, method="mean", oov="random", case="exact", seed=3).fit(TRAIN)
    y = exact.transform([["zzz"], ["Zzz"]])
    assert not np.allclose(y[0], y[1])
    # the spread: per-dimension sd over the distinct rows read in training (the, cat, Paris, sat: once each)
    np.testing.assert_allclose(lower._sd, VECS.astype(np.float64).std(axis=0))


def test_the_config_records_it_where_it_applies():
    from wordeval.extrinsic.classification import resolve_config

    def cfg(**kw):
        return resolve_config({"n_seeds": 1, **kw})

    assert cfg(pooling="tfidf")["pooling_types"] == "case"  # default case: exact-then-lower
    assert cfg(pooling="sif", case="lower")["pooling_types"] == "case"
    assert cfg(oov="random")["pooling_types"] == "case"
    for unchanged in (cfg(), cfg(pooling="tfidf", case="exact"), cfg(oov="unk"), cfg(learner="finetune")):
        assert "pooling_types" not in unchanged  # those features did not change: their records keep their keys
    assert resolve_config(cfg(pooling="tfidf")) == cfg(pooling="tfidf")
