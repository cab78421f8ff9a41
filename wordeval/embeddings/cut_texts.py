"""How many texts a sentence encoder cut at its length limit, for the record: the encoder's warning is a log
line (and none at all when the vectors come from the encoding cache), so a score on documents read only up to
their first 256 tokens would otherwise not say so."""
from __future__ import annotations

from typing import Any, Sequence


def count_longer(tokenizer, texts: Sequence[str], limit: int) -> int:
    """How many of ``texts`` a transformers ``tokenizer`` makes longer than ``limit`` tokens (specials
    counted): the texts an encoder cut there."""
    if not len(texts):
        return 0
    ids = tokenizer(list(texts), add_special_tokens=True, truncation=False, verbose=False)["input_ids"]
    return sum(len(x) > limit for x in ids)


def cut_texts(embedding: Any, texts: Sequence[str]) -> dict[str, int] | None:
    """``{"texts": n, "cut": k, "max_tokens": limit}``, or None for an encoder that cuts nothing (word vectors)
    or cannot tell."""
    count = getattr(embedding, "count_cut_texts", None)
    limit = getattr(embedding, "sentence_max_length", None)
    if not callable(count) or limit is None:
        return None
    return {"texts": len(texts), "cut": int(count(list(texts))), "max_tokens": int(limit)}
