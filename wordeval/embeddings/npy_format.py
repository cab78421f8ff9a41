"""A ``.npy`` matrix plus a vocabulary file (one word per line, row order).

The vocabulary is found next to the matrix (``X.vocab``, ``X.words``, ``X.vocab.txt``, ``X.txt`` or
``vocab.txt`` for ``X.npy``) unless given. The header is read and checked here (2-D, a plain numeric
dtype, a shape the file can hold) before anything is mapped or allocated; the matrix is then
memory-mapped, never unpickled. A compressed ``.npy`` (gzip/bz2/xz/zip) is read row block by row block
into a matrix that grows as data arrives, so a lying header cannot allocate more than the data holds.
"""
from __future__ import annotations

import os
import tokenize
from pathlib import Path

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.file_io import Source, check_file, open_binary, strip_compression_suffix
from wordeval.embeddings.text_format import _default_name, _EXPANSION_GUESS
from wordeval.embeddings.vector_checks import RowSink, check_finite, decode_words, finish_vectors
from wordeval.errors import InputFormatError, MissingFileError

VOCAB_SUFFIXES = (".vocab", ".words", ".vocab.txt", ".txt")


def find_vocab(path: Path) -> Path:
    stem = path.parent / Path(strip_compression_suffix(path.name)).stem
    candidates = [Path(str(stem) + s) for s in VOCAB_SUFFIXES] + [path.parent / "vocab.txt"]
    for c in candidates:
        if c.is_file():
            return c
    raise MissingFileError(f"{path}: expected a vocabulary file next to it "
                           f"({', '.join(c.name for c in candidates)}), got none")


def read_npy_header(src: Source) -> tuple[tuple[int, ...], bool, np.dtype]:
    """(shape, fortran_order, dtype) of a .npy stream, or a one-line error; leaves ``src`` at the data."""
    fmt = np.lib.format
    path = src.path
    try:
        version = fmt.read_magic(src)
        if version == (1, 0):
            shape, fortran, dtype = fmt.read_array_header_1_0(src)
        elif version == (2, 0):
            shape, fortran, dtype = fmt.read_array_header_2_0(src)
        elif version == (3, 0):  # utf-8 header; numpy has no public reader for it
            import importlib
            impl = importlib.import_module("numpy.lib._format_impl")
            shape, fortran, dtype = impl._read_array_header(src, version)
        else:
            raise InputFormatError(path, None, "a .npy file of format version 1.0, 2.0 or 3.0", f"version {version}")
    except InputFormatError:
        raise
    except (ValueError, TypeError, SyntaxError, OverflowError, KeyError, AttributeError, ImportError,
            RecursionError, tokenize.TokenError) as exc:  # what ast.literal_eval raises on a mangled header
        raise InputFormatError(path, None, "a .npy header", str(exc).split("\n")[0][:120]) from None
    if dtype.hasobject:
        raise InputFormatError(path, None, "a numeric .npy array without pickles", f"dtype {dtype}")
    if len(shape) != 2 or dtype.kind not in "fiu" or dtype.shape or dtype.names:
        raise InputFormatError(path, None, "a 2-D numeric matrix", f"shape {shape} of {dtype}")
    if shape[1] < 1:
        raise InputFormatError(path, None, "a matrix with at least one column", f"shape {shape}")
    return shape, fortran, dtype


def _read_compressed(src: Source, shape, fortran: bool, dtype: np.dtype) -> np.ndarray:
    path = src.path
    if fortran:
        raise InputFormatError(path, None, "a C-order matrix in a compressed .npy "
                               "(decompress it, or save np.ascontiguousarray(m))", "Fortran order")
    rows, dim = shape
    row_bytes = dim * dtype.itemsize
    sink = RowSink(dim, path=path, capacity=_EXPANSION_GUESS * src.compressed_size // (4 * dim),
                   declared=rows, growable=True)
    step = max(1, (1 << 22) // row_bytes)
    while sink.rows < rows:
        k = min(step, rows - sink.rows)
        data = src.read(k * row_bytes)
        if len(data) < k * row_bytes:
            got = sink.rows + len(data) // row_bytes
            raise InputFormatError(path, None, f"{rows} rows of {dim} {dtype} values as the header declares",
                                   f"the data ending after {got} rows")
        sink.add(np.frombuffer(data, dtype=dtype).reshape(k, dim).astype(np.float32))
    if src.read(1):
        raise InputFormatError(path, None, f"{rows} rows as the header declares", "more data after them")
    return sink.result()


def load_npy(path: str | os.PathLike, *, vocab: str | os.PathLike | None = None, encoding_errors: str = "strict",
             name: str | None = None) -> StaticEmbedding:
    path = check_file(path)
    vocab_path = check_file(vocab) if vocab is not None else find_vocab(path)
    with open_binary(path, text=False) as src:
        shape, fortran, dtype = read_npy_header(src)
        if shape[0] == 0:
            raise InputFormatError(path, None, "at least one vector", "a matrix with 0 rows")
        if src.kind is None:
            offset = src.position
            need = shape[0] * shape[1] * dtype.itemsize
            if need > src.size - offset:
                raise InputFormatError(path, None, f"{shape[0]} x {shape[1]} {dtype} values as the header declares "
                                                   f"({need:,} bytes)", f"{src.size - offset:,} bytes of data")
            matrix = None
        else:
            matrix = _read_compressed(src, shape, fortran, dtype)
        kind = src.kind
    if matrix is None:
        matrix = np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape, order="F" if fortran else "C")
    with open_binary(vocab_path) as src:
        raw = src.read().split(b"\n")
    if raw and raw[-1] == b"":
        raw.pop()
    raw = [w[:-1] if w.endswith(b"\r") else w for w in raw]
    if len(raw) != matrix.shape[0]:
        raise InputFormatError(vocab_path, min(len(raw), matrix.shape[0]) + 1,
                               f"{matrix.shape[0]} words (one per row of {path.name})", f"{len(raw)} lines")
    words = decode_words(raw, path=vocab_path, encoding_errors=encoding_errors, line_of=lambda i: i + 1)
    del raw
    vectors = matrix if matrix.dtype == np.float32 else matrix.astype(np.float32)
    # Rows of the matrix have no line numbers; name the vocabulary line of the offending word instead.
    check_finite(vectors, path=path, line_of=lambda i: i + 1)
    words, vectors, facts = finish_vectors(words, vectors, path=path, line_of=lambda i: i + 1, check_values=False)
    parameters = {"vocab": str(vocab_path.resolve()), "encoding_errors": encoding_errors, **facts}
    if kind:
        parameters["compression"] = kind
    info = EmbeddingInfo(name=name or _default_name(path), source=str(path.resolve()), format="npy",
                         dim=int(vectors.shape[1]), vocab_size=len(words),
                         fingerprint=content_fingerprint(words, vectors), parameters=parameters)
    return StaticEmbedding(words, vectors, info)
