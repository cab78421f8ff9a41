"""Pooling of word vectors into document features: hand-computed values and sklearn oracles."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.embeddings.base import StaticEmbedding
from wordeval.errors import ConfigError
from wordeval.extrinsic.pooling import DocumentPooler, tokenize

WORDS = ["the", "cat", "sat", "Dog", "mat"]
VECS = np.array([[1, 0, 0], [0, 2, 0], [0, 0, 3], [4, 4, 0], [1, 1, 1]], dtype=np.float64)
TRAIN = [["the", "cat", "sat"], ["the", "dog", "zzz"], ["cat", "cat", "mat", "qqq"]]


@pytest.fixture()
def emb():
    return StaticEmbedding(WORDS, VECS.astype(np.float32))


def test_tokenizers():
    assert tokenize("a  b\tc ", tokenizer="whitespace") == ["a", "b", "c"]
    assert tokenize("It's the U.S. team, isn't it?", tokenizer="regex") == [
        "It", "'s", "the", "U.S.", "team", ",", "is", "n't", "it", "?"]
    # SentEval's tokenised text survives the regex tokenizer unchanged
    text = "they presume their audience wo n't sit still for a sociology lesson , however"
    assert tokenize(text, tokenizer="regex") == text.split()
    with pytest.raises(ConfigError):
        tokenize("x", tokenizer="spacy")


def test_mean_skip_and_zero_by_hand(emb):
    skip = DocumentPooler(emb, method="mean", oov="skip", case="exact").fit(TRAIN).transform(TRAIN)
    np.testing.assert_allclose(skip[0], (VECS[0] + VECS[1] + VECS[2]) / 3)
    np.testing.assert_allclose(skip[1], VECS[0])  # "dog" is OOV under exact case, "zzz" too
    np.testing.assert_allclose(skip[2], (2 * VECS[1] + VECS[4]) / 3)
    zero = DocumentPooler(emb, method="mean", oov="zero", case="exact").fit(TRAIN).transform(TRAIN)
    np.testing.assert_allclose(zero[1], VECS[0] / 3)
    np.testing.assert_allclose(zero[2], (2 * VECS[1] + VECS[4]) / 4)
    lower = DocumentPooler(emb, method="mean", oov="skip", case="exact-then-lower").fit(TRAIN).transform(TRAIN)
    np.testing.assert_allclose(lower[1], (VECS[0] + VECS[3]) / 2)
    empty = DocumentPooler(emb, oov="skip", case="exact").fit(TRAIN).transform([["zzz"], []])
    assert np.all(empty == 0)


def test_unk_is_zero_plus_oov_share(emb):
    zero = DocumentPooler(emb, oov="zero", case="exact").fit(TRAIN).transform(TRAIN)
    unk_pooler = DocumentPooler(emb, oov="unk", case="exact").fit(TRAIN)
    unk = unk_pooler.transform(TRAIN)
    assert unk.shape == (3, 4) and unk_pooler.n_features == 4
    np.testing.assert_allclose(unk[:, :3], zero)
    np.testing.assert_allclose(unk[:, 3], [0, 2 / 3, 1 / 4])


def test_random_oov_is_seeded_per_word_and_split_independent(emb):
    a = DocumentPooler(emb, oov="random", case="exact", seed=7).fit(TRAIN)
    b = DocumentPooler(emb, oov="random", case="exact", seed=7).fit(TRAIN)
    c = DocumentPooler(emb, oov="random", case="exact", seed=8).fit(TRAIN)
    x = a.transform([["zzz"]])
    np.testing.assert_array_equal(x, b.transform([["qqq", "zzz", "zzz"][2:]]))
    assert np.abs(x).sum() > 0 and not np.allclose(x, c.transform([["zzz"]]))
    # the vector of "zzz" does not depend on which other OOV words are around
    np.testing.assert_allclose(a.transform([["zzz", "unseen"]])[0] * 2 - a.transform([["unseen"]])[0], x[0])
    # spread of the random vectors = per-dimension sd of the in-vocabulary training types
    found_train = VECS[[0, 1, 2, 4]].astype(np.float64)
    np.testing.assert_allclose(a._sd, found_train.std(axis=0))


def test_tfidf_matches_sklearn(emb):
    from sklearn.feature_extraction.text import TfidfVectorizer

    tv = TfidfVectorizer(analyzer=lambda d: d, norm=None, smooth_idf=True, use_idf=True).fit(TRAIN)
    test = [["the", "mat", "sat", "mat"], ["cat", "zzz"]]
    weights = tv.transform(test).toarray()  # count * idf over the training vocabulary
    names = list(tv.get_feature_names_out())
    vec_of = {w: VECS[WORDS.index(w)] if w in WORDS else np.zeros(3) for w in names}
    mat = np.array([vec_of[w] for w in names], dtype=np.float64)
    expected = (weights @ mat) / weights.sum(axis=1, keepdims=True)
    got = DocumentPooler(emb, method="tfidf", oov="zero", case="exact").fit(TRAIN).transform(test)
    np.testing.assert_allclose(got, expected, rtol=1e-6)
    # a word never seen in training gets the highest idf, ln((1+N)/1) + 1
    p = DocumentPooler(emb, method="tfidf", oov="zero", case="exact").fit(TRAIN)
    np.testing.assert_allclose(p._weights(["unseen"]), [np.log(4.0) + 1.0])


def test_sif_weights_and_train_fitted_component(emb):
    from sklearn.decomposition import TruncatedSVD

    a = 1e-3
    pooler = DocumentPooler(emb, method="sif", oov="skip", case="exact", sif_a=a).fit(TRAIN)
    counts = {"the": 2, "cat": 3, "sat": 1, "dog": 1, "zzz": 1, "mat": 1, "qqq": 1}
    total = sum(counts.values())
    w = {t: a / (a + c / total) for t, c in counts.items()}
    raw = np.array([
        (w["the"] * VECS[0] + w["cat"] * VECS[1] + w["sat"] * VECS[2]) / 3,
        w["the"] * VECS[0] / 1,
        (2 * w["cat"] * VECS[1] + w["mat"] * VECS[4]) / 3,
    ], dtype=np.float64)
    svd = TruncatedSVD(n_components=1, algorithm="arpack").fit(raw)
    pc = svd.components_[0]
    np.testing.assert_allclose(pooler.transform(TRAIN), raw - np.outer(raw @ pc, pc), atol=1e-10)
    # the component comes from train only: transforming other documents does not refit it
    before = pooler._pc.copy()
    pooler.transform([["sat", "sat"]])
    np.testing.assert_array_equal(before, pooler._pc)


def test_oov_stats_and_no_mutation(emb):
    before = emb.vectors.copy()
    pooler = DocumentPooler(emb, oov="random", case="exact", seed=1).fit(TRAIN)
    pooler.transform(TRAIN)
    stats = pooler.oov_stats(TRAIN + [["zzz"]])
    assert (stats.tokens, stats.oov_tokens, stats.types, stats.oov_types, stats.empty_documents) == (11, 4, 7, 3, 1)
    assert stats.token_rate == pytest.approx(4 / 11) and stats.type_rate == pytest.approx(3 / 7)
    np.testing.assert_array_equal(emb.vectors, before)


def test_bad_options(emb):
    with pytest.raises(ConfigError):
        DocumentPooler(emb, method="max")
    with pytest.raises(ConfigError):
        DocumentPooler(emb, oov="mean")
    with pytest.raises(ConfigError):
        DocumentPooler(emb, case="upper")
    with pytest.raises(ConfigError):
        DocumentPooler(emb).transform(TRAIN)
