"""Every number a classification record shows, against scikit-learn by hand on a tiny real subset of TREC-6
(60 stratified training questions, 40 test questions, GloVe 6B 50d): mean of the known words' vectors,
StandardScaler + LogisticRegression with C by stratified 2-fold CV, accuracy and macro-F1 by sklearn.metrics;
n_used/n_total and the training sample's per-class counts as the record states them."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest


def test_trec6_subset_matches_sklearn_by_hand(shared_data, glove50):
    import wordeval
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    config = {"n_seeds": 1, "max_train": 60, "max_test": 40, "cv_folds": 2, "c_grid": [0.1, 1.0]}
    rec = wordeval.evaluate(glove50, "classification/trec6", config=config, seed=4)
    ds = wordeval.get_task("classification/trec6").load_dataset()
    train, test = list(ds.splits["train"]), list(ds.splits["test"])
    assert (rec.n_used, rec.n_total) == (40, 500)

    y_train = [it.label for it in train]
    rows, _ = train_test_split(np.arange(len(train)), train_size=60, stratify=y_train, random_state=4)
    rows = np.sort(rows)
    assert rec.extra["per_seed"][0]["n_train_per_class"] == dict(sorted(Counter(y_train[i] for i in rows).items()))
    assert rec.extra["per_seed"][0]["n_train_per_class"]["ABBR"] == 1  # 60 * 86 / 5452 = 0.95, kept

    words, matrix = glove50.words, glove50.vectors
    index = {w: i for i, w in enumerate(words)}

    def features(text):
        known = [matrix[index[w] if w in index else index[w.lower()]] for w in text.split()
                 if w in index or w.lower() in index]
        return np.mean(np.asarray(known, dtype=np.float64), axis=0) if known else np.zeros(matrix.shape[1])

    test_items = [test[i] for i in rec.per_item["id"]]
    x_tr = np.stack([features(train[i].text) for i in rows])
    x_te = np.stack([features(it.text) for it in test_items])
    search = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
                          {"logisticregression__C": [0.1, 1.0]}, scoring="accuracy",
                          cv=StratifiedKFold(2, shuffle=True, random_state=4)).fit(x_tr, [y_train[i] for i in rows])
    pred = search.predict(x_te).tolist()
    gold = [it.label for it in test_items]
    assert rec.per_item["gold"] == gold and rec.per_item["pred"] == pred
    assert rec.scores["accuracy"] == pytest.approx(accuracy_score(gold, pred), abs=1e-12)
    assert rec.scores["macro_f1"] == pytest.approx(f1_score(gold, pred, average="macro", zero_division=0),
                                                   abs=1e-12)
    assert rec.extra["per_seed"][0]["C"] == search.best_params_["logisticregression__C"]

    from wordeval.report.protocol import _subsampling
    assert _subsampling(rec) == "train 60 of 5,452 documents (stratified by class), test 40 of 500 documents"
