"""A comparison's resampled scores do not depend on the BLAS thread count: the Pearson sums of
``item_scores.Resampler`` and the weighted QVEC / QVEC-CCA scores of ``qvec_measures.score_weighted`` are
the same bit for bit in a process with OPENBLAS_NUM_THREADS=1 and one with 2.

Before, both ran under whatever threads OpenBLAS had: it splits a short, wide product (resamples x items
times items x 5 columns, or a weight vector times an n x (d + k) matrix) over its long sum by thread, and the
resampled Pearson r and QVEC-CCA moved in their last bits with the thread count (the evaluator's own QVEC
bootstrap already ran single-threaded, so a record and the comparison of it disagreed too).

Oracle for identity: the same calls in fresh processes (a thread count set by threadpoolctl inside one process
is not a 1-thread process). Oracle for value: scipy's ``pearsonr`` of the resampled rows, and the QVEC score
of the resampled rows (``score_from_items``), within float64 rounding.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

from wordeval.stats.item_scores import score_weighted
from wordeval.stats.qvec_measures import score_from_items, score_weighted as qvec_weighted

ROOT = Path(__file__).resolve().parents[1]

# sizes at which OpenBLAS 0.3 runs these products on both threads (3,000 items, 4,000 words x 91 columns)
_SCORES = """
import hashlib
import numpy as np
from tests.test_resample_thread_count import columns
from wordeval.stats.item_scores import score_weighted
from wordeval.stats.qvec_measures import score_weighted as qvec_weighted
pearson, qvec, counts_p, counts_q = columns()
for got in (score_weighted("pearson", pearson, counts_p), qvec_weighted(qvec, counts_q, "qvec"),
            qvec_weighted(qvec, counts_q, "qvec-cca")):
    print(hashlib.sha256(got.tobytes()).hexdigest())
"""


def columns(n_pairs: int = 3000, n_words: int = 4000, dim: int = 50, features: int = 41, n_boot: int = 200):
    rng = np.random.default_rng(5)
    gold = rng.random(n_pairs) * 10
    pearson = {"gold": gold, "pred": gold + rng.standard_normal(n_pairs) * 5}
    X = rng.standard_normal((n_words, dim))
    O = (rng.random((n_words, features)) < 0.1) * rng.random((n_words, features))
    qvec = {f"e{i}": X[:, i] for i in range(dim)}
    qvec.update({f"o:f{j}": O[:, j] for j in range(features)})
    counts_p = rng.multinomial(n_pairs, np.full(n_pairs, 1 / n_pairs), size=n_boot)
    counts_q = rng.multinomial(n_words, np.full(n_words, 1 / n_words), size=max(2, n_boot // 20))
    return pearson, qvec, counts_p, counts_q


def _digests(threads: int) -> str:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads),
           "MKL_NUM_THREADS": str(threads), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _SCORES], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@pytest.mark.skipif(_cores() < 2, reason="one usable core: BLAS cannot run 2 threads here")
def test_resampled_scores_do_not_depend_on_the_thread_count():
    one, two = _digests(1), _digests(2)
    assert one.count("\n") == 3
    for scores, a, b in zip(("Pearson", "QVEC", "QVEC-CCA"), one.splitlines(), two.splitlines()):
        assert a == b, scores


def test_resampled_scores_are_the_scores_of_the_resampled_rows():
    pearson, qvec, counts_p, counts_q = columns(n_pairs=300, n_words=400, n_boot=40)
    g, p = np.asarray(pearson["gold"]), np.asarray(pearson["pred"])
    got = score_weighted("pearson", pearson, counts_p)
    want = [stats.pearsonr(np.repeat(g, c), np.repeat(p, c)).statistic for c in counts_p]
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
    for measure in ("qvec", "qvec-cca"):
        got = qvec_weighted(qvec, counts_q, measure)
        want = [score_from_items({k: np.repeat(np.asarray(v), c) for k, v in qvec.items()}, measure)
                for c in counts_q]
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-9)
