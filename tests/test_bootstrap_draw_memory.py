"""Bootstrap draws are chunked by cells, not rows: a 500,000-pair task drew 200 × 500,000 indices a chunk.

The intervals must not move: the oracle is one ``(n_boot, n)`` draw of ``default_rng(seed)`` scored row by
row with scipy, which the chunked draws must equal exactly.
"""
import numpy as np
import scipy.stats

from wordeval.intrinsic.similarity import correlation_bootstraps
from wordeval.stats.bootstrap import mean_ci, percentile_ci

N = 60_000
N_BOOT = 40
CELLS = 1_000_000  # the bound the draws keep to (16 rows of 60,000 items)


def _columns():
    rng = np.random.default_rng(7)
    gold = rng.uniform(0, 10, N).round(1)  # ties, as rated gold scores have
    return gold, gold + rng.normal(0, 5, N)


def test_correlation_bootstraps_ranks_bounded_chunks(monkeypatch):
    seen = []
    rankdata = scipy.stats.rankdata

    def spy(a, *args, **kwargs):
        seen.append(np.asarray(a).size)
        return rankdata(a, *args, **kwargs)

    monkeypatch.setattr(scipy.stats, "rankdata", spy)
    gold, pred = _columns()
    got = correlation_bootstraps(gold, pred, n_boot=N_BOOT, seed=3)
    assert seen and max(seen) <= CELLS
    idx = np.random.default_rng(3).integers(0, N, size=(N_BOOT, N))
    want_s = [scipy.stats.spearmanr(gold[r], pred[r]).statistic for r in idx]
    want_p = [scipy.stats.pearsonr(gold[r], pred[r]).statistic for r in idx]
    np.testing.assert_allclose(got["spearman"], want_s, rtol=1e-12)
    np.testing.assert_allclose(got["pearson"], want_p, rtol=1e-12)


def test_index_draws_bounded_and_one_stream():
    from wordeval.stats.bootstrap import index_draws  # what mean_ci and the paired bootstrap draw with

    chunks = list(index_draws(N, N_BOOT, np.random.default_rng(5), 200))
    assert max(c.size for c in chunks) <= CELLS
    assert np.array_equal(np.concatenate(chunks), np.random.default_rng(5).integers(0, N, size=(N_BOOT, N)))

    v = (np.random.default_rng(1).uniform(size=N) < 0.3).astype(float)
    idx = np.random.default_rng(2).integers(0, N, size=(N_BOOT, N))
    assert mean_ci(v, n_boot=N_BOOT, seed=2) == percentile_ci(v[idx].mean(axis=1))
