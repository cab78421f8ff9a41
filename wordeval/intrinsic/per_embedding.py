"""What the intrinsic families derive once from an embedding's words or vectors, kept for the embedding's
lifetime (embeddings never change their words or vectors), as it keeps its lower_index."""
from __future__ import annotations

import weakref

_MEMO: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def per_embedding(embedding, key, compute):
    """``compute()``, memoised per embedding and ``key`` (not memoised for an embedding that is not
    weak-referenceable)."""
    try:
        memo = _MEMO.setdefault(embedding, {})
    except TypeError:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
