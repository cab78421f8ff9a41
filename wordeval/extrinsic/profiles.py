"""Named run profiles: how much data and how many epochs. The profile and what it implies are written into
every result, so a "quick" number is never mistaken for a full one.

Subsampling takes a fixed-seed sample of sentences (seed ``SUBSAMPLE_SEED``, independent of the learner seed,
so every representation and every seed sees the same sentences). The test split is never subsampled in
"default"/"full"; "quick" caps it too, which makes its scores approximate.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from wordeval.errors import ConfigError

SUBSAMPLE_SEED = 12345

PROFILES: dict[str, dict[str, Any]] = {
    "quick": {"max_sentences": {"train": 2000, "dev": 500, "test": 1000},
              "epochs": {"mlp": 10, "bilstm-crf": 4, "crf": 50, "perceptron": 5},
              # the linear learners keep their former quick cap, so quick numbers stay comparable
              "max_train_sentences_linear": 1000},
    # default/full: the linear learners train on everything (items are built per token type and streamed
    # to crfsuite, crf_items.py; until then they were capped at 5,000 sentences in default)
    "default": {"max_sentences": {"train": None, "dev": None, "test": None},
                "epochs": {"mlp": 30, "bilstm-crf": 15, "crf": 100, "perceptron": 10},
                "max_train_sentences_linear": None},
    "full": {"max_sentences": {"train": None, "dev": None, "test": None},
             "epochs": {"mlp": 50, "bilstm-crf": 30, "crf": 200, "perceptron": 20},
             "max_train_sentences_linear": None},
}


def get_profile(name: str) -> dict[str, Any]:
    if name not in PROFILES:
        raise ConfigError(f"profile must be one of {', '.join(PROFILES)}, got {name!r}")
    return PROFILES[name]


def subsample(items: Sequence, limit: int | None, *, seed: int = SUBSAMPLE_SEED) -> tuple[list, list[int]]:
    """(items, their original indices): all of them, or a fixed-seed sample of ``limit`` kept in corpus order."""
    if limit is None or len(items) <= limit:
        return list(items), list(range(len(items)))
    keep = np.sort(np.random.default_rng(seed).choice(len(items), size=limit, replace=False))
    return [items[i] for i in keep], keep.tolist()


def split_limits(profile: str, learner: str) -> dict[str, int | None]:
    p = get_profile(profile)
    limits = dict(p["max_sentences"])
    if learner in ("crf", "perceptron") and p["max_train_sentences_linear"] is not None:
        cap = p["max_train_sentences_linear"]
        limits["train"] = cap if limits["train"] is None else min(cap, limits["train"])
    return limits
