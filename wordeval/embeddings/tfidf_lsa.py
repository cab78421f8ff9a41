"""Classic LSA (Deerwester et al. 1990): a tf-idf weighted document x term matrix, truncated SVD, and
the term side of the decomposition as word vectors.

    X (docs x terms) ~= U S V^T,   word vectors = V S^eig   (eig = 1: classic LSA term vectors)
"""
from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np

from wordeval.embeddings.builder_settings import SVD_N_ITER, SVD_N_OVERSAMPLES, TFIDF
from wordeval.errors import ConfigError


def _identity(tokens):
    return tokens


def tfidf_lsa(documents: Iterable[Sequence[str]], vocabulary: Sequence[str], *, dim: int = 100,
              sublinear_tf: bool = True, eig: float = 1.0, seed: int = 0) -> np.ndarray:
    """Word vectors (one float32 row per ``vocabulary`` word, same order) from tokenised documents.

    The vocabulary is fixed by the caller (the same min_count vocabulary as the other builders), so
    every builder on a corpus yields the same words.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.utils.extmath import svd_flip

    from wordeval.embeddings.stable_svd import randomized_svd

    docs = list(documents)
    if dim < 1 or dim >= min(len(docs), len(vocabulary)):
        raise ConfigError(f"dim={dim}: expected 1 <= dim < min(documents={len(docs)}, vocabulary={len(vocabulary)})")
    # documents are already tokenised: identity analyzer, no re-tokenising or lowercasing by sklearn
    vectorizer = TfidfVectorizer(analyzer=_identity, vocabulary={w: i for i, w in enumerate(vocabulary)},
                                 sublinear_tf=sublinear_tf, dtype=np.float64, **TFIDF)
    x = vectorizer.fit_transform(docs)
    # not sklearn's TruncatedSVD: its LAPACK steps made the vectors depend on the BLAS thread count.
    # The same decomposition as TruncatedSVD(algorithm="randomized", n_iter=7), of the transposed
    # (terms x documents) matrix as it does, signs fixed on the term side as it does.
    terms, s, docs_t = randomized_svd(x.T, dim, n_iter=SVD_N_ITER, n_oversamples=SVD_N_OVERSAMPLES,
                                      seed=seed)
    _, components = svd_flip(docs_t.T, terms.T, u_based_decision=False)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused, with its options, by the builder
        return (components.T * s ** eig).astype(np.float32)
