"""Brown clustering (Brown et al. 1992) with Liang's (2005) window algorithm, as in ``wcluster``.

No maintained implementation was usable here: the PyPI ``brown-clustering`` 0.1.6 adds Laplace smoothing
and sentence markers (so it is not the same objective), and sums bigram counts over cluster members in
Python on every step (hours on 3M tokens). This module follows wcluster.cc:

- the text is one token stream (sentences are concatenated, as wcluster reads its input file), so
  bigrams cross sentence ends; words with fewer than ``min_count`` occurrences are not clustered and
  bigrams touching them are dropped; p1(w) = count / T, p2(a, b) = count(a b) / (T - 1), T = all tokens;
- words enter in order of decreasing frequency (ties: first occurrence first). Stage 1 keeps C
  clusters: the C most frequent words start as singletons, every further word becomes cluster C+1 and
  the pair whose merge loses the least average mutual information (AMI) is merged. Stage 2 merges the
  last C clusters down to one;
- the four tables p1, p2, q2 (q2[a, b] = p2 log(p2 / (p1[a] p1[b])), AMI = sum of q2) and L2 (the AMI
  lost by merging a and b) are kept for the C+1 slots and updated in O(C^2) per step with wcluster's
  formulas (``compute_L2``, ``compute_L2_using_old``, the new-phrase update);
- a word's bit string is its path from the root through the stage-2 merges only (0: the child with the
  smaller cluster id, 1: the other; a word's id is its frequency rank, merged clusters get N, N+1, ...),
  so there are exactly C distinct bit strings, one per stage-1 cluster.

Implementation notes (why, not what): in the per-pair update after a merge of s and t into u, the
log(p1[v] + p1[w]) terms of wcluster's six hypothetical q2 values cancel exactly (u's bigrams are the
sums of s's and t's), and the log p1[s], p1[t], p1[u] terms separate into per-row vectors, so only
f(x) = x log x of the summed bigrams remains, and f(a) + f(b) - f(a + b) is 0 unless both are non-zero:
most pairs need no logarithm. The kernels are serial: numba threads (prange) measured 10x slower per
step on this shared 2-core machine (thread wake-ups dominate an O(C^2) step of ~1 ms). Losses are in bits (log2),
like wcluster.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from wordeval.errors import ConfigError
from wordeval.numba_cache import cached_njit

LOG2 = math.log(2.0)


@dataclass
class BrownResult:
    words: list[str]  # clustered words, most frequent first
    counts: np.ndarray  # their counts
    paths: list[str]  # bit string per word
    merges: np.ndarray  # (n_merges, 2) node ids merged, in order (node id < N: a word's frequency rank)
    losses: np.ndarray  # AMI lost by each merge, bits
    n_tokens: int  # T, all tokens of the stream (clustered or not)
    clusters: int  # C actually used (min(C, number of words))
    stage2_start: int  # index in ``merges`` of the first stage-2 merge


# -- statistics ------------------------------------------------------------------------------------
def stream_statistics(sentences: Sequence[Sequence[str]], *, min_count: int):
    """Vocabulary (frequency order, ties by first occurrence), counts, T and the word bigram counts of the
    concatenated token stream as CSR (right neighbours) and its transpose (left neighbours)."""
    import scipy.sparse as sp

    index: dict[str, int] = {}
    ids = np.fromiter((index.setdefault(t, len(index)) for s in sentences for t in s), dtype=np.int64)
    if ids.size < 2:
        raise ConfigError("Brown clustering needs a corpus of at least two tokens")
    counts = np.bincount(ids, minlength=len(index))
    first_seen = list(index)
    order = np.lexsort((np.arange(len(first_seen)), -counts))  # by count desc, then first occurrence
    order = order[counts[order] >= min_count]
    if order.size == 0:
        raise ConfigError(f"Brown clustering: no word occurs at least min_count={min_count} times")
    rank = np.full(len(first_seen), -1, dtype=np.int64)
    rank[order] = np.arange(order.size)
    r = rank[ids]
    a, b = r[:-1], r[1:]
    keep = (a >= 0) & (b >= 0)
    n = order.size
    right = sp.csr_matrix((np.ones(int(keep.sum()), dtype=np.int64), (a[keep], b[keep])), shape=(n, n))
    right.sum_duplicates()
    left = right.T.tocsr()
    left.sum_duplicates()
    words = [first_seen[i] for i in order]
    return words, counts[order].astype(np.int64), int(ids.size), right, left


# -- numba kernels ---------------------------------------------------------------------------------
# State of the n = C + 1 slots: p1, lp1 = log2 p1; p2 (p2[a, b]: a followed by b) and its transpose p2T;
# q2; F = f(p2) and its transpose FT; L2 in the upper triangle (L2[a, b], a < b). The transposes make
# every inner loop read rows (a column walk over 1001 x 1001 float64 tables misses the cache each step).
@cached_njit(inline="always")
def _hq(p, pa, pb):
    if p <= 0.0:
        return 0.0
    return p * math.log(p / (pa * pb)) / LOG2


@cached_njit(inline="always")
def _f(x):
    return x * math.log(x) / LOG2 if x > 0.0 else 0.0


@cached_njit(inline="always")
def _mixed(a, b):
    """f(a) + f(b) - f(a + b): zero unless both are non-zero."""
    if a > 0.0 and b > 0.0:
        return _f(a) + _f(b) - _f(a + b)
    return 0.0


@cached_njit()
def _compute_L2(s, t, active, p1, lp1, p2, p2T, q2, F, FT, rowsum):
    """wcluster's compute_L2: AMI lost by merging slots s and t, from scratch, O(C).

    hq(x, P, p1[u]) = f(x) - x log P - x log p1[u]; f of a sum needs a logarithm only when both parts are
    non-zero (otherwise it is the cached f of one part), and log P is shared by the whole sum."""
    n = p1.shape[0]
    l = rowsum[s] + rowsum[t] - q2[s, s] - q2[t, t] - (q2[s, t] + q2[t, s])
    P = p1[s] + p1[t]
    rs, rt, cs, ct = p2[s], p2[t], p2T[s], p2T[t]
    fs, ft, gs, gt = F[s], F[t], FT[s], FT[t]
    acc_f, acc_x, acc_xl = 0.0, 0.0, 0.0
    for u in range(n):
        if not active[u] or u == s or u == t:
            continue
        a, b, c, d = rs[u], rt[u], cs[u], ct[u]
        acc_f += _f(a + b) if a > 0.0 and b > 0.0 else fs[u] + ft[u]
        acc_f += _f(c + d) if c > 0.0 and d > 0.0 else gs[u] + gt[u]
        x = a + b + c + d
        acc_x += x
        acc_xl += x * lp1[u]
    if acc_x > 0.0:
        l -= acc_f - acc_x * (math.log(P) / LOG2) - acc_xl
    l -= _hq(p2[s, s] + p2[s, t] + p2[t, s] + p2[t, t], P, P)
    return l


@cached_njit()
def _rowsums(active, q2, rowsum):
    n = q2.shape[0]
    rowsum[:] = 0.0
    for s in range(n):
        if not active[s]:
            continue
        acc = 0.0
        for w in range(n):
            if active[w]:
                acc += q2[s, w]
                rowsum[w] += q2[s, w]
        rowsum[s] += acc


@cached_njit()
def _row_L2(s, active, p1, lp1, p2, p2T, q2, F, FT, L2, rowsum):
    n = p1.shape[0]
    for t in range(n):
        if active[t] and t != s:
            v = _compute_L2(s, t, active, p1, lp1, p2, p2T, q2, F, FT, rowsum)
            if s < t:
                L2[s, t] = v
            else:
                L2[t, s] = v


@cached_njit()
def _set_row(s, active, p1, lp1, p2, p2T, q2, F, FT):
    """q2, F, FT and the transpose for slot s's row and column, from p2 and p1."""
    n = p1.shape[0]
    lp1[s] = math.log(p1[s]) / LOG2
    for t in range(n):
        p2T[t, s] = p2[s, t]
        p2T[s, t] = p2[t, s]
        if active[t]:
            q2[s, t] = _hq(p2[s, t], p1[s], p1[t])
            q2[t, s] = _hq(p2[t, s], p1[t], p1[s])
        else:
            q2[s, t] = 0.0
            q2[t, s] = 0.0
        F[s, t] = _f(p2[s, t])
        F[t, s] = _f(p2[t, s])
        FT[t, s] = F[s, t]
        FT[s, t] = F[t, s]


