"""The tagging evaluator on small in-memory datasets, and on a CoNLL-2003 subset when WORDEVAL_DATA is set."""
from __future__ import annotations

import json

import numpy as np
import pytest
from seqeval.metrics import f1_score

from wordeval.datasets.types import Dataset, TaggedSentence
from wordeval.errors import ConfigError
from wordeval.extrinsic import tagging
from wordeval.tasks.task import get_task

NER_CONLL2003, POS_PTB = get_task("ner/conll2003").spec, get_task("pos/ptb-pos").spec
from wordeval.results.record import ResultRecord

from test_learners import _corpus, _embedding


def _dataset(pos: bool = False) -> Dataset:
    splits = {}
    for name, (n, seed) in {"train": (120, 1), "dev": (30, 2), "test": (40, 3)}.items():
        sents, tags = _corpus(n, seed)
        if pos:
            tags = [["NOUN" if t != "O" else "X" for t in tg] for tg in tags]
        splits[name] = [TaggedSentence(tuple(s), tuple(t)) for s, t in zip(sents, tags)]
    return Dataset("toy", "1", "pos" if pos else "ner", splits, {"toy.txt": "0" * 64}, "memory",
                   {"scheme": None if pos else "IOB2"})


FAST = {"learner": "crf", "epochs": 30, "profile": "quick"}


def test_record_fields_and_items_recompute_the_score():
    rec = tagging.evaluate_dataset(NER_CONLL2003, _embedding(), _dataset(), config=dict(FAST, n_seeds=2),
                                   seed=7, progress=False)
    assert rec.task == "ner/conll2003" and rec.main_score == "f1" and rec.kind == "extrinsic"
    assert rec.extra["per_seed"]["seed"] == [7, 8] and len(rec.extra["per_seed"]["f1"]) == 2
    assert rec.scores["f1"] == pytest.approx(np.mean(rec.extra["per_seed"]["f1"]))
    assert rec.scores["f1_sd"] is not None and rec.scores["f1"] > 0.8
    assert list(rec.per_item) == ["id", "tp", "fp", "fn", "tp@0", "fp@0", "fn@0", "tp@1", "fp@1", "fn@1"]
    assert len(rec.per_item["id"]) == rec.n_used == 40
    for name in ("tp", "fp", "fn"):  # each seed's own counts (schema 3) sum to the pooled ones
        assert rec.per_item[name] == [a + b for a, b in zip(rec.per_item[f"{name}@0"], rec.per_item[f"{name}@1"])]
    pooled = tagging.main_score_from_items({k: np.asarray(v) for k, v in rec.per_item.items()})
    assert pooled == pytest.approx(rec.scores["f1"], abs=0.02)  # pooled over seeds vs mean of seeds
    assert rec.config["learner_params"]["epochs"] == 30 and rec.config["profile"] == "quick"
    assert rec.config["oov"] == "unk" and rec.dataset_sha256 == {"toy.txt": "0" * 64}
    assert rec.ci["f1"][0] <= pooled <= rec.ci["f1"][1]
    back = ResultRecord.from_dict(json.loads(rec.to_json()))
    assert back.per_item == rec.per_item and back.run["seed"] == 7


def test_one_seed_f1_equals_seqeval_on_the_same_predictions(monkeypatch):
    captured = {}
    from wordeval.extrinsic.learners.crf import CRFTagger
    original = CRFTagger.predict

    def spy(self, features, split):
        pred = original(self, features, split)
        if split == "test":
            captured["pred"] = pred
        return pred

    monkeypatch.setattr(CRFTagger, "predict", spy)
    ds = _dataset()
    rec = tagging.evaluate_dataset(NER_CONLL2003, _embedding(), ds, config=dict(FAST, n_seeds=1), progress=False)
    gold = [list(s.tags) for s in ds.splits["test"]]
    assert rec.scores["f1"] == pytest.approx(f1_score(gold, captured["pred"]))
    assert tagging.main_score_from_items(rec.per_item) == pytest.approx(rec.scores["f1"])


def test_pos_accuracy_and_pooled_items():
    rec = tagging.evaluate_dataset(POS_PTB, _embedding(), _dataset(pos=True), config=dict(FAST, n_seeds=2),
                                   progress=False)
    assert list(rec.per_item) == ["id", "correct", "total", "correct@0", "total@0", "correct@1", "total@1"]
    assert rec.main_score == "accuracy"
    # every seed tags the same tokens, so the pooled accuracy is exactly the mean over seeds
    assert tagging.main_score_from_items(rec.per_item) == pytest.approx(rec.scores["accuracy"])


