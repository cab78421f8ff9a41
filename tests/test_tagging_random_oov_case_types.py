"""oov = "random" in the taggers draws one vector per word as the case policy looks it up, as classification's
pooler does (``pooling.case_key``): under ``lower`` the OOV tokens "Zzz", "zzz" and "ZZZ" look up one key and
drew three random vectors, so the tagger saw three unrelated words. Oracle: numpy's generator drawn by hand,
one row per key in order of first use."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.embeddings.base import StaticEmbedding
from wordeval.extrinsic.features import build_features

WORDS = ["the", "cat", "sat"]
VECS = np.array([[1, 0, 0], [0, 2, 0], [2, 1, 0]], dtype=np.float32)
SENTS = {"train": [["The", "Zzz", "sat"], ["zzz", "cat", "Qqq"]], "test": [["ZZZ", "the", "qqq", "Www"]]}


def _rows(features, split):
    return [features.table[i] for i in np.concatenate(features.splits[split].ids)]


def test_lower_gives_the_oov_tokens_of_one_key_one_vector():
    emb = StaticEmbedding(WORDS, VECS)
    got = build_features(emb, SENTS, oov="random", case="lower", seed=3)
    train, test = _rows(got, "train"), _rows(got, "test")
    assert np.array_equal(train[1], train[3]) and np.array_equal(train[1], test[0])  # Zzz, zzz, ZZZ
    assert np.array_equal(train[5], test[2])  # Qqq, qqq
    assert not np.array_equal(train[1], train[5]) and not np.array_equal(test[3], train[5])
    assert got.info["n_types_oov"] == 6 and got.info["n_oov_rows"] == 3  # zzz, qqq, www
    # padding, the four covered types (The, sat, cat, the), the three OOV keys zzz, qqq, www in order of first use
    assert len(got.table) == 1 + 4 + 3 and list(got.own_oov_rows()) == [5, 6, 7]
    sd = float(np.std(VECS[[0, 2, 1, 0]]))  # the covered types' values (rows the, sat, cat, the)
    expected = np.random.default_rng(3).normal(0.0, sd, size=(3, 3)).astype(np.float32)
    assert np.array_equal(got.table[5:], expected)
    assert np.array_equal(train[1], expected[0]) and np.array_equal(test[3], expected[2])


@pytest.mark.parametrize("case, covered, n_oov", [("exact", [2, 1, 0], 7), ("exact-then-lower", [0, 2, 1, 0], 6)])
def test_policies_that_look_oov_words_up_as_written_keep_one_vector_per_spelling(case, covered, n_oov):
    """Under exact and exact-then-lower an OOV word's key is the word as written (case_key): every spelling
    keeps its own vector, drawn as before (those records' numbers and keys do not change). By hand: under exact
    "The" is OOV too (7 OOV types: The, Zzz, zzz, Qqq, ZZZ, qqq, Www); under exact-then-lower it reads "the"."""
    got = build_features(StaticEmbedding(WORDS, VECS), SENTS, oov="random", case=case, seed=3)
    train = _rows(got, "train")
    assert not np.array_equal(train[1], train[3]) and len(got.own_oov_rows()) == n_oov
    sd = float(np.std(VECS[covered]))
    expected = np.random.default_rng(3).normal(0.0, sd, size=(n_oov, 3)).astype(np.float32)
    assert np.array_equal(got.table[-n_oov:], expected)


def test_the_record_config_says_so_under_lower_only():
    from wordeval.extrinsic.tagging import resolve_config

    assert resolve_config({"oov": "random", "case": "lower"})["oov_types"] == "case"
    for config in ({"oov": "random"}, {"oov": "random", "case": "exact"}, {"oov": "unk", "case": "lower"}):
        assert "oov_types" not in resolve_config(config)