@cached_njit()
def _clear(s, p2, p2T, q2, F, FT):
    n = p2.shape[0]
    for t in range(n):
        p2[s, t] = p2[t, s] = p2T[s, t] = p2T[t, s] = 0.0
        q2[s, t] = q2[t, s] = F[s, t] = F[t, s] = FT[s, t] = FT[t, s] = 0.0


@cached_njit()
def _new_phrase_update(s, active, p1, p2, p2T, q2, L2):
    """L2[t, u] += bi_q2(t, s) + bi_q2(u, s) - bi_hyp_q2((t, u), s) for the pairs without s."""
    n = p1.shape[0]
    bq = np.zeros(n)
    for t in range(n):
        bq[t] = q2[t, s] + q2[s, t]
    right, left, ps = p2T[s], p2[s], p1[s]  # right[t] = p2[t, s], left[t] = p2[s, t]
    for t in range(n):
        if not active[t] or t == s:
            continue
        rt, lt, pt, row = right[t], left[t], p1[t], L2[t]
        for u in range(t + 1, n):
            if not active[u] or u == s:
                continue
            d = bq[t] + bq[u]
            x, y = rt + right[u], lt + left[u]
            if x > 0.0 or y > 0.0:
                P = pt + p1[u]
                d -= _hq(x, P, ps) + _hq(y, P, ps)
            row[u] += d


