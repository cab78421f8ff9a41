"""Fused combine-and-argmax loops for the batched analogy path (compiled by numba on first use).

Kept apart so that importing the analogy module does not import numba; compiled functions are cached on disk.
No kernel here is ``parallel=True``: they release the GIL and the caller runs them in Python threads over
blocks of questions or candidates. Numba's own thread pool (its OpenMP layer) raises the process's OpenMP
nesting limit to 255 when it starts, and from then on every MKL GEMM that torch runs inside its own parallel
loops (MiniLM's attention) opened a nested team and created threads on each call: measured on a run of
GloVe and MiniLM on two tasks, 454,266 threads created and 27 of 93 CPU-seconds in the kernel.
Each call scans one chunk of candidates: ``ST`` holds, for every distinct query word (row), its cosine with
each candidate of the chunk (column). Per question the running best value/row is updated in place; ties keep
the earlier (lower) row because only a strictly greater score replaces the best.

Methods: 0 = 3CosAdd, 1 = 3CosMul, 2 = PairDirection. The score of each method is written once, in
``_score``, and used by both the full scan and the pruned scan, so the two cannot drift apart.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit

from wordeval.numba_cache import cached_njit

IDENTICAL_EPS = 1e-6  # PairDirection: |x - c|^2 at or below this means x is c (see analogy_kernels)
# Bounds of 3CosMul and PairDirection are evaluated in another rounding order than the scores they bound
# (products instead of quotients): within a factor 1 + 6u (u = 2^-53) of them; 1e-14 (~90 u) covers that.
SLACK_DOWN = 1.0 - 1e-14
TINY = 1e-300  # floor of 3CosMul's c term: keeps inf * term = inf for tiles that cannot be bounded


@njit(inline="always")
def _excluded(excl, q, row):
    for k in range(excl.shape[1]):
        if excl[q, k] == row:
            return True
    return False


@njit(inline="always")
def _score(method, xa, xb, xc, k, eps):
    """One candidate's score from its cosines with a, b, c (float32); -inf where it can never be chosen."""
    if method == 0:  # 3CosAdd: x.b - x.a + x.c on unit vectors, in float32 as the BLAS cosines are
        return np.float64(xb - xa + xc)
    if method == 1:  # 3CosMul with cosines shifted to [0, 1] (Levy & Goldberg 2014)
        return ((xb + 1.0) * 0.5) * ((xc + 1.0) * 0.5) / ((xa + 1.0) * 0.5 + eps)
    # PairDirection: cos(x - c, b - a) up to the positive factor 1/|b - a|; k = c.b - c.a
    d2 = 2.0 - 2.0 * xc
    if d2 <= IDENTICAL_EPS:  # x is c (or a copy of it): x - c has no direction
        return -np.inf
    return (xb - xa - k) / math.sqrt(d2)


@cached_njit(nogil=True)
def combine_chunk(ST, qa, qb, qc, kq, excl, start, method, eps, best, bidx):
    """Full scan of one chunk for every question given (the oracle of the pruned kernel, and its fallback);
    the caller passes one block of questions per thread."""
    nq = qa.shape[0]
    C = ST.shape[1]
    for q in range(nq):
        ra = ST[qa[q]]
        rb = ST[qb[q]]
        rc = ST[qc[q]]
        k = kq[q]
        bv = best[q]
        bi = bidx[q]
        for j in range(C):
            v = _score(method, ra[j], rb[j], rc[j], k, eps)
            if v > bv and not _excluded(excl, q, start + j):
                bv = v
                bi = start + j
        best[q] = bv
        bidx[q] = bi


@njit(inline="always")
def _c_term(method, m):
    """The c part of the tile bound, from the tile's maximum ``m`` of x.c (see ``_passes``)."""
    if method == 0:
        return m
    if method == 1:  # the largest shifted cosine (m + 1) / 2, floored at TINY so that inf * it stays inf
        pc = (m + 1.0) * 0.5
        return pc if pc > TINY else TINY
    d2 = 2.0 - 2.0 * m  # PairDirection: 1 / sqrt of the smallest |x - c|^2 a scanned candidate can have
    if not d2 > IDENTICAL_EPS:
        d2 = IDENTICAL_EPS
    return 1.0 / math.sqrt(d2)


