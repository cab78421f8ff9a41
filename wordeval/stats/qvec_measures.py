"""QVEC and QVEC-CCA as functions of matrices: the scores, and the scores recomputed from per-word item
columns (a record's ``per_item``) or from resamples given as multiplicities. Only numpy and scipy: a
comparison recomputes these scores on resamples without importing the evaluator
(``wordeval.stats.item_scores`` names them ``qvec`` and ``qvec-cca``). The definitions, and the tests
against the authors' scripts, are in ``wordeval.intrinsic.qvec``.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from wordeval.blas_threads import single_threaded_blas
from wordeval.errors import ConfigError

MEASURES = ("qvec", "qvec-cca")


# -- QVEC ----------------------------------------------------------------------------------------------
def _unit_centred_columns(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centred columns scaled to unit norm, and the per-column rule: 0 = all zero, 1 = constant non-zero,
    2 = varies. Constancy is tested exactly (``ptp == 0``), as ``pearsonr`` does."""
    constant = np.ptp(M, axis=0) == 0 if M.shape[0] else np.ones(M.shape[1], dtype=bool)
    zero = constant & ~np.any(M, axis=0)
    C = M - M.mean(axis=0)
    norms = np.linalg.norm(C, axis=0)
    C = np.divide(C, norms, out=np.zeros_like(C), where=~constant & (norms > 0))
    kind = np.where(zero, 0, np.where(constant, 1, 2))
    return C, kind


def qvec_correlations(X: np.ndarray, O: np.ndarray) -> np.ndarray:
    """Pearson r of each embedding column (X: n x d) with each oracle column (O: n x k) -> (d, k)."""
    Xc, kx = _unit_centred_columns(np.asarray(X, dtype=np.float64))
    Oc, ko = _unit_centred_columns(np.asarray(O, dtype=np.float64))
    # Identical oracle columns must give identical r, so that the alignment takes the first of them as the
    # script's pearsonr does: a GEMM may round the same dot product differently in another output column.
    _, first, same = np.unique(Oc, axis=1, return_index=True, return_inverse=True)
    R = np.clip(Xc.T @ Oc[:, first], -1.0, 1.0)[:, same.reshape(-1)]
    R[kx == 1, :] = np.nan
    R[:, ko == 1] = np.nan
    R[kx == 0, :] = 0.0  # the script's IsZero rule wins over NaN: it is checked before pearsonr
    R[:, ko == 0] = 0.0
    return R


