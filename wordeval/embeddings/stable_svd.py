"""A randomized truncated SVD (Halko, Martinsson & Tropp 2011) whose float64 result does not depend on the
number of BLAS or OpenMP threads.

sklearn's ``randomized_svd`` normalises its power iterations with LAPACK's LU or QR and ends with LAPACK's
SVD; OpenBLAS partitions those (getrf, and the gemv/dot reductions under geqrf and gesdd) by thread count,
so 1 and 2 threads gave Q matrices 1e-15 apart and float32 vectors that differed in the last ulp.
``threadpoolctl.threadpool_limits(1)`` inside a process does not give the 1-thread result either.

No BLAS or LAPACK call is left: OpenBLAS 0.3.31 splits even a GEMM over its summed dimension when the
product is small and the sum long: Y^T Y with 1 and 2 threads differed too (and Y R^-1 at k = 310). Sparse
products run in scipy's own single-threaded loops, dense products in ``np.einsum``'s own loops (no
optimize: that would hand them to BLAS), and the small k x k problems (Cholesky, its inverse, the
symmetric eigenproblem) are solved here with numpy element-wise operations:

- each power iteration is orthonormalised by Cholesky-QR (Q = Y R^-1 with R^T R = Y^T Y; twice on the
  last), which spans what sklearn's LU spans: the same subspace iteration, singular values within 1e-14,
- the projected matrix B = Q^T A is diagonalised through B B^T = W S^2 W^T with Jacobi rotations,
  which are accurate to float64 rounding relative to the largest singular value.
"""
from __future__ import annotations

import numpy as np

from wordeval.embeddings.builder_settings import SVD_N_ITER, SVD_N_OVERSAMPLES

_EPS = np.finfo(np.float64).eps


def _cholesky_inverse(gram: np.ndarray) -> np.ndarray:
    """R^-1 for the upper Cholesky factor of ``gram``; a column whose pivot is lost to rounding (a Y of
    lower rank than its columns) is zero, so that direction drops out instead of being blown up."""
    k = gram.shape[0]
    a = gram.copy()
    r = np.zeros_like(a)
    floor = k * _EPS * max(float(np.max(np.diag(gram), initial=0.0)), np.finfo(np.float64).tiny)
    for j in range(k):
        pivot = a[j, j]
        if pivot <= floor:
            a[j, :] = 0.0
            a[:, j] = 0.0
            continue
        row = a[j, j:] / np.sqrt(pivot)
        r[j, j:] = row
        a[j:, j:] -= np.outer(row, row)
    inverse = np.zeros_like(r)
    for i in range(k - 1, -1, -1):  # back substitution, a row at a time, summed without BLAS
        if r[i, i] != 0.0:
            inverse[i] = -np.sum(r[i, i + 1:, None] * inverse[i + 1:], axis=0) / r[i, i]
            inverse[i, i] = 1.0 / r[i, i]
    return inverse


def _dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.einsum("ij,jk->ik", a, b)


def _orthonormal(y: np.ndarray, *, passes: int = 1) -> np.ndarray:
    """Columns spanning ``y``, orthonormal up to eps * cond(y)^2 after one Cholesky-QR pass: enough to
    keep the power iterations in range (sklearn's LU does not even orthogonalise); a second pass makes
    them orthonormal to rounding."""
    for _ in range(passes):
        y = _dot(y, _cholesky_inverse(_dot(y.T, y)))
    return y


def _round_robin(k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The k-1 (k even) rounds of disjoint index pairs that meet every pair once per sweep."""
    players = list(range(k))
    rounds = []
    for _ in range(k - 1):
        half = k // 2
        rounds.append((np.array(players[:half]), np.array(players[half:][::-1])))
        players = [players[0], players[-1], *players[1:-1]]
    return rounds


def symmetric_eigh(matrix: np.ndarray, *, max_sweeps: int = 60) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (descending) and eigenvectors (columns) of a small symmetric matrix, by parallel
    cyclic Jacobi: each round rotates disjoint index pairs at once with element-wise numpy operations."""
    n = matrix.shape[0]
    k = n + n % 2  # a zero row and column pad an odd size; its pairs never rotate
    a = np.zeros((k, k))
    a[:n, :n] = (matrix + matrix.T) / 2
    v = np.eye(k)
    scale = np.sqrt(np.sum(a * a))
    rounds = _round_robin(k) if k > 1 else []
    for _ in range(max_sweeps):
        off = np.sqrt(np.sum((a - np.diag(np.diag(a))) ** 2))  # not a difference of sums: it cancels
        if not off > _EPS * scale:
            break
        for p, q in rounds:
            apq = a[p, q]
            rotate = np.abs(apq) > _EPS * _EPS * scale
            tau = np.where(rotate, (a[q, q] - a[p, p]) / np.where(rotate, 2 * apq, 1.0), 0.0)
            t = np.where(rotate, np.where(tau >= 0, 1.0, -1.0) / (np.abs(tau) + np.sqrt(1 + tau * tau)), 0.0)
            c = 1 / np.sqrt(1 + t * t)
            s = t * c
            ap, aq = a[:, p].copy(), a[:, q].copy()
            a[:, p], a[:, q] = c * ap - s * aq, s * ap + c * aq
            ap, aq = a[p, :].copy(), a[q, :].copy()
            a[p, :], a[q, :] = c[:, None] * ap - s[:, None] * aq, s[:, None] * ap + c[:, None] * aq
            vp, vq = v[:, p].copy(), v[:, q].copy()
            v[:, p], v[:, q] = c * vp - s * vq, s * vp + c * vq
    values = np.diag(a)[:n]
    vectors = v[:n, :n] if n == k else v[:n, :][:, np.arange(k) != n]
    order = np.argsort(-values, kind="stable")
    return values[order], vectors[:, order]


def randomized_svd(matrix, n_components: int, *, n_iter: int = SVD_N_ITER,
                   n_oversamples: int = SVD_N_OVERSAMPLES,
                   seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(U, s, Vt)`` of the ``n_components`` largest singular triplets of a sparse or dense matrix,
    signs not yet fixed. The random test matrix is the one sklearn draws for the same seed."""
    import scipy.sparse as sp

    a = sp.csr_matrix(matrix, dtype=np.float64)  # a dense matrix too: its products would go to BLAS
    at = a.T.tocsr()
    size = min(n_components + n_oversamples, min(a.shape))
    q = np.random.RandomState(seed).normal(size=(a.shape[1], size))
    for _ in range(n_iter):
        q = _orthonormal(at @ _orthonormal(a @ q))
    q = _orthonormal(a @ q, passes=2)
    bt = at @ q  # B^T = A^T Q, (columns x size)
    values, w = symmetric_eigh(_dot(bt.T, bt))  # B B^T = W S^2 W^T
    s = np.sqrt(np.maximum(values, 0.0))
    keep = s[:n_components]
    with np.errstate(divide="ignore", invalid="ignore"):
        vt = np.where(keep[:, None] > 0, _dot(bt, w[:, :n_components]).T / keep[:, None], 0.0)
    return _dot(q, w[:, :n_components]), keep, vt
