"""An analogy record says why questions were left out: the words not found among the searched rows (a
missing a, b or c, or every accepted answer of a question missing), as a similarity record lists its OOV
words. Before, only the counts were recorded."""
from __future__ import annotations

import numpy as np

from wordeval.datasets.types import AnalogyQuestion as Q

WORDS = ["a", "b", "c", "d", "e", "f", "g", "h"]
QUESTIONS = [Q("c", "d", "a", ("b",), "s"), Q("b", "a", "d", ("c",), "s"), Q("e", "f", "g", ("h",), "s"),
             Q("a", "b", "zz", ("d",), "s"), Q("a", "b", "c", ("yy", "d"), "s"), Q("a", "b", "c", ("xx", "ww"), "s")]


def _record(config):
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic.analogy import solve_analogies, summarize

    emb = StaticEmbedding(WORDS, np.random.default_rng(0).normal(size=(len(WORDS), 4)))
    solved = solve_analogies(QUESTIONS, emb, config=config)
    return solved, summarize(QUESTIONS, solved)["extra"]


def test_the_words_that_left_questions_out_are_recorded():
    solved, extra = _record({})
    # by hand: 'zz' leaves question 3 out, 'xx' and 'ww' (all of question 5's answers) question 5; 'yy' is
    # one of two answers of question 4, which 'd' answers: it leaves nothing out
    assert solved["covered"].tolist() == [True, True, True, False, True, False]
    assert extra["oov_words"] == ["ww", "xx", "zz"] and extra["n_oov_words"] == 3


def test_words_beyond_restrict_vocab_are_among_them():
    solved, extra = _record({"restrict_vocab": 4})  # the candidates are a, b, c, d
    assert solved["covered"].tolist() == [True, True, False, False, True, False]
    assert extra["oov_words"] == ["e", "f", "g", "h", "ww", "xx", "zz"]
