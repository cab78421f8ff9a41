"""A similarity record's confidence interval said its n (n_used), n_boot, level and seed, but not its method:
QVEC's records say "basic bootstrap over words", similarity's nothing, and a Fisher-z interval and a
percentile bootstrap differ by a lot on a few dozen pairs. Now ``extra.ci_method`` names it, and the
interval is checked against that method rebuilt with scipy's Spearman on the same resampled pairs."""
from __future__ import annotations

import numpy as np
from scipy.stats import spearmanr

import wordeval


def test_ci_method_is_recorded_and_is_what_was_computed(tmp_path):
    rng = np.random.default_rng(7)
    words = [f"w{i}" for i in range(40)]
    vectors = {w: rng.standard_normal(4).astype(np.float32) for w in words}
    lines = [f"{words[i]}\t{words[(i * 7 + 3) % 40]}\t{(i * 13) % 11}" for i in range(40)]  # tied gold scores
    (tmp_path / "p.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    spec = tmp_path / "p.toml"
    spec.write_text('name = "p"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n', encoding="utf-8")
    rec = wordeval.evaluate(vectors, str(spec), config={"n_boot": 200}, seed=3, name="v")
    assert rec.extra["ci_method"] == "percentile bootstrap over pairs"
    gold, pred = np.array(rec.per_item["gold"]), np.array(rec.per_item["pred"])
    n = rec.n_used
    assert n == len(gold) == 40
    # resamples of the pairs, seeded by the record's seed
    idx = np.random.default_rng(3).integers(0, n, size=(200, n))
    rhos = np.array([spearmanr(gold[i], pred[i]).statistic for i in idx])
    expected = np.quantile(rhos[np.isfinite(rhos)], [0.025, 0.975])
    np.testing.assert_allclose(rec.ci["spearman"], expected, rtol=0, atol=1e-12)