@njit(inline="always")
def _level_max(src, dst, size):
    """dst[s] = max of src over blocks of ``size`` (the next level of the bound hierarchy). NaNs are skipped
    (only a strictly greater value replaces the running maximum); written as selects over whole blocks, not
    branches, so the compiler vectorises it (1.6x faster on GloVe x MSR's pair maxima)."""
    n = src.shape[0]
    full = n // size
    if size == 8:  # the default hierarchy: a constant block width, which the compiler unrolls and vectorises
        for s in range(full):
            m = -np.inf
            for k in range(8):
                x = src[s * 8 + k]
                m = x if x > m else m
            dst[s] = m
    else:
        for s in range(full):
            m = -np.inf
            for k in range(s * size, (s + 1) * size):
                x = src[k]
                m = x if x > m else m
            dst[s] = m
    if full < dst.shape[0]:
        m = -np.inf
        for k in range(full * size, n):
            x = src[k]
            m = x if x > m else m
        dst[full] = m


@njit(inline="always")
def _tile_c_terms(method, row, tile, w1):
    """w1[t] = ``_c_term`` of the maximum of ``row`` over column tile t (NaNs skipped; -inf for all-NaN).
    For the default width 8 the tile width is a constant and the maximum a select, which the compiler
    vectorises (3x faster than the general loop, measured on GloVe x MSR: 797 rows x 400,000 columns)."""
    C = row.shape[0]
    T = w1.shape[0]
    full = C // tile if tile == 8 else 0
    for t in range(full):
        m = np.float32(-np.inf)
        for k in range(8):
            x = row[t * 8 + k]
            m = x if x > m else m
        w1[t] = _c_term(method, np.float64(m))
    for t in range(full, T):
        m = np.float32(-np.inf)
        for j in range(t * tile, min((t + 1) * tile, C)):
            x = row[j]
            m = x if x > m else m
        w1[t] = _c_term(method, np.float64(m))


def bound_dtype(method: int):
    """dtype of the tile bounds: float32 for 3CosAdd, whose bounds are float32 maxima and sums (half the
    memory: its pruned scan 233 -> 213 ms on one thread on GloVe x MSR), float64 for the others."""
    return np.float32 if method == 0 else np.float64


def row_tile_terms(ST, rows, tile, group, sgroup, method):
    """For each of ``rows`` (the words asked as c; other rows are left unset), three levels of ``_c_term``
    of the maximum of x.c: over column tiles of width ``tile``, over groups of ``group`` tiles and over
    super-groups of ``sgroup`` groups. NaNs are ignored (only a strictly greater value replaces the running
    maximum); a tile of NaNs has maximum -inf. ``_c_term`` is monotone, so a group's term is the maximum of
    its tiles' terms.
    """
    C = ST.shape[1]
    T = (C + tile - 1) // tile
    G = (T + group - 1) // group
    S = (G + sgroup - 1) // sgroup
    dtype = bound_dtype(method)
    W = [np.empty((ST.shape[0], width), dtype=dtype) for width in (T, G, S)]
    _fill_tile_terms(ST, np.asarray(rows, dtype=np.int64), tile, group, sgroup, method, *W)
    return tuple(W)


@cached_njit(nogil=True)
def _fill_tile_terms(ST, rows, tile, group, sgroup, method, W1, W2, W3):
    for r in rows:
        if method == 0 and tile == 8:
            _tile_max8_f32(ST[r], W1[r])
        else:
            _tile_c_terms(method, ST[r], tile, W1[r])
        _level_max(W1[r], W2[r], group)
        _level_max(W2[r], W3[r], sgroup)


