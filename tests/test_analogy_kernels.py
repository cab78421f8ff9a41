"""Pruned 3CosAdd kernel: pair grouping is lossless and tile pruning returns exactly what the full scan does."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from wordeval.intrinsic import analogy_kernels as K

pytest.importorskip("numba")


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


def _unpruned(vectors, n_candidates, Q, qa, qb, qc, exclude, chunk_rows):
    # the previous kernel (full scan of every candidate), kept as the oracle for the pruned one
    best = np.full(len(qa), -np.inf)
    bidx = np.full(len(qa), -1, dtype=np.int64)
    for start in range(0, n_candidates, chunk_rows):
        ST = np.ascontiguousarray(Q @ K.unit_chunk(vectors, start, min(start + chunk_rows, n_candidates)).T)
        K._numba_combine(ST, qa, qb, qc, np.zeros(len(qa)), exclude, start, 0, 1e-3, best, bidx)
    return bidx


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


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("tile", [1, 3, 32, 1000])
@pytest.mark.parametrize("chunk_rows", [7, 64, 4096])
def test_pruned_equals_full_scan_and_reference(seed, tile, chunk_rows):
    vectors, query_rows, qa, qb, qc, exclude = _case(seed)
    Q = K.unit_chunk(vectors[query_rows], 0, len(query_rows))
    got = K._solve_3cosadd_pruned(vectors, len(vectors) - 11, Q, qa, qb, qc, exclude, chunk_rows, tile=tile)
    full = _unpruned(vectors, len(vectors) - 11, Q, qa, qb, qc, exclude, chunk_rows)
    np.testing.assert_array_equal(got, full)
    ref = K.solve_reference(vectors, len(vectors) - 11, query_rows[qa], query_rows[qb], query_rows[qc], exclude,
                            method="3cosadd")
    np.testing.assert_array_equal(got, ref)


@pytest.mark.parametrize("seed", range(3))
def test_pruned_skips_nan_rows_like_full_scan(seed):
    # NaN scores never win in either kernel; a NaN inside a tile must not hide the tile's real maximum
    vectors, query_rows, qa, qb, qc, exclude = _case(seed, nan_rows=40)
    query_rows = np.array([r for r in query_rows if not np.isnan(vectors[r]).any()])
    qa, qb, qc = (x % len(query_rows) for x in (qa, qb, qc))
    Q = K.unit_chunk(vectors[query_rows], 0, len(query_rows))
    got = K._solve_3cosadd_pruned(vectors, len(vectors), Q, qa, qb, qc, exclude, 50, tile=8)
    np.testing.assert_array_equal(got, _unpruned(vectors, len(vectors), Q, qa, qb, qc, exclude, 50))
    assert (got >= 0).all() and not np.isnan(vectors[got]).any()


def test_all_candidates_excluded_gives_minus_one():
    vectors = np.eye(4, dtype=np.float32)
    qa, qb, qc = np.array([0]), np.array([1]), np.array([2])
    Q = K.unit_chunk(vectors[:3], 0, 3)
    exclude = np.array([[0, 1, 2, 3]])
    assert K._solve_3cosadd_pruned(vectors, 4, Q, qa, qb, qc, exclude, 2, tile=1).tolist() == [-1]
    # hand-computed x·b - x·a + x·c: row 0 -> -1, row 1 -> 1, row 2 (excluded) -> 1, row 3 -> 0
    exclude = np.array([[2, -1, -1, -1]])
    assert K._solve_3cosadd_pruned(vectors, 4, Q, qa, qb, qc, exclude, 3, tile=2).tolist() == [1]


def test_no_questions():
    vectors = np.eye(4, dtype=np.float32)
    empty = np.zeros(0, dtype=np.int64)
    got = K._solve_3cosadd_pruned(vectors, 4, K.unit_chunk(vectors, 0, 2), empty, empty, empty,
                                  np.zeros((0, 3), dtype=np.int64), 2)
    assert got.shape == (0,)