@cached_njit()
def _merge_update(u, active, old_r_s, old_l_s, old_r_t, old_l_t, old_bq_s, old_bq_t, p1s, p1t, q2, L2):
    """wcluster's compute_L2_using_old for every pair (v, w) without u, in the cancelled form.

    old_r_s[v] = p2[v, s] (v followed by s), old_l_s[v] = p2[s, v], likewise for t; u = s + t is
    already written into slot u (one of s, t)."""
    n = q2.shape[0]
    p1u = p1s + p1t
    ls, lt, lu = math.log(p1s) / LOG2, math.log(p1t) / LOG2, math.log(p1u) / LOG2
    g = np.zeros(n)
    for v in range(n):
        if active[v] and v != u:
            xs = old_r_s[v] + old_l_s[v]
            xt = old_r_t[v] + old_l_t[v]
            # - bi_q2(v,s) - bi_q2(v,t) + bi_q2(v,u), and the separable log p1 parts of the hyp terms
            g[v] = -old_bq_s[v] - old_bq_t[v] + q2[v, u] + q2[u, v] - xs * ls - xt * lt + (xs + xt) * lu
    for v in range(n):
        if not active[v] or v == u:
            continue
        row = L2[v]
        ars, art, als, alt = old_r_s[v], old_r_t[v], old_l_s[v], old_l_t[v]
        for w in range(v + 1, n):
            if not active[w] or w == u:
                continue
            row[w] += g[v] + g[w] + _mixed(ars + old_r_s[w], art + old_r_t[w]) \
                + _mixed(als + old_l_s[w], alt + old_l_t[w])


@cached_njit()
def _argmin(active, L2):
    n = L2.shape[0]
    best, bs, bt = np.inf, -1, -1
    for s in range(n):
        if not active[s]:
            continue
        row = L2[s]
        for t in range(s + 1, n):
            if active[t] and row[t] < best:
                best, bs, bt = row[t], s, t
    return bs, bt, best


@cached_njit()
def _incorporate(a, s, T, counts, r_ptr, r_idx, r_cnt, l_ptr, l_idx, l_cnt, word_slot,
                 active, p1, lp1, p2, p2T, q2, F, FT, L2, rowsum):
    _clear(s, p2, p2T, q2, F, FT)
    word_slot[a] = s
    active[s] = True
    p1[s] = counts[a] / T
    for k in range(r_ptr[a], r_ptr[a + 1]):
        b = word_slot[r_idx[k]]
        if b >= 0:
            p2[s, b] += r_cnt[k] / (T - 1)
    for k in range(l_ptr[a], l_ptr[a + 1]):
        if l_idx[k] == a:
            continue  # the (a, a) bigram was counted among the right neighbours
        b = word_slot[l_idx[k]]
        if b >= 0:
            p2[b, s] += l_cnt[k] / (T - 1)
    _set_row(s, active, p1, lp1, p2, p2T, q2, F, FT)
    _new_phrase_update(s, active, p1, p2, p2T, q2, L2)
    _rowsums(active, q2, rowsum)
    _row_L2(s, active, p1, lp1, p2, p2T, q2, F, FT, L2, rowsum)


@cached_njit()
def _merge(s, t, active, p1, lp1, p2, p2T, q2, F, FT, L2, rowsum, word_slot, head, nxt, size):
    """Merge slot t into slot s (s keeps the cluster), with wcluster's L2 updates."""
    old_r_s, old_l_s = p2T[s].copy(), p2[s].copy()
    old_r_t, old_l_t = p2T[t].copy(), p2[t].copy()
    old_bq_s = q2[:, s] + q2[s, :]
    old_bq_t = q2[:, t] + q2[t, :]
    p1s, p1t = p1[s], p1[t]
    pss = p2[s, s] + p2[s, t] + p2[t, s] + p2[t, t]
    p2[s] += p2[t]
    p2[:, s] += p2[:, t]
    p2[s, s] = pss
    p1[s] = p1s + p1t
    active[t] = False
    _clear(t, p2, p2T, q2, F, FT)
    _set_row(s, active, p1, lp1, p2, p2T, q2, F, FT)
    _merge_update(s, active, old_r_s, old_l_s, old_r_t, old_l_t, old_bq_s, old_bq_t, p1s, p1t, q2, L2)
    _rowsums(active, q2, rowsum)
    _row_L2(s, active, p1, lp1, p2, p2T, q2, F, FT, L2, rowsum)
    # relabel t's words (linked lists; t's list is appended to s's)
    w = head[t]
    last = -1
    while w >= 0:
        word_slot[w] = s
        last = w
        w = nxt[w]
    if last >= 0:
        nxt[last] = head[s]
        head[s] = head[t]
    head[t] = -1
    size[s] += size[t]
    size[t] = 0