@njit(inline="always")
def _tile_max8_f32(row, w1):
    """3CosAdd's tile terms: ``_tile_c_terms`` for width 8, whose c term is the float32 maximum itself, kept
    in float32 (no round trip through float64, exact either way): row_tile_terms 0.40 -> 0.35 ms a part of
    GloVe x MSR (797 rows x 2,040 columns, one thread, Intel Xeon AVX-512)."""
    C = row.shape[0]
    full = C // 8
    for t in range(full):
        m = np.float32(-np.inf)
        for k in range(8):
            x = row[t * 8 + k]
            m = x if x > m else m
        w1[t] = m
    for t in range(full, w1.shape[0]):
        m = np.float32(-np.inf)
        for j in range(t * 8, C):
            x = row[j]
            m = x if x > m else m
        w1[t] = m


@njit(inline="always")
def _pair_part(method, xa, xb, eps):
    """The (a, b) part of the score that the tile bound maximises over a tile (see ``_passes``)."""
    if method == 1:
        pb = (xb + 1.0) * 0.5
        den = (xa + 1.0) * 0.5 + eps
        if pb < 0.0 or not den > 0.0:  # a cosine rounded below -1: no monotone bound, scan the tile
            return np.inf
        return pb / den
    return np.float64(xb - xa)  # the float32 difference, exactly as the score's first operation


@njit(inline="always")
def _threshold(method, bv):
    # 3CosMul, PairDirection: a bound at or below thr = bv (1 - 1e-14) proves every score <= bv (see _passes);
    # with bv <= 0 nothing is skipped on these methods (their bounds are floored at 0).
    if method == 0:  # float32 x > bv exactly when x > the largest float32 at or below bv: compared in float32
        t = np.float32(bv)
        if np.float64(t) > bv:
            t = np.float32(np.nextafter(t, np.float32(-np.inf)))
        return np.float64(t)
    if bv > 0.0:
        return bv * SLACK_DOWN
    return -np.inf


@njit(inline="always")
def _passes(method, g, w, k, bv, thr):
    """Whether a tile (or group) may hold a score above the running best ``bv``; False proves it cannot.

    ``g``: the tile's maximum of ``_pair_part``; ``w``: its ``_c_term``. Every score is a chain of correctly
    rounded operations, each monotone in the inputs that the bound replaces by their tile maximum, so:
    - 3CosAdd: fl32(fl32(b - a) + c) <= fl32(g + m), compared in float32 with ``thr``, the largest float32 at
      or below bv: for a float32 x, x > thr exactly when x > bv, the scan's comparison.
    - 3CosMul: p_b p_c / den with p_b >= 0, den > 0 (else g = inf) is at most (p_b / den) * max(p_c, 0);
      evaluated as fl(g * w) it differs from the scan's rounding order by at most a factor 1 + 6u
      (u = 2^-53), which ``thr`` absorbs; a negative p_c gives a score <= 0.
    - PairDirection: (fl32(b - a) - k) / sqrt(d2) over scanned candidates (d2 > IDENTICAL_EPS and
      d2 >= 2 - 2m): a positive numerator is largest over the smallest such d2; fl(max(g - k, 0) * w) is
      within 1 + 6u of that, and a non-positive numerator gives a score <= 0.
    """
    if method == 0:
        return np.float32(g) + np.float32(w) > np.float32(thr)
    if method == 1:
        return g * w > thr
    num = g - k
    if not num > 0.0:
        num = 0.0
    return num * w > thr


@cached_njit(nogil=True)
def _pair_max8(method, ra, rb, eps, g1):
    """``_pair_part`` maximised over tiles of 8 columns (NaNs skipped): the same values as the general loop
    in ``combine_pairs_pruned``, but with the tile width a constant and the maximum a select the compiler
    vectorises it (2.4x faster for 3CosAdd, 2.7x for 3CosMul, measured). This pass over every column runs
    once per (a, b) pair (MSR: 1,398 pairs for 7,000 questions).
    """
    C = ra.shape[0]
    full = C // 8
    if method == 0:  # 3CosAdd's pair part is a float32 difference: its maximum in float32 (1.4x, measured)
        for t in range(full):
            m32 = np.float32(-np.inf)
            for k in range(8):
                x32 = rb[t * 8 + k] - ra[t * 8 + k]
                m32 = x32 if x32 > m32 else m32
            g1[t] = m32
    else:
        for t in range(full):
            m = -np.inf
            for k in range(8):
                x = _pair_part(method, ra[t * 8 + k], rb[t * 8 + k], eps)
                m = x if x > m else m
            g1[t] = m
    for t in range(full, g1.shape[0]):
        m = -np.inf
        for j in range(t * 8, C):
            x = _pair_part(method, ra[j], rb[j], eps)
            m = x if x > m else m
        g1[t] = m


