"""A ``.npy`` matrix plus a vocabulary file (one word per line, row order).

The vocabulary is found next to the matrix (``X.vocab``, ``X.words``, ``X.vocab.txt``, ``X.txt`` or
``vocab.txt`` for ``X.npy``) unless given. The matrix is memory-mapped and never unpickled.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.file_io import check_file
from wordeval.embeddings.text_format import _default_name
from wordeval.embeddings.vector_checks import decode_words, finish_vectors
from wordeval.errors import InputFormatError, MissingFileError

VOCAB_SUFFIXES = (".vocab", ".words", ".vocab.txt", ".txt")


def find_vocab(path: Path) -> Path:
    stem = path.with_suffix("")
    candidates = [Path(str(stem) + s) for s in VOCAB_SUFFIXES] + [path.parent / "vocab.txt"]
    for c in candidates:
        if c.is_file():
            return c
    raise MissingFileError(f"{path}: expected a vocabulary file next to it "
                           f"({', '.join(c.name for c in candidates)}), got none")


def load_npy(path: str | os.PathLike, *, vocab: str | os.PathLike | None = None, encoding_errors: str = "strict",
             name: str | None = None) -> StaticEmbedding:
    path = check_file(path)
    vocab_path = check_file(vocab) if vocab is not None else find_vocab(path)
    try:
        matrix = np.load(path, mmap_mode="r", allow_pickle=False)
    except ValueError as exc:  # object arrays (pickles), truncated data, bad header
        raise InputFormatError(path, None, "a numeric .npy array without pickles", str(exc).split("\n")[0]) from None
    except OSError as exc:
        raise InputFormatError(path, None, "a .npy file", str(exc).split("\n")[0]) from None
    if matrix.ndim != 2 or matrix.dtype.kind not in "fiu":
        raise InputFormatError(path, None, "a 2-D numeric matrix", f"shape {matrix.shape} of {matrix.dtype}")
    raw = vocab_path.read_bytes().split(b"\n")
    if raw and raw[-1] == b"":
        raw.pop()
    raw = [w[:-1] if w.endswith(b"\r") else w for w in raw]
    if len(raw) != matrix.shape[0]:
        raise InputFormatError(vocab_path, min(len(raw), matrix.shape[0]) + 1,
                               f"{matrix.shape[0]} words (one per row of {path.name})", f"{len(raw)} lines")
    words = decode_words(raw, path=vocab_path, encoding_errors=encoding_errors, line_of=lambda i: i + 1)
    vectors = matrix if matrix.dtype == np.float32 else matrix.astype(np.float32)
    # Rows of the matrix have no line numbers; name the vocabulary line of the offending word instead.
    words, vectors, facts = finish_vectors(words, vectors, path=path, line_of=lambda i: i + 1)
    info = EmbeddingInfo(name=name or _default_name(path), source=str(path.resolve()), format="npy",
                         dim=int(vectors.shape[1]), vocab_size=len(words),
                         fingerprint=content_fingerprint(words, vectors),
                         parameters={"vocab": str(vocab_path.resolve()), "encoding_errors": encoding_errors, **facts})
    return StaticEmbedding(words, vectors, info)
