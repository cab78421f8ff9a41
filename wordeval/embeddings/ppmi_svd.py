"""PPMI-SVD word vectors with the hyperparameters of Levy, Goldberg & Dagan (2015, TACL):
context-distribution smoothing (alpha), shifted PMI (k), eigenvalue weighting (p).

    PMI_alpha(w, c) = log( #(w,c) * sum_c' #(c')^alpha / (#(w) * #(c)^alpha) )
    SPPMI(w, c)     = max(PMI_alpha(w, c) - log k, 0)
    M = U S V^T (truncated, d dims),  W = U S^p

Only observed pairs are ever touched (the matrix stays sparse): an unobserved pair has PMI = -inf and
is 0 after the max.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from wordeval.embeddings.builder_settings import SVD_N_ITER, SVD_N_OVERSAMPLES
from wordeval.errors import ConfigError


def ppmi_matrix(counts: sp.spmatrix, *, alpha: float = 0.75, shift: float = 1.0) -> sp.csr_matrix:
    """Shifted positive PMI with context-distribution smoothing, from a (words x contexts) count matrix."""
    if not alpha > 0:
        raise ConfigError(f"alpha={alpha}: expected a positive number (1 disables smoothing)")
    if not shift >= 1:
        raise ConfigError(f"shift={shift}: expected k >= 1 (1 is plain PPMI)")
    counts = sp.csr_matrix(counts, dtype=np.float64)  # a copy: the caller's matrix is not touched
    counts.sum_duplicates()
    total = counts.sum()
    if total <= 0:
        raise ConfigError("the co-occurrence matrix is empty (corpus too small or window too short?)")
    word_counts = np.asarray(counts.sum(axis=1)).ravel()
    with np.errstate(over="ignore"):
        context_counts = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    if not np.isfinite(context_counts.sum()):  # NaN PMI went on to a traceback in the SVD
        raise ConfigError(f"alpha={alpha}: the smoothed context counts #(c)^alpha overflow float64; expected a "
                          f"smaller alpha (Levy et al. use 0.75; 1 disables smoothing)")
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    cols = counts.indices
    # P(w,c) / (P(w) P_alpha(c)) with P(w) = #(w)/|D| and P_alpha(c) = #(c)^a / sum #(c')^a
    pmi = (np.log(counts.data) + np.log(context_counts.sum()) - np.log(word_counts[rows])
           - np.log(context_counts[cols]))
    pmi -= np.log(shift)
    out = counts.copy()
    out.data = np.maximum(pmi, 0.0)
    out.eliminate_zeros()
    if not out.nnz:  # its SVD gave all-zero vectors, which were cached and scored
        raise ConfigError(f"k={shift}: no word pair has a PMI above log k, so the shifted PPMI matrix is empty; "
                          f"expected a smaller k (1 is plain PPMI)")
    return out


def svd_embedding(matrix: sp.spmatrix, *, dim: int, eig: float = 0.5, seed: int = 0,
                  n_iter: int = SVD_N_ITER) -> tuple[np.ndarray, np.ndarray]:
    """Word vectors ``U_d S_d^eig`` of a truncated SVD (a randomized SVD whose result does not depend on
    the BLAS thread count, see ``stable_svd``; signs fixed by ``svd_flip`` so a seed gives the same
    vectors). Returns ``(vectors float32, singular values)``."""
    from sklearn.utils.extmath import svd_flip

    from wordeval.embeddings.stable_svd import randomized_svd

    if dim < 1 or dim >= min(matrix.shape):
        raise ConfigError(f"dim={dim}: expected 1 <= dim < {min(matrix.shape)} (the vocabulary size)")
    u, s, vt = randomized_svd(matrix, dim, n_iter=n_iter, n_oversamples=SVD_N_OVERSAMPLES, seed=seed)
    u, _ = svd_flip(u, vt)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused, with its options, by the builder
        return (u * s ** eig).astype(np.float32), s


def ppmi_svd(counts: sp.spmatrix, *, dim: int = 100, alpha: float = 0.75, shift: float = 1.0, eig: float = 0.5,
             seed: int = 0) -> np.ndarray:
    """PPMI -> truncated SVD -> ``U S^eig`` (float32, one row per word)."""
    vectors, _ = svd_embedding(ppmi_matrix(counts, alpha=alpha, shift=shift), dim=dim, eig=eig, seed=seed)
    return vectors
