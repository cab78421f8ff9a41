"""word2vec (Mikolov et al. 2013) trained with gensim on a tokenised corpus."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from wordeval.errors import ConfigError


def train_word2vec(sentences: Sequence[Sequence[str]], *, vocabulary: Sequence[str], dim: int = 100,
                   window: int = 5, sg: bool = True, negative: int = 5, sample: float = 1e-3, epochs: int = 5,
                   min_count: int = 5, seed: int | None = 0, workers: int = 2) -> tuple[list[str], np.ndarray]:
    """Train and return ``(words, vectors)`` for the words of ``vocabulary`` (same order).

    With a seed, training uses one worker thread: gensim hands batches of sentences to threads in an
    order the OS scheduler decides, and the shared weights are updated without locks, so with more
    than one thread two runs with the same seed differ. One thread makes the seed determine the result.
    """
    import logging

    if dim < 1 or window < 1 or epochs < 1 or negative < 1:
        raise ConfigError("word2vec: dim, window, epochs and negative must be positive integers")
    gensim_log = logging.getLogger("gensim")
    level = gensim_log.level
    # gensim logs every lifecycle event (with the date and platform) and a progress line a second at INFO,
    # dozens of lines across the run's progress bar; its warnings still show
    gensim_log.setLevel(max(level, logging.WARNING))
    try:
        return _train(sentences, vocabulary, dim=dim, window=window, sg=sg, negative=negative, sample=sample,
                      epochs=epochs, min_count=min_count, seed=seed, workers=workers)
    finally:
        gensim_log.setLevel(level)


def _train(sentences, vocabulary, *, dim, window, sg, negative, sample, epochs, min_count, seed,
           workers) -> tuple[list[str], np.ndarray]:
    from gensim.models import Word2Vec

    from wordeval.embeddings.builder_settings import WORD2VEC_GENSIM, WORD2VEC_WORKERS

    model = Word2Vec(vector_size=dim, window=window, min_count=min_count, sg=int(bool(sg)), negative=negative,
                     sample=sample, seed=0 if seed is None else seed,
                     workers=WORD2VEC_WORKERS if seed is not None else max(1, workers), **WORD2VEC_GENSIM)
    # lists, not generators: gensim iterates once to build the vocabulary and once per epoch
    sentences = _gensim_sized(sentences)
    model.build_vocab(sentences)
    model.train(sentences, total_examples=len(sentences), epochs=epochs)
    wv = model.wv
    missing = [w for w in vocabulary if w not in wv.key_to_index]
    if missing:  # same corpus and min_count give the same vocabulary; a mismatch is a bug worth stopping on
        raise RuntimeError(f"word2vec vocabulary lacks {len(missing)} words of the corpus vocabulary, e.g. {missing[:3]}")
    rows = np.fromiter((wv.key_to_index[w] for w in vocabulary), dtype=np.int64, count=len(vocabulary))
    return list(vocabulary), np.array(wv.vectors[rows], dtype=np.float32)


def _gensim_sized(sentences) -> list[list[str]]:
    """Each sentence as a list, one longer than gensim's MAX_WORDS_IN_BATCH (10,000) cut into pieces of that
    length. gensim trains on a sentence's first 10,000 words and drops the rest without a word: a corpus line
    holding a whole document (a file of one document per line) left the words of its tail at their random
    initial vectors. The pieces are what gensim's own LineSentence makes of such a line."""
    from gensim.models.word2vec import MAX_WORDS_IN_BATCH

    from wordeval.embeddings.builder_settings import WORD2VEC_SENTENCE_PIECE as most

    if most > MAX_WORDS_IN_BATCH:  # the record would name pieces that gensim cut short again
        raise RuntimeError(f"gensim trains on {MAX_WORDS_IN_BATCH} words of a sentence, fewer than {most}")
    return [list(s[i:i + most]) for s in sentences for i in range(0, max(len(s), 1), most)]
