"""Analogy kernels: pair grouping is lossless; the pruned numba scan returns exactly what the full scan does
(same cosines, so bit-identical); both equal the per-question reference loop modulo exact ties
(``analogy_ties``: rows whose exact scores are within float32 rounding of each other), for every method, on
random vectors full of ties and on GloVe 6B 50d with all 400k candidates.

The module is re-run under other BLAS/numba thread counts by tests/test_analogy_threads.py.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from wordeval.intrinsic import analogy_kernels as K
from wordeval.intrinsic.analogy_ties import assert_same_modulo_ties, compare_answers

pytest.importorskip("numba")

METHODS = list(K.METHODS)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=40))
def test_group_by_pair_is_lossless(pairs):
    qa = np.array([p[0] for p in pairs], dtype=np.int64)
    qb = np.array([p[1] for p in pairs], dtype=np.int64)
    pa, pb, qp, order = K.group_by_pair(qa, qb)
    np.testing.assert_array_equal(pa[qp], qa)
    np.testing.assert_array_equal(pb[qp], qb)
    assert len(set(zip(pa.tolist(), pb.tolist()))) == len(pa) == len(set(pairs))
    assert sorted(order.tolist()) == list(range(len(qa)))
    assert np.all(np.diff(qp[order]) >= 0)  # questions of one pair are adjacent


def _case(seed, *, n=300, dim=6, n_query=25, nq=200, duplicates=True, nan_rows=0):
    rng = np.random.default_rng(seed)
    # small integer coordinates and duplicated rows give many exact score ties (lowest row must win)
    vectors = rng.integers(-2, 3, size=(n, dim)).astype(np.float32)
    if duplicates:
        vectors[rng.choice(n, n // 3)] = vectors[rng.choice(n, n // 3)]
    vectors[rng.choice(n, nan_rows, replace=False)] = np.nan
    query_rows = rng.choice(n, n_query, replace=False)
    qa, qb, qc = (rng.integers(0, n_query, nq) for _ in range(3))
    exclude = np.stack([query_rows[qa], query_rows[qb], query_rows[qc], rng.integers(-1, n, nq)], axis=1)
    return vectors, query_rows, qa, qb, qc, exclude


def _solve(vectors, n_cand, query_rows, qa, qb, qc, exclude, method, chunk_rows, **kw):
    return K.solve_batched(vectors, n_cand, query_rows, qa, qb, qc, exclude, method=method, eps=1e-3,
                           chunk_rows=chunk_rows, **kw)[0]


def _reference(vectors, n_cand, query_rows, qa, qb, qc, exclude, method):
    return K.solve_reference(vectors, n_cand, query_rows[qa], query_rows[qb], query_rows[qc], exclude,
                             method=method, eps=1e-3)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(3))
# (8, 4): the default tile, where 3CosAdd's pair maxima take the vectorised path (partial last tiles too);
# (8, 8, 8): the defaults, whose masks take the constant-width path; (2, 62, 62): masks of MASK_BITS bits
@pytest.mark.parametrize("tile,group,sgroup", [(1, 1, 8), (3, 2, 8), (8, 4, 8), (8, 8, 8), (32, 16, 3),
                                               (1000, 1, 1), (2, 62, 62)])
@pytest.mark.parametrize("chunk_rows", [7, 64, 4096])
def test_pruned_equals_full_scan_and_reference(method, seed, tile, group, sgroup, chunk_rows, monkeypatch):
    vectors, query_rows, qa, qb, qc, exclude = _case(seed)
    n_cand = len(vectors) - 11
    monkeypatch.setattr(K, "PRUNE_TILE", tile)
    monkeypatch.setattr(K, "PRUNE_GROUP", group)
    monkeypatch.setattr(K, "PRUNE_SGROUP", sgroup)
    stats: dict = {}
    got = _solve(vectors, n_cand, query_rows, qa, qb, qc, exclude, method, chunk_rows, backend="numba",
                 stats=stats)
    full = _solve(vectors, n_cand, query_rows, qa, qb, qc, exclude, method, chunk_rows, backend="numba",
                  prune=False)
    np.testing.assert_array_equal(got, full)  # same cosines in both: pruning must change nothing at all
    assert stats["tiles_scanned"] <= stats["tiles_total"]
    ref = _reference(vectors, n_cand, query_rows, qa, qb, qc, exclude, method)
    ties = assert_same_modulo_ties(vectors, query_rows[qa], query_rows[qb], query_rows[qc], got, ref,
                                   method=method)
    # integer vectors: exact ties are common, a few may fall either way on another CPU's BLAS
    assert ties <= len(qa) // 10, f"{ties} near-ties accepted"


@pytest.mark.parametrize("group,sgroup", [(63, 8), (8, 63), (0, 8)])
def test_pruning_levels_wider_than_a_mask_are_refused(group, sgroup, monkeypatch):
    from wordeval.intrinsic.analogy_numba import MASK_BITS

    assert MASK_BITS == 62  # one int64 mask per level, its sign bit never set
    vectors, query_rows, qa, qb, qc, exclude = _case(0)
    monkeypatch.setattr(K, "PRUNE_GROUP", group)
    monkeypatch.setattr(K, "PRUNE_SGROUP", sgroup)
    with pytest.raises(ValueError, match="pruning levels"):
        _solve(vectors, len(vectors), query_rows, qa, qb, qc, exclude, "3cosadd", 64, backend="numba")


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(2))
def test_numpy_backend_equals_reference(method, seed):
    vectors, query_rows, qa, qb, qc, exclude = _case(seed)
    got = _solve(vectors, len(vectors), query_rows, qa, qb, qc, exclude, method, 50, backend="numpy")
    ref = _reference(vectors, len(vectors), query_rows, qa, qb, qc, exclude, method)
    ties = assert_same_modulo_ties(vectors, query_rows[qa], query_rows[qb], query_rows[qc], got, ref,
                                   method=method)
    assert ties <= len(qa) // 10, f"{ties} near-ties accepted"


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(3))
def test_pruned_skips_nan_rows_like_full_scan(method, seed, monkeypatch):
    # NaN scores never win in either kernel; a NaN inside a tile must not hide the tile's real maximum
    vectors, query_rows, qa, qb, qc, exclude = _case(seed, nan_rows=40)
    query_rows = np.array([r for r in query_rows if not np.isnan(vectors[r]).any()])
    qa, qb, qc = (x % len(query_rows) for x in (qa, qb, qc))
    monkeypatch.setattr(K, "PRUNE_TILE", 8)
    monkeypatch.setattr(K, "PRUNE_GROUP", 3)
    got = _solve(vectors, len(vectors), query_rows, qa, qb, qc, exclude, method, 50, backend="numba")
    full = _solve(vectors, len(vectors), query_rows, qa, qb, qc, exclude, method, 50, backend="numba",
                  prune=False)
    np.testing.assert_array_equal(got, full)
    assert (got >= 0).all() and not np.isnan(vectors[got]).any()


@pytest.mark.parametrize("method", METHODS)
def test_seed_above_the_best_is_rescanned(method, monkeypatch):
    # a seed that no candidate reaches (e.g. a query word outside the candidates' rounding) must not lose
    # the answer: the scan finds nothing above it and the question is scanned again from -inf
    vectors, query_rows, qa, qb, qc, exclude = _case(4)
    full = _solve(vectors, len(vectors), query_rows, qa, qb, qc, exclude, method, 64, backend="numba",
                  prune=False)
    monkeypatch.setattr(K, "_seed", lambda *a, **k: np.full(len(qa), 1e30))
    stats: dict = {}
    got = _solve(vectors, len(vectors), query_rows, qa, qb, qc, exclude, method, 64, backend="numba",
                 stats=stats)
    np.testing.assert_array_equal(got, full)
    assert stats["rescanned"] == len(qa)


@pytest.mark.parametrize("method", METHODS)
def test_all_candidates_excluded_gives_minus_one(method):
    vectors = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0.5, 0.5, 0.5, 0.5]], dtype=np.float32)
    qa, qb, qc = np.array([0]), np.array([1]), np.array([2])
    rows = np.arange(3)
    assert _solve(vectors, 4, rows, qa, qb, qc, np.array([[0, 1, 2, 3]]), method, 2,
                  backend="numba").tolist() == [-1]


def test_3cosadd_by_hand():
    vectors = np.eye(4, dtype=np.float32)
    qa, qb, qc = np.array([0]), np.array([1]), np.array([2])
    # hand-computed x·b - x·a + x·c: row 0 -> -1, row 1 -> 1, row 2 (excluded) -> 1, row 3 -> 0
    for backend in ("numba", "numpy"):
        assert _solve(vectors, 4, np.arange(3), qa, qb, qc, np.array([[2, -1, -1, -1]]), "3cosadd", 3,
                      backend=backend).tolist() == [1]


def test_no_questions():
    vectors = np.eye(4, dtype=np.float32)
    empty = np.zeros(0, dtype=np.int64)
    for method in METHODS:
        got = _solve(vectors, 4, np.arange(2), empty, empty, empty, np.zeros((0, 3), dtype=np.int64), method, 2,
                     backend="numba")
        assert got.shape == (0,)


def test_tie_window_accepts_exact_ties_and_rejects_real_differences():
    # rows 1 and 2 are the same vector: either is an answer; row 3 scores clearly lower: never accepted
    vectors = np.array([[1, 0], [0, 1], [0, 1], [-1, 0]], dtype=np.float32)
    a, b, c = [0], [0], [0]
    res = compare_answers(vectors, a, b, c, [2], [1], method="3cosadd")
    assert len(res["ties"]) == 1 and not res["mismatches"]
    res = compare_answers(vectors, a, b, c, [3], [1], method="3cosadd")
    assert len(res["mismatches"]) == 1
    assert compare_answers(vectors, a, b, c, [-1], [1], method="3cosmul")["mismatches"]
    with pytest.raises(AssertionError, match="beyond float32 rounding"):
        assert_same_modulo_ties(vectors, a, b, c, [3], [1], method="3cosmul")
    # PairDirection, a = e1, b = e2, c = -e1: x = e2 scores 0, x = e1 scores -1 (x - c = 2 e1)
    assert compare_answers(vectors, [0], [1], [3], [0], [1], method="pairdirection")["mismatches"]


@pytest.fixture(scope="module")
def glove_case(glove50):
    from wordeval.datasets.parsers_analogy import parse_google
    from gensim.test.utils import datapath

    questions = parse_google(datapath("questions-words.txt"))[0][::800]  # 25 questions, 13 sections
    rows = [[glove50.lower_index.get(w.lower(), -1) for w in (q.a, q.b, q.c)] for q in questions]
    rows = np.array([r for r in rows if min(r) >= 0])
    query_rows, inv = np.unique(rows.T.reshape(-1), return_inverse=True)
    qa, qb, qc = inv.reshape(3, -1)
    return glove50.vectors, query_rows, qa, qb, qc, rows


@pytest.mark.parametrize("method", METHODS)
def test_real_vectors_all_candidates(glove_case, method):
    """GloVe 6B 50d, all 400k candidates: pruned == full scan == numpy == reference loop (modulo ties)."""
    vectors, query_rows, qa, qb, qc, rows = glove_case
    stats: dict = {}
    got = _solve(vectors, len(vectors), query_rows, qa, qb, qc, rows, method, 8192, backend="numba", stats=stats)
    full = _solve(vectors, len(vectors), query_rows, qa, qb, qc, rows, method, 8192, backend="numba", prune=False)
    np.testing.assert_array_equal(got, full)
    assert stats["tiles_scanned"] < stats["tiles_total"] / 5  # pruning does skip most of the work
    ref = _reference(vectors, len(vectors), query_rows, qa, qb, qc, rows, method)
    assert_same_modulo_ties(vectors, *rows.T, got, ref, method=method)
    numpy = _solve(vectors, len(vectors), query_rows, qa, qb, qc, rows, method, 65536, backend="numpy")
    assert_same_modulo_ties(vectors, *rows.T, numpy, ref, method=method)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("n", [1, 7, 8, 9, 64, 1001])
def test_vectorised_pair_maxima_equal_the_general_loop(method, n):
    # the pass over every column per (a, b) pair: the maximum of the pair part over tiles of 8, NaNs skipped
    # (3CosMul: a NaN in a, or a cosine below -1, gives inf, which bounds nothing away)
    pytest.importorskip("numba")
    from wordeval.intrinsic.analogy_numba import _pair_max8

    eps = 1e-3
    rng = np.random.default_rng(n)
    ra, rb = (rng.uniform(-1.02, 1, n).astype(np.float32) for _ in range(2))
    ra[rng.choice(n, max(1, n // 5), replace=False)] = np.nan
    rb[rng.choice(n, max(1, n // 7), replace=False)] = np.nan
    got = np.empty((n + 7) // 8)
    _pair_max8(K.METHODS[method], ra, rb, eps, got)
    if method == "3cosmul":
        pb = (rb.astype(np.float64) + 1.0) * 0.5
        den = (ra.astype(np.float64) + 1.0) * 0.5 + eps
        with np.errstate(invalid="ignore", divide="ignore"):
            part = np.where((pb < 0) | ~(den > 0), np.inf, pb / den)
    else:
        part = (rb - ra).astype(np.float64)
    want = [max((x for x in part[t * 8:(t + 1) * 8] if not np.isnan(x)), default=-np.inf) for t in range(len(got))]
    np.testing.assert_array_equal(got, want)


def _c_term_oracle(method, m):
    """``analogy_numba._c_term`` of one tile maximum, by hand (see its docstring)."""
    if method == "3cosadd":
        return m
    if method == "3cosmul":
        return max((m + 1.0) * 0.5, 1e-300)
    d2 = 2.0 - 2.0 * m
    return 1.0 / np.sqrt(d2 if d2 > 1e-6 else 1e-6)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("tile,group,sgroup", [(8, 8, 8), (8, 3, 2), (3, 2, 5), (1, 4, 4)])
@pytest.mark.parametrize("n", [1, 7, 8, 9, 64, 1001])
def test_row_tile_terms_equal_tile_maxima_by_hand(method, tile, group, sgroup, n):
    # the c part of the bound on three levels, for the rows asked (tile 8: the vectorised path, partial last
    # tiles, groups and super-groups too); NaNs skipped, an all-NaN tile gives the term of -inf
    pytest.importorskip("numba")
    from wordeval.intrinsic.analogy_numba import row_tile_terms

    rng = np.random.default_rng(n + tile)
    ST = rng.uniform(-1.02, 1, (4, n)).astype(np.float32)
    ST[rng.random(ST.shape) < 0.2] = np.nan
    ST[2, :min(n, 8)] = np.nan  # a whole first tile of NaNs
    rows = np.array([0, 2, 3])
    W1, W2, W3 = row_tile_terms(ST, rows, tile, group, sgroup, K.METHODS[method])

    def blocks(xs, size):
        return [max((x for x in xs[s:s + size] if not np.isnan(x)), default=-np.inf) for s in range(0, len(xs), size)]

    for r in rows:
        want1 = [_c_term_oracle(method, float(m)) for m in blocks(ST[r], tile)]
        want2 = blocks(want1, group)
        np.testing.assert_array_equal(W1[r], want1)
        np.testing.assert_array_equal(W2[r], want2)
        np.testing.assert_array_equal(W3[r], blocks(want2, sgroup))


def _seed_by_definition(Q, query_rows, n_cand, qa, qb, qc, kq, exclude, method, eps=1e-3):
    """Per question: the best score over the query words that are finite candidates and not excluded, from
    the same float32 cosines, less the margin of ``K._seed``; -inf where there is none."""
    cols = [j for j in range(len(Q)) if query_rows[j] < n_cand and np.isfinite(Q[j]).all()]
    S = (Q @ Q[cols].T) if cols else np.zeros((len(Q), 0), dtype=np.float32)
    out = np.full(len(qa), -np.inf)
    for i in range(len(qa)):
        xa, xb, xc = S[qa[i]], S[qb[i]], S[qc[i]]
        diff = (xb - xa).astype(np.float64)  # float32, as the scan subtracts its float32 cosines
        if method == "3cosadd":
            v = ((xb - xa) + xc).astype(np.float64)
        else:
            xa, xb, xc = (x.astype(np.float64) for x in (xa, xb, xc))
        if method == "3cosmul":
            v = ((xb + 1.0) * 0.5) * ((xc + 1.0) * 0.5) / ((xa + 1.0) * 0.5 + eps)
        elif method == "pairdirection":
            d2 = 2.0 - 2.0 * xc
            with np.errstate(divide="ignore", invalid="ignore"):
                v = (diff - kq[i]) / np.sqrt(d2)
            v[d2 <= K.IDENTICAL_EPS] = -np.inf
        ok = ~np.isin(query_rows[cols], exclude[i]) & ~np.isnan(v)
        if ok.any():
            out[i] = v[ok].max()
    u = float(np.finfo(np.float32).eps) / 2
    return out - 8 * Q.shape[1] * u * (1 + np.abs(out))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(3))
def test_seed_is_the_best_query_word_by_definition(method, seed):
    # the seed steers only speed (tested above), so a wrong seed would pass every answer test: a seed lower
    # than this definition (an exclusion too many, a query word skipped) only makes the scan slower
    vectors, query_rows, qa, qb, qc, exclude = _case(seed, nan_rows=10)
    query_rows = query_rows.copy()
    query_rows[:3] = query_rows[3:6]  # query words sharing a row (identical vectors, merged candidates)
    n_cand = len(vectors) - 40  # some query words are no candidates
    Q = K.unit_chunk(vectors[query_rows], 0, len(query_rows))
    kq = K._pair_constant(Q, qa, qb, qc, K.METHODS[method])
    pa, pb, qp, order = K.group_by_pair(qa, qb)
    pstart = np.searchsorted(qp[order], np.arange(len(pa) + 1)).astype(np.int64)
    got = K._seed(Q, query_rows, n_cand, pa, pb, pstart, np.ascontiguousarray(qc[order]),
                  np.ascontiguousarray(kq[order]), np.ascontiguousarray(exclude[order]), K.METHODS[method], 1e-3)
    want = _seed_by_definition(Q, query_rows, n_cand, qa[order], qb[order], qc[order], kq[order],
                               exclude[order], method)
    assert np.isfinite(want).sum() > len(qa) // 2
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=0)
