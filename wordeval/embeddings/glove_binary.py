"""GloVe's binary output, named as such where it is given as an embedding file.

glove.c's save_params with -binary 1 or 2 writes ``vectors.bin``: the parameter array as raw float64 values
(``2 * vocab_size * (vector_size + 1)`` of them: each word's vector and bias, then each context vector and bias),
with no header and no words (those are in the vocabulary file, ``vocab.txt``). Given as an embedding, it was taken
for a fastText model from before the magic number ("got dim 1982596815 ...: is this a fastText file?") or refused
as 'unrecognised binary data', neither naming what it is or what to give instead: the text output, which glove
writes beside it with -binary 0 or 2.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

_PROBE_BYTES = 4096
_LARGEST = 1e4  # trained GloVe parameters stay within a few units; text or int32 fields read as doubles do not
_SMALLEST = 1e-6  # int32 and float32 fields read as doubles are denormal or tiny (float32 1.0 reads as 0.0078)


def _looks_like_doubles(head: bytes) -> bool:
    usable = len(head) // 8 * 8
    if usable < 64:
        return False
    values = np.abs(np.frombuffer(head[:usable], dtype="<f8"))
    if not np.isfinite(values).all() or values.max() >= _LARGEST:
        return False
    return float(np.mean(values > _SMALLEST)) >= 0.9


def _vocabulary_fit(path: Path, size: int | None) -> str:
    """What the vocabulary file beside the output says of it: words and the dimension their count implies."""
    vocab = path.parent / "vocab.txt"
    if size is None or not vocab.is_file():
        return ""
    try:
        with open(vocab, "rb") as fh:
            words = sum(block.count(b"\n") for block in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return ""
    if not words or size % (16 * words):
        return ""
    dim = size // (16 * words) - 1
    return f"; with the {words:,} words of vocab.txt beside it, vectors of dimension {dim}" if dim >= 1 else ""


def describe(path: Path, head: bytes, size: int | None) -> str | None:
    """The refusal's 'got' part where ``head`` (the file's first bytes) and ``size`` (None: compressed) fit
    GloVe's binary output, else None."""
    if size is not None and size % 8:
        return None
    if not _looks_like_doubles(head[:_PROBE_BYTES]):
        return None
    return ("GloVe's binary output (raw float64 values: word and context vectors with their biases, no header and "
            f"no words){_vocabulary_fit(path, size)}: give the text output instead, vectors.txt, which glove "
            "writes with -binary 0 or 2 (with -write-header 1 it starts with a word2vec header, without it is "
            "GloVe text; either is read)")
