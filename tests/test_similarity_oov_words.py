"""A similarity record's ``extra.oov_words`` lists the words the embedding lacks. Before, it listed every word
of each uncovered pair, so a word in the vocabulary ('tiger', 'Cat' found lowercased) was reported as OOV."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.adapters import as_embedding
from wordeval.datasets.types import WordPair
from wordeval.intrinsic import similarity as sim

PAIRS = [WordPair("tiger", "jaguar", 8.0), WordPair("Cat", "dog", 7.0), WordPair("car", "tiger", 2.0),
         WordPair("zebra", "okapi", 5.0), WordPair("dog", "car", 1.0)]


@pytest.mark.parametrize("oov", ["skip", "penalize"])
def test_oov_words_are_the_words_not_in_the_vocabulary(oov):
    words = ["cat", "dog", "tiger", "car"]
    emb = as_embedding((words, np.random.default_rng(0).standard_normal((4, 3))), name="four")
    out = sim.score_pairs(PAIRS, emb, config={"oov": oov, "case": "exact-then-lower", "n_boot": 10})
    # by hand: jaguar, zebra and okapi are missing; Cat is found as 'cat'
    assert out["extra"]["oov_words"] == ["jaguar", "okapi", "zebra"]
    assert out["extra"]["n_oov_pairs"] == 2