# trailing zeros of a byte (0 for 0, never asked): ``_ctz`` walks a bit mask of blocks by table lookups
_CTZ8 = np.array([0] + [(i & -i).bit_length() - 1 for i in range(1, 256)], dtype=np.int64)
MASK_BITS = 62  # widest level a mask covers: groups of at most this many tiles, super-groups of as many groups


@njit(inline="always")
def _ctz(m):
    """Index of the lowest set bit of ``m`` (> 0)."""
    if m & 255:
        return _CTZ8[m & 255]
    n = 8
    m >>= 8
    while (m & 255) == 0:
        m >>= 8
        n += 8
    return n + _CTZ8[m & 255]


@njit(inline="always")
def _pass_mask(method, g, w, lo, width, n, k, bv, thr):
    """Bit i set where block lo + i (of lo .. min(lo + width, n)) ``_passes``: the blocks of one level under
    a block that passed, checked without a branch per block, which the compiler turns into vector compares
    (spaCy x MSR: 12 % of the tiles checked pass, at no pattern a branch per tile could predict)."""
    m = 0
    if method == 0:  # _passes written out (float32 maxima, a float32 threshold): called, it was not vectorised
        t32 = np.float32(thr)
        if width == 8 and lo + 8 <= n:
            for i in range(8):
                m |= (1 if g[lo + i] + w[lo + i] > t32 else 0) << i
        else:
            for i in range(min(width, n - lo)):
                m |= (1 if g[lo + i] + w[lo + i] > t32 else 0) << i
    elif width == 8 and lo + 8 <= n:  # the default widths: a constant trip count, unrolled and vectorised
        for i in range(8):
            m |= (1 if _passes(method, g[lo + i], w[lo + i], k, bv, thr) else 0) << i
    else:
        for i in range(min(width, n - lo)):
            m |= (1 if _passes(method, g[lo + i], w[lo + i], k, bv, thr) else 0) << i
    return m


def combine_pairs_pruned(ST, W1, W2, W3, pa, pb, pstart, qc, kq, excl, start, tile, group, sgroup, method, eps,
                         best, bidx, scanned):
    """``_combine_pairs_pruned`` compiled for ``method`` alone: with the method a constant, its branches fold
    away and the compiler vectorises the masks and tile maxima. Measured on one thread (AMD Zen 3, AVX2),
    against the loop with a branch per block: 3CosAdd's scan 16 -> 13 ms on spaCy x MSR, 94 -> 75 ms on 30
    parts of GloVe x MSR; 3CosMul and PairDirection within the noise. With the method a run-time value the
    masks were not vectorised and the scan was slower than before."""
    _PRUNED_BY_METHOD[method](ST, W1, W2, W3, pa, pb, pstart, qc, kq, excl, start, tile, group, sgroup, eps,
                              best, bidx, scanned)


