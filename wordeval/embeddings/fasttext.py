"""fastText ``.bin`` models: full word vectors plus character n-gram buckets, so OOV words get vectors.

gensim's ``load_facebook_vectors`` parses the file (it is the reference implementation in Python). The
result is a StaticEmbedding whose ``lookup`` composes an OOV word from its n-grams exactly as fastText
does (mean of the n-gram bucket vectors) and marks it found; words with no n-grams stay not found.
This is recorded in ``info.parameters["oov"]`` because it changes coverage compared with ``.vec``.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Sequence

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.file_io import check_file
from wordeval.embeddings.text_format import _default_name
from wordeval.embeddings.vector_checks import finish_vectors
from wordeval.errors import InputFormatError, WordevalError


class FastTextEmbedding(StaticEmbedding):
    """Vocabulary vectors plus n-gram composition for words outside the vocabulary."""

    def __init__(self, words, vectors, info, *, ngram_vectors: np.ndarray, min_n: int, max_n: int, bucket: int):
        super().__init__(words, vectors, info)
        self._ngrams = ngram_vectors
        self._min_n, self._max_n, self._bucket = min_n, max_n, bucket

    def compose(self, word: str) -> np.ndarray | None:
        """fastText's OOV vector: mean of the word's n-gram buckets; None when it has none."""
        from gensim.models.fasttext import ft_ngram_hashes

        if self._bucket == 0:
            return None
        hashes = ft_ngram_hashes(word, self._min_n, self._max_n, self._bucket)
        if len(hashes) == 0:
            return None
        return self._ngrams[hashes].mean(axis=0, dtype=np.float32)

    def _with_subwords(self, words: Sequence[str], result, *, lower: bool):
        vectors, found = result
        for i in np.flatnonzero(~found):
            vec = self.compose(words[i].lower() if lower else words[i])
            if vec is not None:
                vectors[i] = vec
                found[i] = True
        return vectors, found

    def lookup(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        words = list(words)
        return self._with_subwords(words, super().lookup(words), lower=False)

    def lookup_lowercased(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        words = list(words)
        return self._with_subwords(words, super().lookup_lowercased(words), lower=True)


def load_fasttext_bin(path: str | os.PathLike, *, encoding_errors: str = "strict",
                      name: str | None = None) -> FastTextEmbedding:
    """Load a fastText ``.bin``. gensim backslash-escapes invalid UTF-8 in words (recorded in parameters)."""
    from gensim.models.fasttext import load_facebook_vectors

    path = check_file(path)
    gensim_log = logging.getLogger("gensim")
    level = gensim_log.level
    gensim_log.setLevel(max(level, logging.WARNING))  # gensim logs every lifecycle event at INFO
    try:
        kv = load_facebook_vectors(os.fspath(path))
    except WordevalError:
        raise
    except Exception as exc:  # gensim raises assorted struct/value/assertion errors on foreign or cut files
        raise InputFormatError(path, None, "a fastText .bin model", f"{type(exc).__name__}: {exc}") from None
    finally:
        gensim_log.setLevel(level)
    words = list(kv.index_to_key)
    vectors = np.asarray(kv.vectors, dtype=np.float32)
    words, vectors, facts = finish_vectors(words, vectors, path=path, line_of=lambda i: None)
    parameters = {"oov": "composed from character n-grams (found=True)", "min_n": int(kv.min_n),
                  "max_n": int(kv.max_n), "bucket": int(kv.bucket), "encoding_errors": "backslashreplace", **facts}
    info = EmbeddingInfo(name=name or _default_name(path), source=str(Path(path).resolve()), format="fasttext-bin",
                         dim=int(vectors.shape[1]), vocab_size=len(words),
                         fingerprint=content_fingerprint(words, vectors), parameters=parameters)
    ngrams = np.asarray(kv.vectors_ngrams, dtype=np.float32)
    ngrams.setflags(write=False)
    return FastTextEmbedding(words, vectors, info, ngram_vectors=ngrams, min_n=int(kv.min_n),
                             max_n=int(kv.max_n), bucket=int(kv.bucket))