def qvec_score(X: np.ndarray, O: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """``(score, aligned column per dimension, its r)``; NaN score with fewer than 2 words."""
    d = np.asarray(X).shape[1]
    if np.asarray(X).shape[0] < 2:
        return float("nan"), np.zeros(d, dtype=np.int64), np.full(d, np.nan)
    R = qvec_correlations(X, O)
    best = np.argmax(R, axis=1)  # np.argmax: first maximum, and a NaN counts as the maximum (as the script)
    r = R[np.arange(d), best]
    return float(np.sum(r)), best, r


# -- QVEC-CCA ------------------------------------------------------------------------------------------
def _normalize_rows(M: np.ndarray) -> np.ndarray:
    """As the script's ``sklearn.preprocessing.normalize``: L2, rows with a norm below 10 eps left as is."""
    norms = np.sqrt(np.einsum("ij,ij->i", M, M))
    norms[norms < 10 * np.finfo(np.float64).eps] = 1.0
    return M / norms[:, None]


def _orthonormal_basis(M: np.ndarray) -> np.ndarray:
    """Q of a pivoted economic QR, cut to the numerical rank by MATLAB canoncorr's rule
    (|R_ii| > eps(|R_11|) * max(n, p))."""
    from scipy.linalg import qr

    q, r, _ = qr(M, mode="economic", pivoting=True)
    diag = np.abs(np.diag(r))
    if diag.size == 0 or diag[0] == 0:
        return q[:, :0]
    rank = int(np.sum(diag > np.spacing(diag[0]) * max(M.shape)))
    return q[:, :rank]


def canonical_correlations(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Canonical correlations of the column spaces of X and Y after centring, in decreasing order
    (min(rank X, rank Y) of them, clipped to [0, 1]). Invariant to invertible linear maps of either side."""
    from scipy.linalg import svd

    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if X.shape[0] != Y.shape[0]:
        raise ValueError(f"X and Y have {X.shape[0]} and {Y.shape[0]} rows")
    qx = _orthonormal_basis(X - X.mean(axis=0))
    qy = _orthonormal_basis(Y - Y.mean(axis=0))
    d = min(qx.shape[1], qy.shape[1])
    if d == 0:
        return np.zeros(0)
    s = svd(qx.T @ qy, full_matrices=False, compute_uv=False)[:d]
    return np.clip(s, 0.0, 1.0)


def qvec_cca_correlations(X: np.ndarray, O: np.ndarray) -> np.ndarray:
    """QVEC-CCA's canonical correlations: oracle features that none of the words has dropped (the script
    builds its columns from the covered words only), rows L2-normalised, :func:`canonical_correlations`."""
    O = np.asarray(O, dtype=np.float64)
    if np.asarray(X).shape[0] < 2:
        return np.zeros(0)
    return canonical_correlations(_normalize_rows(np.asarray(X, dtype=np.float64)),
                                  _normalize_rows(O[:, O.any(axis=0)]))


def _cca_score(r: np.ndarray) -> float:
    return float(r.mean()) if r.size else float("nan")


def _matrices_from_items(columns: Mapping[str, Sequence]) -> tuple[np.ndarray, np.ndarray]:
    e_keys = sorted((k for k in columns if k[:1] == "e" and k[1:].isdigit()), key=lambda k: int(k[1:]))
    o_keys = [k for k in columns if k.startswith("o:")]  # insertion order = the oracle's column order
    if not e_keys or not o_keys or [int(k[1:]) for k in e_keys] != list(range(len(e_keys))):
        raise ConfigError("QVEC item columns: expected e0..e{d-1} and o:<feature> columns")
    n = len(columns[e_keys[0]])
    X = np.empty((n, len(e_keys)))
    O = np.empty((n, len(o_keys)))
    for i, k in enumerate(e_keys):
        X[:, i] = columns[k]
    for j, k in enumerate(o_keys):
        O[:, j] = columns[k]
    return X, O


def score_from_items(columns: Mapping[str, Sequence], measure: str = "qvec") -> float:
    """The score recomputed from :func:`item_columns` (or any resample of their rows, the same rows in every
    column). Equals the result's ``score`` on the unresampled columns, to the last digit: it runs under the
    scorer's single-threaded BLAS, since threaded QR and GEMM round QVEC-CCA otherwise (the comparison's
    common value of GloVe-6B-50d on supersenses was 0.28642133679478937 beside its record's
    0.2864213367947893)."""
    X, O = _matrices_from_items(columns)
    if measure not in MEASURES:
        raise ConfigError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")
    with single_threaded_blas():
        return qvec_score(X, O)[0] if measure == "qvec" else _cca_score(qvec_cca_correlations(X, O))


# -- resamples as multiplicities (the bootstrap's fast path) -------------------------------------------
def _qvec_weighted(X: np.ndarray, O: np.ndarray):
    """``f(w)``: QVEC of the resample in which word i was drawn ``w[i]`` times, without copying rows;
    the rules of :func:`qvec_correlations` (all-zero and constant columns tested exactly on drawn words)."""
    n, p = X.shape
    Z = np.hstack([X, O])
    Z0 = Z - Z.mean(axis=0)  # the full sample's mean: the resample's own is removed below, on small numbers
    Z0sq, nonzero = Z0 * Z0, (Z != 0).astype(np.float64)
    X0, O0 = Z0[:, :p], Z0[:, p:]
    rows = np.arange(p)

    def score(w: np.ndarray) -> float:
        total = w.sum()
        if np.count_nonzero(w) < 2:
            return float("nan")
        m = (w @ Z0) / total
        drawn = Z[np.flatnonzero(w)]
        constant = drawn.min(axis=0) == drawn.max(axis=0)
        zero = (w @ nonzero) == 0
        sd = np.sqrt(np.where(constant, 1.0, w @ Z0sq - total * m * m))
        R = np.clip(((X0.T * w) @ O0 - total * np.outer(m[:p], m[p:])) / np.outer(sd[:p], sd[p:]), -1.0, 1.0)
        R[constant[:p], :] = np.nan
        R[:, constant[p:]] = np.nan
        R[zero[:p], :] = 0.0
        R[:, zero[p:]] = 0.0
        return float(R[rows, np.argmax(R, axis=1)].sum())
    return score


def _cca_weighted(X: np.ndarray, O: np.ndarray):
    """``f(w)``: QVEC-CCA of a resample given as multiplicities, from the weighted Gram matrix of the
    row-normalised words: one n x (p+q)^2 product instead of two pivoted QRs (about five times faster).

    Forming a Gram squares the condition number, so the numerical rank is taken on it with the rule of
    ``numpy.linalg.matrix_rank`` for a symmetric matrix (eigenvalue > largest * max(n, p) * eps); features
    that no drawn word has are zero columns there and drop out by that rule."""
    Xn, On = _normalize_rows(X), _normalize_rows(O[:, O.any(axis=0)])
    Z = np.hstack([Xn, On])
    Z -= Z.mean(axis=0)
    n, p = Z.shape[0], Xn.shape[1]
    eps = np.finfo(np.float64).eps

    def whitener(S):
        lam, V = np.linalg.eigh(S)
        keep = lam > lam[-1] * max(n, S.shape[0]) * eps if lam[-1] > 0 else np.zeros(lam.size, bool)
        return V[:, keep] / np.sqrt(lam[keep])

    def score(w: np.ndarray) -> float:
        if np.count_nonzero(w) < 2:
            return float("nan")
        s = w @ Z
        G = (Z.T * w) @ Z - np.outer(s, s) / w.sum()
        Wx, Wy = whitener(G[:p, :p]), whitener(G[p:, p:])
        d = min(Wx.shape[1], Wy.shape[1])
        if d == 0:
            return float("nan")
        r = np.linalg.svd(Wx.T @ G[:p, p:] @ Wy, compute_uv=False)[:d]
        return float(np.clip(r, 0.0, 1.0).mean())
    return score


def _weighted(X: np.ndarray, O: np.ndarray, measure: str):
    if measure == "qvec":
        return _qvec_weighted(X, O)
    if measure == "qvec-cca":
        return _cca_weighted(X, O)
    raise ConfigError(f"measure must be one of {', '.join(MEASURES)}, got {measure!r}")


def score_weighted(columns: Mapping[str, Sequence], counts: np.ndarray, measure: str = "qvec") -> np.ndarray:
    """The score of every resample given as multiplicities: ``counts`` is ``(n_resamples, n)``, row b says
    how often each word was drawn (the form of ``wordeval.stats.item_scores.score_weighted``). Equal to
    :func:`score_from_items` on the resampled rows up to float rounding (QVEC-CCA: of a Gram matrix)."""
    X, O = _matrices_from_items(columns)
    f = _weighted(X, O, measure)
    # the scorer's single-threaded BLAS here too: OpenBLAS splits a vector-matrix product (w @ Z) over its
    # long sum by thread, so a comparison's resampled QVEC-CCA moved in its last bit with the thread count
    with single_threaded_blas():
        return np.array([f(np.asarray(w, dtype=np.float64)) for w in np.atleast_2d(counts)])


