"""Format detection from content first (magic bytes, header line, binary payload), suffix second.

Reads through ``file_io``'s stream, so a compressed file is detected by what it holds and a UTF-8 BOM is
skipped exactly as the parsers skip it.
"""
from __future__ import annotations

import os
import struct
from pathlib import Path

from wordeval.embeddings.file_io import check_file, open_binary, strip_compression_suffix
from wordeval.embeddings.text_format import parse_header
from wordeval.errors import InputFormatError

from wordeval.embeddings.fasttext import FASTTEXT_MAGIC  # noqa: E402  (int32 at the start of every fastText .bin)
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _looks_binary(sample: bytes) -> bool:
    return any(b in _CONTROL for b in sample)


def detect_format(path: str | os.PathLike) -> str:
    """One of glove, word2vec, word2vec-bin, fasttext-vec, fasttext-bin, npy, gensim-kv."""
    path = check_file(path)
    suffix = Path(strip_compression_suffix(path.name)).suffix.lower()
    with open_binary(path) as fh:
        head = fh.read(8)
        bom = fh.bom
        if head.startswith(b"\x93NUMPY"):
            return "npy"
        if len(head) >= 4 and struct.unpack("<i", head[:4])[0] == FASTTEXT_MAGIC:
            return "fasttext-bin"
        if head[:1] == b"\x80":  # pickle protocol 2+
            return "gensim-kv"
        if head.startswith(_UTF16_BOMS):
            raise InputFormatError(path, 1, "UTF-8 text or a binary embedding file",
                                   "a UTF-16 byte-order mark (convert the file to UTF-8)")
    if not head:
        raise InputFormatError(path, 1, "vectors", "nothing after the byte-order mark" if bom else "an empty file")
    with open_binary(path) as fh:
        first = fh.readline(1 << 20)
        sample = fh.read(4096)
    if parse_header(first, path) is not None:
        if _looks_binary(sample):
            return "word2vec-bin"
        return "fasttext-vec" if suffix == ".vec" else "word2vec"
    if suffix == ".bin":  # fastText files from before the magic number (gensim still reads them)
        return "fasttext-bin"
    if _looks_binary(first[:4096]):
        raise InputFormatError(path, 1, "an embedding file (text vectors, word2vec/fastText .bin, .npy, .kv)",
                               "unrecognised binary data")
    return "glove"
