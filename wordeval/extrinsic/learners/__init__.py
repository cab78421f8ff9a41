"""Sequence learners that every representation goes through with the same settings.

Each learner has ``fit(features, train_tags, dev_tags, *, score, seed, progress) -> self`` (``score(gold,
pred) -> float``, higher is better, used only on dev for early stopping/selection) and
``predict(features, split) -> list[list[str]]``. Imported lazily: torch loads only for the torch learners.
"""
from __future__ import annotations

import importlib

from wordeval.errors import ConfigError

LEARNERS = {
    "crf": "wordeval.extrinsic.learners.crf:CRFTagger",
    "perceptron": "wordeval.extrinsic.learners.perceptron:PerceptronTagger",
    "mlp": "wordeval.extrinsic.learners.window_mlp:WindowMLPTagger",
    "bilstm-crf": "wordeval.extrinsic.learners.bilstm_crf:BiLSTMCRFTagger",
    "bert-finetune": "wordeval.extrinsic.learners.bert_tagger:BertFineTuneTagger",  # transformers encoders only
}


def learner_class(name: str):
    if name not in LEARNERS:
        raise ConfigError(f"learner must be one of {', '.join(LEARNERS)}, got {name!r}")
    module, _, attr = LEARNERS[name].partition(":")
    return getattr(importlib.import_module(module), attr)
