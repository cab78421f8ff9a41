"""The items every parser produces and the loaded-dataset container that tasks consume."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence


@dataclass(frozen=True, slots=True)
class WordPair:
    word1: str
    word2: str
    score: float


@dataclass(frozen=True, slots=True)
class AnalogyQuestion:
    """``a`` is to ``b`` as ``c`` is to one of ``answers`` (BATS lists several alternatives)."""

    a: str
    b: str
    c: str
    answers: tuple[str, ...]
    section: str


@dataclass(frozen=True, slots=True)
class SentencePair:
    sentence1: str
    sentence2: str
    score: float
    subset: str


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LabeledText:
    text: str
    label: str


@dataclass(frozen=True)
class Dataset:
    """A resolved, parsed dataset.

    ``splits`` maps split name ("test", "train", "dev", or "all" for single-file intrinsic sets) to items.
    ``files`` maps each file read (path relative to its source root, or artifact member) to its sha256.
    ``metadata`` holds family-specific facts (tagging scheme "IOB1"/"IOB2"/"IOBES", semantic sections, score range).
    """

    name: str
    version: str
    family: str
    splits: Mapping[str, Sequence[Any]]
    files: Mapping[str, str]
    source: str
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def items(self, split: str | None = None) -> Sequence[Any]:
        if split is None:
            if len(self.splits) != 1:
                raise KeyError(f"{self.name} has splits {sorted(self.splits)}; name one")
            return next(iter(self.splits.values()))
        return self.splits[split]
