"""exact-then-lower filled a word's miss with its lowercase vector in the array the first lookup returned: a
user's lookup that returns its own (writeable) matrix had it rewritten, against README's "the caller's arrays
are never modified". Oracle: the user's matrix before and after, and the vectors expected by hand."""
from __future__ import annotations

import numpy as np

from wordeval.embeddings.case import lookup_with_case


class _Info:
    name = "mine"
    dim = 2


class _OwnMatrix:
    """Returns its own matrix for the two-word query ('Queen' missing), fresh rows for the lowercase retry."""
    info = _Info()

    def __init__(self):
        self.matrix = np.array([[0.0, 0.0], [2.0, 3.0]], dtype=np.float32)

    def lookup(self, words):
        if list(words) == ["Queen", "king"]:
            return self.matrix, np.array([False, True])
        return np.ones((len(words), 2), dtype=np.float32), np.ones(len(words), dtype=bool)


def test_the_lowercase_fallback_does_not_write_into_the_users_matrix():
    emb = _OwnMatrix()
    vectors, found = lookup_with_case(emb, ["Queen", "king"], "exact-then-lower")
    np.testing.assert_array_equal(emb.matrix, [[0.0, 0.0], [2.0, 3.0]])
    np.testing.assert_array_equal(vectors, [[1.0, 1.0], [2.0, 3.0]])
    assert found.tolist() == [True, True]
