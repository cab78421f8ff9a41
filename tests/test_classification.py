"""Classification evaluator on small hand-made data: the pipeline equals a hand-assembled sklearn pipeline."""
from __future__ import annotations

import json

import numpy as np
import pytest

from wordeval.datasets.types import Dataset, LabeledText
from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding
from wordeval.errors import ConfigError, NotAvailableError
from wordeval.extrinsic import classification as clf
from wordeval.extrinsic.pooling import DocumentPooler, tokenize
from wordeval.tasks.task import get_task

_SST2 = get_task("classification/sst2").spec
# the toy sets have no dev split: SST-2's spec under the protocol that chooses C by CV on train
SPEC = _SST2.__class__(**{**_SST2.to_dict(), "parameters": {**_SST2.parameters, "protocol": "split"}})


def _toy(seed: int = 0, n_train: int = 120, n_test: int = 60):
    """Three classes; each document mixes words of its class with shared noise words (and an OOV word)."""
    rng = np.random.default_rng(seed)
    classes = {c: [f"{c}{i}" for i in range(6)] for c in ("pos", "neg", "neu")}
    noise = [f"w{i}" for i in range(20)]
    words = [w for ws in classes.values() for w in ws] + noise
    vectors = rng.standard_normal((len(words), 8)).astype(np.float32)
    emb = StaticEmbedding(words, vectors)

    def doc(c):
        toks = list(rng.choice(classes[c], size=2)) + list(rng.choice(noise, size=5)) + ["oovword"]
        rng.shuffle(toks)
        return LabeledText(" ".join(toks), c)

    labels = ["pos", "neg", "neu"]
    train = [doc(labels[i % 3]) for i in range(n_train)]
    test = [doc(labels[i % 3]) for i in range(n_test)]
    ds = Dataset(name="toy", version="1", family="classification", splits={"train": train, "test": test},
                 files={"toy.txt": "0" * 64}, source="<memory>")
    return emb, ds


def test_equals_hand_assembled_sklearn_pipeline():
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    emb, ds = _toy()
    cfg = {"n_seeds": 1, "pooling": "tfidf", "oov": "zero", "cv_folds": 3, "c_grid": [0.01, 1.0, 100.0]}
    rec = clf.evaluate_dataset(SPEC, emb, ds, config=cfg, seed=5)
    tr = [tokenize(t.text, tokenizer="whitespace") for t in ds.splits["train"]]
    te = [tokenize(t.text, tokenizer="whitespace") for t in ds.splits["test"]]
    pooler = DocumentPooler(emb, method="tfidf", oov="zero", case="exact-then-lower").fit(tr)
    grid = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
                        {"logisticregression__C": [0.01, 1.0, 100.0]},
                        cv=StratifiedKFold(3, shuffle=True, random_state=5)).fit(
        pooler.transform(tr), [t.label for t in ds.splits["train"]])
    pred = grid.predict(pooler.transform(te))
    gold = np.array([t.label for t in ds.splits["test"]])
    assert rec.per_item["pred"] == pred.tolist()
    assert rec.scores["accuracy"] == pytest.approx(np.mean(pred == gold))
    assert rec.extra["per_seed"][0]["C"] == grid.best_params_["logisticregression__C"]
    assert rec.scores["accuracy"] > 0.6  # the class words carry the signal: far above chance (1/3)
    assert rec.scores["oov_rate"] == pytest.approx(1 / 8)


def test_record_seeds_items_and_json():
    emb, ds = _toy()
    rec = clf.evaluate_dataset(SPEC, emb, ds, config={"n_seeds": 3, "oov": "random", "cv_folds": 3}, seed=2)
    per_seed = [r["accuracy"] for r in rec.extra["per_seed"]]
    assert [r["seed"] for r in rec.extra["per_seed"]] == [2, 3, 4] == rec.config["seeds"]
    assert rec.scores["accuracy"] == pytest.approx(np.mean(per_seed))
    assert rec.scores["accuracy_sd"] == pytest.approx(np.std(per_seed, ddof=1))
    assert clf.main_score_from_items(rec.per_item) == pytest.approx(rec.scores["accuracy"])
    cols = {k: np.asarray(v) for k, v in rec.per_item.items() if k != "correct"}
    assert clf.main_score_from_items(cols) == pytest.approx(per_seed[0])  # pred column = first seed
    assert list(rec.per_item)[0] == "id" and rec.n_total == rec.n_used == 60
    lo, hi = rec.ci["accuracy"]
    assert lo <= rec.scores["accuracy"] <= hi
    d = json.loads(rec.to_json())
    assert d["config"]["oov"] == "random" and d["config"]["features"] == "pooled"
    assert d["extra"]["oov"]["test"]["oov_types"] == 1
    assert d["run"]["seed"] == 2 and d["dataset_sha256"] == {"toy.txt": "0" * 64}


