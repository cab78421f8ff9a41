"""compare's point estimates (results.csv's common_value, the rankings, tau) are each family's own scorer on the
common items, to the last digit: oracles are scipy, sklearn and seqeval on those items, compared with ==.

The comparison recomputed Spearman and Pearson with its own numpy sums, which differ from scipy's (what the
similarity and STS records store) in the last ulp: a representation with more items than the common ones was
ranked on a number no scorer gives, and copies with the same outputs could get two values."""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from scipy.stats import pearsonr, spearmanr

from tests._records import make_record
from wordeval.report.compare import compare

TASK = "similarity/toy"


def _sim_records(seed: int, n: int = 40, common: int = 30):
    """A with n pairs, B with the first ``common`` of them: the common items are B's, a strict subset of A's."""
    rng = np.random.default_rng(seed)
    gold = rng.normal(size=n)
    recs = []
    for name, k in (("A", n), ("B", common)):
        pred = gold + rng.normal(size=n)
        recs.append(make_record(name, TASK, {"id": list(range(k)), "gold": gold[:k], "pred": pred[:k]}))
    return recs


def _as_main(recs, main: str, scorer: str, oracle):
    for rec in recs:
        rec.scores = {main: float(oracle(rec.per_item["gold"], rec.per_item["pred"]).statistic)}
        rec.main_score, rec.scorer = main, scorer
    return recs


@pytest.mark.parametrize("scorer, oracle", [("spearman", spearmanr), ("pearson", pearsonr)])
def test_similarity_common_value_is_scipy_on_the_common_items(scorer, oracle):
    """Before, for one of these seeds: 0.48164627363737483 where scipy gives 0.4816462736373748 (Spearman)."""
    for seed in range(12):
        recs = _as_main(_sim_records(seed), scorer, scorer, oracle)
        comp = compare(recs, n_boot=20)
        a = recs[0].per_item
        expected = float(oracle(a["gold"][:30], a["pred"][:30]).statistic)
        assert comp.cells[("A", TASK)]["common_value"] == expected
        b = recs[1].per_item
        assert comp.cells[("B", TASK)]["common_value"] == float(oracle(b["gold"], b["pred"]).statistic)


def test_sts_pooled_spearman_is_scipy_on_the_common_items():
    for seed in range(12):
        recs = _as_main(_sim_records(seed), "spearman_pooled", "spearman", spearmanr)
        for rec in recs:
            rec.task, rec.family = "sts/toy", "sts"
        comp = compare(recs, n_boot=20)
        a = recs[0].per_item
        assert comp.cells[("A", "sts/toy")]["common_value"] == float(spearmanr(a["gold"][:30], a["pred"][:30]).statistic)


def test_a_record_in_another_item_order_is_scored_in_its_own_order():
    """B lists the same 40 pairs backwards, C has 30 of them: B's common value is scipy's Pearson on B's record
    cut to the common ids, in B's order, as its scorer summed them (Spearman's sums of ranks are exact in any
    order; Pearson's are not)."""
    for seed in range(12):
        rng = np.random.default_rng(seed)
        gold = rng.normal(size=40)
        pred_a, pred_b, pred_c = (gold + rng.normal(size=40) for _ in range(3))
        back = list(range(39, -1, -1))
        recs = _as_main([make_record("A", TASK, {"id": list(range(40)), "gold": gold, "pred": pred_a}),
                         make_record("B", TASK, {"id": back, "gold": gold[back], "pred": pred_b[back]}),
                         make_record("C", TASK, {"id": list(range(30)), "gold": gold[:30], "pred": pred_c[:30]})],
                        "pearson", "pearson", pearsonr)
        comp = compare(recs, n_boot=20)
        keep = [i for i in back if i < 30]
        assert comp.cells[("B", TASK)]["common_value"] == float(pearsonr(gold[keep], pred_b[keep]).statistic)


def test_same_ranking_gives_one_value():
    """A2's predictions are A's rounded (the same order, other values): Spearman reads only the ranks, so both
    get scipy's one value on the common items, as the identical-outputs rule in the pair tests assumes."""
    for seed in range(12):
        rng = np.random.default_rng(seed)
        gold = rng.normal(size=40)
        pred = gold + rng.normal(size=40)
        pred2 = pred * 3.0 + 0.1  # monotone: the same ranks
        recs = [make_record("A", TASK, {"id": list(range(40)), "gold": gold, "pred": pred}),
                make_record("A2", TASK, {"id": list(range(40)), "gold": gold, "pred": pred2}),
                make_record("C", TASK, {"id": list(range(30)), "gold": gold[:30], "pred": gold[:30] ** 3})]
        comp = compare(recs, n_boot=20)
        expected = float(spearmanr(gold[:30], pred[:30]).statistic)
        assert comp.cells[("A", TASK)]["common_value"] == expected
        assert comp.cells[("A2", TASK)]["common_value"] == expected


