"""A crf record of several seeds (the Python API's n_seeds 3) fits once: without k-means clusters or
oov = "random" vectors a crf fit reads no seed, so its seeds trained one model three times over. The one fit
is recorded for each seed, so the record (seeds, per-seed counts, sd 0, config, request key) is the one three
fits gave, and compare and report read it as before.

Oracles: python-crfsuite itself (what sklearn-crfsuite wraps; not installed here) writes byte-identical L-BFGS
models under two seeds of the C library's rand(), which its online trainers do read; the records of three
separate one-seed fits."""
from __future__ import annotations

import ctypes
import hashlib
import random

import pytest

pycrfsuite = pytest.importorskip("pycrfsuite")

from wordeval.extrinsic import tagging  # noqa: E402
from wordeval.extrinsic.learners.crf import CRFTagger  # noqa: E402

from test_seeds_what_they_train import NER, _noisy_dataset, _uninformative_embedding  # noqa: E402


def _crfsuite_model(tmp_path, algorithm: str, seed: int, params: dict) -> str:
    """sha256 of the model python-crfsuite trains on a noisy toy corpus after srand(seed)."""
    rng = random.Random(0)
    tag_of = {"the": "DT", "a": "DT", "cat": "NN", "dog": "NN", "ran": "VB", "sat": "VB", "on": "IN"}
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.select(algorithm)
    trainer.set_params(params)
    for _ in range(100):
        words = [rng.choice(list(tag_of)) for _ in range(rng.randint(3, 8))]
        tags = [tag_of[w] if rng.random() > 0.2 else rng.choice(sorted(set(tag_of.values()))) for w in words]
        items = [{"w=" + w: 1.0, "v": rng.random(), "prev=" + (words[i - 1] if i else "<s>"): 1.0}
                 for i, w in enumerate(words)]
        trainer.append(pycrfsuite.ItemSequence(items), tags)
    ctypes.CDLL(None).srand(seed)
    path = tmp_path / f"{algorithm}{seed}.crfsuite"
    trainer.train(str(path))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record(config, seed, monkeypatch):
    fits = []
    real = CRFTagger.fit

    def counted(self, *args, **kwargs):
        fits.append(kwargs.get("seed"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(CRFTagger, "fit", counted)
    config = {"profile": "quick", "epochs": 30, "learner": "crf", **config}
    rec = tagging.evaluate_dataset(NER, _uninformative_embedding(), _noisy_dataset(), config=config, seed=seed,
                                   progress=False)
    return rec, fits


def test_the_seeds_of_a_record_are_one_fit_recorded_for_each(tmp_path, monkeypatch):
    # the claim, from crfsuite itself: L-BFGS reads no seed, where its averaged perceptron does
    lbfgs = {"c1": 0.0, "c2": 1.0, "max_iterations": 100}
    assert _crfsuite_model(tmp_path, "lbfgs", 1, lbfgs) == _crfsuite_model(tmp_path, "lbfgs", 2, lbfgs)
    ap = {"max_iterations": 5}
    assert _crfsuite_model(tmp_path, "ap", 1, ap) != _crfsuite_model(tmp_path, "ap", 2, ap)
    rec, fits = _record({"n_seeds": 3}, 0, monkeypatch)
    assert fits == [0]
    assert rec.extra["per_seed"]["seed"] == [0, 1, 2] and rec.extra["one_fit"]["fitted_with_seed"] == 0
    # each seed of the record is the record of that seed fitted alone
    for k in range(3):
        alone, fitted = _record({"n_seeds": 1}, k, monkeypatch)
        assert fitted == [k] and "one_fit" not in alone.extra
        assert [rec.per_item[f"{c}@{k}"] for c in ("tp", "fp", "fn")] == [alone.per_item[c] for c in
                                                                           ("tp", "fp", "fn")]
        assert rec.extra["per_seed"]["f1"][k] == alone.scores["f1"]
    assert rec.scores["f1"] == alone.scores["f1"] and rec.scores["f1_sd"] == 0
    # k-means' cluster ids read the seed: each seed is fitted
    clustered, fits = _record({"n_seeds": 3, "clusters": 3}, 0, monkeypatch)
    assert fits == [0, 1, 2] and "one_fit" not in clustered.extra
