"""An extrinsic task on which every representation scores the same (here 15 of 30 documents right each, on
different documents) has no ranking, so τ-b against it is undefined (scipy says NaN too). Its summary line said
"too few representations to judge agreement (its cells use 5; at least 4 are needed)", and its τ cells printed
an interval ([-0.82, 0.78]) around that undefined τ, made of the resamples where the scores happened to differ."""
from __future__ import annotations

import math

import numpy as np
from scipy.stats import kendalltau

from tests._records import cli_records, make_record
from wordeval.cli.compare import text_report
from wordeval.report.compare import compare

NAMES = ("A", "B", "C", "D", "E")


def _flat(rec, rng):
    """The record on 'classification/flat': 15 of its 30 documents right, which ones drawn per representation."""
    right = np.zeros(30, int)
    right[rng.choice(30, 15, replace=False)] = 1
    rec.task = "classification/flat"
    rec.per_item = {**rec.per_item, "correct": right.tolist(),
                    "pred": [g if r else g + 1 for g, r in zip(rec.per_item["gold"], right)]}
    rec.scores = {"accuracy": 0.5}
    return rec


def _records(*, few_items: bool = False):
    rng = np.random.default_rng(3)
    out = []
    for rec in cli_records(n_sim=30, n_doc=30, names=NAMES[:3]) + cli_records(seed=1, n_sim=30, n_doc=30,
                                                                                names=NAMES[3:]):
        if rec.task == "classification/toy":
            out.append(_flat(rec, rng))
        elif few_items:  # the intrinsic task cut to 6 pairs: too few for a paired test or a verdict
            out.append(make_record(rec.label, rec.task, {k: v[:6] for k, v in rec.per_item.items()}))
        else:
            out.append(rec)
    return out


def test_an_extrinsic_task_with_all_scores_equal_is_said_to_have_no_ranking():
    comp = compare(_records(), n_boot=50)
    (row,) = comp.taus
    scores = [comp.cells[(r, "classification/flat")]["common_value"] for r in NAMES]
    intrinsic = [comp.cells[(r, "similarity/toy")]["common_value"] for r in NAMES]
    assert math.isnan(kendalltau(intrinsic, scores).statistic)  # the oracle: no τ
    assert row["n_representations"] == 5 and math.isnan(row["tau"])
    assert row["constant"] == ["classification/flat"]
    assert all(not math.isfinite(b) for b in row["ci"]), row["ci"]  # no interval around an undefined τ
    text = text_report(comp)
    assert "too few representations" not in text, text
    assert ("classification/flat: no agreement can be judged: classification/flat gives every representation the "
            "same score: no ranking, so no τ.") in comp.summary, comp.summary
    assert "n/a over 5 representations, p n/a, no verdict (no ranking on classification/flat: all scores equal)" in text, text


def test_a_task_judged_only_against_too_few_items_says_so_not_too_few_representations():
    records = [r if r.task != "classification/flat" else _with_pos_scores(r) for r in _records(few_items=True)]
    comp = compare(records, n_boot=50)
    (row,) = comp.taus
    assert row["n_representations"] == 5 and min(row["n_items"]) == 6
    (line,) = [s for s in comp.summary if s.startswith("classification/flat:")]
    assert line == "classification/flat: no agreement can be judged: 6 common word pairs (at least 10 are needed).", line


def _with_pos_scores(rec):
    """The document task with differing scores again, so the only obstacle left is the intrinsic task's size."""
    right = np.zeros(30, int)
    right[: 10 + 3 * NAMES.index(rec.label)] = 1
    rec.per_item = {**rec.per_item, "correct": right.tolist()}
    rec.scores = {"accuracy": float(right.mean())}
    return rec


def test_benchmarks_that_each_give_every_representation_one_score_are_named_once_each():
    """Two similarity tasks on which every representation has the same outputs (copies of one set of cosines)
    have no ranking; the summary line named each twice: 'similarity/a: similarity/a gives every representation
    the same score ...'. Oracle: the two tasks' names, each written once."""
    rng = np.random.default_rng(4)
    records = []
    for task in ("similarity/a", "similarity/b"):
        gold = rng.normal(size=30)
        pred = gold + rng.normal(size=30)
        cols = {"id": list(range(30)), "gold": gold, "pred": pred}
        records += [make_record(name, task, cols) for name in NAMES]
    records += [r for r in cli_records(n_sim=30, n_doc=30, names=NAMES[:3]) + cli_records(
        seed=1, n_sim=30, n_doc=30, names=NAMES[3:]) if r.task == "classification/toy"]
    comp = compare(records, n_boot=50)
    (line,) = [s for s in comp.summary if s.startswith("classification/toy:")]
    why = "gives every representation the same score: no ranking, so no τ"
    expected = f"classification/toy: no agreement can be judged: similarity/a {why}; similarity/b {why}."
    assert line == expected, line
