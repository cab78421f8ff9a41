"""The Results table's confidence intervals: a record's own at the comparison's level (with its resamples named
in the caption), else drawn at that level; and a record's CI covers its main score whatever that score is."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from tests._records import make_record
from wordeval.report.compare import compare

SENTINEL = [-0.9, 0.95]  # a CI no bootstrap of these items gives: tells the record's interval from a redrawn one


def _spearman_rows(g, p, axis=-1):
    """scipy's Spearman of each resample: Pearson of scipy's average ranks, row by row."""
    rg, rp = stats.rankdata(g, axis=axis), stats.rankdata(p, axis=axis)
    rg, rp = rg - rg.mean(axis=axis, keepdims=True), rp - rp.mean(axis=axis, keepdims=True)
    return (rg * rp).sum(axis=axis) / np.sqrt((rg * rg).sum(axis=axis) * (rp * rp).sum(axis=axis))


def _records(n=200):
    rng = np.random.default_rng(3)
    gold = rng.normal(size=n)
    out = []
    for name, noise in (("A", 0.5), ("B", 1.5)):
        pred = gold + rng.normal(scale=noise, size=n)
        rec = make_record(name, "similarity/toy", {"id": list(range(n)), "gold": gold, "pred": pred})
        rec.config = {"oov": "skip", "n_boot": 1000, "ci_level": 0.95}
        rec.ci = {"spearman": list(SENTINEL)}
        out.append(rec)
    return out, gold


def test_a_record_ci_at_the_comparisons_level_is_kept_and_the_caption_says_its_resamples():
    """Other --n-boot or --seed keep the record's interval (redrawing every cell tripled compare on the demo
    store for Monte Carlo noise); the caption then says how many resamples the intervals used."""
    from wordeval.report.tables import results_caption

    for n_boot, seed in ((1000, 0), (4000, 0), (1000, 5)):
        recs, _ = _records()
        comp = compare(recs, n_boot=n_boot, seed=seed)
        assert comp.cells[("A", "similarity/toy")]["ci"] == SENTINEL
        assert "95% item-bootstrap CI (1,000 resamples)" in results_caption(comp)


def test_a_record_ci_at_another_level_is_drawn_again_at_the_comparisons():
    recs, gold = _records()
    comp = compare(recs, n_boot=4000, seed=0, level=0.9)
    ci = comp.cells[("A", "similarity/toy")]["ci"]
    assert ci != SENTINEL
    pred = np.asarray(recs[0].per_item["pred"])
    oracle = stats.bootstrap((gold, pred), _spearman_rows, paired=True, vectorized=True, n_resamples=4000,
                             confidence_level=0.9, method="percentile",
                             random_state=np.random.default_rng(11)).confidence_interval
    # Monte Carlo error of a 5 % quantile from a few thousand resamples: ~0.01 here; 0.03 is 3 of them
    assert ci[0] == pytest.approx(oracle.low, abs=0.03)
    assert ci[1] == pytest.approx(oracle.high, abs=0.03)


def test_a_similarity_task_scored_by_pearson_has_the_pearson_ci(tmp_path):
    import wordeval

    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(30)]
    vectors = {w: rng.normal(size=8) for w in words}
    pairs = [(words[i], words[(i * 7 + 3) % 30], float(rng.integers(0, 11))) for i in range(25)]
    (tmp_path / "pairs.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs))
    (tmp_path / "toy.toml").write_text('name = "toyp"\nfamily = "similarity"\nmain_score = "pearson"\n'
                                       '[files]\ntest = "pairs.tsv"\n')
    rec = wordeval.evaluate(vectors, str(tmp_path / "toy.toml"), name="toy")
    assert rec.main_score == "pearson"
    gold = np.array([s for _, _, s in pairs])
    cos = np.array([vectors[a] @ vectors[b] / np.linalg.norm(vectors[a]) / np.linalg.norm(vectors[b])
                    for a, b, _ in pairs])
    # the evaluator's draws: default_rng(seed) index matrices of 200 rows (as spearman_bootstrap documents)
    draws = np.random.default_rng(rec.seed)
    dist = np.concatenate([[stats.pearsonr(gold[row], cos[row]).statistic
                            for row in draws.integers(0, len(gold), size=(200, len(gold)))] for _ in range(5)])
    lo, hi = np.quantile(dist, [0.025, 0.975])
    eps = 64 * float(np.finfo(np.float32).eps)  # cosines pass through float32 vectors
    assert rec.ci["pearson"] == pytest.approx([lo, hi], abs=eps)
