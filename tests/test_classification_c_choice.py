"""C is chosen by mean CV accuracy. scikit-learn ranks float means, and with folds of unequal size the same
exact mean rounds differently by the order the fold accuracies are summed: a C with 22, 26, 28, 25, 24
correct on folds of 31, 31, 30, 30, 30 documents beat an earlier C with 22, 26, 28, 24, 25 correct, whose
mean is the same. fit_logreg now compares the exact means and gives a tie to the first C of the grid, and
the request key of logistic-regression records says so (c_choice), so a store does not serve old ones."""
from __future__ import annotations

import logging
from fractions import Fraction

import numpy as np
import pytest
import sklearn.linear_model
import sklearn.preprocessing
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.model_selection import GridSearchCV, StratifiedKFold
from sklearn.preprocessing import FunctionTransformer

import wordeval
from wordeval.errors import ConfigError
from wordeval.extrinsic import classification
from wordeval.extrinsic.classification import fit_logreg
from wordeval.results.store import load_records

from tests.test_classification_train_sample_key import _vectors
from tests.test_classification_stratified_max_train import _write_task

# 77 + 75 documents: StratifiedKFold(5) makes folds of 31, 31, 30, 30, 30 (checked below)
Y = np.array([0] * 77 + [1] * 75)
X = np.arange(len(Y), dtype=np.float64)[:, None]  # a document's row number, read by the scripted classifier
CORRECT = {1.0: [22, 26, 28, 24, 25], 2.0: [22, 26, 28, 25, 24]}  # per fold: the same total, other order
FOLDS = list(StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, Y))
WRONG = {c: {int(i) for (_, test), n in zip(FOLDS, counts) for i in test[n:]}
         for c, counts in CORRECT.items()}


class LogisticRegression(ClassifierMixin, BaseEstimator):
    """Scripted stand-in (its name gives make_pipeline's step name): wrong exactly on WRONG[C]."""

    def __init__(self, C=1.0, solver="lbfgs", max_iter=100):
        self.C, self.solver, self.max_iter = C, solver, max_iter

    def fit(self, x, y):
        self.classes_ = np.unique(y)
        return self

    def predict(self, x):
        rows = x[:, 0].astype(int)
        return np.array([1 - Y[i] if i in WRONG[self.C] else Y[i] for i in rows])


def test_the_hand_built_case_ties_exactly_and_scikit_learn_gives_it_to_the_later_c():
    assert [len(test) for _, test in FOLDS] == [31, 31, 30, 30, 30]
    sizes = [31, 31, 30, 30, 30]
    exact = {c: sum(Fraction(k, n) for k, n in zip(counts, sizes)) / 5 for c, counts in CORRECT.items()}
    assert exact[1.0] == exact[2.0]
    search = GridSearchCV(LogisticRegression(), {"C": [1.0, 2.0]}, cv=FOLDS, scoring="accuracy").fit(X, Y)
    assert search.cv_results_["mean_test_score"][1] > search.cv_results_["mean_test_score"][0]
    assert search.best_params_ == {"C": 2.0}


def test_fit_logreg_gives_an_exact_tie_to_the_first_c_of_the_grid(monkeypatch):
    monkeypatch.setattr(sklearn.linear_model, "LogisticRegression", LogisticRegression)
    monkeypatch.setattr(sklearn.preprocessing, "StandardScaler", lambda: FunctionTransformer())
    for grid, first in (([1.0, 2.0], 1.0), ([2.0, 1.0], 2.0)):
        search = fit_logreg(X, Y, c_grid=grid, cv_folds=5, seed=0)
        assert search.best_params_["logisticregression__C"] == first
        sizes = np.array([31, 31, 30, 30, 30])
        assert classification.cv_accuracy(search) == np.average(np.array(CORRECT[first]) / sizes)


def test_without_a_tie_the_choice_is_scikit_learns():
    rng = np.random.default_rng(3)
    y = np.array(["a"] * 40 + ["b"] * 33 + ["c"] * 28)
    x = rng.normal(size=(len(y), 6)) + (y[:, None] == "a") * 0.6
    grid = [0.001, 0.01, 0.03, 0.1, 0.3]
    ours = fit_logreg(x, y, c_grid=grid, cv_folds=5, seed=2)
    from sklearn.linear_model import LogisticRegression as Real
    from sklearn.pipeline import make_pipeline
    theirs = GridSearchCV(make_pipeline(sklearn.preprocessing.StandardScaler(), Real(max_iter=1000)),
                          {"logisticregression__C": grid}, scoring="accuracy",
                          cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=2)).fit(x, y)
    means = theirs.cv_results_["mean_test_score"]
    assert np.sum(means == means.max()) == 1  # no tie here: the two rules must agree
    assert ours.best_index_ == theirs.best_index_
    assert classification.cv_accuracy(ours) == theirs.best_score_
    np.testing.assert_array_equal(ours.predict(x), theirs.predict(x))


def test_c_choice_is_in_the_config_of_logreg_requests_only(tmp_path):
    task = wordeval.get_task(str(_write_task(tmp_path)))
    cfg = task.validate_config({"n_seeds": 1})
    assert cfg["c_choice"] == "exact"
    assert task.validate_config(cfg) == cfg  # a cell's config is validated once more
    assert "c_choice" not in task.validate_config({"learner": "finetune"})
    with pytest.raises(ConfigError, match=r"c_choice is set by wordeval \(exact\), got 'rounded'"):
        task.validate_config({"c_choice": "rounded"})


def test_resume_into_a_store_of_rounding_chosen_records_computes_again_and_says_why(tmp_path, caplog,
                                                                                      monkeypatch):
    spec, vectors = _write_task(tmp_path), _vectors(tmp_path)
    config = {"n_seeds": 1, "cv_folds": 2, "c_grid": [1.0]}
    validate = classification.validate_config

    def before_the_fix(cfg):  # what a run of the float-ranking code keyed and recorded: no c_choice
        out = validate(cfg)
        out.pop("c_choice", None)
        return out

    monkeypatch.setattr(classification, "validate_config", before_the_fix)
    wordeval.run([f"v={vectors}"], [(str(spec), config)], out=str(tmp_path / "store"))
    monkeypatch.setattr(classification, "validate_config", validate)
    caplog.set_level(logging.INFO, logger="wordeval")
    caplog.clear()
    summary = wordeval.run([f"v={vectors}"], [(str(spec), config)], out=str(tmp_path / "store"))
    assert len(summary.computed) == 1
    stored = [r.getMessage() for r in caplog.records if r.getMessage().startswith("stored ")]
    assert len(stored) == 1 and "differs in c_choice" in stored[0]
    records, _ = load_records(str(tmp_path / "store"))
    assert sorted(str(r.config.get("c_choice")) for r in records) == ["None", "exact"]
