"""Analogy scoring when several keys share one vector row (spaCy's md vectors: 685k keys, 20k rows)."""
from __future__ import annotations

import numpy as np

from wordeval.datasets.types import AnalogyQuestion
from wordeval.embeddings.base import StaticEmbedding
from wordeval.intrinsic.analogy import solve_analogies


class AliasedEmbedding(StaticEmbedding):
    """Extra keys that resolve to an existing row, as spaCy's key2row table does."""

    def __init__(self, words, vectors, aliases):
        super().__init__(words, vectors)
        self.aliases = aliases

    def rows(self, words, *, lowercase=False):
        base = super().rows(words, lowercase=lowercase)
        return np.array([self.index[self.aliases[w]] if w in self.aliases else r for w, r in zip(words, base)],
                        dtype=np.int64)


def test_predicted_row_equal_to_the_answer_row_is_correct():
    words = ["man", "woman", "king", "queen", "apple"]
    # king - man + woman lands exactly on queen's row
    vecs = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 1], [0, 1, 1], [-1, -1, 0]], dtype=np.float32)
    emb = AliasedEmbedding(words, vecs, {"Queen_alias": "queen"})
    q_alias = AnalogyQuestion("man", "king", "woman", ("Queen_alias",), "s")
    q_plain = AnalogyQuestion("man", "king", "woman", ("queen",), "s")
    q_wrong = AnalogyQuestion("man", "king", "woman", ("apple",), "s")
    res = solve_analogies([q_alias, q_plain, q_wrong], emb, config={"case": "exact"})
    assert res["covered"].all()
    assert res["predicted"] == ["queen", "queen", "queen"]
    assert res["correct"].tolist() == [1, 1, 0]
