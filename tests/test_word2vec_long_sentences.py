"""A corpus line longer than gensim's 10,000-word sentence limit is trained whole, as gensim's LineSentence
reads it (cut into pieces of 10,000 words), not truncated to its first 10,000 words."""
from __future__ import annotations

import numpy as np

from wordeval.embeddings.builders import build

DIM, EPOCHS = 8, 1


def _long_line_corpus(path):
    rng = np.random.default_rng(5)
    # w30..w59 occur only after the 10,000th word of the one long line: truncated, they never train
    head = " ".join(f"w{t}" for t in rng.integers(0, 30, size=10_000))
    tail = " ".join(f"w{t}" for t in rng.integers(0, 60, size=14_000))
    short = [" ".join(f"w{t}" for t in rng.integers(0, 30, size=12)) for _ in range(20)]
    path.write_text("\n".join([head + " " + tail, *short]) + "\n", encoding="utf-8")
    return path


def test_a_line_longer_than_gensims_limit_trains_as_gensims_line_sentence(tmp_path):
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence

    corpus = _long_line_corpus(tmp_path / "long.txt")
    built = build("word2vec", corpus=str(corpus), cache=False, dim=DIM, epochs=EPOCHS)
    # the oracle: gensim on its own reader of the file, with wordeval's defaults and one worker thread
    oracle = Word2Vec(LineSentence(str(corpus)), vector_size=DIM, window=5, min_count=5, sg=1, negative=5, hs=0,
                      sample=1e-3, seed=0, workers=1, epochs=EPOCHS)
    assert sorted(built.words) == sorted(oracle.wv.index_to_key)
    assert {f"w{t}" for t in range(30, 60)} <= set(built.words)
    expected = np.stack([oracle.wv[w] for w in built.words])
    # one thread, the same seed and the same sentences: gensim's updates in the same order, bit for bit
    np.testing.assert_array_equal(built.vectors, expected)
