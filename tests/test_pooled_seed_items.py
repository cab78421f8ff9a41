"""A record that holds several seeds (``--seeds 3`` in one run, the default for extrinsic tasks) keeps each
seed's per-item columns (schema 3), so a comparison tests it over items × seeds (S) exactly as a store with one
record per seed, and ranks span F1 by the mean of the seeds' F1s, the number the table shows. Before, such a
record gave only summed columns: tests over items only (B), and a ranking by the F1 of summed counts."""
from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from test_classification import SPEC as _CLASSIFICATION, _toy
from test_learners import FILLER, NAMES
from test_tagging import NER_CONLL2003 as _NER, POS_PTB as _POS, _dataset
from tests._records import make_record
from wordeval.datasets.types import Dataset, TaggedSentence
from wordeval.embeddings.base import StaticEmbedding
from wordeval.errors import InputFormatError
from wordeval.extrinsic import classification, tagging
from wordeval.report.compare import compare
from wordeval.results.record import ResultRecord
from wordeval.stats.pair_tests import bootstrap_p
from wordeval.stats.item_scores import resample_counts
from wordeval.stats.task_items import _rep_rng, task_rng

EPS = float(np.finfo(np.float32).eps)
# the built-in specs under names of their own: these records hold toy data, which compare leaves out of a
# built-in task's column (wordeval.report.builtin_data)
NER_CONLL2003, POS_PTB, CLASSIFICATION = (dataclasses.replace(s, name=f"{s.family}/toy", origin="")
                                          for s in (_NER, _POS, _CLASSIFICATION))
TAGGER = {"learner": "perceptron", "epochs": 2, "profile": "quick"}


def _random_embedding(name: str, seed: int, words) -> StaticEmbedding:
    emb = StaticEmbedding(list(words), np.random.default_rng(seed).normal(size=(len(words), 2)))
    emb.info = dataclasses.replace(emb.info, name=name)
    return emb


def _noisy_pos() -> Dataset:
    """A tag per word (from its vocabulary position), one in four replaced at random: only the word's vector
    says its tag, and no tagger gets them all."""
    ds = _dataset(pos=True)
    rng = np.random.default_rng(7)
    tagset = ["NOUN", "VERB", "X"]
    words = NAMES + FILLER

    def tag(token):
        own = tagset[words.index(token.lower()) % 3]
        return own if rng.random() > 0.25 else tagset[rng.integers(3)]

    splits = {name: [TaggedSentence(s.tokens, tuple(tag(t) for t in s.tokens)) for s in sents]
              for name, sents in ds.splits.items()}
    return dataclasses.replace(ds, splits=splits)


def _tagging_runs(spec, pos: bool, n_seeds: int, seed: int = 0):
    words = NAMES + FILLER
    return [tagging.evaluate_dataset(spec, _random_embedding(name, k, words), _noisy_pos() if pos else _dataset(),
                                     config={**TAGGER, "n_seeds": n_seeds}, seed=seed)
            for k, name in enumerate("AB")]


def _classification_runs(n_seeds: int, seed: int = 0):
    out = []
    for k, name in enumerate("AB"):
        emb, ds = _toy(k)
        emb.info = dataclasses.replace(emb.info, name=name)
        out.append(classification.evaluate_dataset(
            CLASSIFICATION, emb, ds, config={"n_seeds": n_seeds, "cv_folds": 3, "c_grid": [0.1, 10.0],
                                             "max_train": 45}, seed=seed))
    return out


RUNS = {"pos": lambda n, s=0: _tagging_runs(POS_PTB, True, n, s),
        "ner": lambda n, s=0: _tagging_runs(NER_CONLL2003, False, n, s),
        "classification": _classification_runs}


@pytest.mark.parametrize("family", list(RUNS))
def test_a_pooled_record_is_tested_as_one_record_per_seed(family):
    pooled = RUNS[family](3)
    separate = [rec for s in range(3) for rec in RUNS[family](1, s)]
    for rec in pooled:  # the pooled record's seed k is the run of seed k on its own
        for k in range(3):
            own = next(r for r in separate if r.label == rec.label and r.seed == k)
            for name in ("tp", "fp", "fn", "correct", "total"):
                if f"{name}@{k}" in rec.per_item:
                    assert rec.per_item[f"{name}@{k}"] == [int(v) for v in own.per_item[name]]
    a = compare(pooled, n_boot=200, correction="none")
    b = compare(separate, n_boot=200, correction="none")
    assert [(t["code"], t["p_value"], t["difference"]) for t in a.tests] == \
        [(t["code"], t["p_value"], t["difference"]) for t in b.tests]
    assert np.isfinite(a.tests[0]["p_value"]) and a.tests[0]["difference"] != 0
    assert {t["code"] for t in a.tests} == {"S"}
    task = pooled[0].task
    for rep in "AB":
        assert a.cells[(rep, task)]["common_value"] == pytest.approx(b.cells[(rep, task)]["common_value"],
                                                                     rel=8 * EPS)
    assert not [n for n in a.notes if "pool" in n]


