"""Each seed's record says how many iterations its learner ran, beside whether it converged, and the CLI says
in one line when some learner stopped before converging. Before, a CRF that ran out of L-BFGS iterations on
the default profile (pos/ptb-pos: 100 of 100) showed only a † in the table, nothing under ``--json`` or
``run``, and no record said how many iterations a logistic regression or an early-stopped MLP used.
Oracles: crfsuite's own training log, scikit-learn's ``n_iter_`` and ConvergenceWarning on the same data."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

pycrfsuite = pytest.importorskip("pycrfsuite")

import wordeval  # noqa: E402
from wordeval.embeddings.base import StaticEmbedding  # noqa: E402
from wordeval.extrinsic.features import build_features  # noqa: E402
from wordeval.extrinsic.learners import learner_class  # noqa: E402

WORDS = [f"w{i}" for i in range(12)]
TAGS = ["NN", "VB", "JJ"]


def _sentences(n: int, seed: int):
    rng = np.random.default_rng(seed)
    sents = [tuple(WORDS[i] for i in rng.integers(len(WORDS), size=rng.integers(3, 7))) for _ in range(n)]
    return sents, [[TAGS[WORDS.index(w) % 3] for w in s] for s in sents]


def _features():
    rng = np.random.default_rng(0)
    emb = StaticEmbedding(WORDS, rng.normal(size=(len(WORDS), 4)).astype(np.float32))
    (tr, ytr), (dv, ydv) = _sentences(40, 1), _sentences(10, 2)
    return build_features(emb, {"train": tr, "dev": dv, "test": dv}, oov="unk", case="exact"), ytr, ydv


def _accuracy(gold, pred) -> float:
    pairs = [(g, p) for gs, ps in zip(gold, pred) for g, p in zip(gs, ps)]
    return sum(g == p for g, p in pairs) / len(pairs)


def _crfsuite(features, tags, *, algorithm: str, params: dict):
    """crfsuite trained directly on the learner's items: its log parser is the oracle."""
    from wordeval.extrinsic.learners.crf_items import ItemBuilder

    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    for items, y in zip(ItemBuilder(features, window=2).sequences("train"), tags):
        trainer.append(items, y)
    trainer.set_params(params)
    trainer.train("/dev/null")
    return trainer.logparser


@pytest.mark.parametrize("epochs", [1, 500])
def test_crf_iterations_are_crfsuites(epochs):
    from wordeval.extrinsic.learners.crf import lbfgs_outcome

    features, ytr, ydv = _features()
    crf = learner_class("crf")(epochs=epochs).fit(features, ytr, ydv, score=_accuracy, seed=0, progress=False)
    params = {"c1": 0.0, "c2": 1.0, "max_iterations": epochs}
    log = _crfsuite(features, ytr, algorithm="lbfgs", params=params)
    assert crf.iterations == len(log.iterations)
    if epochs == 1:
        assert lbfgs_outcome(log.log) == "maximum iterations"
        assert crf.converged is False and crf.iterations == 1
    else:
        assert lbfgs_outcome(log.log) != "maximum iterations" and crf.converged is True
        assert 1 < crf.iterations < epochs


def test_perceptron_runs_every_epoch_and_has_no_convergence_flag():
    features, ytr, ydv = _features()
    ap = learner_class("perceptron")(epochs=7)
    ap.fit(features, ytr, ydv, score=_accuracy, seed=0, progress=False)
    # crfsuite's ap stops only when the training error rate falls below epsilon, 0 by default: never
    oracle = _crfsuite(features, ytr, algorithm="ap", params={"max_iterations": 7})
    assert ap.iterations == len(oracle.iterations)
    assert ap.iterations == 7 and getattr(ap, "converged", None) is None


def test_mlp_iterations_are_the_epochs_it_trained():
    pytest.importorskip("torch")
    features, ytr, ydv = _features()
    short = learner_class("mlp")(epochs=1, hidden=8).fit(features, ytr, ydv, score=_accuracy, seed=0,
                                                         progress=False)
    assert (short.iterations, short.converged) == (1, False)
    long = learner_class("mlp")(epochs=200, hidden=8, patience=2).fit(features, ytr, ydv, score=_accuracy,
                                                                      seed=0, progress=False)
    # hand-computed: the patience rule ends training `patience` epochs after the best one
    assert long.converged is True and long.iterations == long.best_epoch + 1 + 2 < 200


def _write_pos_task(folder) -> str:
    for split, n, seed in (("train", 40, 1), ("test", 10, 2)):
        sents, tags = _sentences(n, seed)
        text = "".join(" ".join(f"{w}/{t}" for w, t in zip(s, y)) + "\n" for s, y in zip(sents, tags))
        (folder / f"{split}.txt").write_text(text, encoding="utf-8")
    (folder / "tiny.toml").write_text('name = "tiny"\nfamily = "pos"\n[files]\ntrain = "train.txt"\n'
                                      'test = "test.txt"\n', encoding="utf-8")
    return str(folder / "tiny.toml")