def test_subsampling_is_seeded_and_ids_are_test_indices():
    emb, ds = _toy()
    cfg = {"n_seeds": 1, "max_train": 60, "max_test": 20, "cv_folds": 3}
    a = clf.evaluate_dataset(SPEC, emb, ds, config=cfg, seed=1)
    b = clf.evaluate_dataset(SPEC, emb, ds, config=cfg, seed=1)
    assert a.per_item == b.per_item and a.n_used == 20 and a.n_total == 60
    assert a.extra["per_seed"][0]["n_train"] == 60
    assert a.per_item["gold"] == [ds.splits["test"][i].label for i in a.per_item["id"]]


class _SentenceEncoder:
    """A frozen sentence encoder: fixed random projection of a hashed bag of characters."""

    def __init__(self):
        self.info = EmbeddingInfo(name="charproj", source="<test>", format="sentence", dim=16, vocab_size=None,
                                  fingerprint="sha256:test")
        self.proj = np.random.default_rng(0).standard_normal((128, 16))

    def encode_sentences(self, texts):
        bags = np.zeros((len(texts), 128))
        for i, t in enumerate(texts):
            for ch in t.encode():
                bags[i, ch % 128] += 1
        return bags @ self.proj


def test_sentence_encoder_used_directly():
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    _, ds = _toy()
    enc = _SentenceEncoder()
    rec = clf.evaluate_dataset(SPEC, enc, ds, config={"n_seeds": 1, "cv_folds": 3, "c_grid": [1.0]}, seed=0)
    assert rec.config["features"] == "sentence" and rec.extra["oov"] == {}
    assert rec.scores["oov_rate"] is None or np.isnan(rec.scores["oov_rate"])
    x_tr = enc.encode_sentences([t.text for t in ds.splits["train"]])
    x_te = enc.encode_sentences([t.text for t in ds.splits["test"]])
    grid = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
                        {"logisticregression__C": [1.0]}, cv=StratifiedKFold(3, shuffle=True, random_state=0))
    pred = grid.fit(x_tr, [t.label for t in ds.splits["train"]]).predict(x_te)
    assert rec.per_item["pred"] == pred.tolist()
    # a skip with the reason (as pooling="sif" on an encoder), not a ConfigError that stops the whole run
    with pytest.raises(NotAvailableError, match="lookup"):
        clf.evaluate_dataset(SPEC, enc, ds, config={"features": "pooled"})


def test_config_errors_and_registry():
    emb, ds = _toy()
    for bad in ({"nseeds": 3}, {"c_grid": []}, {"c_grid": [0, 1]}, {"cv_folds": 1}, {"features": "cls"},
                {"max_train": 0}, {"learner": "svm"}):
        with pytest.raises(ConfigError):
            clf.resolve_config(bad)
    with pytest.raises(ConfigError, match="no .*'dev'"):
        clf.evaluate_dataset(SPEC.__class__(**{**SPEC.to_dict(), "split": "dev"}), emb, ds)
    from wordeval.registry import REGISTRY

    assert REGISTRY.resolve("task", "classification/trec50") == get_task("classification/trec50").spec
    datasets = ("bbc", "mr", "cr", "sst2", "sst5", "trec6", "trec50")
    assert {f"classification/{d}" for d in datasets} <= set(REGISTRY.names("task"))
    # the tokenizer of each set is a task default in its declaration file ([config] tokenizer = ...)
    assert get_task("classification/bbc").default_config()["tokenizer"] == "regex"
    assert get_task("classification/cr").default_config()["tokenizer"] == "whitespace"


def test_trec6_with_glove_subsample(shared_data, glove50):
    """Real data end to end (subsampled train for speed): far above the majority-class rate, all ids valid."""
    from wordeval.evaluation import evaluate

    rec = evaluate(glove50, "classification/trec6", config={"n_seeds": 1, "max_train": 1500, "cv_folds": 3,
                                                            "c_grid": [0.1, 10.0]}, data_home=shared_data)
    gold = rec.per_item["gold"]
    majority = max(gold.count(g) for g in set(gold)) / len(gold)
    assert rec.n_total == rec.n_used == 500 and len(gold) == 500
    assert rec.scores["accuracy"] > majority + 0.3  # majority ~0.28; GloVe-50d mean pooling reaches ~0.65+
    assert 0 < rec.scores["oov_rate"] < 0.02  # SentEval TREC is clean English; GloVe covers nearly all tokens
    assert set(rec.dataset_sha256) == {"classification/senteval/TREC/train_5500.label",
                                       "classification/senteval/TREC/TREC_10.label"}
    assert rec.config["tokenizer"] == "whitespace"
    assert clf.main_score_from_items(rec.per_item) == pytest.approx(rec.scores["accuracy"])


def test_max_test_scores_the_same_documents_for_every_seed():
    """--seeds N makes one record per seed; max_test drew each record's test sample with its own seed, so the
    seeds scored different documents and their sd, CI and paired tests mixed test samples with seeds."""
    emb, ds = _toy()
    cfg = {"n_seeds": 1, "cv_folds": 3, "c_grid": [1.0], "max_test": 20}
    ids = [clf.evaluate_dataset(SPEC, emb, ds, config=cfg, seed=s).per_item["id"] for s in (0, 1, 7)]
    assert len(ids[0]) == 20 and len(set(ids[0])) == 20 and ids[0] == ids[1] == ids[2]
