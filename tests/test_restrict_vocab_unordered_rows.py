"""restrict_vocab keeps the first N rows, read as the N most frequent words. On a vocabulary whose rows are not
in frequency order (spaCy md: row 0 is '1-800-398-3128') that is an arbitrary subset: its first 10,000 rows
covered 16 % of SimLex-999, and nothing said why."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

WORDS = ["zebra", "apple", "car", "bus", "cat", "dog"]  # rows not in frequency order


def _embedding(ordered: bool):
    from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint

    vectors = np.random.default_rng(0).standard_normal((len(WORDS), 4)).astype(np.float32)
    info = EmbeddingInfo(name="E", source="<test>", format="test", dim=4, vocab_size=len(WORDS),
                         fingerprint=content_fingerprint(WORDS, vectors))
    return StaticEmbedding(WORDS, vectors, info, frequency_ordered=ordered)


def _similarity(embedding, n):
    from wordeval.datasets.types import WordPair
    from wordeval.intrinsic.similarity import score_pairs

    pairs = [WordPair("cat", "dog", 8.0), WordPair("car", "bus", 7.0), WordPair("apple", "zebra", 1.0)]
    return score_pairs(pairs, embedding, config={"restrict_vocab": n})


def _caught(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = fn()
    from wordeval.intrinsic.policies import UnorderedRowsWarning
    return out, [str(w.message) for w in caught if issubclass(w.category, UnorderedRowsWarning)]


def test_restrict_vocab_on_rows_not_in_frequency_order_is_warned_about():
    res, said = _caught(lambda: _similarity(_embedding(False), 3))
    # by hand: rows 0-2 are zebra, apple, car: only 'apple zebra' is covered
    assert res["n_used"] == 1
    assert len(said) == 1 and "first 3 of the 6 rows of E" in said[0] and "frequency order" in said[0]


@pytest.mark.parametrize("ordered, n", [(True, 3), (False, 6), (False, None)])
def test_no_warning_where_the_order_is_frequency_or_every_row_counts(ordered, n):
    _, said = _caught(lambda: _similarity(_embedding(ordered), n))
    assert said == []


def test_analogy_candidates_are_warned_about_too():
    from wordeval.datasets.types import AnalogyQuestion
    from wordeval.intrinsic.analogy import solve_analogies

    questions = [AnalogyQuestion("zebra", "apple", "car", ("bus",), "s")]
    _, said = _caught(lambda: solve_analogies(questions, _embedding(False), config={"restrict_vocab": 4}))
    assert len(said) == 1 and "first 4 of the 6 rows" in said[0]


def _common_vocabulary_warnings(tmp_path, first_ordered: bool):
    from wordeval.intrinsic.analogy import score_common_vocabulary
    from wordeval.tasks.task import get_task

    (tmp_path / "q.txt").write_text("zebra apple car bus\n", encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    task = get_task(str(spec))
    embeddings = [_embedding(first_ordered), _embedding(not first_ordered)]
    _, said = _caught(lambda: score_common_vocabulary(task.spec, embeddings, task.load_dataset(),
                                                      config={"restrict_vocab": 4}))
    return said


def test_common_candidates_follow_the_first_representations_order(tmp_path):
    # the common words are in the first one's row order: frequency order when its rows are, whatever the
    # order of the second one's own rows (before, the second one's view was said to be unordered)
    assert _common_vocabulary_warnings(tmp_path, first_ordered=True) == []
    said = _common_vocabulary_warnings(tmp_path, first_ordered=False)
    assert len(said) == 2 and all("first 4 of the 6 rows" in s for s in said)
