"""Questions whose every accepted answer is a query word (BATS asks 1,049 such, usa:english :: uk:english):
outside honest mode no answer to them can be right, and the record counts them, so that the accuracy's
ceiling below 1 is visible."""
from __future__ import annotations

import numpy as np

from wordeval.datasets.types import AnalogyQuestion as Q

WORDS = ["usa", "english", "uk", "France", "french", "japan", "japanese", "britain"]
QUESTIONS = [Q("usa", "english", "uk", ("english",), "s"),             # the answer is b
             Q("usa", "english", "japan", ("japanese",), "s"),         # an ordinary question
             Q("usa", "english", "uk", ("english", "britain"), "s"),   # one answer may be given
             Q("france", "french", "uk", ("France",), "s"),            # the answer is a's case variant
             Q("usa", "english", "zz", ("english",), "s")]             # not covered


def _extra(config):
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic.analogy import solve_analogies, summarize

    emb = StaticEmbedding(WORDS, np.random.default_rng(0).normal(size=(len(WORDS), 4)))
    solved = solve_analogies(QUESTIONS, emb, config=config)
    return solved, summarize(QUESTIONS, solved)["extra"]


def test_questions_answered_only_by_query_words_are_counted():
    solved, extra = _extra({})  # exact-then-lower: 'france' reads the row of 'France', a case variant excluded
    assert solved["answer_excluded"].tolist() == [True, False, False, True, False]
    assert extra["n_answer_excluded"] == 2
    assert not solved["correct"][[0, 3]].any()


def test_none_in_honest_mode():
    solved, extra = _extra({"honest": True})
    assert extra["n_answer_excluded"] == 0 and not solved["answer_excluded"].any()
