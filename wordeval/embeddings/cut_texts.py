"""How many texts a sentence encoder cut at its length limit, for the record: the encoder's warning is a log
line (and none at all when the vectors come from the encoding cache), so a score on documents read only up to
their first 256 tokens would otherwise not say so."""
from __future__ import annotations

from typing import Any, Sequence


def cut_texts(embedding: Any, texts: Sequence[str]) -> dict[str, int] | None:
    """``{"texts": n, "cut": k, "max_tokens": limit}``, or None for an encoder that cuts nothing (word vectors)
    or cannot tell."""
    count = getattr(embedding, "count_cut_texts", None)
    limit = getattr(embedding, "sentence_max_length", None)
    if not callable(count) or limit is None:
        return None
    return {"texts": len(texts), "cut": int(count(list(texts))), "max_tokens": int(limit)}
