"""Case policies for word lookup. Explicit and recorded, because case handling alone moves scores."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from wordeval.embeddings.encoder_output import lookup_result
from wordeval.errors import ConfigError

CASE_POLICIES = ("exact", "lower", "exact-then-lower")


def check_case_policy(policy: str) -> str:
    if policy not in CASE_POLICIES:
        raise ConfigError(f"case policy must be one of {', '.join(CASE_POLICIES)}, got {policy!r}")
    return policy


def _lookup_lower(embedding, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    # A vocabulary-backed embedding matches against its lowercased vocabulary (first variant wins);
    # open-vocabulary encoders just see the lowercased word.
    if hasattr(embedding, "lookup_lowercased"):
        return lookup_result(embedding, embedding.lookup_lowercased(words), words, via="lookup_lowercased")
    return lookup_result(embedding, embedding.lookup([w.lower() for w in words]), words)


def lookup_with_case(embedding, words: Sequence[str], policy: str = "exact") -> tuple[np.ndarray, np.ndarray]:
    """``embedding.lookup`` under a case policy:

    - ``exact``: the word as written;
    - ``lower``: lowercased word against the lowercased vocabulary;
    - ``exact-then-lower``: as written, and for misses, as ``lower``.
    """
    check_case_policy(policy)
    if not hasattr(embedding, "lookup"):  # e.g. a Brown clustering: bit strings, no vectors
        from wordeval.errors import NotApplicableError
        raise NotApplicableError(f"{embedding.info.name} has no word vectors (no lookup): "
                                "it is evaluated only by the tasks that use its own features")
    words = list(words)
    # an object of the user's may return anything: checked here, where every task's lookup passes
    if policy == "exact":
        return lookup_result(embedding, embedding.lookup(words), words)
    if policy == "lower":
        return _lookup_lower(embedding, words)
    if hasattr(embedding, "lookup_exact_then_lower"):  # it composes misses: the lowered vocabulary comes first
        return lookup_result(embedding, embedding.lookup_exact_then_lower(words), words, via="lookup_exact_then_lower")
    vectors, found = lookup_result(embedding, embedding.lookup(words), words)
    if not found.all():
        missing = np.flatnonzero(~found)
        v2, f2 = _lookup_lower(embedding, [words[i] for i in missing])
        # always a copy: a user's lookup may return its own matrix (or a view of it), writeable, and filling the
        # misses in place rewrote the caller's vectors (README: the caller's arrays are never modified)
        vectors = vectors.copy()
        vectors[missing[f2]] = v2[f2]
        found = found.copy()
        found[missing[f2]] = True
    return vectors, found