@pytest.mark.parametrize("epochs", [1, 500])
def test_tagging_record_carries_iterations_per_seed(tmp_path, epochs):
    rng = np.random.default_rng(0)
    rec = wordeval.evaluate({w: rng.normal(size=4) for w in WORDS}, _write_pos_task(tmp_path), name="v",
                            config={"learner": "crf", "n_seeds": 2, "epochs": epochs})
    per_seed = rec.extra["per_seed"]
    if epochs == 1:
        assert per_seed["converged"] == [False, False] and per_seed["iterations"] == [1, 1]
    else:
        assert per_seed["converged"] == [True, True] and all(1 < n < 500 for n in per_seed["iterations"])


CLASSES = {"a": ["apple", "pear", "plum"], "b": ["car", "bus", "tram"]}


def _write_classification_task(folder, *, dev: bool = False):
    rng = np.random.default_rng(1)
    for split, n in (("train", 30), ("test", 10), ("dev", 10)):
        for label, words in CLASSES.items():
            other = CLASSES["b" if label == "a" else "a"]
            lines = [" ".join(rng.choice(words if rng.random() < 0.7 else other) for _ in range(4))
                     for _ in range(n)]
            (folder / f"{label}.{split}").write_text("".join(f"{t}\n" for t in lines), encoding="utf-8")
    (folder / "t.toml").write_text('name = "t"\nfamily = "classification"\n[classes.train]\n'
                                   'a = "a.train"\nb = "b.train"\n[classes.test]\na = "a.test"\n'
                                   'b = "b.test"\n'
                                   + ('[classes.dev]\na = "a.dev"\nb = "b.dev"\n' if dev else ""),
                                   encoding="utf-8")
    vrng = np.random.default_rng(0)
    return folder / "t.toml", {w: vrng.normal(size=6) for ws in CLASSES.values() for w in ws}


@pytest.mark.parametrize("max_iter", [1, 3, 1000])
def test_logreg_iterations_are_sklearns_n_iter(max_iter):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    from wordeval.extrinsic.classification import fit_logreg, logreg_converged, logreg_iterations

    rng = np.random.default_rng(0)
    y = np.array([0, 1, 2] * 30)
    x = rng.normal(size=(90, 5)) + 0.8 * y[:, None]  # overlapping classes: lbfgs needs several iterations
    with warnings.catch_warnings(record=True) as caught:  # the oracle: scikit-learn's own fit, at the one C
        warnings.simplefilter("always")
        oracle = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=max_iter)).fit(x, y)
    search = fit_logreg(x, y, c_grid=[1.0], cv_folds=2, seed=0, max_iter=max_iter)
    assert logreg_iterations(search.best_estimator_) == int(np.max(oracle[-1].n_iter_))
    warned = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    assert logreg_converged(search, max_iter) is (not warned) is (max_iter == 1000)


@pytest.mark.parametrize("protocol", ["split", "dev", "cv10"])
def test_classification_record_carries_iterations_per_seed(tmp_path, protocol):
    spec, vectors = _write_classification_task(tmp_path, dev=protocol == "dev")
    config = {"n_seeds": 1, "cv_folds": 2, "c_grid": [1.0], "protocol": protocol, "cv_outer_folds": 2}
    short = wordeval.evaluate(vectors, str(spec), name="v", config={**config, "max_iter": 1})
    full = wordeval.evaluate(vectors, str(spec), name="v", config=config)
    (s,), (f,) = short.extra["per_seed"], full.extra["per_seed"]
    assert (s["converged"], s["iterations"]) == (False, 1)
    assert f["converged"] is True and 1 < f["iterations"] < 1000
    if protocol == "cv10":
        assert s["iterations_per_fold"] == [1, 1] and f["iterations"] == max(f["iterations_per_fold"])


def _vectors_file(folder) -> str:
    rng = np.random.default_rng(0)
    rows = "".join(w + " " + " ".join(f"{x:.3f}" for x in rng.normal(size=4)) + "\n" for w in WORDS)
    (folder / "v.txt").write_text(f"{len(WORDS)} 4\n" + rows, encoding="utf-8")
    return str(folder / "v.txt")


def _notes(err: str) -> list[str]:
    return [line for line in err.splitlines() if "stopped before converging" in line]


@pytest.mark.parametrize("command", ["extrinsic", "run"])
@pytest.mark.parametrize("as_json", [False, True])
def test_cli_says_in_one_line_that_a_learner_stopped_early(tmp_path, capsys, command, as_json):
    from wordeval.cli import main

    task, vectors = _write_pos_task(tmp_path), _vectors_file(tmp_path)
    opts = (["--learner", "crf", "--epochs"] if command == "extrinsic"
            else ["--set", "learner='crf'", "--set", "n_seeds=1", "--set"])
    for epochs, out in ((1, "short"), (500, "long")):
        limit = [str(epochs)] if command == "extrinsic" else [f"epochs={epochs}"]
        code = main([command, vectors, "--tasks", task, *opts, *limit, "--seeds", "1", "-q",
                     "--out", str(tmp_path / out)] + (["--json"] if as_json else []))
        assert code == 0
        notes = _notes(capsys.readouterr().err)
        if epochs == 1:
            assert len(notes) == 1 and notes[0].startswith("wordeval: note: 1 of 1 trained seed(s)")
            assert "(crf: 1/1 seed(s), iterations 1 of 1)" in notes[0]
        else:
            assert notes == []
