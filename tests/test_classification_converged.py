"""A logistic regression that reaches ``max_iter`` has not converged: the record said nothing of it (no † in
compare or report), while scikit-learn printed its eight-line ConvergenceWarning once per fit (26 a seed).
Each seed's record now carries ``converged`` of the refitted model, which the report's † counts."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import wordeval
from wordeval.extrinsic.classification import fit_logreg
from wordeval.report.cells import convergence

WORDS = {"a": ["apple", "pear", "plum"], "b": ["car", "bus", "tram"]}


def _data(n=60):
    rng = np.random.default_rng(0)
    y = np.array([0, 1] * (n // 2))
    x = rng.normal(size=(n, 5)) + 0.8 * y[:, None]  # overlapping classes: lbfgs needs several iterations
    return x, y


def _sklearn_warns(x, y, max_iter: int) -> bool:
    """The oracle: scikit-learn's own fit of the same pipeline at the chosen C."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=max_iter)).fit(x, y)
    return any(issubclass(w.category, ConvergenceWarning) for w in caught)


@pytest.mark.parametrize("max_iter", [1, 2, 1000])
def test_flag_is_the_opposite_of_sklearns_convergence_warning(max_iter):
    from wordeval.extrinsic.classification import logreg_converged

    x, y = _data()
    assert _sklearn_warns(x, y, max_iter) is (max_iter < 1000)
    search = fit_logreg(x, y, c_grid=[1.0], cv_folds=2, seed=0, max_iter=max_iter)
    assert logreg_converged(search, max_iter) is (not _sklearn_warns(x, y, max_iter))


def _task(folder):
    rng = np.random.default_rng(1)
    for split, n in (("train", 30), ("test", 10)):
        for label, words in WORDS.items():
            other = WORDS["b" if label == "a" else "a"]
            lines = [" ".join(rng.choice(words if rng.random() < 0.7 else other) for _ in range(4))
                     for _ in range(n)]
            (folder / f"{label}.{split}").write_text("".join(f"{t}\n" for t in lines), encoding="utf-8")
    (folder / "t.toml").write_text('name = "t"\nfamily = "classification"\n[classes.train]\n'
                                   'a = "a.train"\nb = "b.train"\n[classes.test]\na = "a.test"\n'
                                   'b = "b.test"\n', encoding="utf-8")
    vrng = np.random.default_rng(0)
    return folder / "t.toml", {w: vrng.normal(size=6) for ws in WORDS.values() for w in ws}


@pytest.mark.parametrize("protocol", ["split", "cv10"])
def test_record_flags_a_seed_that_reached_max_iter(tmp_path, protocol):
    spec, vectors = _task(tmp_path)
    config = {"n_seeds": 1, "cv_folds": 2, "c_grid": [1.0], "protocol": protocol, "cv_outer_folds": 2}
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)  # scikit-learn's own warning is no longer printed
        short = wordeval.evaluate(vectors, str(spec), name="v", config={**config, "max_iter": 1})
    full = wordeval.evaluate(vectors, str(spec), name="v", config=config)
    assert [s["converged"] for s in short.extra["per_seed"]] == [False]
    assert [s["converged"] for s in full.extra["per_seed"]] == [True]
    assert convergence([short])[:2] == (1, 1) and convergence([full])[:2] == (0, 1)
