"""Linear-chain CRF (python-crfsuite, L-BFGS) on the window's dense vectors plus discrete features.

Per token, for each offset in the ±w window: every dimension of that token's vector as a float feature,
its casing class, an OOV indicator (what a learned UNK vector amounts to in a linear model) and, with
``clusters=K``, its k-means cluster id (Turian et al. 2010 / Guo et al. 2014: discrete clusters help linear
learners, and K trades granularity against sparsity). The averaged perceptron (perceptron.py) reuses the
same features with crfsuite's ``ap`` trainer, so the two differ only in the learning rule.
"""
from __future__ import annotations

import os
import tempfile
from typing import Sequence

import numpy as np

from wordeval.errors import ConfigError
from wordeval.extrinsic.features import CASING_CLASSES, FeatureSet, cluster_ids
from wordeval.extrinsic.learners.torch_common import ScoreFn


class CRFTagger:
    name = "crf"
    algorithm = "lbfgs"

    def __init__(self, *, window: int = 2, clusters: int = 0, c1: float = 0.0, c2: float = 1.0,
                 epochs: int = 100, finetune: bool = False, **_ignored):
        if finetune:
            raise ConfigError(f"the {self.name} learner uses fixed features; fine-tuning needs mlp or bilstm-crf")
        self.window, self.clusters, self.c1, self.c2, self.epochs = window, int(clusters), c1, c2, epochs
        self.history: list[float] = []
        self.best_epoch = -1
        self._model_path: str | None = None
        self._cluster_of: np.ndarray | None = None

    def _params(self) -> dict:
        return {"c1": self.c1, "c2": self.c2, "max_iterations": self.epochs}

    def _sentence_items(self, features: FeatureSet, split: str) -> list:
        import pycrfsuite

        s = features.splits[split]
        table = features.table
        dims = [f"e{j}" for j in range(table.shape[1])]
        w = self.window
        out = []
        for ids, cas, oov in zip(s.ids, s.casing, s.oov):
            n = len(ids)
            per_token = []
            for i in range(n):
                f: dict = {"bias": 1.0}
                for off in range(-w, w + 1):
                    j = i + off
                    if j < 0 or j >= n:
                        f[f"{off}:pad"] = 1.0
                        continue
                    vec = table[ids[j]]
                    f.update(zip((f"{off}:{d}" for d in dims), vec.tolist()))
                    f[f"{off}:case={CASING_CLASSES[cas[j]]}"] = 1.0
                    if oov[j]:
                        f[f"{off}:oov"] = 1.0
                    if self._cluster_of is not None and self._cluster_of[ids[j]] >= 0:
                        f[f"{off}:k={self._cluster_of[ids[j]]}"] = 1.0
                per_token.append(f)
            out.append(pycrfsuite.ItemSequence(per_token))
        return out

    def fit(self, features: FeatureSet, train_tags: Sequence[Sequence[str]], dev_tags: Sequence[Sequence[str]],
            *, score: ScoreFn, seed: int = 0, progress: bool = True) -> "CRFTagger":
        import pycrfsuite

        self._cluster_of = cluster_ids(features, self.clusters, seed=seed) if self.clusters else None
        trainer = pycrfsuite.Trainer(algorithm=self.algorithm, verbose=False)
        for items, tags in zip(self._sentence_items(features, "train"), train_tags):
            trainer.append(items, list(tags))
        trainer.set_params(self._params())
        fd, path = tempfile.mkstemp(suffix=".crfsuite")
        os.close(fd)
        trainer.train(path)
        self._model_path = path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(path)
        # crfsuite has no early stopping; the dev score is recorded for the result (no selection on test).
        self.history = [float(score(dev_tags, self.predict(features, "dev")))]
        self.best_epoch = self.epochs - 1
        return self

    def predict(self, features: FeatureSet, split: str) -> list[list[str]]:
        return [list(self._tagger.tag(items)) for items in self._sentence_items(features, split)]

    def __del__(self):
        path = getattr(self, "_model_path", None)
        if path and os.path.exists(path):
            try:
                os.unlink(path)
            except OSError:
                pass