def _relabel(rec, task: str, family: str, main: str, scorer: str, value: float):
    rec.task, rec.family, rec.main_score, rec.scorer = task, family, main, scorer
    rec.kind = "intrinsic" if family == "analogy" else "extrinsic"
    rec.scores = {main: value}
    return rec


def test_ner_f1_is_seqeval_on_the_common_sentences():
    from seqeval.metrics import f1_score

    from wordeval.extrinsic.spans import span_counts, span_scores

    rng = np.random.default_rng(0)
    tags = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    gold = [list(rng.choice(tags, size=rng.integers(3, 9))) for _ in range(60)]
    recs = []
    for name, k in (("A", 60), ("B", 45)):
        pred = [[t if rng.random() < 0.7 else str(rng.choice(tags)) for t in s] for s in gold[:k]]
        c = span_counts(gold[:k], pred, scheme="IOB2")
        rec = make_record(name, "pos/toy", {"id": list(range(k)), "correct": np.ones(k, int), "total": np.ones(k, int)})
        rec.per_item = {"id": list(range(k)), "tp": c.tp.tolist(), "fp": c.fp.tolist(), "fn": c.fn.tolist()}
        recs.append(_relabel(rec, "ner/toy", "ner", "f1", "f1:counts",
                             span_scores(gold[:k], pred, scheme="IOB2")["f1"]))
        if name == "A":
            pred_a = pred
    comp = compare(recs, n_boot=20)
    assert comp.cells[("A", "ner/toy")]["common_value"] == f1_score(gold[:45], pred_a[:45])


def test_pos_accuracy_and_analogy_accuracy_are_the_hand_counts():
    correct, total = [3, 5, 0, 7, 2], [4, 5, 2, 9, 3]
    recs = [make_record(name, "pos/toy", {"id": list(range(k)), "correct": correct[:k], "total": total[:k]})
            for name, k in (("A", 5), ("B", 4))]
    comp = compare(recs, n_boot=20)
    assert comp.cells[("A", "pos/toy")]["common_value"] == 15 / 20  # 3 + 5 + 0 + 7 of 4 + 5 + 2 + 9
    right = [1, 0, 1, 1, 0, 1, 0]
    recs = []
    for name, k in (("A", 7), ("B", 6)):
        rec = make_record(name, "pos/toy", {"id": list(range(k)), "correct": right[:k], "total": [1] * k})
        rec.per_item = {"id": list(range(k)), "correct": right[:k]}
        recs.append(_relabel(rec, "analogy/toy", "analogy", "accuracy", "mean:correct", sum(right[:k]) / k))
    comp = compare(recs, n_boot=20)
    assert comp.cells[("A", "analogy/toy")]["common_value"] == 4 / 6


def test_classification_seed_mean_is_sklearn_on_the_common_documents():
    """Per-seed columns (correct@K): each seed's accuracy_score on the common documents, then their exact mean."""
    from sklearn.metrics import accuracy_score

    rng = np.random.default_rng(1)
    gold = rng.integers(0, 3, size=50)
    recs, preds_a = [], None
    for name, k in (("A", 50), ("B", 37)):
        preds = [np.where(rng.random(k) < 0.6, gold[:k], (gold[:k] + 1) % 3) for _ in range(3)]
        accs = [accuracy_score(gold[:k], p) for p in preds]
        per_item = {"id": list(range(k)), "correct": np.mean([p == gold[:k] for p in preds], axis=0).tolist()}
        per_item.update({f"correct@{s}": (p == gold[:k]).astype(int).tolist() for s, p in enumerate(preds)})
        rec = make_record(name, "pos/toy", {"id": list(range(k)), "correct": np.ones(k, int), "total": np.ones(k, int)})
        rec.per_item = per_item
        recs.append(_relabel(rec, "classification/toy", "classification", "accuracy", "mean:correct",
                             float(sum(map(Fraction, accs)) / 3)))
        rec.config = dict(rec.config, n_seeds=3)
        rec.extra = {"protocol": {"seeds": [0, 1, 2]}}
        preds_a = preds if name == "A" else preds_a
    comp = compare(recs, n_boot=20)
    expected = float(sum(Fraction(accuracy_score(gold[:37], p[:37])) for p in preds_a) / 3)
    assert comp.cells[("A", "classification/toy")]["common_value"] == expected


def test_the_benchmark_by_task_correlation_of_the_same_order_is_one():
    """That matrix correlates scores over a few representations and is no task's score: its exact sums of
    ranks keep a perfect agreement at 1.0 (hand value), where scipy's spearmanr gives 0.9999999999999999
    (routing it through the scorers' function changed the demo's matrix and its summary)."""
    from wordeval.stats.agreement import rank_correlation

    assert rank_correlation([0.1, 0.3, 0.2, 0.5, 0.4], [0.7, 0.9, 0.8, 0.99, 0.95]) == 1.0
    assert rank_correlation([0.1, 0.3, 0.2, 0.5, 0.4], [0.9, 0.7, 0.8, 0.5, 0.6]) == -1.0