def test_span_f1_ranked_by_the_mean_of_seed_f1s_as_seqeval_gives_it(tmp_path):
    """The common-item score of a pooled NER record was the F1 of counts summed over seeds while the table showed
    the mean of the seeds' F1s (0.47387 and 0.47376 here). Oracle: seqeval on each seed's saved predictions."""
    from seqeval.metrics import f1_score
    from seqeval.metrics.sequence_labeling import get_entities

    words = NAMES + FILLER
    recs = []
    for k, name in enumerate("AB"):
        folder = tmp_path / name
        folder.mkdir()
        recs.append(tagging.evaluate_dataset(NER_CONLL2003, _random_embedding(name, k, words), _dataset(),
                                             config={**TAGGER, "n_seeds": 3}, seed=0, predictions=str(folder)))
    comp = compare(recs, n_boot=50)
    for rec in recs:
        f1s = []
        for k, path in enumerate(sorted((tmp_path / rec.label).glob("*.conll"))):
            blocks = [b.split("\n") for b in path.read_text(encoding="utf-8").strip().split("\n\n")]
            gold = [[line.split()[1] for line in b] for b in blocks]
            pred = [[line.split()[2] for line in b] for b in blocks]
            f1s.append(f1_score(gold, pred))
            ents = [(set(get_entities(g)), set(get_entities(p))) for g, p in zip(gold, pred)]
            assert rec.per_item[f"tp@{k}"] == [len(g & p) for g, p in ents]
            assert rec.per_item[f"fp@{k}"] == [len(p - g) for g, p in ents]
            assert rec.per_item[f"fn@{k}"] == [len(g - p) for g, p in ents]
        assert len(f1s) == 3 and len(set(f1s)) > 1
        cell = comp.cells[(rec.label, rec.task)]
        assert cell["value"] == pytest.approx(np.mean(f1s), rel=8 * EPS)
        assert cell["common_value"] == pytest.approx(np.mean(f1s), rel=8 * EPS)


