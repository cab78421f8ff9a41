"""A user's classification spec keeps its version, so when max_train's sample became stratified by class the
records of its max_train cells (drawn uniformly) kept their request key and a resume reused them. The sampling
rule is now part of the config, and of the request key, when max_train is set; without max_train it is not
recorded, so those records and their keys are unchanged."""
from __future__ import annotations

import logging

import numpy as np
import pytest

import wordeval
from wordeval.errors import ConfigError
from wordeval.extrinsic import classification
from wordeval.results.store import load_records

from tests.test_classification_stratified_max_train import WORDS, _write_task

CONFIG = {"n_seeds": 1, "max_train": 58, "cv_folds": 2, "c_grid": [1.0]}


def _vectors(folder):
    rng = np.random.default_rng(0)
    words = ["the", "one", "two", "three", *WORDS.values()]
    path = folder / "v.txt"
    path.write_text("".join(f"{w} " + " ".join(f"{x:.4f}" for x in rng.standard_normal(4)) + "\n"
                            for w in words), encoding="utf-8")
    return path


def test_train_sample_is_recorded_only_with_max_train(tmp_path):
    task = wordeval.get_task(str(_write_task(tmp_path)))
    assert task.validate_config(CONFIG)["train_sample"] == "stratified"
    assert "train_sample" not in task.validate_config({"n_seeds": 1})
    again = task.validate_config(task.validate_config(CONFIG))  # a cell's config is validated once more
    assert again == task.validate_config(CONFIG)
    with pytest.raises(ConfigError, match=r"train_sample must be \"stratified\".*got 'uniform'"):
        task.validate_config({**CONFIG, "train_sample": "uniform"})


def test_resume_into_a_store_of_uniform_sample_records_computes_again_and_says_why(tmp_path, caplog,
                                                                                     monkeypatch):
    spec, vectors = _write_task(tmp_path), _vectors(tmp_path)
    validate = classification.validate_config

    def before_the_fix(cfg):  # what a run of the uniform-sample code keyed and recorded: no train_sample
        out = validate(cfg)
        out.pop("train_sample", None)
        return out

    monkeypatch.setattr(classification, "validate_config", before_the_fix)
    wordeval.run([f"v={vectors}"], [(str(spec), CONFIG)], out=str(tmp_path / "store"))
    monkeypatch.setattr(classification, "validate_config", validate)
    caplog.set_level(logging.INFO, logger="wordeval")
    caplog.clear()
    summary = wordeval.run([f"v={vectors}"], [(str(spec), CONFIG)], out=str(tmp_path / "store"))
    assert len(summary.computed) == 1
    stored = [r.getMessage() for r in caplog.records if r.getMessage().startswith("stored ")]
    assert len(stored) == 1 and "differs in train_sample (the earlier record predates stratified" in stored[0]
    records, _ = load_records(str(tmp_path / "store"))
    assert sorted(str(r.config.get("train_sample")) for r in records) == ["None", "stratified"]
