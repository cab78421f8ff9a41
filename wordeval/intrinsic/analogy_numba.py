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


@njit(parallel=True, cache=True)
def row_tile_max(ST, tile):
    """Maximum of each ST row over column tiles of width ``tile`` (NaNs ignored; -inf for a tile of NaNs)."""
    C = ST.shape[1]
    T = (C + tile - 1) // tile
    Smax = np.empty((ST.shape[0], T), dtype=ST.dtype)
    for r in prange(ST.shape[0]):
        row = ST[r]
        for t in range(T):
            m = -np.inf
            for j in range(t * tile, min((t + 1) * tile, C)):
                m = max(m, row[j])
            Smax[r, t] = m
    return Smax


@njit(parallel=True, cache=True)
def combine_pairs_3cosadd_pruned(ST, Smax, pa, pb, pstart, qc, excl, start, tile, best, bidx):
    """3CosAdd over one chunk with exact tile pruning; same result as ``combine_chunk(..., method=0)``.

    One (a, b) pair's questions (``pstart[p]:pstart[p + 1]`` of the pair-sorted arrays) run together, so the
    pair's rows stay in cache. A score is fl32(fl32(b_j - a_j) + c_j); rounding is monotone, so within a tile
    it is at most fl32(max_tile fl32(b - a) + max_tile c). When that bound does not beat the running best, no
    candidate of the tile can replace it (only strictly greater replaces), so skipping the tile changes
    nothing — ties and exclusions included. NaN scores never win, and max() skips NaNs, so the bound holds for
    every other candidate of the tile.
    """
    C = ST.shape[1]
    T = Smax.shape[1]
    for p in prange(pa.shape[0]):
        ra = ST[pa[p]]
        rb = ST[pb[p]]
        dmax = np.empty(T, dtype=ST.dtype)
        for t in range(T):
            m = -np.inf
            for j in range(t * tile, min((t + 1) * tile, C)):
                m = max(m, rb[j] - ra[j])  # the same float32 operation as the scoring loop's first step
            dmax[t] = m
        for q in range(pstart[p], pstart[p + 1]):
            rc = ST[qc[q]]
            sc = Smax[qc[q]]
            bv = best[q]
            bi = bidx[q]
            for t in range(T):
                if not np.float64(dmax[t] + sc[t]) > bv:
                    continue
                for j in range(t * tile, min((t + 1) * tile, C)):
                    v = np.float64(rb[j] - ra[j] + rc[j])
                    if v > bv and not _excluded(excl, q, start + j):
                        bv = v
                        bi = start + j
            best[q] = bv
            bidx[q] = bi
