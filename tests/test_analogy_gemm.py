"""The analogy path's cosine GEMM (``wordeval.intrinsic.gemm``) and the per-search memory it reuses.

- which BLAS runs the GEMMs: the rule as a truth table; on a machine where it picks the private OpenBLAS
  (this project's Zen 5 machine), that it loaded the SkylakeX kernels and left numpy's BLAS and the
  environment untouched, and that ``WORDEVAL_GEMM=numpy`` turns it off (fresh processes, since the choice is
  made once per process);
- the private GEMM's products are within the float32 error bound of the exact (float64) products, also from two
  threads at once, and bit for bit the same whichever thread computes them;
- the candidates kept per embedding (normalised, or their norms above a memory cap) give, bit for bit, what
  the search normalises part by part, so searching with them changes no answer; ``merge_best`` equals its definition; scratch arrays are per thread.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

from wordeval.intrinsic import analogy_kernels as K
from wordeval.intrinsic import gemm as G

pytest.importorskip("numba")

FULL = frozenset({"fpu", "avx2", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"})
U = float(np.finfo(np.float32).eps) / 2


@pytest.mark.parametrize("flags,blas,machine,platform,setting,want", [
    (FULL, ("openblas", "Haswell"), "x86_64", "linux", None, True),
    (FULL, ("openblas", "Zen"), "x86_64", "linux", "", True),
    (FULL, ("openblas", "Haswell"), "x86_64", "linux", "numpy", False),  # the user's opt-out
    (FULL, ("openblas", "Haswell"), "x86_64", "linux", " NumPy ", False),
    (FULL - {"avx512bw"}, ("openblas", "Haswell"), "x86_64", "linux", None, False),  # not every instruction
    (FULL, ("openblas", "SkylakeX"), "x86_64", "linux", None, False),  # numpy's OpenBLAS has them already
    (FULL, ("openblas", "Cooperlake"), "x86_64", "linux", None, False),
    (FULL, ("openblas", "SapphireRapids"), "x86_64", "linux", None, False),
    (FULL, ("mkl", "Haswell"), "x86_64", "linux", None, False),  # not OpenBLAS
    (FULL, ("", ""), "x86_64", "linux", None, False),  # cannot tell
    (FULL, ("openblas", "Haswell"), "aarch64", "linux", None, False),
    (FULL, ("openblas", "Haswell"), "x86_64", "darwin", None, False),
])
def test_private_openblas_rule(flags, blas, machine, platform, setting, want):
    assert G.wants_private_openblas(flags, blas, machine, platform, setting) is want


def _applies_here() -> bool:
    import platform

    return G.wants_private_openblas(G.cpu_flags(), G.numpy_blas(), platform.machine().lower(), sys.platform,
                                    None) and G._private_library_path() is not None


def _in_fresh_process(code: str, **env) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, **env}, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


PROBE = """
import json, os
from wordeval.intrinsic import gemm as G
before = (G.numpy_blas(), dict(os.environ))
name = G.gemm_engine().name
after = (G.numpy_blas(), dict(os.environ))
print(json.dumps({"name": name, "blas_same": before[0] == after[0], "env_same": before[1] == after[1],
                  "numpy_core": after[0][1]}))
