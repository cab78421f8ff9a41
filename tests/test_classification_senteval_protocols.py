"""The built-in sets SentEval scores are scored with SentEval's protocol, checked against scikit-learn by hand
on the same features (a small random embedding of the data's own words, mean-pooled by hand):
- MR and CR (no test split): SentEval's 10-fold CV over all documents, C chosen by an inner CV on each
  training part. They were scored on a derived 0.8/0.1/0.1 split (seed 0), a figure not comparable with
  SentEval's; SentEval reports the mean of the fold accuracies, now ``accuracy_fold_mean`` beside the pooled
  accuracy;
- SST-2 and SST-5: C chosen by accuracy on the dev split, the model trained on train scoring test
  (SentEval's SplitClassifier). C was chosen by 5-fold CV on train and the dev split never used.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from wordeval.datasets import load
from wordeval.embeddings.base import StaticEmbedding
from wordeval.extrinsic import classification as clf
from wordeval.extrinsic.pooling import tokenize
from wordeval.tasks.task import get_task

GRID = [0.01, 1.0]


def _embedding_and_features(task, ds, texts_of):
    """A random 8-d vector for each of the data's 3,000 commonest lowercase words, and mean-pooled features
    built here (exact form first, then lowercase; no word found: zeros), as pooling mean / oov skip does."""
    tok = task.default_config()["tokenizer"]
    docs = {name: [tokenize(it.text, tokenizer=tok) for it in items] for name, items in texts_of.items()}
    counts = Counter(t.lower() for d in docs.values() for toks in d for t in toks)
    words = [w for w, _ in counts.most_common(3000)]
    vectors = np.random.default_rng(0).standard_normal((len(words), 8)).astype(np.float32)
    row = dict(zip(words, vectors.astype(np.float64)))

    def mean(toks):
        found = [row.get(t, row.get(t.lower())) for t in toks]
        found = [v for v in found if v is not None]
        return np.mean(found, axis=0) if found else np.zeros(8)

    feats = {name: np.array([mean(t) for t in d]) for name, d in docs.items()}
    return StaticEmbedding(words, vectors), feats


def _logreg(c):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=1000))


@pytest.mark.parametrize("name", ["mr", "cr"])
def test_mr_and_cr_are_scored_by_10_fold_cv_as_senteval_does(shared_data, name):
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    task = get_task(f"classification/{name}")
    ds = load(name, data_home=shared_data)
    docs = [it for k in ("train", "dev", "test") for it in ds.splits.get(k, ())] or list(ds.splits["all"])
    emb, feats = _embedding_and_features(task, ds, {"all": docs})
    x, y = feats["all"], np.array([it.label for it in docs], dtype=object)
    # two inner folds keep it short; SentEval's are 10 (README: the differences that remain)
    rec = clf.evaluate_dataset(task.spec, emb, ds, config={"n_seeds": 1, "c_grid": GRID, "cv_folds": 2})

    pred, fold_acc = np.empty(len(y), dtype=object), []
    for tr, te in StratifiedKFold(n_splits=10, shuffle=True, random_state=0).split(x, y.astype(str)):
        search = GridSearchCV(_logreg(1.0), {"logisticregression__C": GRID},
                              cv=StratifiedKFold(n_splits=2, shuffle=True, random_state=0)).fit(x[tr], y[tr])
        pred[te] = search.predict(x[te])
        fold_acc.append(np.mean(pred[te] == y[te]))
    assert rec.config["protocol"] == "cv10" and rec.n_used == rec.n_total == len(docs)
    assert rec.extra["per_seed"][0]["n_folds"] == 10
    assert rec.scores["accuracy"] == pytest.approx(np.mean(pred == y), abs=1e-12)
    # SentEval's figure: the mean of the 10 fold accuracies
    assert rec.scores["accuracy_fold_mean"] == pytest.approx(np.mean(fold_acc), abs=1e-12)
    assert rec.extra["per_seed"][0]["fold_accuracies"] == pytest.approx(fold_acc, abs=1e-12)


@pytest.mark.parametrize("name", ["sst2", "sst5"])
def test_sst_chooses_c_on_dev_as_senteval_does(shared_data, name):
    task = get_task(f"classification/{name}")
    ds = load(name, data_home=shared_data)
    emb, x = _embedding_and_features(task, ds, ds.splits)
    y = {k: np.array([it.label for it in items], dtype=object) for k, items in ds.splits.items()}
    rec = clf.evaluate_dataset(task.spec, emb, ds, config={"n_seeds": 1, "c_grid": GRID})

    models = [_logreg(c).fit(x["train"], y["train"]) for c in GRID]
    dev_acc = [m.score(x["dev"], y["dev"]) for m in models]
    best = int(np.argmax(dev_acc))  # the first of tied C, as SentEval's argmax
    seed = rec.extra["per_seed"][0]
    assert rec.config["protocol"] == "dev" and rec.extra["protocol"]["n_dev"] == len(y["dev"])
    assert seed["C"] == GRID[best] and seed["dev_accuracy"] == pytest.approx(dev_acc[best], abs=1e-12)
    assert rec.scores["accuracy"] == pytest.approx(models[best].score(x["test"], y["test"]), abs=1e-12)
    assert rec.per_item["pred"] == models[best].predict(x["test"]).tolist()


def test_user_spec_with_protocol_dev_and_no_dev_file_is_one_line_exit_2(tmp_path, capsys):
    from wordeval.cli import main

    (tmp_path / "train.tsv").write_text("".join(f"{'pos' if i % 2 else 'neg'}\t{'good' if i % 2 else 'bad'} {i}\n"
                                                for i in range(20)), encoding="utf-8")
    (tmp_path / "test.tsv").write_text("pos\tgood 1\nneg\tbad 2\n", encoding="utf-8")
    (tmp_path / "e.txt").write_text("good 1 0\nbad 0 1\n", encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "classification"\nprotocol = "dev"\n[files]\ntrain = "train.tsv"\n'
                    'test = "test.tsv"\n')
    rc = main(["extrinsic", f"e={tmp_path / 'e.txt'}", "--tasks", str(spec), "--seeds", "1",
               "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and "\n" not in err and "Traceback" not in err, err
    assert f"{spec}:4:" in err and "needs train, dev and test documents" in err
    assert not (tmp_path / "out").exists()