def brown_clusters(sentences: Sequence[Sequence[str]], *, clusters: int = 1000, min_count: int = 1,
                   progress: Callable[[int, int], None] | None = None) -> BrownResult:
    """Cluster the words of ``sentences`` (see the module docstring). ``progress(done, total)`` is called
    every few hundred steps."""
    if clusters < 1:
        raise ConfigError(f"clusters={clusters}: expected at least 1")
    words, counts, T, right, left = stream_statistics(sentences, min_count=min_count)
    N = len(words)
    C = min(clusters, N)
    n = C + 1  # C clusters plus the slot of the word being added
    p1 = np.zeros(n)
    p2 = np.zeros((n, n))
    q2 = np.zeros((n, n))
    p2T = np.zeros((n, n))
    F = np.zeros((n, n))
    FT = np.zeros((n, n))
    lp1 = np.zeros(n)
    L2 = np.zeros((n, n))
    rowsum = np.zeros(n)
    active = np.zeros(n, dtype=np.bool_)
    word_slot = np.full(N, -1, dtype=np.int64)
    head = np.full(n, -1, dtype=np.int64)
    nxt = np.full(N, -1, dtype=np.int64)
    size = np.zeros(n, dtype=np.int64)
    node = np.full(n, -1, dtype=np.int64)  # tree node id of the cluster in each slot
    r = (right.indptr.astype(np.int64), right.indices.astype(np.int64), right.data.astype(np.float64))
    lft = (left.indptr.astype(np.int64), left.indices.astype(np.int64), left.data.astype(np.float64))
    cnt = counts.astype(np.float64)
    Tf = float(T)

    def place(a: int, s: int) -> None:
        head[s], size[s], node[s] = a, 1, a

    # initial clusters: the C most frequent words, tables filled by the new-phrase routine (same values
    # as wcluster's create_initial_clusters + compute_L2, computed incrementally)
    for a in range(C):
        place(a, a)
        _incorporate(a, a, Tf, cnt, *r, *lft, word_slot, active, p1, lp1, p2, p2T, q2, F, FT, L2, rowsum)
    merges, losses = [], []
    next_node = N
    total_steps = (N - C) + (C - 1)

    def merge_best() -> None:
        nonlocal next_node
        s, t, loss = _argmin(active, L2)
        a, b = (node[s], node[t]) if node[s] < node[t] else (node[t], node[s])
        merges.append((a, b))
        losses.append(loss)
        keep, drop = (s, t) if size[s] >= size[t] else (t, s)
        _merge(keep, drop, active, p1, lp1, p2, p2T, q2, F, FT, L2, rowsum, word_slot, head, nxt, size)
        node[keep], node[drop] = next_node, -1
        next_node += 1
        if progress is not None and len(merges) % 200 == 0:
            progress(len(merges), total_steps)

    free = C
    for a in range(C, N):
        place(a, free)
        _incorporate(a, free, Tf, cnt, *r, *lft, word_slot, active, p1, lp1, p2, p2T, q2, F, FT, L2, rowsum)
        merge_best()
        free = int(np.flatnonzero(~active)[0])
    stage2_start = len(merges)
    for _ in range(C - 1):
        merge_best()
    merges_arr = np.asarray(merges, dtype=np.int64).reshape(-1, 2)
    paths = tree_paths(merges_arr, N, stage2_start)
    return BrownResult(words, counts, paths, merges_arr, np.asarray(losses, dtype=np.float64), T, C,
                       stage2_start)


def tree_paths(merges: np.ndarray, n_words: int, stage2_start: int) -> list[str]:
    """Each word's path from the root: one bit per stage-2 merge on the way (0 = first child)."""
    if n_words == 1:
        return [""]
    children = {n_words + k: (int(a), int(b)) for k, (a, b) in enumerate(merges)}
    stage2_offset = n_words + stage2_start
    paths = [""] * n_words
    stack = [(n_words + len(merges) - 1, "")]
    while stack:
        nd, path = stack.pop()
        if nd < n_words:
            paths[nd] = path
            continue
        a, b = children[nd]
        if nd >= stage2_offset:
            stack.append((a, path + "0"))
            stack.append((b, path + "1"))
        else:
            stack.append((a, path))
            stack.append((b, path))
    return paths
