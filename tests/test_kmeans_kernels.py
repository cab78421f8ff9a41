"""The ``--clusters K`` feature does not depend on which BLAS kernels the CPU runs.

OpenBLAS is built for many CPUs and picks its kernels when it loads; ``OPENBLAS_CORETYPE`` forces other ones,
which sum dot products in another order, as another machine would (Haswell: AVX2 with FMA; Prescott: SSE3).
Each side runs in its own process, since OpenBLAS reads the setting only once. Where numpy's BLAS is not a
multi-core-type OpenBLAS the setting changes nothing and both sides agree trivially.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# 2,000 random 50-d rows, K = 40: a case where float32 k-means ended in another clustering on the Prescott
# kernels than on the Haswell ones (seed 3 of the ones tried)
SCRIPT = """
import json, numpy as np
from wordeval.embeddings.base import StaticEmbedding
from wordeval.extrinsic.features import build_features, cluster_ids
rng = np.random.default_rng(3)
words = [f"w{i}" for i in range(2000)]
emb = StaticEmbedding(words, (rng.standard_normal((2000, 50)) * 0.4).astype(np.float32))
feats = build_features(emb, {"train": [tuple(words)]}, oov="unk")
ids = cluster_ids(feats, 40, seed=0)
print(json.dumps([int(ids[r]) for r in feats.splits["train"].ids[0]]))
"""

def _labels(core: str) -> list[int]:
    env = {**os.environ, "OPENBLAS_CORETYPE": core, "OPENBLAS_NUM_THREADS": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    return json.loads(done.stdout)


def test_cluster_ids_are_the_same_on_other_blas_kernels():
    haswell, prescott = _labels("Haswell"), _labels("Prescott")
    assert len(haswell) == 2000 and len(set(haswell)) == 40
    assert haswell == prescott


def test_kmeans_labels_predicts_in_blocks_as_in_one():
    import numpy as np

    from wordeval.extrinsic.features import kmeans_labels

    rng = np.random.default_rng(0)
    table = rng.standard_normal((50, 4)).astype(np.float32)
    rows = np.arange(1, 50)
    whole = kmeans_labels(table, rows, rows, 5, seed=0)
    blocks = kmeans_labels(table, rows, rows, 5, seed=0, block=7)
    np.testing.assert_array_equal(whole, blocks)  # same fitted model, same rows: only the blocking differs


def test_requests_with_kmeans_clusters_get_new_store_keys():
    """Cluster ids computed in float32 before are not served for the float64 ones: the request config of a
    linear learner with clusters carries ``kmeans``; without clusters, or on other learners, no new key."""
    from wordeval.tasks.task import get_task

    task = get_task("ner/conll2003")
    for learner in ("crf", "perceptron"):
        cfg = task.validate_config({"learner": learner, "clusters": 50})
        assert cfg["kmeans"] == "float64"
        assert task.validate_config(cfg) == cfg  # a validated config validates to itself
        assert "kmeans" not in task.validate_config({"learner": learner})
    assert "kmeans" not in task.validate_config({"learner": "mlp"})
