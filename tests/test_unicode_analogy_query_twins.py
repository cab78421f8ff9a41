"""Under ``unicode = "NFKC"`` two vocabulary rows can fold into one word ('ｃａｔ', full-width, and 'cat'). A
query word excluded only the row its key reads, so the answer to man : king :: cat : ? could be 'cat' itself,
through the full-width row, which no analogy method may answer (gensim skips every query word). Oracle: 3CosAdd
by hand over the unit rows, excluding every row whose NFKC form is a query word."""
from __future__ import annotations

import unicodedata

import numpy as np
import pytest

from wordeval.datasets.types import AnalogyQuestion
from wordeval.embeddings.base import StaticEmbedding
from wordeval.intrinsic.analogy import solve_analogies

WORDS = ["man", "king", "cat", "\uff43\uff41\uff54", "dog", "woman"]  # row 3: full-width 'cat'
VECTORS = np.array([[1, 0, 0], [1, 1, 0], [0, 0, 1], [0, 1, 1.05], [0, 0.2, 1], [0.9, 0.1, 0.1]], dtype=np.float32)
QUESTION = AnalogyQuestion(a="man", b="king", c="cat", answers=("dog",), section="s")


def _by_hand(exclude_folded: bool) -> str:
    unit = VECTORS / np.linalg.norm(VECTORS, axis=1, keepdims=True)
    at = {w: i for i, w in enumerate(WORDS)}
    target = unit[at["king"]] - unit[at["man"]] + unit[at["cat"]]
    sims = unit @ target
    queries = {"man", "king", "cat"}
    form = (lambda w: unicodedata.normalize("NFKC", w)) if exclude_folded else (lambda w: w)
    allowed = [i for i, w in enumerate(WORDS) if form(w) not in queries]
    return form(WORDS[max(allowed, key=lambda i: sims[i])])


@pytest.mark.parametrize("case", ["exact", "exact-then-lower"])
def test_a_query_word_is_not_answered_through_its_folded_twin(case):
    emb = StaticEmbedding(WORDS, VECTORS)
    assert _by_hand(exclude_folded=False) == "\uff43\uff41\uff54"  # as written: another word, a fair answer
    as_written = solve_analogies([QUESTION], emb, config={"case": case})
    assert as_written["predicted"] == [_by_hand(exclude_folded=False)]
    expected = _by_hand(exclude_folded=True)
    assert expected == "dog"
    folded = solve_analogies([QUESTION], emb, config={"case": case, "unicode": "NFKC"})
    assert folded["predicted"] == [expected] and folded["correct"].tolist() == [1]
