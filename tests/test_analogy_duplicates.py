"""Candidates sharing one vector, searched once: the grouping against np.unique, the group exclusions
against their definition, and the answers against the search over every row."""
from __future__ import annotations

import numpy as np
import pytest

import wordeval.intrinsic.analogy_duplicates as D
import wordeval.intrinsic.analogy_kernels as K
from wordeval.intrinsic.analogy_ties import assert_same_modulo_ties

METHODS = list(K.METHODS)


def _with_duplicates(seed, n=600, dim=12):
    rng = np.random.default_rng(seed)
    V = rng.integers(-3, 4, (n, dim)).astype(np.float32)
    V[rng.choice(n, n // 2)] = V[rng.choice(n, n // 2)]  # half the rows copies of others
    V[5], V[7] = np.nan, np.nan  # equal NaN rows: one vector bit for bit
    V[9], V[11] = 0.0, -0.0  # equal as numbers, not as bits: kept apart (either way is correct)
    V[11, 0] = -0.0
    return V


def _oracle_groups(V, n):
    """First row of each row's vector, bit for bit, by np.unique over the rows' bytes."""
    b = np.ascontiguousarray(V[:n]).view(np.dtype((np.void, V.dtype.itemsize * V.shape[1]))).ravel()
    _, first, inverse = np.unique(b, return_index=True, return_inverse=True)
    return first[inverse.ravel()]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("n", [600, 450])
@pytest.mark.parametrize("colliding", [False, True])
@pytest.mark.parametrize("compare_rows", [65536, 7])
def test_groups_equal_unique_rows(seed, n, colliding, compare_rows, monkeypatch):
    monkeypatch.setattr(D, "COMPARE_ROWS", compare_rows)  # 7: rows compared bit for bit in many blocks
    if colliding:  # every row under one key: only the bit-for-bit comparison tells vectors apart
        monkeypatch.setattr(D, "hash_weights", lambda n_words: np.zeros(n_words, dtype=np.uint64))
        monkeypatch.setattr(D, "MIN_SAVING", 0.0)
    V = _with_duplicates(seed)
    d = D.find_distinct(V, n)
    first = _oracle_groups(V, n)
    np.testing.assert_array_equal(d.rows[d.owner], first)
    np.testing.assert_array_equal(d.rows, np.unique(first))
    for g in range(len(d.rows)):  # members: the group's rows, ascending
        np.testing.assert_array_equal(d.members[d.start[g]:d.start[g + 1]], np.flatnonzero(first == d.rows[g]))


def test_all_distinct_or_too_few_duplicates_gives_none():
    rng = np.random.default_rng(0)
    V = rng.standard_normal((1000, 8)).astype(np.float32)
    assert D.find_distinct(V, 1000) is None
    V[:50] = V[50:100]  # 5 % of the rows: under MIN_SAVING
    assert D.find_distinct(V, 1000) is None
    V[:200] = V[200:400]
    assert len(D.find_distinct(V, 1000).rows) == 800


def _exclusions_by_definition(d, exclude):
    out = []
    for row in exclude:
        rows = {int(r) for r in row if 0 <= r < d.n}
        groups = {int(d.owner[r]) for r in rows}
        out.append(sorted(g for g in groups if set(d.members[d.start[g]:d.start[g + 1]].tolist()) <= rows))
    return out


@pytest.mark.parametrize("seed", range(3))
def test_group_exclusions_by_definition(seed):
    V = _with_duplicates(seed)
    d = D.find_distinct(V, 500)
    rng = np.random.default_rng(seed)
    # rows of whole groups, parts of groups, repeats, rows past the candidates and padding
    big = [g for g in range(len(d.rows)) if d.start[g + 1] - d.start[g] > 1]
    ex = np.full((300, 9), -1, dtype=np.int64)
    for q in range(300):
        g = big[q % len(big)]
        members = d.members[d.start[g]:d.start[g + 1]]
        chosen = members if q % 3 else members[:-1]
        extra = rng.integers(-1, 600, 9 - len(chosen[:6]))
        ex[q] = np.concatenate([chosen[:6], extra])[:9]
    ex[0, :2] = ex[0, 2]  # a row listed three times counts once
    want = _exclusions_by_definition(d, ex)
    got = d.exclusions(ex)
    assert [sorted(set(r[r >= 0].tolist())) for r in got] == want


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("backend,prune", [("numba", True), ("numba", False), ("numpy", True), ("torch-cpu", True)])
def test_merged_search_answers_as_the_search_over_every_row(method, seed, backend, prune):
    pytest.importorskip(backend.split("-")[0])
    V = _with_duplicates(seed)
    V[5], V[7] = 1.0, 1.0  # no NaN here: NaN rows are never answers on either path
    n = 560
    rng = np.random.default_rng(seed)
    query_rows = np.unique(rng.choice(n, 60))
    qa, qb, qc = (rng.integers(0, len(query_rows), 400) for _ in range(3))
    exclude = np.stack([query_rows[qa], query_rows[qb], query_rows[qc], rng.integers(-1, 600, 400)], axis=1)
    d = D.find_distinct(V, n)
    assert d is not None and len(d.rows) < 0.9 * n
    kw = dict(method=method, eps=1e-3, chunk_rows=64, backend=backend, prune=prune)
    every = K.solve_batched(V, n, query_rows, qa, qb, qc, exclude, **kw)[0]
    merged = K.solve_batched(V, n, query_rows, qa, qb, qc, exclude, distinct=d, **kw)[0]
    assert ((merged < 0) == (every < 0)).all()
    assert not (exclude == merged[:, None]).any()
    # integer vectors: exact ties between different vectors are common, and may resolve to either
    ties = assert_same_modulo_ties(V, query_rows[qa], query_rows[qb], query_rows[qc], merged, every, method=method)
    assert ties <= len(qa) // 5
    # the merged answer is always its vector's first row that the question allows (the search over every
    # row may pick a later copy: the GEMM can round one vector's cosine differently in another column)
    for q in np.flatnonzero(merged >= 0):
        g = d.owner[merged[q]]
        allowed = [r for r in d.members[d.start[g]:d.start[g + 1]] if r not in exclude[q]]
        assert merged[q] == allowed[0]


def test_excluded_first_row_gives_the_groups_next_row_by_hand():
    # rows 1, 3 and 4 are one vector, the best answer to e0 : e1 :: e2 : ?; the question excludes row 1
    V = np.array([[1, 0, 0], [0, 1, 1], [0, 0, 1], [0, 1, 1], [0, 1, 1], [0, 0, -1], [0, 0, -1]],
                 dtype=np.float32)
    d = D.find_distinct(V, 7)
    assert d.rows.tolist() == [0, 1, 2, 5]
    q = (np.array([0]), np.array([1]), np.array([2]))
    for backend in ("numba", "numpy"):
        got = K.solve_batched(V, 7, np.arange(3), *q, np.array([[0, 1, 2]]), backend=backend, distinct=d)[0]
        assert got.tolist() == [3]
        # the whole group excluded: the next best vector, x = e3 (row 0 and 2 excluded too)
        got = K.solve_batched(V, 7, np.arange(3), *q, np.array([[0, 1, 2, 3, 4]]), backend=backend,
                              distinct=d)[0]
        assert got.tolist() == [5]


@pytest.mark.parametrize("seed", range(5))
def test_answer_rows_are_each_groups_first_row_not_excluded_by_definition(seed):
    """Groups of up to 8 copies and questions that exclude their group's first rows, several in a row (the
    answer is then the 2nd, 3rd ... member): the answer is the first member, in row order, the question does
    not exclude, listed by hand from the members."""
    rng = np.random.default_rng(seed)
    base = rng.standard_normal((40, 6)).astype(np.float32)
    V = base[rng.integers(0, 40, 300)]
    d = D.find_distinct(V, 300, min_saving=0.0)
    sizes = np.diff(d.start)
    picked = rng.choice(np.flatnonzero(sizes > 1), 500)
    picked[:20] = -1  # no answer
    exclude = np.full((500, 6), -1, dtype=np.int64)
    for q, g in enumerate(picked.tolist()):
        if g < 0:
            continue
        members = d.members[d.start[g]:d.start[g + 1]].tolist()
        barred = members[:rng.integers(0, min(len(members), 6))]  # the group's first k rows, never all
        others = [r for r in rng.integers(0, 300, 6 - len(barred)).tolist() if r not in members]
        row = rng.permutation(barred + others).tolist()
        exclude[q, :len(row)] = row
    expected = [-1 if g < 0 else next(r for r in d.members[d.start[g]:d.start[g + 1]].tolist()
                                       if r not in exclude[q].tolist())
                for q, g in enumerate(picked.tolist())]
    assert d.answer_rows(picked, exclude).tolist() == expected
    assert (np.array(expected) != d.rows[picked.clip(0)])[picked >= 0].sum() > 100  # later members were needed


@pytest.mark.parametrize("seed", range(3))
def test_query_rows_sharing_a_vector_are_merged(seed):
    # every question keeps, bit for bit, the vectors of its a, b and c; one query row per candidate group is
    # left, and rows past the candidates (no group) are never merged, not even when their vectors are equal
    V = _with_duplicates(seed)
    n = 560
    V[n + 1] = V[n]  # two equal rows, both past the candidates
    d = D.find_distinct(V, n)
    rng = np.random.default_rng(seed)
    query_rows = np.unique(np.concatenate([rng.choice(n, 120), [n, n + 1]]))
    qa, qb, qc = (rng.integers(0, len(query_rows), 300) for _ in range(3))
    rows, a, b, c = K._one_query_row_per_vector(d, query_rows, qa, qb, qc)
    bits = V.view(np.uint32)
    for new, old in ((a, qa), (b, qb), (c, qc)):
        np.testing.assert_array_equal(bits[rows[new]], bits[query_rows[old]])
    inside = query_rows < n
    want = len(np.unique(d.owner[query_rows[inside]])) + int((~inside).sum())
    assert len(rows) == want < len(query_rows)
    assert len(np.unique(rows)) == len(rows) and {n, n + 1} <= set(rows.tolist())


@pytest.mark.parametrize("method", METHODS)
def test_merged_query_rows_answer_as_the_query_rows_themselves(method, monkeypatch):
    V = _with_duplicates(1)
    V[5], V[7] = 1.0, 1.0
    n = 560
    rng = np.random.default_rng(7)
    query_rows = np.unique(rng.choice(n, 80))
    qa, qb, qc = (rng.integers(0, len(query_rows), 400) for _ in range(3))
    exclude = np.stack([query_rows[qa], query_rows[qb], query_rows[qc]], axis=1)
    d = D.find_distinct(V, n)
    kw = dict(method=method, eps=1e-3, chunk_rows=64, backend="numba", distinct=d)
    merged = K.solve_batched(V, n, query_rows, qa, qb, qc, exclude, **kw)[0]
    monkeypatch.setattr(K, "_one_query_row_per_vector", lambda _d, *rows: rows)
    unmerged = K.solve_batched(V, n, query_rows, qa, qb, qc, exclude, **kw)[0]
    ties = assert_same_modulo_ties(V, query_rows[qa], query_rows[qb], query_rows[qc], merged, unmerged,
                                   method=method)
    assert ties <= len(qa) // 5
