"""--common-vocab with a representation whose keys share rows (spaCy md: 684,752 keys, 20,000 rows).

The common words were intersected over the rows' labels, one arbitrary key per row ('1-800-398-3128',
'stitchdown'): GloVe 6B 50d, spaCy md and a 24k-word word2vec file shared 1,281 words, and Google's analogies
were compared on 18 of 19,544 questions, spaCy md 'ahead' at 0.889. The words a representation holds are its
keys. Hand-built vectors: every expected answer follows from the cosines worked out below.
"""
import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.spacy_vectors import SpacyVectors

WORDS = ["man", "woman", "king", "queen", "boy", "girl"]
VECTORS = {"man": (1, 0, 0, 0), "woman": (0, 1, 0, 0), "king": (1, 0, 1, 0), "queen": (0, 1, 1, 0),
           "boy": (1, 0, 0, 1), "girl": (0, 1, 0, 1)}


def _info(name, words, vectors):
    return EmbeddingInfo(name=name, source="<test>", format="test", dim=4, vocab_size=len(words),
                         fingerprint=content_fingerprint(words, vectors))


def _plain():
    vectors = np.array([VECTORS[w] for w in WORDS], dtype=np.float32)
    return StaticEmbedding(WORDS, vectors, _info("plain", WORDS, vectors))


def _shared_rows():
    # rows labelled by keys no other representation has, as spaCy md's are; 'boy' and 'girl' read one row
    labels = ["r0", "r1", "r2", "r3", "r4"]
    vectors = np.array([VECTORS[w] for w in ("man", "woman", "king", "queen", "boy")], dtype=np.float32)
    aliases = {w: i for i, w in enumerate(labels)}
    aliases.update({"man": 0, "woman": 1, "king": 2, "queen": 3, "boy": 4, "girl": 4})
    return SpacyVectors(labels, vectors, _info("shared", labels, vectors), aliases=aliases)


def _scored(tmp_path, **config):
    from wordeval.intrinsic.analogy import score_common_vocabulary
    from wordeval.tasks.task import get_task

    (tmp_path / "q.txt").write_text("man woman king queen\nman woman boy girl\n", encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    task = get_task(str(spec))
    return score_common_vocabulary(task.spec, [_plain(), _shared_rows()], task.load_dataset(),
                                   config=config)


def test_common_words_are_the_keys_not_the_row_labels(tmp_path):
    plain, shared = _scored(tmp_path)
    for rec in (plain, shared):
        assert rec.n_used == 2 and rec.n_total == 2
        assert rec.extra["candidate_vocabulary"]["n_candidates"] == 6  # the six words both hold
    assert shared.extra["candidate_vocabulary"]["n_rows"] == 5
    # man:woman::king:? over queen, boy, girl (3CosAdd, unit vectors): queen 0.707 - 0 + 0.5 = 1.207,
    # girl 0.707 - 0 + 0 = 0.707, boy 0 - 0.707 + 0.5 = -0.207: queen for both.
    # man:woman::boy:? over king, queen, girl: girl 0.707 - 0 + 0.5 = 1.207 for the plain vectors; in the
    # shared one girl reads boy's row, excluded with the query word boy, so queen (0.707 - 0 + 0) answers: wrong
    assert plain.main_value == 1.0
    assert shared.main_value == 0.5


def test_restrict_vocab_counts_common_words_in_a_shared_rows_view(tmp_path):
    # the first 5 common words are man ... boy; 'girl' reads boy's row but is not among them, so the second
    # question (answer girl) is left out for both, as gensim's question filter leaves it out
    plain, shared = _scored(tmp_path, restrict_vocab=5)
    for rec in (plain, shared):
        assert rec.extra["candidate_vocabulary"]["n_candidates"] == 5
        assert rec.n_used == 1 and rec.main_value == 1.0
        assert rec.config["restrict_vocab"] == 5


def test_restrict_vocab_under_the_vocabulary_filter_is_refused_in_a_shared_rows_view(tmp_path):
    import pytest

    from wordeval.errors import ConfigError

    with pytest.raises(ConfigError, match="question_filter"):
        _scored(tmp_path, restrict_vocab=5, question_filter="vocabulary")
