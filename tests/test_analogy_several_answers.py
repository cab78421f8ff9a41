"""A question with several answers (BATS's x/y) is covered when any of them is in the vocabulary and right when
the prediction is any of them; vecto's script covers it only when the first answer is. The record states
this convention and counts the covered questions it moves; before, it said neither."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.datasets.types import AnalogyQuestion
from wordeval.embeddings.base import StaticEmbedding
from wordeval.intrinsic import analogy


def _emb():
    words = [f"w{i}" for i in range(30)]
    return StaticEmbedding(words, np.random.default_rng(1).normal(size=(30, 8)).astype(np.float32))


def test_the_record_states_the_convention_and_counts_what_vectos_would_leave_out():
    emb = _emb()
    pred = analogy.solve_analogies([AnalogyQuestion("w1", "w2", "w3", ("w4",), "s")], emb)["predicted"][0]
    items = [AnalogyQuestion("w1", "w2", "w3", ("nope", pred), "s"),  # first answer OOV, the second predicted
             AnalogyQuestion("w1", "w2", "w3", (pred, "nope"), "s"),  # first answer found
             AnalogyQuestion("w1", "w2", "w3", ("nope", "nada"), "s")]  # no answer found: not covered
    s = analogy.summarize(items, analogy.solve_analogies(items, emb))
    # by hand: questions 0 and 1 covered and right; vecto would cover question 1 only
    assert s["per_item"] == {"id": [0, 1], "correct": [1, 1]}
    answers = s["extra"]["answers"]
    assert answers["n_covered_without_first_answer"] == 1
    assert "any" in answers["right"] and "first answer" in answers["covered"]


def test_sets_of_one_answer_per_question_keep_their_fields():
    emb = _emb()
    items = [AnalogyQuestion("w1", "w2", "w3", ("w4",), "s"), AnalogyQuestion("w1", "w2", "w5", ("nope",), "s")]
    assert "answers" not in analogy.summarize(items, analogy.solve_analogies(items, emb))["extra"]


def test_bats_on_glove_against_the_first_answer_rule(shared_data, glove50):
    from wordeval.datasets.load import load
    from wordeval.intrinsic.policies import resolve_rows

    qs = list(load("bats", data_home=shared_data).items("test"))
    s = analogy.summarize(qs, analogy.solve_analogies(qs, glove50, config={"n_boot": 10}))
    # independently: the covered questions (a, b, c and any answer found) whose first answer is not found
    words = sorted({w for q in qs for w in (q.a, q.b, q.c, *q.answers)})
    found = dict(zip(words, (resolve_rows(glove50, words, "exact-then-lower") >= 0).tolist()))
    covered = [found[q.a] and found[q.b] and found[q.c] and any(found[w] for w in q.answers) for q in qs]
    moved = sum(c and not found[q.answers[0]] for c, q in zip(covered, qs))
    assert s["n_used"] == sum(covered) == 96_321  # README's figures
    assert s["extra"]["answers"]["n_covered_without_first_answer"] == moved == 243
