"""The sentence-transformers pipeline a model folder's modules.json lists, as far as ``bert:model=`` runs it.

``SentenceTransformer(folder).encode`` runs each module in turn: the Transformer, a Pooling, then e.g. a
Normalize (all-MiniLM-L6-v2 lists one: its vectors have unit length). The encoder runs the Transformer and
pools, and applies a Normalize where the folder lists one; a module it cannot run (a Dense projection, a
LayerNorm, ...) makes the folder's sentence vectors something it cannot give, so they are refused, naming
modules.json, rather than scored as the model's own.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from wordeval.errors import InputFormatError, NotAvailableError

RUNNABLE = ("Transformer", "Pooling", "Normalize")


@dataclass(frozen=True)
class SentencePipeline:
    """The modules after the transformer that the encoder applies (``applied``, for the record), whether the
    pooled vectors are scaled to unit length, and the error to raise for sentence vectors it cannot give."""
    applied: tuple[str, ...]
    normalize: bool = False
    refusal: Exception | None = None

    def check(self) -> None:
        if self.refusal is not None:
            raise self.refusal


def read_pipeline(model_dir: Path) -> SentencePipeline:
    """What ``modules.json`` asks for; a folder without one pools the transformer's states (as
    sentence-transformers does for a plain transformers folder: mean pooling, no normalisation)."""
    path = Path(model_dir) / "modules.json"
    if not path.is_file():
        return SentencePipeline(("Pooling",))
    try:
        modules = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return SentencePipeline((), refusal=InputFormatError(path, None, "a JSON list of modules",
                                                             " ".join(str(exc).split())))
    if not isinstance(modules, list) or not all(isinstance(m, dict) and isinstance(m.get("type"), str)
                                                for m in modules):
        return SentencePipeline((), refusal=InputFormatError(path, None, "a JSON list of modules, each with a "
                                                             "'type'", type(modules).__name__))
    kinds = [(m["type"].rsplit(".", 1)[-1], str(m.get("path") or m["type"])) for m in modules]
    others = [f"{where} ({kind})" for kind, where in kinds if kind not in RUNNABLE]
    if others:
        return SentencePipeline((), refusal=NotAvailableError(
            f"{path}: lists {', '.join(others)}, which bert:model= cannot run; expected only Transformer, Pooling "
            "and Normalize modules (for this model's own sentence vectors give the Python API a "
            "sentence_transformers.SentenceTransformer loaded from the folder)"))
    normalize = any(kind == "Normalize" for kind, _ in kinds)
    return SentencePipeline(("Pooling", "Normalize") if normalize else ("Pooling",), normalize=normalize)
