"""Pieces the torch taggers share: device choice, the input layer, tag vocabularies, early stopping."""
from __future__ import annotations

import contextlib
import copy
import threading
from typing import Callable, Iterator, Sequence

import numpy as np

from wordeval.environment import flag
from wordeval.errors import ConfigError
from wordeval.extrinsic.features import CASING_CLASSES, FeatureSet


# Held while a fit seeds torch's global generator and draws its initial weights from it: fits of several
# seeds may run in threads of one process (wordeval.runner), and each must draw its own weights.
INIT_LOCK = threading.Lock()
# Set by the runner when the user interrupts a concurrent phase: fits running in other threads stop at their
# next epoch instead of finishing their training first.
STOP = threading.Event()


def pick_device(device: str = "auto", *, threads: int | None = 2):
    """cuda when present (``auto``); on CPU, cap torch's threads so runs share the machine predictably.

    The thread cap set here stays after the call; ``torch_session`` is the form that restores it."""
    import torch

    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cpu" and threads:
        torch.set_num_threads(int(threads))
    return torch.device(device)


@contextlib.contextmanager
def torch_session(device: str = "auto", *, threads: int | None = 1) -> Iterator:
    """The torch device to use; on CPU, torch's intra-op thread count is ``threads`` inside the block and put
    back as it was on the way out (a learner must not change the caller's process-wide setting)."""
    import torch

    before = torch.get_num_threads()
    dev = pick_device(device, threads=threads)
    try:
        yield dev
    finally:
        if torch.get_num_threads() != before:
            torch.set_num_threads(before)


def training_options(**values) -> dict:
    """The torch learners' shared options, checked (``wordeval.options``): epochs, patience, batch_size >= 1,
    lr > 0, dropout in [0, 1), threads >= 1 or None, device auto | cpu | cuda[:N]."""
    from wordeval.options import device, integer, number, optional

    conv = {"epochs": integer(1), "patience": integer(1), "batch_size": integer(1), "hidden": integer(1),
            "window": integer(0), "lr": number(0, lo_open=True), "dropout": number(0, 1, hi_open=True),
            "threads": optional(integer(1)), "device": device}
    return {k: conv[k](v, k) for k, v in values.items()}


def progress_enabled(progress: bool) -> bool:
    return progress and not flag("WORDEVAL_QUIET", False)


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
    """Embedding rows (frozen unless fine-tuned; UNK row always trainable) + a learned casing embedding.

    Fine-tuning trains the rows of covered words only: the rows of OOV types under oov=zero/random are the
    policies' fixed vectors (README), and training them made oov=zero a learned per-word vector."""
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
            fixed = np.zeros(len(features.table), dtype=bool)
            fixed[features.own_oov_rows()] = True
            self.fixed = bool(finetune and fixed.any())
            self.register_buffer("fixed_rows", torch.from_numpy(fixed), persistent=False)

        def forward(self, ids, casing):
            x = self.emb(ids)
            if self.fixed:
                x = torch.where(self.fixed_rows[ids].unsqueeze(-1), x.detach(), x)
            if self.unk is not None:
                x = x + (ids == self.unk_row).unsqueeze(-1).to(x.dtype) * self.unk
            return torch.cat([x, self.casing(casing)], dim=-1)

    return InputLayer()


class EarlyStopping:
    """Keeps the state with the best dev score; stops after ``patience`` epochs without improvement.

    ``converged`` is True only when that patience rule ended training. When the epoch limit ended it instead
    — in particular when the best epoch was the last one trained — the dev score may still have been
    improving, and the learner reports ``converged=False``. The patience rule waits for a dev score above 0:
    a BiLSTM-CRF on 150 sentences scored F1 0 in its first epochs, stopped after ``patience`` of them and was
    recorded as converged with F1 0 (with more epochs it reached 0.99); a score of 0 is no plateau."""

    def __init__(self, patience: int):
        self.patience = patience
        self.best = -np.inf
        self.best_epoch = -1
        self.state = None
        self.history: list[float] = []
        self.converged = False

    def update(self, epoch: int, score: float, model) -> bool:
        """Record a dev score; True when training should stop."""
        self.history.append(float(score))
        if score > self.best:
            self.best, self.best_epoch = float(score), epoch
            self.state = copy.deepcopy(model.state_dict())
        self.converged = self.best > 0 and epoch - self.best_epoch >= self.patience
        return self.converged

    def restore(self, model) -> None:
        if self.state is not None:
            model.load_state_dict(self.state)

    def after_epoch(self, epoch: int, dev_score: float, model, bar) -> bool:
        """Show the dev score on the progress bar and record it; True when training should stop."""
        if STOP.is_set():
            raise KeyboardInterrupt
        bar.set_postfix(dev=f"{dev_score:.4f}")
        return self.update(epoch, dev_score, model)

    def finish(self, learner, model) -> None:
        """Put the best epoch's weights back and leave the dev history on the learner."""
        self.restore(model)
        learner.history, learner.best_epoch, learner.converged = self.history, self.best_epoch, self.converged
        learner.iterations = len(self.history)  # one dev score per epoch trained, the best one's or not


ScoreFn = Callable[[Sequence[Sequence[str]], Sequence[Sequence[str]]], float]