@njit(inline="always")
def _combine_pairs_pruned(ST, W1, W2, W3, pa, pb, pstart, qc, kq, excl, start, tile, group, sgroup, method, eps,
                          best, bidx, scanned):
    """One chunk with exact tile pruning; the same result as ``combine_chunk`` for every method.

    Questions are sorted by (a, b) pair and one pair's questions (``pstart[p]:pstart[p + 1]``) run together:
    the pair part of the score (``_pair_part``) is maximised once per tile, group and super-group, and the
    pair's rows stay in cache. A super-group, group or tile that ``_passes`` rules out is skipped: only a
    strictly greater score replaces the best, so skipping changes nothing, ties and exclusions included. NaN
    scores never win, and the maxima skip NaNs, so the bound holds for every other candidate.
    The groups of a super-group (tiles of a group) are checked all at once into a bit mask, against the best
    when the mask is made; each set bit is checked again against the best as it is then, which only prunes
    more. A tile's scores are computed whole and its maximum compared first: most scanned tiles hold nothing
    better, and only a tile that does is walked score by score, with exclusions (``group`` and ``sgroup`` at
    most ``MASK_BITS``). ``scanned[p]`` counts the tiles scanned for pair ``p`` (how much pruning did).
    """
    C = ST.shape[1]
    T = W1.shape[1]
    G = W2.shape[1]
    S = W3.shape[1]
    g1 = np.empty(T, dtype=W1.dtype)  # the pair part's maxima: the same precision as the c terms
    g2 = np.empty(G, dtype=W1.dtype)
    g3 = np.empty(S, dtype=W1.dtype)
    for p in range(pa.shape[0]):
        ra = ST[pa[p]]
        rb = ST[pb[p]]
        if tile == 8:
            _pair_max8(method, ra, rb, eps, g1)
        else:
            for t in range(T):
                m = -np.inf
                for j in range(t * tile, min((t + 1) * tile, C)):
                    x = _pair_part(method, ra[j], rb[j], eps)
                    if x > m:
                        m = x
                g1[t] = m
        _level_max(g1, g2, group)
        _level_max(g2, g3, sgroup)
        n_scanned = 0
        for q in range(pstart[p], pstart[p + 1]):
            c = qc[q]
            rc = ST[c]
            w1 = W1[c]
            w2 = W2[c]
            w3 = W3[c]
            k = kq[q]
            bv = best[q]
            bi = bidx[q]
            thr = _threshold(method, bv)
            for s3 in range(S):
                if not _passes(method, g3[s3], w3[s3], k, bv, thr):
                    continue
                lo2 = s3 * sgroup
                m2 = _pass_mask(method, g2, w2, lo2, sgroup, G, k, bv, thr)
                while m2:
                    s2 = lo2 + _ctz(m2)
                    m2 &= m2 - 1
                    if not _passes(method, g2[s2], w2[s2], k, bv, thr):
                        continue
                    lo1 = s2 * group
                    m1 = _pass_mask(method, g1, w1, lo1, group, T, k, bv, thr)
                    while m1:
                        t = lo1 + _ctz(m1)
                        m1 &= m1 - 1
                        if not _passes(method, g1[t], w1[t], k, bv, thr):
                            continue
                        n_scanned += 1
                        j0 = t * tile
                        nj = min(tile, C - j0)
                        if method == 0:  # the tile's best score in float32, as the scan computes it
                            top32 = np.float32(-np.inf)
                            if nj == 8:  # the default tile: a constant trip count, vectorised
                                for j in range(j0, j0 + 8):
                                    v32 = (rb[j] - ra[j]) + rc[j]
                                    top32 = v32 if v32 > top32 else top32
                            else:
                                for j in range(j0, j0 + nj):
                                    v32 = (rb[j] - ra[j]) + rc[j]
                                    top32 = v32 if v32 > top32 else top32
                            if not top32 > np.float32(thr):
                                continue
                        elif method == 1:  # the same in float64 (PairDirection's square roots: no gain)
                            top = -np.inf
                            for j in range(j0, j0 + nj):
                                v = _score(method, ra[j], rb[j], rc[j], k, eps)
                                top = v if v > top else top
                            if not top > bv:
                                continue
                        for j in range(j0, j0 + nj):
                            v = _score(method, ra[j], rb[j], rc[j], k, eps)
                            if v > bv and not _excluded(excl, q, start + j):
                                bv = v
                                bi = start + j
                        thr = _threshold(method, bv)
            best[q] = bv
            bidx[q] = bi
        scanned[p] += n_scanned


@cached_njit(nogil=True)
def _pruned_3cosadd(ST, W1, W2, W3, pa, pb, pstart, qc, kq, excl, start, tile, group, sgroup, eps, best, bidx,
                    scanned):
    _combine_pairs_pruned(ST, W1, W2, W3, pa, pb, pstart, qc, kq, excl, start, tile, group, sgroup, 0, eps, best,
                          bidx, scanned)


