"""Pieces the torch taggers share: device choice, the input layer, tag vocabularies, early stopping."""
from __future__ import annotations

import copy
import os
from typing import Callable, Sequence

import numpy as np

from wordeval.errors import ConfigError
from wordeval.extrinsic.features import CASING_CLASSES, FeatureSet


def pick_device(device: str = "auto", *, threads: int | None = 2):
    """cuda when present (``auto``); on CPU, cap torch's threads so runs share the machine predictably."""
    import torch

    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cpu" and threads:
        torch.set_num_threads(int(threads))
    return torch.device(device)


def progress_enabled(progress: bool) -> bool:
    return progress and os.environ.get("WORDEVAL_QUIET") != "1"


class TagVocab:
    def __init__(self, tag_seqs: Sequence[Sequence[str]]):
        self.tags = sorted({t for s in tag_seqs for t in s})
        self.index = {t: i for i, t in enumerate(self.tags)}

    def encode(self, tags: Sequence[str]) -> np.ndarray:
        # Dev/test tags unseen in training cannot be predicted; they are still scored (as misses).
        return np.fromiter((self.index.get(t, -100) for t in tags), dtype=np.int64, count=len(tags))

    def decode(self, ids) -> list[str]:
        return [self.tags[int(i)] for i in ids]

    def __len__(self) -> int:
        return len(self.tags)


def make_input_layer(features: FeatureSet, *, finetune: bool, casing_dim: int = 8):
    """Embedding rows (frozen unless fine-tuned; UNK row always trainable) + a learned casing embedding."""
    import torch
    from torch import nn

    if finetune and features.level == "token":
        raise ConfigError("fine-tuning needs a type-level (word lookup) representation; contextual token "
                          "features are frozen (full fine-tuning of a transformer is not offered)")

    class InputLayer(nn.Module):
        def __init__(self):
            super().__init__()
            # A private copy: fine-tuning must never write into the caller's vectors.
            self.emb = nn.Embedding.from_pretrained(torch.tensor(features.table), freeze=not finetune,
                                                    padding_idx=0)
            self.unk_row = features.unk_row
            self.unk = nn.Parameter(torch.zeros(features.dim)) if features.unk_row is not None else None
            self.casing = nn.Embedding(len(CASING_CLASSES), casing_dim, padding_idx=0)
            self.out_dim = features.dim + casing_dim

        def forward(self, ids, casing):
            x = self.emb(ids)
            if self.unk is not None:
                x = x + (ids == self.unk_row).unsqueeze(-1).to(x.dtype) * self.unk
            return torch.cat([x, self.casing(casing)], dim=-1)

    return InputLayer()


class EarlyStopping:
    """Keeps the state with the best dev score; stops after ``patience`` epochs without improvement."""

    def __init__(self, patience: int):
        self.patience = patience
        self.best = -np.inf
        self.best_epoch = -1
        self.state = None
        self.history: list[float] = []

    def update(self, epoch: int, score: float, model) -> bool:
        """Record a dev score; True when training should stop."""
        self.history.append(float(score))
        if score > self.best:
            self.best, self.best_epoch = float(score), epoch
            self.state = copy.deepcopy(model.state_dict())
        return epoch - self.best_epoch >= self.patience

    def restore(self, model) -> None:
        if self.state is not None:
            model.load_state_dict(self.state)

    def after_epoch(self, epoch: int, dev_score: float, model, bar) -> bool:
        """Show the dev score on the progress bar and record it; True when training should stop."""
        bar.set_postfix(dev=f"{dev_score:.4f}")
        return self.update(epoch, dev_score, model)

    def finish(self, learner, model) -> None:
        """Put the best epoch's weights back and leave the dev history on the learner."""
        self.restore(model)
        learner.history, learner.best_epoch = self.history, self.best_epoch


ScoreFn = Callable[[Sequence[Sequence[str]], Sequence[Sequence[str]]], float]
