"""word2vec binary files (``count dim`` header, then per word: the word, a space, dim little-endian float32).

A streamed reader written here (gensim's reader is the test oracle): it reads 1 MiB blocks into a matrix
preallocated from the header, so memory stays near the final matrix. Error line numbers count the header
as line 1 and each record as one line, which is how the original C tool lays records out.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.file_io import check_file, compression_of, open_binary
from wordeval.embeddings.text_format import _default_name, parse_header
from wordeval.embeddings.vector_checks import decode_words, finish_vectors
from wordeval.errors import InputFormatError

_BLOCK = 1 << 20
_MAX_WORD = 1 << 16  # a "word" longer than this means the header's dimension is wrong


def load_word2vec_binary(path: str | os.PathLike, *, encoding_errors: str = "strict",
                         name: str | None = None) -> StaticEmbedding:
    path = check_file(path)
    with open_binary(path) as fh:
        first = fh.readline(1024)
        counts = parse_header(first, path)
        if counts is None:
            raise InputFormatError(path, 1, "a header 'count dim'", repr(first[:60].decode("utf-8", "replace")))
        n, dim = counts
        if dim == 0:
            raise InputFormatError(path, 1, "a dimension > 0 in the header", "0")
        nbytes = dim * 4
        vectors = np.empty((n, dim), dtype=np.float32)
        raw: list[bytes] = []
        buf, pos = b"", 0
        for i in range(n):
            sp = buf.find(b" ", pos)
            while sp < 0 or len(buf) < sp + 1 + nbytes:
                more = fh.read(_BLOCK)
                if not more:
                    got = "end of file" if pos >= len(buf.rstrip()) else f"end of file inside record {i + 1}"
                    raise InputFormatError(path, i + 2, f"{n} records of a word and {dim} float32 values "
                                                        "as declared in the header", f"{got} after {i} records")
                buf, pos = buf[pos:] + more, 0
                sp = buf.find(b" ")
                if sp < 0 and len(buf) > _MAX_WORD:
                    raise InputFormatError(path, i + 2, "a word followed by a space", "no space in 64 KiB")
            # The C tool writes a newline after each vector; gensim strips it from the next word too.
            raw.append(buf[pos:sp].lstrip(b"\n"))
            vectors[i] = np.frombuffer(buf, dtype="<f4", count=dim, offset=sp + 1)
            pos = sp + 1 + nbytes
        rest = buf[pos:] + fh.read(_BLOCK)
        if rest.strip():
            raise InputFormatError(path, n + 2, f"{n} records as declared in the header", "more data after them")
    line_of = lambda i: i + 2  # noqa: E731
    words = decode_words(raw, path=path, encoding_errors=encoding_errors, line_of=line_of)
    del raw
    words, vectors, facts = finish_vectors(words, vectors, path=path, line_of=line_of)
    parameters = {"encoding_errors": encoding_errors, **facts}
    if comp := compression_of(path):
        parameters["compression"] = comp
    info = EmbeddingInfo(name=name or _default_name(path), source=str(Path(path).resolve()), format="word2vec-bin",
                         dim=dim, vocab_size=len(words), fingerprint=content_fingerprint(words, vectors),
                         parameters=parameters)
    return StaticEmbedding(words, vectors, info)