@cached_njit(nogil=True)
def _pruned_3cosmul(ST, W1, W2, W3, pa, pb, pstart, qc, kq, excl, start, tile, group, sgroup, eps, best, bidx,
                    scanned):
    _combine_pairs_pruned(ST, W1, W2, W3, pa, pb, pstart, qc, kq, excl, start, tile, group, sgroup, 1, eps, best,
                          bidx, scanned)


@cached_njit(nogil=True)
def _pruned_pairdirection(ST, W1, W2, W3, pa, pb, pstart, qc, kq, excl, start, tile, group, sgroup, eps, best,
                          bidx, scanned):
    _combine_pairs_pruned(ST, W1, W2, W3, pa, pb, pstart, qc, kq, excl, start, tile, group, sgroup, 2, eps, best,
                          bidx, scanned)


_PRUNED_BY_METHOD = {0: _pruned_3cosadd, 1: _pruned_3cosmul, 2: _pruned_pairdirection}


@cached_njit(nogil=True)
def merge_best(value, index, best, best_index):
    """``analogy_kernels._SharedBest.merge`` in one pass (7 numpy passes over MSR's 7,000 questions took
    ~0.1 ms a part, 20 thread-ms of GloVe x MSR's 196 parts)."""
    for q in range(value.shape[0]):
        i = index[q]
        if i < 0:
            continue
        if best_index[q] < 0 or value[q] > best[q] or (value[q] == best[q] and i < best_index[q]):
            best[q] = value[q]
            best_index[q] = i


@njit(inline="always")
def _max_skipping_nan(v, lanes):
    """max of ``v`` (NaNs skipped, -inf if none): 8 running maxima over blocks of 8 (``lanes``, scratch of 8),
    a constant width the compiler unrolls into vector selects, as in ``_level_max``."""
    n = v.shape[0]
    full = n // 8
    for k in range(8):
        lanes[k] = -np.inf
    for s in range(full):
        for k in range(8):
            x = v[s * 8 + k]
            lanes[k] = x if x > lanes[k] else lanes[k]
    m = -np.inf
    for k in range(8):
        m = lanes[k] if lanes[k] > m else m
    for j in range(full * 8, n):
        m = v[j] if v[j] > m else m
    return m


@cached_njit(nogil=True)
def seed_pairs(SS, column_of, pa, pb, pstart, qc, kq, excl, method, eps, out, p_lo, p_hi):
    """Best score per question over a few seed candidates (``SS``: query words x seeds, cosines; NaN scores
    never count), for the questions of pairs ``p_lo:p_hi`` (one block per thread). ``column_of[row]``: the
    seed column of candidate ``row``, or -1 (rows at or past its length are no seed).

    Only a starting point for the pruned scan (a seed that is not a candidate's exact scan score is harmless:
    see ``analogy_kernels.solve_pruned``). Questions sorted by pair, as in ``combine_pairs_pruned``. Each
    question's scores are written out whole, its excluded seeds set to -inf, and then maximised: loops
    without a branch on the running best, which the compiler vectorises (spaCy x Google's 18,809 questions
    x 477 seeds: 8.8 ms a search with a branch per score).
    """
    n = SS.shape[1]
    add = np.empty(n, dtype=np.float32)  # 3CosAdd: b - a per pair, then + c per question, in float32
    v32 = np.empty(n, dtype=np.float32)
    v = np.empty(n, dtype=np.float64)
    lanes32 = np.empty(8, dtype=np.float32)
    lanes = np.empty(8, dtype=np.float64)
    p_b = np.empty(n, dtype=np.float64)  # 3CosMul: the shifted b cosine and the denominator, per pair
    den = np.empty(n, dtype=np.float64)
    for p in range(p_lo, p_hi):
        ra = SS[pa[p]]
        rb = SS[pb[p]]
        if method == 0:
            for j in range(n):
                add[j] = rb[j] - ra[j]
        elif method == 1:
            for j in range(n):
                p_b[j] = (rb[j] + 1.0) * 0.5
                den[j] = (ra[j] + 1.0) * 0.5 + eps
        for q in range(pstart[p], pstart[p + 1]):
            rc = SS[qc[q]]
            k = kq[q]
            if method == 0:  # fl32(fl32(b - a) + c), as _score computes it; its maximum is exact in float32
                for j in range(n):
                    v32[j] = add[j] + rc[j]
            elif method == 1:  # the operations of _score, in its order
                for j in range(n):
                    v[j] = p_b[j] * ((rc[j] + 1.0) * 0.5) / den[j]
            else:
                for j in range(n):
                    v[j] = _score(method, ra[j], rb[j], rc[j], k, eps)
            for i in range(excl.shape[1]):
                r = excl[q, i]
                if r >= 0 and r < column_of.shape[0] and column_of[r] >= 0:
                    if method == 0:
                        v32[column_of[r]] = -np.inf
                    else:
                        v[column_of[r]] = -np.inf
            if method == 0:
                out[q] = np.float64(_max_skipping_nan(v32, lanes32))
            else:
                out[q] = _max_skipping_nan(v, lanes)