@pytest.mark.parametrize("bad", [{"learnr": "crf"}, {"learner": "svm"}, {"oov": "mean"}, {"n_seeds": 0},
                                 {"profile": "huge"}, {"n_seeds": "3"}, {"learner": "mlp", "clusters": 10}])
def test_bad_config_is_a_config_error(bad):
    with pytest.raises(ConfigError):
        tagging.evaluate_dataset(NER_CONLL2003, _embedding(), _dataset(), config=bad, progress=False)


def test_registry_has_the_tagging_tasks():
    from wordeval.registry import REGISTRY

    names = set(REGISTRY.names("task"))
    assert {"pos/ud-ewt", "pos/ptb-pos", "chunking/conll2000", "ner/conll2003", "ner/wnut16"} <= names
    assert REGISTRY.resolve("task", "ner/wnut16").main_score == "f1"


def test_conll2003_subset_with_glove(shared_data, glove50):
    # Real data, quick profile, one seed, the linear CRF (fast): a sanity floor well under the full-size figure.
    from wordeval.evaluation import evaluate

    rec = evaluate(glove50, "ner/conll2003", config={"profile": "quick", "learner": "mlp", "n_seeds": 1,
                                                     "epochs": 3}, data_home=shared_data)
    assert rec.scores["f1"] > 0.5
    assert 0 < rec.scores["oov_rate"] < 0.1 and rec.dataset["scheme"] == "IOB1"
    assert set(rec.extra["per_type_f1"]) == {"PER", "LOC", "ORG", "MISC"}


def test_effective_learner_settings_are_recorded():
    rec = tagging.evaluate_dataset(NER_CONLL2003, _embedding(), _dataset(), config=dict(FAST, n_seeds=1),
                                   progress=False)
    settings = rec.config["learner_settings"]
    assert settings["c2"] == 1.0 and settings["epochs"] == 30 and settings["window"] == 2


@pytest.mark.parametrize("learner,unread", [("crf", ()), ("perceptron", ("c1", "c2")), ("mlp", ())])
def test_learner_settings_hold_no_fit_state_and_nothing_the_learner_ignores(learner, unread):
    """Read from an unfitted learner, every record's settings said best_epoch -1 (and the MLP's model None),
    while the fits' best epochs (extra.per_seed) were 0 or more; the perceptron's carried the CRF's c1/c2,
    which crfsuite's averaged perceptron never reads."""
    rec = tagging.evaluate_dataset(NER_CONLL2003, _embedding(), _dataset(),
                                   config={"learner": learner, "epochs": 2, "profile": "quick", "n_seeds": 1},
                                   progress=False)
    settings = rec.config["learner_settings"]
    assert not {"best_epoch", "model", "converged", *unread} & set(settings), settings
    assert settings["epochs"] == 2 and settings["window"] == 2
    assert all(e >= 0 for e in rec.extra["per_seed"]["best_epoch"])


def test_too_many_clusters_names_the_task_the_representation_and_the_count():
    """--clusters K above the covered words of a task's sentences stopped a run with 'cluster count K=1000
    needs at least K covered vectors, have 853': no task, no representation, no option. The count is the
    toy data's distinct words, all covered by its embedding, counted here by hand."""
    data = _dataset()
    n_types = len({t for items in data.splits.values() for x in items for t in x.tokens})
    with pytest.raises(ConfigError) as err:
        tagging.evaluate_dataset(NER_CONLL2003, _embedding(), data,
                                 config=dict(FAST, n_seeds=1, clusters=n_types + 1), progress=False)
    message = str(err.value)
    assert message.startswith(f"ner/conll2003 on {_embedding().info.name}: clusters = {n_types + 1} needs")
    assert f"which have {n_types}:" in message and "--clusters" in message


def test_requests_whose_linear_models_changed_have_new_store_keys_and_the_others_keep_theirs():
    """The perceptron's seeded shuffle and the OOV flag under unk only changed those models under unchanged
    requests, so a store served the records computed before. Their request configs now carry the linear
    learners' version; crf with oov=unk and the torch learners, whose models did not change, keep their keys
    (their configs as before: no new key)."""
    task = get_task("ner/conll2003")
    cfg = lambda **kw: task.validate_config(kw)  # noqa: E731
    assert cfg(learner="perceptron")["linear_version"] == tagging.LINEAR_VERSION
    assert cfg(learner="crf", oov="zero")["linear_version"] == tagging.LINEAR_VERSION
    for unchanged in (cfg(learner="crf"), cfg(learner="mlp", oov="zero"), cfg()):
        assert "linear_version" not in unchanged
    again = task.validate_config(cfg(learner="perceptron"))  # a validated config validates to itself
    assert again == cfg(learner="perceptron")
