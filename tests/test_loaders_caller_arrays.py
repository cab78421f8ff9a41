"""A caller's arrays are never frozen or written: StaticEmbedding keeps a read-only view of its own."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.datasets.types import WordPair as Pair
from wordeval.embeddings.base import StaticEmbedding
from wordeval.intrinsic.similarity import score_pairs

WORDS = ["king", "queen", "man", "woman", "apple", "pear"]


def _caller_matrix(dtype) -> np.ndarray:
    rng = np.random.default_rng(0)
    return rng.standard_normal((len(WORDS), 8)).astype(dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_caller_array_stays_writeable_and_unchanged_through_every_path(dtype):
    mine = _caller_matrix(dtype)
    before = mine.copy()
    emb = StaticEmbedding(WORDS, mine)
    assert mine.flags.writeable, "the constructor froze the caller's array"
    assert not emb.vectors.flags.writeable  # wordeval's own view is read-only
    with pytest.raises(ValueError):
        emb.vectors[0, 0] = 1.0

    vectors, found = emb.lookup(["king", "nope", "pear"])
    vectors[:] = 99.0  # the result is the caller's to change: a copy, not a window into the matrix
    emb.lookup_lowercased(["KING"])
    emb.rows(["man", "woman"])
    emb.encode_tokens([["king", "man"], ["pear"]])
    pairs = [Pair("king", "queen", 9.0), Pair("man", "woman", 8.0), Pair("apple", "pear", 7.5),
             Pair("king", "apple", 1.0), Pair("queen", "pear", 0.5)]
    for oov in ("skip", "penalize"):
        score_pairs(pairs, emb, config={"oov": oov, "n_boot": 50})
    emb.renamed("other").lookup(["queen"])

    assert mine.flags.writeable
    np.testing.assert_array_equal(mine, before)
    mine[0, 0] = 5.0  # still the caller's to write
    assert mine[0, 0] == 5.0


def test_float32_array_is_shared_not_copied_and_other_dtypes_are_copied():
    f32 = _caller_matrix(np.float32)
    assert np.shares_memory(StaticEmbedding(WORDS, f32).vectors, f32)
    f64 = _caller_matrix(np.float64)
    emb = StaticEmbedding(WORDS, f64)
    assert not np.shares_memory(emb.vectors, f64) and emb.vectors.dtype == np.float32


def test_read_only_caller_array_is_accepted():
    frozen = _caller_matrix(np.float32)
    frozen.setflags(write=False)
    emb = StaticEmbedding(WORDS, frozen)
    assert emb.lookup(["queen"])[1].all() and not frozen.flags.writeable


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_as_embedding_leaves_the_callers_arrays_writeable_and_unchanged(dtype):
    import wordeval

    mine = _caller_matrix(dtype)
    before = mine.copy()
    rows = [r.copy() for r in mine]
    for obj in ((WORDS, mine), dict(zip(WORDS, rows)), (WORDS, mine.tolist())):
        emb = wordeval.as_embedding(obj)
        assert not emb.vectors.flags.writeable and not np.shares_memory(emb.vectors, mine)
        emb.lookup(["king", "pear"])[0][:] = 99.0
        np.testing.assert_array_equal(emb.vectors, before.astype(np.float32))
    assert mine.flags.writeable and all(r.flags.writeable for r in rows)
    np.testing.assert_array_equal(mine, before)
    np.testing.assert_array_equal(np.stack(rows), before)