@cached_njit(nogil=True)
def sorted_exclusions(table, at, out):
    """out[q] = the rows of ``table[at[q, 0]]``, ``table[at[q, 1]]``, ... (each -1 padded), ascending and
    without repeats, then -1 padding; returns the widest row's count. Per question an insertion sort of a
    few rows (spaCy x MSR: 7,000 questions of up to 18 rows): numpy's two sorts of the padded rows took
    2.9 ms a search."""
    width = 0
    for q in range(at.shape[0]):
        n = 0
        for i in range(at.shape[1]):
            for k in range(table.shape[1]):
                r = table[at[q, i], k]
                if r < 0:
                    continue
                j = n  # insert r into out[q, :n], ascending, unless it is there already
                while j > 0 and out[q, j - 1] > r:
                    j -= 1
                if j > 0 and out[q, j - 1] == r:
                    continue
                for m in range(n, j, -1):
                    out[q, m] = out[q, m - 1]
                out[q, j] = r
                n += 1
        for m in range(n, out.shape[1]):
            out[q, m] = -1
        width = max(width, n)
    return width


@cached_njit(nogil=True)
def group_exclusions(ex, owner, size, out):
    """``analogy_duplicates.DistinctCandidates.exclusions`` in one pass: out[q, k] = the group of row
    ex[q, k] where question q excludes every row of that group (each row counted once), else -1.

    Per question its distinct rows are listed first, then each row's group counted among them: counting
    over the padded row for each entry took 0.9 ms on spaCy x MSR, where 99.5 % of the excluded rows share
    their vector with another row (case variants)."""
    n = owner.shape[0]
    K = ex.shape[1]
    rows = np.empty(K, dtype=np.int64)  # the question's distinct candidate rows, and their groups
    groups = np.empty(K, dtype=np.int64)
    for q in range(ex.shape[0]):
        nd = 0
        for k in range(K):
            r = ex[q, k]
            if r < 0 or r >= n:
                continue
            seen = False
            for i in range(nd):
                if rows[i] == r:
                    seen = True
                    break
            if not seen:
                rows[nd] = r
                groups[nd] = owner[r]
                nd += 1
        for k in range(K):
            r = ex[q, k]
            out[q, k] = -1
            if r < 0 or r >= n:
                continue
            g = owner[r]
            if size[g] > 1:
                count = 0
                for i in range(nd):
                    count += groups[i] == g
                if count < size[g]:
                    continue
            out[q, k] = g


@cached_njit(nogil=True)
def row_keys(words, mult):
    """Per row, sum of its words times ``mult`` modulo 2^64 (uint64 arithmetic wraps): integer, so equal rows
    get equal keys whatever the order of the sum (``analogy_duplicates.find_distinct``)."""
    out = np.empty(words.shape[0], dtype=np.uint64)
    for i in range(words.shape[0]):
        h = np.uint64(0)
        for j in range(words.shape[1]):
            h += np.uint64(words[i, j]) * mult[j]
        out[i] = h
    return out