"""


def test_private_openblas_on_this_machine_leaves_numpy_and_the_environment_alone():
    if not _applies_here():
        pytest.skip("this machine's numpy BLAS already has AVX-512 kernels, or the CPU has none, or "
                    "scipy-openblas32 is not installed: numpy's BLAS computes the GEMMs")
    got = _in_fresh_process(PROBE)
    assert got["name"].startswith("scipy-openblas32 ") and "SkylakeX kernels" in got["name"], got
    assert got["blas_same"] and got["env_same"], got
    assert got["numpy_core"].lower() not in G.AVX512_CORES  # numpy still runs the kernels it chose


def test_wordeval_gemm_numpy_turns_the_private_openblas_off():
    got = _in_fresh_process(PROBE, WORDEVAL_GEMM="numpy")
    assert got["name"] == "numpy" and got["env_same"], got


def _engines():
    engines = [G.GemmEngine("numpy", G._numpy_nt)]
    path = G._private_library_path()
    if path is not None and G.SKYLAKEX_FLAGS <= G.cpu_flags():
        sgemm, core = G.load_private_openblas(path)
        engines.append(G.GemmEngine(core, G._cblas_nt(sgemm)))
    return engines


@pytest.fixture(scope="module")
def engines():
    return _engines()


def _bound(A, B):
    """|fl(A B^T) - A B^T| <= gamma_k |A| |B|^T (any summation order, FMA or not), gamma_k = k u / (1 - k u),
    plus the rounding of the result to float32."""
    k = A.shape[1]
    gamma = k * U / (1 - k * U)
    exact = A.astype(np.float64) @ B.astype(np.float64).T
    return exact, gamma * (np.abs(A).astype(np.float64) @ np.abs(B).astype(np.float64).T) + U * np.abs(exact)


@pytest.mark.parametrize("m,n,k", [(797, 2048, 50), (451, 1264, 300), (5, 3, 1), (1, 17, 7), (0, 4, 3), (3, 0, 3)])
def test_gemm_within_the_float32_error_bound(engines, m, n, k):
    rng = np.random.default_rng(m * 7 + n + k)
    A = rng.standard_normal((m, k)).astype(np.float32)
    B = rng.standard_normal((n, k)).astype(np.float32)
    exact, bound = _bound(A, B)
    for engine in engines:
        out = engine.nt(A, B, np.full((m, n), np.nan, dtype=np.float32))
        assert np.all(np.abs(out.astype(np.float64) - exact) <= bound), engine.name


def test_gemm_of_views_and_other_dtypes_falls_back_to_numpy(engines):
    rng = np.random.default_rng(0)
    A = rng.standard_normal((40, 12)).astype(np.float32)
    B = rng.standard_normal((30, 24)).astype(np.float32)[:, ::2]  # not contiguous
    exact, bound = _bound(A, B)
    for engine in engines:
        out = engine.nt(A, B, np.empty((40, 30), dtype=np.float32))
        assert np.all(np.abs(out.astype(np.float64) - exact) <= bound), engine.name
        with pytest.raises(ValueError):  # a wrong output shape is numpy's error, not a silent write
            engine.nt(A, np.ascontiguousarray(B), np.empty((40, 29), dtype=np.float32))


def test_gemm_from_two_threads_at_once_is_what_one_thread_computes(engines):
    rng = np.random.default_rng(1)
    A = rng.standard_normal((300, 50)).astype(np.float32)
    Bs = [rng.standard_normal((1000, 50)).astype(np.float32) for _ in range(8)]
    for engine in engines:
        alone = [engine.nt(A, B, np.empty((300, 1000), dtype=np.float32)) for B in Bs]
        together = [None] * len(Bs)

        def work(i):
            for _ in range(5):
                together[i] = engine.nt(A, Bs[i], np.empty((300, 1000), dtype=np.float32))

        threads = [threading.Thread(target=work, args=(i,)) for i in range(len(Bs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for x, y in zip(alone, together):
            np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("keep", ["rows", "norms"])
@pytest.mark.parametrize("distinct", [False, True])
def test_prepared_candidates_give_the_search_normalisation_bit_for_bit(distinct, keep):
    from wordeval.intrinsic.analogy_duplicates import CandidateRows, find_distinct

    rng = np.random.default_rng(3)
    V = (rng.standard_normal((997, 37)) * rng.uniform(0.01, 100, (997, 1))).astype(np.float32)
    V[rng.choice(997, 400)] = V[rng.choice(997, 400)]
    V[5] = 0.0  # a zero row stays zero
    V[7] = np.nan  # a NaN row stays NaN (its norm is not > 0)
    d = find_distinct(V, 900) if distinct else None
    assert (d is not None) is distinct
    prepared = K.prepare_candidates(V, 900, d, keep_bytes=10**9 if keep == "rows" else 0)
    assert isinstance(prepared, K.UnitRows if keep == "rows" else K.NormedRows)
    src = CandidateRows(V, d.rows) if distinct else V
    n = len(prepared)
    assert n == (len(d.rows) if distinct else 900)
    for lo, hi in K._parts(n, 128, 3) + [(0, 1), (n - 7, n), (0, n)]:
        got, want = K.unit_chunk(prepared, lo, hi), K.unit_chunk(src, lo, hi)
        assert got.dtype == np.float32
        np.testing.assert_array_equal(got, want)
    row = K.unit_chunk(prepared, 0, n)
    assert not row[d.owner[5] if distinct else 5].any() and np.isnan(row[d.owner[7] if distinct else 7]).all()


@pytest.mark.parametrize("keep", [None, "norms"])
def test_unit_chunk_is_each_row_divided_by_its_norm(keep):
    """Oracle: each row on its own, divided in float32 by its float32 norm (gensim's ``vectors / norms``); a row
    whose norm is not > 0 (zeros, a NaN) is returned as it is, and the caller's matrix is never written."""
    rng = np.random.default_rng(11)
    V = (rng.standard_normal((300, 23)) * rng.uniform(1e-3, 1e3, (300, 1))).astype(np.float32)
    V[4], V[9], V[10, 3] = 0.0, -0.0, np.nan
    before = V.copy()
    src = K.prepare_candidates(V, 300, keep_bytes=0) if keep else V
    got = K.unit_chunk(src, 2, 290)
    norms = np.linalg.norm(V, axis=1)  # the norms are numpy's; what is checked is what is done with them
    for i in range(2, 290):
        want = V[i] / norms[i] if norms[i] > 0 else V[i]
        np.testing.assert_array_equal(got[i - 2], want)
        assert np.array_equal(np.signbit(got[i - 2]), np.signbit(want))
    np.testing.assert_array_equal(V, before)


@pytest.mark.parametrize("keep", ["rows", "norms"])
@pytest.mark.parametrize("backend", ["numba", "numpy", "torch-cpu"])
@pytest.mark.parametrize("method", list(K.METHODS))
def test_search_with_prepared_candidates_changes_no_answer(backend, method, keep):
    from wordeval.intrinsic.analogy_duplicates import find_distinct

    if backend == "torch-cpu":
        pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    V = rng.integers(-2, 3, size=(700, 8)).astype(np.float32)  # many exact ties
    V[rng.choice(700, 250)] = V[rng.choice(700, 250)]
    query_rows = rng.choice(700, 30, replace=False)
    qa, qb, qc = (rng.integers(0, 30, 300) for _ in range(3))
    exclude = np.stack([query_rows[qa], query_rows[qb], query_rows[qc]], axis=1)
    for d in (None, find_distinct(V, 650)):
        plain = K.solve_batched(V, 650, query_rows, qa, qb, qc, exclude, method=method, backend=backend,
                                chunk_rows=200, distinct=d)[0]
        prepared = K.prepare_candidates(V, 650, d, keep_bytes=10**9 if keep == "rows" else 0)
        kept = K.solve_batched(V, 650, query_rows, qa, qb, qc, exclude, method=method, backend=backend,
                               chunk_rows=200, distinct=d, prepared=prepared)[0]
        np.testing.assert_array_equal(plain, kept)


def test_prepared_candidates_of_the_wrong_size_are_refused():
    V = np.ones((50, 4), dtype=np.float32)
    args = (V, 40, np.arange(3), np.zeros(2, int), np.ones(2, int), np.full(2, 2), np.full((2, 1), -1))
    for bad in (K.prepare_candidates(V, 39), K.prepare_candidates(V[:, :3], 40),
                K.prepare_candidates(V, 39, keep_bytes=10**6)):
        with pytest.raises(ValueError, match="prepared candidates"):
            K.solve_batched(*args, prepared=bad)


def test_normalised_candidates_are_kept_only_below_the_memory_cap(monkeypatch):
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic import analogy as A

    rng = np.random.default_rng(5)
    emb = StaticEmbedding([f"w{i}" for i in range(300)], rng.standard_normal((300, 10)).astype(np.float32))
    kept = A._prepared_candidates(emb, 300, None)
    assert isinstance(kept, K.UnitRows) and kept is A._prepared_candidates(emb, 300, None)  # once per embedding
    monkeypatch.setattr(A, "UNIT_MEMO_BYTES", 299 * 10 * 4)  # one row too many: only the norms are kept
    assert isinstance(A._prepared_candidates(emb, 300 - 0, None), K.UnitRows)  # kept already
    assert isinstance(A._prepared_candidates(emb, 299, None), K.UnitRows)
    other = StaticEmbedding(emb.words, emb.vectors.copy())
    norms = A._prepared_candidates(other, 300, None)
    assert isinstance(norms, K.NormedRows) and norms.norms.nbytes == 300 * 4


@pytest.mark.parametrize("seed", range(4))
def test_merge_best_equals_its_definition(seed):
    from wordeval.intrinsic.analogy_numba import merge_best

    rng = np.random.default_rng(seed)
    n = 500
    best = rng.integers(0, 4, n).astype(np.float64)
    best_index = np.where(rng.random(n) < 0.3, -1, rng.integers(0, 50, n))
    value = rng.integers(0, 4, n).astype(np.float64)  # equal scores often: the lower row must win
    index = np.where(rng.random(n) < 0.3, -1, rng.integers(0, 50, n))
    found = index >= 0
    better = found & ((value > best) | (best_index < 0) | ((value == best) & (index < best_index)))
    want_v, want_i = np.where(better, value, best), np.where(better, index, best_index)
    merge_best(value, index, best, best_index)
    np.testing.assert_array_equal(best, want_v)
    np.testing.assert_array_equal(best_index, want_i)


def test_scratch_arrays_are_reused_per_thread_and_never_shared():
    a = K._scratch("test", (3, 4))
    b = K._scratch("test", (2, 5))
    assert a.base is b.base or np.shares_memory(a, b)  # the same thread reuses its buffer
    other = []
    t = threading.Thread(target=lambda: other.append(K._scratch("test", (3, 4))))
    t.start()
    t.join()
    assert not np.shares_memory(a, other[0])
    assert K._scratch("test", (100, 100)).size == 10_000  # grows when asked for more


@pytest.mark.parametrize("backend", ["numba", "numpy"])
def test_results_say_which_blas_computed_the_cosines(backend):
    from wordeval.datasets.types import AnalogyQuestion
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic import analogy as A

    rng = np.random.default_rng(6)
    words = [f"w{i}" for i in range(40)]
    emb = StaticEmbedding(words, rng.standard_normal((40, 6)).astype(np.float32))
    qs = [AnalogyQuestion("w1", "w2", "w3", ("w4",), "s"), AnalogyQuestion("w5", "w6", "w7", ("w8",), "s")]
    solved = A.solve_analogies(qs, emb, config={"backend": backend})
    assert solved["backend"] == backend
    assert solved["gemm"] == (G.gemm_engine().name if backend == "numba" else None)
    extra = A.summarize(qs, solved)["extra"]
    assert extra["gemm"] == solved["gemm"]
