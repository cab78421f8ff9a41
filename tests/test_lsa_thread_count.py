"""The LSA builders (``lsa``: PPMI-SVD, ``lsa-tfidf``) give the same float32 vectors, bit for bit, whatever the
BLAS and OpenMP thread counts: ``--workers N`` runs each worker with fewer BLAS threads than a serial run,
and README says their records equal the serial run's.

Oracle for identity: the same build in fresh processes under OPENBLAS_NUM_THREADS / OMP_NUM_THREADS 1 and 2
(a thread count cannot be changed inside a process: threadpoolctl's limit does not reproduce a 1-thread
process). With sklearn's randomized SVD the vectors differed in a few last bits (its LU / QR and its final
SVD go through thread-partitioned LAPACK, and OpenBLAS splits a short-and-wide GEMM over its long sum).

Oracle for accuracy: scipy's ``svds`` and ``eigh``, and matrices built from known singular values.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from wordeval.embeddings.stable_svd import randomized_svd, symmetric_eigh

ROOT = Path(__file__).resolve().parents[1]
EPS32 = np.finfo(np.float32).eps

# big enough for OpenBLAS to use both threads in the products and factorizations of k = dim + 10 = 110
_BUILD = """
import hashlib, numpy as np, scipy.sparse as sp
from wordeval.embeddings.ppmi_svd import ppmi_svd
from wordeval.embeddings.tfidf_lsa import tfidf_lsa
rng = np.random.default_rng(7)
n = 6000
rows = rng.zipf(1.3, 400_000) % n
cols = rng.zipf(1.3, 400_000) % n
counts = sp.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()
counts = counts + counts.T
print(hashlib.sha256(ppmi_svd(counts, dim=100).tobytes()).hexdigest())
vocab = [f"w{i}" for i in range(4000)]
docs = [[vocab[i] for i in rng.zipf(1.2, 300) % 4000] for _ in range(1500)]
print(hashlib.sha256(tfidf_lsa(docs, vocab, dim=100).tobytes()).hexdigest())
"""


def _build_digests(threads: int) -> str:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads),
           "MKL_NUM_THREADS": str(threads), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _BUILD], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) < 2,
                    reason="one usable core: BLAS cannot run 2 threads here")
def test_lsa_vectors_do_not_depend_on_the_thread_count():
    one, two = _build_digests(1), _build_digests(2)
    assert one.count("\n") == 2
    assert one == two


def _known_spectrum(n_rows, n_cols, singular_values, seed):
    rng = np.random.default_rng(seed)
    u, _ = np.linalg.qr(rng.normal(size=(n_rows, len(singular_values))))
    v, _ = np.linalg.qr(rng.normal(size=(n_cols, len(singular_values))))
    return (u * singular_values) @ v.T, u, v


def test_randomized_svd_recovers_a_known_decomposition():
    s_true = np.concatenate([np.geomspace(100.0, 1.0, 30), np.full(10, 1e-3)])
    dense, u_true, v_true = _known_spectrum(800, 500, s_true, seed=3)
    u, s, vt = randomized_svd(sp.csr_matrix(dense), 20, seed=0)
    # the spectrum drops by a factor > 1.17 per step and 7 power iterations leave float64 rounding
    np.testing.assert_allclose(s, s_true[:20], rtol=1e-12)
    np.testing.assert_allclose(u.T @ u, np.eye(20), atol=1e-13)
    np.testing.assert_allclose(vt @ vt.T, np.eye(20), atol=1e-13)
    np.testing.assert_allclose(np.abs(np.sum(u * u_true[:, :20], axis=0)), 1.0, atol=1e-12)
    np.testing.assert_allclose(np.abs(np.sum(vt.T * v_true[:, :20], axis=0)), 1.0, atol=1e-12)


def test_lsa_vectors_match_scipy_svds_to_float32_rounding():
    from scipy.sparse.linalg import svds

    from wordeval.embeddings.ppmi_svd import svd_embedding

    rng = np.random.default_rng(5)
    matrix = sp.random(3000, 2000, density=0.01, random_state=rng, format="csr")
    # a dominant, well separated head so that 7 power iterations converge to float64 rounding
    head, u_true, v_true = _known_spectrum(3000, 2000, np.geomspace(400.0, 40.0, 12), seed=6)
    matrix = sp.csr_matrix(matrix.toarray() + head)
    vectors, s = svd_embedding(matrix, dim=12, eig=0.5)
    u_ref, s_ref, _ = svds(matrix, k=12, tol=0, random_state=0)
    order = np.argsort(-s_ref)
    u_ref, s_ref = u_ref[:, order], s_ref[order]
    np.testing.assert_allclose(s, s_ref, rtol=1e-12)
    reference = u_ref * np.sqrt(s_ref) * np.sign(np.sum(u_ref * vectors, axis=0))  # svds fixes no sign
    # float32 rounding of the reference, plus float64 noise far below it
    assert np.max(np.abs(vectors - reference)) <= 2 * EPS32 * np.max(np.abs(reference))


def test_rank_below_the_sample_size_gives_zero_singular_values_not_nan():
    rng = np.random.default_rng(1)
    low_rank = sp.csr_matrix(rng.normal(size=(200, 5)) @ rng.normal(size=(5, 150)))
    u, s, vt = randomized_svd(low_rank, 8, seed=0)
    exact = np.linalg.svd(low_rank.toarray(), compute_uv=False)
    assert np.all(np.isfinite(u)) and np.all(np.isfinite(vt))
    np.testing.assert_allclose(s[:5], exact[:5], rtol=1e-12)
    assert np.all(s[5:] <= 1e-10 * exact[0])


@pytest.mark.parametrize("n", [1, 2, 3, 8, 31])
def test_symmetric_eigh_agrees_with_lapack(n):
    rng = np.random.default_rng(n)
    x = rng.normal(size=(n, n))
    matrix = x + x.T
    values, vectors = symmetric_eigh(matrix)
    reference = np.linalg.eigvalsh(matrix)[::-1]
    scale = np.max(np.abs(reference))
    np.testing.assert_allclose(values, reference, atol=20 * n * np.finfo(float).eps * scale)
    np.testing.assert_allclose(vectors.T @ vectors, np.eye(n), atol=20 * n * np.finfo(float).eps)
    np.testing.assert_allclose(matrix @ vectors, vectors * values, atol=20 * n * np.finfo(float).eps * scale)
