"""SIF pooling (``DocumentPooler(method="sif")``, classification's ``pooling = "sif"``) gives the same
document features, bit for bit, in a process with OPENBLAS_NUM_THREADS=1 and one with 2.

Before, its principal component came from LAPACK's SVD and was removed by a matrix-vector product, both
under whatever threads OpenBLAS had; OpenBLAS splits their reductions by thread count, so the component and
every feature moved in their last bits with it (BBC-sized: 2,225 documents x 300 dimensions).

Oracle for identity: the same fit and transform in fresh processes. Oracle for value: the top right-singular
vector of scikit-learn's ``TruncatedSVD(n_components=1, algorithm="arpack")``, which Arora et al. use.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from wordeval.embeddings.base import StaticEmbedding
from wordeval.extrinsic.pooling import DocumentPooler

ROOT = Path(__file__).resolve().parents[1]

_FEATURES = """
import hashlib
from tests.test_sif_thread_count import fitted
pooler, x, _ = fitted()
print(hashlib.sha256(pooler._pc.tobytes()).hexdigest(), hashlib.sha256(x.tobytes()).hexdigest())
"""


def fitted(n_docs: int = 2225, dim: int = 300):
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(5000)]
    emb = StaticEmbedding(words, rng.standard_normal((len(words), dim)).astype(np.float32))
    docs = [[words[j] for j in rng.zipf(1.3, 200) % len(words)] for _ in range(n_docs)]
    pooler = DocumentPooler(emb, method="sif").fit(docs[: n_docs * 2 // 3])
    return pooler, pooler.transform(docs), docs


def _digests(threads: int) -> str:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads),
           "MKL_NUM_THREADS": str(threads), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _FEATURES], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@pytest.mark.skipif(_cores() < 2, reason="one usable core: BLAS cannot run 2 threads here")
def test_sif_features_do_not_depend_on_the_thread_count():
    one, two = _digests(1).split(), _digests(2).split()
    assert len(one) == 2
    assert one[0] == two[0], "principal component"
    assert one[1] == two[1], "document features"


def test_sif_component_is_truncated_svds():
    from sklearn.decomposition import TruncatedSVD

    pooler, x, docs = fitted(n_docs=300, dim=50)
    pc = pooler._pc
    pooler._pc = None  # the pooled training documents, before the component is removed
    raw = pooler.transform(docs[:200])
    want = TruncatedSVD(n_components=1, algorithm="arpack").fit(raw).components_[0]
    assert abs(float(pc @ want)) == pytest.approx(1.0, abs=1e-10)
    np.testing.assert_allclose(x @ pc, 0.0, atol=1e-10)  # every document lost its component along it