def test_seed_bootstrap_by_hand_on_tiny_numbers():
    """S by hand: each replicate draws the items (the task's stream) and, per representation, its seeds (its
    own stream); the statistic is the difference of the mean over drawn seeds of accuracy; p as Hall & Wilson."""
    n, n_boot = 12, 300
    ids = [f"s{i}" for i in range(n)]
    total = np.array([3, 5, 2, 4, 6, 3, 2, 5, 4, 3, 6, 2])
    correct = {"A": [total - np.array([0, 1, 0, 1, 2, 0, 1, 1, 0, 1, 2, 0]) * (k + 1) // 2 for k in range(3)],
               "B": [total // 2 + np.array([0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0]) * k for k in range(3)]}
    recs = []
    for rep, cols in correct.items():
        rec = make_record(rep, "pos/toy", {"id": ids, "correct": sum(cols), "total": 3 * total})
        for k, c in enumerate(cols):
            rec.per_item[f"correct@{k}"], rec.per_item[f"total@{k}"] = c.tolist(), total.tolist()
        rec.extra = {"protocol": {"seeds": [0, 1, 2]}}
        recs.append(rec)
    comp = compare(recs, n_boot=n_boot, correction="none")
    (test,) = comp.tests
    assert test["code"] == "S"

    acc = {rep: np.array([c.sum() / total.sum() for c in cols]) for rep, cols in correct.items()}
    counts = resample_counts(task_rng(0, "pos/toy"), n, n_boot)  # (n_boot, n) multiplicities
    boot = {rep: np.stack([(counts @ c) / (counts @ total) for c in cols], axis=1) for rep, cols in correct.items()}
    drawn = {rep: _rep_rng(0, "pos/toy", rep).integers(0, 3, size=(n_boot, 3)) for rep in correct}
    means = {rep: np.take_along_axis(boot[rep], drawn[rep], axis=1).mean(axis=1) for rep in correct}
    observed = acc["A"].mean() - acc["B"].mean()
    d = means["A"] - means["B"]
    expected_p = (1 + np.count_nonzero(np.abs(d - observed) >= abs(observed))) / (1 + n_boot)
    assert test["difference"] == pytest.approx(observed, rel=8 * EPS)
    assert test["p_value"] == pytest.approx(expected_p, abs=1e-12)
    assert bootstrap_p(observed, d)[0] == pytest.approx(expected_p, abs=1e-12)


def test_records_without_seed_columns_keep_items_only_tests_and_their_note():
    recs = _tagging_runs(NER_CONLL2003, False, 3)
    for rec in recs:  # as an older wordeval wrote them: summed columns only
        rec.per_item = {k: v for k, v in rec.per_item.items() if "@" not in k}
        rec.schema_version = 2
    comp = compare([ResultRecord.from_dict(json.loads(r.to_json())) for r in recs], n_boot=50)
    assert {t["code"] for t in comp.tests} == {"B"}
    (note,) = [n for n in comp.notes if "pool" in n]
    assert "resample items only" in note and "F1 of the counts summed over seeds" in note


def test_a_record_round_trips_and_wrong_seed_columns_are_refused():
    rec = _tagging_runs(POS_PTB, True, 3)[0]
    d = json.loads(rec.to_json())
    assert d["schema_version"] == 3
    assert ResultRecord.from_dict(d).per_item == rec.per_item
    del d["per_item"]["correct@2"]
    with pytest.raises(InputFormatError, match=r"r\.json: expected per-seed columns correct@0\.\.correct@2"):
        ResultRecord.from_dict(d, source="r.json")


def test_the_record_ci_is_of_the_mean_of_seed_f1s_it_reports(monkeypatch):
    """The record's CI was of the F1 of counts summed over seeds while its score is the mean of the seeds' F1s:
    one seed tagging perfectly and one finding a single entity give a summed-count F1 near 2/3 and a mean near
    1/2, and the interval excluded the score. Oracle: seqeval per seed, and a numpy bootstrap of their mean."""
    from seqeval.metrics import f1_score
    from seqeval.metrics.sequence_labeling import get_entities

    from wordeval.extrinsic.learners.crf import CRFTagger

    ds = _dataset()
    gold = [list(s.tags) for s in ds.splits["test"]]
    first = next(i for i, g in enumerate(gold) if get_entities(g))
    sparse = [list(g) if i == first else ["O"] * len(g) for i, g in enumerate(gold)]
    fitted = []
    original_fit = CRFTagger.fit

    def fit(self, *args, seed=0, **kwargs):
        fitted.append(seed)
        return original_fit(self, *args, seed=seed, **kwargs)

    monkeypatch.setattr(CRFTagger, "fit", fit)
    original_predict = CRFTagger.predict

    def predict(self, features, split):
        if split != "test":
            return original_predict(self, features, split)
        return [list(x) for x in (gold if fitted[-1] == 0 else sparse)]

    monkeypatch.setattr(CRFTagger, "predict", predict)
    rec = tagging.evaluate_dataset(NER_CONLL2003, _random_embedding("A", 0, NAMES + FILLER), ds,
                                   config={**TAGGER, "n_seeds": 2}, seed=0)
    f1s = [f1_score(gold, gold), f1_score(gold, sparse)]
    assert rec.scores["f1"] == pytest.approx(np.mean(f1s), rel=8 * EPS)
    rng = np.random.default_rng(0)
    ents = [(len(get_entities(g)), len(get_entities(s))) for g, s in zip(gold, sparse)]
    n_gold, n_sparse = np.array(ents).T  # seed 1's entities are all right: tp = its count, fn = the rest
    draws = rng.integers(0, len(gold), size=(4000, len(gold)))
    g, t = n_gold[draws].sum(axis=1), n_sparse[draws].sum(axis=1)
    means = (1.0 + np.where(t > 0, 2 * t / np.maximum(g + t, 1), 0.0)) / 2
    low, high = np.percentile(means, [2.5, 97.5])
    assert rec.ci["f1"][0] <= rec.scores["f1"] <= rec.ci["f1"][1]
    assert rec.ci["f1"] == pytest.approx([low, high], abs=0.03)


def test_other_columns_named_like_seed_columns_are_no_seeds():
    """A QVEC oracle feature may be named "x@1": its column "o:x@1" is not a seed's, and the record loads."""
    rec = make_record("A", "pos/toy", {"id": list(range(12)), "correct": [1] * 12, "total": [2] * 12})
    d = json.loads(rec.to_json())
    d["per_item"]["o:x@1"] = [0] * 12
    assert ResultRecord.from_dict(d).per_item["o:x@1"] == [0] * 12
