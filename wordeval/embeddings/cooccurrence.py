"""Windowed word-word co-occurrence counts, shared by PPMI-SVD and GloVe.

Vectorised over window offsets: for each distance d = 1..window every (token, token d positions later)
pair of the same sentence is counted at once with numpy, so a 3M-token corpus takes seconds. Counts are
symmetric (the pair is counted in both directions, as in Levy et al. 2015 and GloVe's ``symmetric=1``).
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from wordeval.errors import ConfigError

WEIGHTINGS = ("uniform", "harmonic")


def cooccurrence_matrix(ids: np.ndarray, sentence_ids: np.ndarray, vocab_size: int, *, window: int = 5,
                        weighting: str = "uniform") -> sp.csr_matrix:
    """Symmetric (vocab_size, vocab_size) float64 CSR matrix of co-occurrence counts.

    ``ids`` are the corpus token ids in order (out-of-vocabulary tokens already removed) and
    ``sentence_ids`` the sentence of each token: pairs never cross a sentence boundary. ``weighting``
    "uniform" counts every pair within the window as 1; "harmonic" counts a pair at distance d as 1/d
    (GloVe's weighting). X[i, j] sums over both orders, so X == X.T.
    """
    if window < 1:
        raise ConfigError(f"window={window}: expected a positive integer")
    if weighting not in WEIGHTINGS:
        raise ConfigError(f"weighting={weighting!r}: expected one of {', '.join(WEIGHTINGS)}")
    ids = np.asarray(ids, dtype=np.int64)
    sentence_ids = np.asarray(sentence_ids)
    if ids.shape != sentence_ids.shape:
        raise ValueError("ids and sentence_ids must have the same length")
    counts = sp.csr_matrix((vocab_size, vocab_size), dtype=np.float64)
    for d in range(1, min(window, max(len(ids) - 1, 0)) + 1):
        same = sentence_ids[:-d] == sentence_ids[d:]
        left, right = ids[:-d][same], ids[d:][same]
        if not len(left):
            continue
        weight = 1.0 if weighting == "uniform" else 1.0 / d
        data = np.full(len(left), weight, dtype=np.float64)
        # coo -> csr sums duplicate (left, right) pairs
        counts = counts + sp.coo_matrix((data, (left, right)), shape=(vocab_size, vocab_size)).tocsr()
    counts = (counts + counts.T).tocsr()
    counts.sum_duplicates()
    counts.eliminate_zeros()
    return counts
