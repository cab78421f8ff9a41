"""Encoder outputs computed once per (encoder, inputs): a run's records share them instead of re-encoding.

``wordeval run --seeds 3`` makes one record per seed, and several tagging learners read the same corpus; each
record asks the encoder for the same features again. ``cached(encoder)`` wraps anything with
``encode_tokens`` / ``encode_sentences`` (and no ``lookup``: word tables are cheap to read, and BERT type
vectors keep their own cache) in a ``CachedEncoder`` that implements the same protocol, so no evaluator
changes. The runner applies it when it loads a representation.

Key: sha256 of the encoder's fingerprint (weights and every option that changes the vectors: layer, subword
pooling, window, ... — for a ``BertEncoder`` recomputed from its current attributes), the method, its
options (sentence pooling) and the sha256 of the inputs (sentences as word lists, or texts). Batch size,
threads and device are not in it: they move the vectors only within float32 rounding.

- In memory: one LRU per process, bounded in bytes (``WORDEVAL_ENCODING_CACHE_MB``, default 1024; 0 turns
  it off). CoNLL-2003's MiniLM token features are 460 MB, so one corpus's features stay while its records run.
- On disk (opt-in: ``WORDEVAL_ENCODING_CACHE_DISK=1`` or ``disk=True``): ``cache_home()/encoded/<key>/``
  with ``vectors.npy`` and ``meta.json`` (shape and sha256 of the bytes, checked on every read; an entry that
  fails the check is recomputed and replaced), written through ``atomic_directory``. Stored as float32, not
  float16: a record computed from the cache must be the record computed without it (float16 would move
  every value by up to 2^-11 relative, far beyond the encoder's own float32 noise), at twice the disk space.

Every hit returns a fresh copy, so a caller that writes into its arrays cannot change what later callers get.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from wordeval.atomic_write import path_identity

log = logging.getLogger(__name__)

DEFAULT_MEMORY_MB = 1024
FORMAT = 1  # bump when the on-disk layout or the key changes


class ByteLRU:
    """key -> float32 matrix, least recently used dropped first once the arrays exceed ``max_bytes``."""

    def __init__(self, max_bytes: int):
        self.max_bytes = int(max_bytes)
        self.nbytes = 0
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            arr = self._items.get(key)
            if arr is not None:
                self._items.move_to_end(key)
            return arr

    def put(self, key: str, arr: np.ndarray) -> None:
        if arr.nbytes > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.nbytes -= old.nbytes
            self._items[key] = arr
            self.nbytes += arr.nbytes
            while self.nbytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self.nbytes -= dropped.nbytes

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.nbytes = 0

    def __len__(self) -> int:
        return len(self._items)


_MEMORY: ByteLRU | None = None


def memory_cache() -> ByteLRU | None:
    """The process-wide LRU (None when ``WORDEVAL_ENCODING_CACHE_MB=0``), created on first use."""
    global _MEMORY
    from wordeval.options import integer

    mb = integer(0)(os.environ.get("WORDEVAL_ENCODING_CACHE_MB", "").strip() or str(DEFAULT_MEMORY_MB),
                    "WORDEVAL_ENCODING_CACHE_MB")
    if mb == 0:
        return None
    if _MEMORY is None or _MEMORY.max_bytes != mb << 20:
        _MEMORY = ByteLRU(mb << 20)
    return _MEMORY


def disk_enabled() -> bool:
    from wordeval.environment import flag
    return flag("WORDEVAL_ENCODING_CACHE_DISK", False)


def _inputs_digest(kind: str, inputs: Sequence) -> str:
    # JSON keeps word boundaries unambiguous (a word may hold a tab or a newline)
    blob = json.dumps([list(s) for s in inputs] if kind == "tokens" else list(inputs), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()


def _with_defaults(method: Any, options: dict[str, Any]) -> dict[str, Any]:
    """``options`` with the method's keyword defaults filled in, so ``f(x)`` and ``f(x, pooling="mean")`` share
    a key."""
    import inspect

    try:
        params = inspect.signature(method).parameters.values()
    except (TypeError, ValueError):
        return dict(options)
    defaults = {p.name: p.default for p in params
                if p.kind == p.KEYWORD_ONLY and p.default is not inspect.Parameter.empty}
    return {**defaults, **options}


class _CachedBase:
    """What the cached encoders share: the wrapped encoder, keys, the memory/disk storage, ``stats`` (hits in
    memory and on disk, misses). Every attribute but the protocol's is the encoder's own; ``unwrapped`` is
    the encoder itself."""

    def __init__(self, encoder: Any, *, memory: ByteLRU | None | bool = True, disk: bool | None = None,
                 cache_home: str | os.PathLike | None = None):
        self._inner = encoder
        # not `memory or None`: an empty ByteLRU is falsy (it has a length)
        self._memory = memory_cache() if memory is True else None if memory is False else memory
        self._disk = disk_enabled() if disk is None else bool(disk)
        self._cache_home = cache_home
        self.stats = {"memory_hits": 0, "disk_hits": 0, "misses": 0}
        self._missed: dict[str, Any] = {}  # key -> the folder (os.stat identity, None: none) its disk read missed

    @property
    def unwrapped(self) -> Any:
        return self._inner

    @property
    def keeps_encodings(self) -> bool:
        """Whether what it encodes is kept (in memory or on disk) for the next caller."""
        return self._memory is not None or self._disk

    @property
    def info(self):
        return self._inner.info

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_inner":  # copy/pickle probe before __init__ ran
            raise AttributeError(name)
        return getattr(self._inner, name)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._inner!r})"

    # -- keys ---------------------------------------------------------------------------------------
    def _fingerprint(self) -> str:
        fp = getattr(self._inner, "fingerprint_for", None)
        return fp("token") if callable(fp) else self._inner.info.fingerprint

    def key(self, kind: str, inputs: Sequence, options: dict[str, Any] | None = None) -> str:
        head = json.dumps({"format": FORMAT, "fingerprint": self._fingerprint(), "kind": kind,
                           "options": options or {}}, sort_keys=True, default=str)
        return hashlib.sha256(f"{head}\n{_inputs_digest(kind, inputs)}".encode()).hexdigest()

    # -- storage ------------------------------------------------------------------------------------
    def _folder(self, key: str) -> Path:
        from wordeval.paths import cache_home
        return cache_home(self._cache_home, create=False) / "encoded" / key

    def _lookup(self, key: str, shape: tuple[int, int]) -> np.ndarray | None:
        if self._memory is not None:
            mat = self._memory.get(key)
            if mat is not None:
                self.stats["memory_hits"] += 1
                return mat
        if self._disk:
            before = path_identity(self._folder(key))  # the folder as it was before the read
            mat = self._read(key, shape)
            if mat is not None:
                self.stats["disk_hits"] += 1
                if self._memory is not None:
                    self._memory.put(key, mat)
                return mat
            # kept for the write that follows a miss, which pops it: a key kept on every read, hits too, stayed
            # for the process (one per batch of inputs a long run read from disk)
            self._missed[key] = before
        self.stats["misses"] += 1
        return None

    def _store(self, key: str, mat: np.ndarray, *, kind: str, n_inputs: int) -> None:
        mat = np.ascontiguousarray(mat, dtype=np.float32)
        mat.setflags(write=False)  # hits hand out copies; the cached matrix itself never changes
        if self._memory is not None:
            self._memory.put(key, mat)
        if self._disk:
            self._write(key, mat, kind=kind, n_inputs=n_inputs)

    def _read(self, key: str, shape: tuple[int, int]) -> np.ndarray | None:
        folder = self._folder(key)
        if not (folder / "meta.json").is_file():
            return None
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            mat = np.load(folder / "vectors.npy", allow_pickle=False)
            if not isinstance(meta, dict):
                raise ValueError("meta.json does not hold an object")
        except Exception as exc:  # noqa: BLE001 - an entry is ours: whatever fails to read, is encoded again
            # (a damaged .npy header made numpy's parser raise tokenize.TokenError, a meta.json cut to '[]'
            # an AttributeError: tracebacks on every later run)
            log.warning("%s: unreadable cached encoding (%s: %s); encoding again", folder, type(exc).__name__,
                        exc)
            return None
        digest = hashlib.sha256(memoryview(np.ascontiguousarray(mat)).cast("B")).hexdigest()
        if mat.dtype != np.float32 or mat.shape != shape or meta.get("sha256") != digest:
            log.warning("%s: cached encoding does not match its record (shape %s, expected %s, or sha256); "
                        "encoding again", folder, mat.shape, shape)
            return None
        mat.setflags(write=False)
        return mat

    def _write(self, key: str, mat: np.ndarray, *, kind: str, n_inputs: int) -> None:
        from wordeval.atomic_write import atomic_directory
        from wordeval.embeddings.npy_save import save_npy
        from wordeval.errors import OutputError

        meta = {"format": FORMAT, "kind": kind, "encoder": self.info.name, "fingerprint": self._fingerprint(),
                "n_inputs": n_inputs, "shape": list(mat.shape), "dtype": "float32",
                "sha256": hashlib.sha256(memoryview(mat).cast("B")).hexdigest(),
                "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        folder = self._folder(key)
        missed = self._missed.pop(key, None)
        try:
            # an entry another process placed since this one missed (runs encoding the same inputs at once) is
            # kept: replacing it pulled the files from under a run reading it, which found it unreadable
            with atomic_directory(folder, replaces=missed, cache=True) as tmp:
                save_npy(tmp / "vectors.npy", mat)
                (tmp / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        except (OutputError, OSError) as exc:  # a cache that cannot be written is a slower run, not a failed one
            log.warning("could not cache encoder outputs: %s", exc)


class _Tokens:
    def encode_tokens(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        sentences = list(sentences)
        if not sentences or any(isinstance(s, str) for s in sentences):
            return self._inner.encode_tokens(sentences)  # nothing to cache, or the encoder's own error
        sizes = [len(s) for s in sentences]
        key = self.key("tokens", sentences)
        mat = self._lookup(key, (sum(sizes), self.info.dim))
        if mat is None:
            arrays = self._inner.encode_tokens(sentences)
            if len(arrays) != len(sentences) or any(np.shape(a) != (n, self.info.dim) for a, n in zip(arrays, sizes)):
                self._missed.pop(key, None)
                return arrays  # not what the protocol promises: the caller reports it, nothing is cached
            mat = np.concatenate([np.asarray(a, dtype=np.float32) for a in arrays])
            self._store(key, mat, kind="tokens", n_inputs=len(sentences))
        return np.split(mat.copy(), np.cumsum(sizes)[:-1])


class _Sentences:
    def encode_sentences(self, texts: Sequence[str], **options: Any) -> np.ndarray:
        if isinstance(texts, str):
            return self._inner.encode_sentences(texts, **options)
        texts = list(texts)
        key = self.key("sentences", texts, _with_defaults(self._inner.encode_sentences, options))
        mat = self._lookup(key, (len(texts), self.info.dim))
        if mat is None:
            out = np.asarray(self._inner.encode_sentences(texts, **options))
            if out.shape != (len(texts), self.info.dim):
                self._missed.pop(key, None)  # not cached: no write will pop it
                return out
            mat = out.astype(np.float32, copy=False)
            self._store(key, mat, kind="sentences", n_inputs=len(texts))
        return mat.copy()


class CachedEncoder(_Tokens, _Sentences, _CachedBase):
    """An encoder with both ``encode_tokens`` and ``encode_sentences`` (BertEncoder), answered from the caches
    when the same inputs were encoded before."""


class CachedTokenEncoder(_Tokens, _CachedBase):
    """An encoder with ``encode_tokens`` only."""


class CachedSentenceEncoder(_Sentences, _CachedBase):
    """An encoder with ``encode_sentences`` only."""


def cached(embedding: Any, **options: Any) -> Any:
    """``embedding`` wrapped in a CachedEncoder when it is an encoder worth caching, else as it is."""
    if isinstance(embedding, _CachedBase) or hasattr(embedding, "lookup"):
        return embedding
    if getattr(getattr(embedding, "info", None), "fingerprint", None) is None:
        return embedding
    tokens, sentences = hasattr(embedding, "encode_tokens"), hasattr(embedding, "encode_sentences")
    # real methods, not __getattr__ ones, so hasattr() and Protocol checks tell the truth about the encoder
    cls = (CachedEncoder if tokens and sentences else CachedTokenEncoder if tokens
           else CachedSentenceEncoder if sentences else None)
    if cls is None:
        return embedding
    wrapper = cls(embedding, **options)
    if wrapper._memory is None and not wrapper._disk:
        return embedding
    return wrapper
