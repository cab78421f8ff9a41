"""An object of the user's that implements a protocol of ``wordeval.embeddings.base`` (``info`` and
``lookup``, ``encode_tokens``, ``encode_sentences`` or ``cluster_paths``), checked and labelled before anything
is scored.

Its ``info`` was read only when the record was built: a dict or None there failed after the whole scoring with
"'dict' object has no attribute 'to_dict'", and a None name or fingerprint, a dim of 0 or "50", were written
into the record (a comparison labelled it 'None'; a store keyed it by a null fingerprint). And ``name=`` was
dropped without a word for an object without ``renamed``, so its record kept the object's own name.
"""
from __future__ import annotations

from dataclasses import fields, replace
from numbers import Integral
from typing import Any, Mapping

from wordeval.embeddings.base import EmbeddingInfo
from wordeval.errors import ConfigError

_FIELDS = ", ".join(f.name for f in fields(EmbeddingInfo))


def checked_info(obj: Any) -> EmbeddingInfo:
    """``obj.info`` if it is an EmbeddingInfo whose fields a record can hold, else a ConfigError naming the
    field and what was expected."""
    info = obj.info
    what = f"the info of a {type(obj).__name__}"
    if not isinstance(info, EmbeddingInfo):
        raise ConfigError(f"{what}: expected a wordeval.embeddings.base.EmbeddingInfo ({_FIELDS}), got "
                          f"{type(info).__name__} {info!r:.60}")

    def refuse(field: str, expected: str) -> None:
        raise ConfigError(f"{what} ({info.name!r}): expected {field} to be {expected}, got "
                          f"{getattr(info, field)!r:.60}")

    if not isinstance(info.name, str) or not info.name.strip():
        refuse("name", "a non-empty str (the label of its records)")
    for field in ("source", "format", "fingerprint"):
        if not isinstance(getattr(info, field), str) or not getattr(info, field).strip():
            refuse(field, "a non-empty str" + (" (what identifies the vectors: a content hash, "
                                                "'sha256:...')" if field == "fingerprint" else ""))
    # Brown clusters have no vector, so dim 0; anything with vectors has at least one dimension
    lowest = 0 if hasattr(obj, "cluster_paths") else 1
    if isinstance(info.dim, bool) or not isinstance(info.dim, Integral) or info.dim < lowest:
        refuse("dim", f"an int >= {lowest} (the length of its vectors)")
    size = info.vocab_size
    if size is not None and (isinstance(size, bool) or not isinstance(size, Integral) or size < 0):
        refuse("vocab_size", "an int >= 0, or None for an open vocabulary")
    if not isinstance(info.parameters, Mapping):
        refuse("parameters", "a mapping (a dict of its settings)")
    if info.citation is not None and not isinstance(info.citation, str):
        refuse("citation", "a str (BibTeX) or None")
    return info


class Renamed:
    """The user's object under another label: its own ``info`` is left as it is (it is the caller's), every
    other attribute is the object's."""

    def __init__(self, obj: Any, name: str):
        self._obj = obj
        self.info = replace(obj.info, name=name)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._obj, attr)

    def renamed(self, name: str) -> "Renamed":
        return Renamed(self._obj, name)


def user_embedding(obj: Any, name: str | None) -> Any:
    """``obj`` checked (``checked_info``), labelled ``name`` where one is given."""
    checked_info(obj)
    if not name or name == obj.info.name:
        return obj
    return obj.renamed(name) if hasattr(obj, "renamed") else Renamed(obj, name)
