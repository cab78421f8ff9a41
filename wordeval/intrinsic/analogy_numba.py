"""Fused combine-and-argmax loops for the batched analogy path (compiled by numba on first use).

Kept apart so that importing the analogy module does not import numba; compiled functions are cached on disk.
Each call scans one chunk of candidates: ``ST`` holds, for every distinct query word (row), its cosine with
each candidate of the chunk (column). Per question the running best value/row is updated in place; ties keep
the earlier (lower) row because only a strictly greater score replaces the best.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit, prange


@njit(inline="always")
def _excluded(excl, q, row):
    for k in range(excl.shape[1]):
        if excl[q, k] == row:
            return True
    return False


@njit(parallel=True, cache=True)
def combine_chunk(ST, qa, qb, qc, kq, excl, start, method, eps, best, bidx):
    nq = qa.shape[0]
    C = ST.shape[1]
    for q in prange(nq):
        ra = ST[qa[q]]
        rb = ST[qb[q]]
        rc = ST[qc[q]]
        bv = best[q]
        bi = bidx[q]
        if method == 0:  # 3CosAdd: x.b - x.a + x.c on unit vectors
            for j in range(C):
                v = np.float64(rb[j] - ra[j] + rc[j])
                if v > bv and not _excluded(excl, q, start + j):
                    bv = v
                    bi = start + j
        elif method == 1:  # 3CosMul with cosines shifted to [0, 1]
            for j in range(C):
                v = ((rb[j] + 1.0) * 0.5) * ((rc[j] + 1.0) * 0.5) / ((ra[j] + 1.0) * 0.5 + eps)
                if v > bv and not _excluded(excl, q, start + j):
                    bv = v
                    bi = start + j
        else:  # PairDirection: cos(x - c, b - a) up to the positive factor 1/|b - a|
            k = kq[q]
            for j in range(C):
                d2 = 2.0 - 2.0 * rc[j]
                if d2 <= 1e-6:  # x is c (or a copy of it): x - c has no direction
                    continue
                v = (rb[j] - ra[j] - k) / math.sqrt(d2)
                if v > bv and not _excluded(excl, q, start + j):
                    bv = v
                    bi = start + j
        best[q] = bv
        bidx[q] = bi
