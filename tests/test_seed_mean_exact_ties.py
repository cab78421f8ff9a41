"""The score of several seed records on the common items is their mean in exact arithmetic, as the table's
value is (``stats.spread.mean_sd``): np.mean made three seeds that each scored 0.8 a 0.8000000000000002, which
ranked ahead of another representation's 0.8, was paired-tested instead of tied, and untied the two in
Kendall's tau-b."""
from __future__ import annotations

import numpy as np
from scipy.stats import kendalltau, spearmanr

from tests._records import make_record

N = 20


def _tagging(name: str, right: list[int], seed: int = 0):
    rec = make_record(name, "pos/t", {"id": list(range(N)), "correct": right, "total": [1] * N}, seed=seed)
    rec.run = dict(rec.run, seed=seed)
    return rec


def _similarity(name: str, noise: float):
    gold = np.arange(N, dtype=float)
    pred = gold + np.random.default_rng(int(noise * 10)).normal(scale=noise, size=N)
    return make_record(name, "similarity/t", {"id": list(range(N)), "gold": gold, "pred": pred})


def _records():
    eighty = [1] * 16 + [0] * 4  # 16 of 20 = 0.8 in every seed
    recs = [_tagging("A", eighty, seed) for seed in range(3)]
    recs.append(_tagging("B", [0] * 4 + [1] * 16))  # 0.8 on other items: a tie of scores, not of outputs
    recs.append(_tagging("C", [1] * 12 + [0] * 8))  # 0.6
    recs.append(_tagging("D", [1] * 14 + [0] * 6))  # 0.7
    recs += [_similarity(name, noise) for name, noise in (("A", 2.0), ("B", 4.0), ("C", 8.0), ("D", 16.0))]
    return recs


def test_equal_seed_means_are_a_tie():
    from wordeval.report.compare import compare

    comp = compare(_records(), n_boot=200)
    assert comp.cells[("A", "pos/t")]["common_value"] == 0.8 == comp.cells[("B", "pos/t")]["common_value"]
    test = next(t for t in comp.tests if t["task"] == "pos/t" and {t["a"], t["b"]} == {"A", "B"})
    assert test["tie"] and test["p_value"] == 1.0
    assert "Exactly equal scores (tied, equal ranks): A = B on pos/t." in comp.summary
    # tau-b over the hand-known scores: A and B tie extrinsically
    sim = {r.label: spearmanr(r.per_item["gold"], r.per_item["pred"]).statistic for r in _records()
           if r.task == "similarity/t"}
    pos = {"A": 0.8, "B": 0.8, "C": 0.6, "D": 0.7}
    row = comp.taus[0]
    assert np.isclose(row["tau"], kendalltau([sim[r] for r in row["representations"]],
                                             [pos[r] for r in row["representations"]]).statistic)


def test_seeds_whose_exact_mean_equals_another_score_are_a_tie():
    """Seeds of 200, 206 and 206 right of 222 have the mean 204/222 exactly (hand count), as B's single seed
    of 204: the exact mean of their rounded floats was one ulp below it, so B ranked ahead, the pair was
    tested, and tau-b counted no tie."""
    from wordeval.report.compare import compare

    n = 222

    def pos(name: str, right: int, seed: int = 0):
        rec = make_record(name, "pos/t", {"id": list(range(n)), "correct": [1] * right + [0] * (n - right),
                                          "total": [1] * n}, seed=seed)
        rec.run = dict(rec.run, seed=seed)
        return rec

    recs = [pos("A", right, seed) for seed, right in enumerate((200, 206, 206))]
    recs += [pos("B", 204), pos("C", 150), pos("D", 180)]
    recs += [_similarity(name, noise) for name, noise in (("A", 2.0), ("B", 4.0), ("C", 8.0), ("D", 16.0))]
    comp = compare(recs, n_boot=200)
    assert comp.cells[("A", "pos/t")]["common_value"] == 204 / n == comp.cells[("B", "pos/t")]["common_value"]
    # the table's and results.csv's value too: the mean of the seeds' floats left A's one ulp below B's
    assert comp.cells[("A", "pos/t")]["value"] == 204 / n == comp.cells[("B", "pos/t")]["value"]
    test = next(t for t in comp.tests if t["task"] == "pos/t" and {t["a"], t["b"]} == {"A", "B"})
    assert test["tie"] and test["p_value"] == 1.0
    assert "Exactly equal scores (tied, equal ranks): A = B on pos/t." in comp.summary
    sim = {r.label: spearmanr(r.per_item["gold"], r.per_item["pred"]).statistic for r in recs
           if r.task == "similarity/t"}
    acc = {"A": 204 / n, "B": 204 / n, "C": 150 / n, "D": 180 / n}
    row = comp.taus[0]
    assert np.isclose(row["tau"], kendalltau([sim[r] for r in row["representations"]],
                                             [acc[r] for r in row["representations"]]).statistic)
