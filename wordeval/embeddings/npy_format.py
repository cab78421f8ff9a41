"""A ``.npy`` matrix plus a vocabulary file (one word per line, row order).

The vocabulary is found next to the matrix (``X.vocab``, ``X.words``, ``X.vocab.txt``, ``X.txt`` or
``vocab.txt`` for ``X.npy``) unless given; a candidate whose first lines are vectors (a word and as many
numbers as the matrix has columns, e.g. the GloVe text ``X.txt`` the matrix was made from) is not a
vocabulary and the next name is tried. A vocabulary line is the word: single spaces inside it are part of
it (GloVe 840B has ``. . .``), but an empty line, a tab, a carriage return, a NUL byte, two spaces in a row
or a space at either end is an error naming the line. When the first line is ``word count`` (a word, a space, a
non-negative integer: GloVe's ``vocab.txt`` from ``vocab_count``), every line must be one and the count is
dropped. The header is read and checked here (2-D, a plain numeric
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
from wordeval.artifacts import sha256_file
from wordeval.embeddings.file_io import Source, check_file, open_binary, strip_compression_suffix
from wordeval.embeddings.text_format import _default_name, _EXPANSION_GUESS, _is_integer, _show
from wordeval.embeddings.text_format import _trailing_numbers
from wordeval.embeddings.text_format import _utf16_without_bom
from wordeval.embeddings.vector_checks import RowSink, check_finite, decode_words, finish_vectors
from wordeval.errors import InputFormatError, MissingFileError

VOCAB_SUFFIXES = (".vocab", ".words", ".vocab.txt", ".txt")


def _vector_numbers(line: bytes, dim: int) -> int:
    """How many numbers follow the word when ``line`` is a line of vectors, else 0: a word and two numbers or
    more, whatever the matrix's dimension (GloVe text of fewer dimensions beside a wider matrix was read as
    the words 'king 0.1 0.2', ..., and no task word was found), or beside a one-column matrix a word and a
    number that is not an integer ('word 7' is a word and its count)."""
    line = line.rstrip()
    n = _trailing_numbers(line)
    return n if n >= 2 or (n == 1 and dim == 1 and not _is_integer(line.rpartition(b" ")[2])) else 0


def _vector_lines(path: Path, dim: int) -> int:
    """The numbers after the word of the first vector line among the first two lines of ``path`` (a header
    'count dim' may come first), or 0."""
    with open_binary(path) as src:
        return next((n for _ in range(2) if (n := _vector_numbers(src.readline(1 << 20), dim))), 0)


def find_vocab(path: Path, dim: int | None = None) -> Path:
    """The vocabulary beside ``path``; with ``dim``, a candidate holding vectors (of any size) is skipped."""
    stem = path.parent / Path(strip_compression_suffix(path.name)).stem
    candidates = [Path(str(stem) + s) for s in VOCAB_SUFFIXES] + [path.parent / "vocab.txt"]
    skipped = []
    for c in candidates:
        if c.is_file():
            if dim is not None and (n := _vector_lines(c, dim)):
                skipped.append(f"{c.name} holds vectors of dimension {n}")
                continue
            return c
    why = f" ({'; '.join(skipped)}, not one word per line)" if skipped else ""
    raise MissingFileError(f"{path}: expected a vocabulary file next to it "
                           f"({', '.join(c.name for c in candidates)}), got none{why}")


def read_vocab(vocab_path: Path, *, rows: int, dim: int, npy_name: str) -> list[bytes]:
    """The raw words of a vocabulary file, one per row of the matrix (module docstring for the format)."""
    expected = f"one word per line (the vocabulary of {npy_name})"
    with open_binary(vocab_path) as src:
        raw = src.read()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # as the text parsers say it
        raise InputFormatError(vocab_path, 1, "UTF-8 text, " + expected,
                               "a UTF-16 byte-order mark (convert the file to UTF-8)")
    if b"\0" in raw:  # it decodes as UTF-8: the words of a UTF-16 file without a BOM loaded, each one garbled
        nul = raw.index(b"\0")
        line = raw[raw.rfind(b"\n", 0, nul) + 1:].partition(b"\n")[0].rstrip(b"\r")
        raise InputFormatError(vocab_path, raw.count(b"\n", 0, nul) + 1, expected,
                               "UTF-16 text without a byte-order mark (convert the file to UTF-8)"
                               if _utf16_without_bom(line) else f"a NUL byte in {_show(line)}")
    raw = raw.split(b"\n")
    if raw and raw[-1] == b"":
        raw.pop()
    raw = [w[:-1] if w.endswith(b"\r") else w for w in raw]
    for i, line in enumerate(raw[:2]):  # a header 'count dim' may come first
        if n := _vector_numbers(line, dim):
            raise InputFormatError(vocab_path, i + 1, expected,
                                   f"a word and {n} numbers (vectors, not a vocabulary)")
    head, _, count = raw[0].rpartition(b" ") if raw else (b"", b"", b"")
    if head and count.isdigit():  # GloVe's vocab.txt: 'word count' on every line
        words = []
        for i, line in enumerate(raw):
            head, _, count = line.rpartition(b" ")
            if not head or not count.isdigit():
                raise InputFormatError(vocab_path, i + 1, "a word and its count as on line 1 (GloVe's vocab.txt)",
                                       _show(line))
            words.append(head)
        raw = words
    joined = b"\n".join(raw)
    if b"" in raw or b"\t" in joined or b"\r" in joined or b"  " in joined or \
            joined.startswith(b" ") or joined.endswith(b" ") or b"\n " in joined or b" \n" in joined:
        for i, word in enumerate(raw):
            problem = ("an empty line" if not word else f"a tab in {_show(word)}" if b"\t" in word else
                       f"a carriage return inside {_show(word)}" if b"\r" in word else
                       f"two spaces in a row in {_show(word)}" if b"  " in word else
                       f"a space at the start or end of {_show(word)}" if word[:1] == b" " or word[-1:] == b" "
                       else None)
            if problem:
                raise InputFormatError(vocab_path, i + 1, expected, problem)
    if len(raw) != rows:
        raise InputFormatError(vocab_path, min(len(raw), rows) + 1,
                               f"{rows} words (one per row of {npy_name})", f"{len(raw)} lines")
    return raw


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
    if not all(type(x) is int and x >= 0 for x in shape):  # numpy lets (-4, 3) and (True, 3) through
        raise InputFormatError(path, None, "a .npy shape of non-negative integers", str(shape))
    if dtype.hasobject:
        raise InputFormatError(path, None, "a numeric .npy array without pickles", f"dtype {dtype}")
    if len(shape) != 2 or dtype.kind not in "fiu" or dtype.shape or dtype.names:
        raise InputFormatError(path, None, "a 2-D numeric matrix", f"shape {shape} of {dtype}")
    if shape[1] < 1:
        raise InputFormatError(path, None, "a matrix with at least one column", f"shape {shape}")
    return shape, fortran, dtype


def _as_float32(block: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):  # a float64 beyond float32's range becomes inf: refused by the caller, naming it
        return block.astype(np.float32)


def _first_overflow(original: np.ndarray, cast: np.ndarray) -> tuple[int, int, str] | None:
    """(row, column, value as written) of the first finite value that float32 cannot hold, or None."""
    bad = np.isinf(cast) & np.isfinite(original)
    if not bad.any():
        return None
    i, j = (int(k) for k in np.argwhere(bad)[0])
    return i, j, str(original[i, j])


def _read_compressed(src: Source, shape, fortran: bool, dtype: np.dtype) -> tuple[np.ndarray, tuple | None]:
    """The matrix as float32 and its first value beyond float32's range (see ``_first_overflow``)."""
    path = src.path
    if fortran:
        raise InputFormatError(path, None, "a C-order matrix in a compressed .npy "
                               "(decompress it, or save np.ascontiguousarray(m))", "Fortran order")
    rows, dim = shape
    row_bytes = dim * dtype.itemsize
    sink = RowSink(dim, path=path, capacity=_EXPANSION_GUESS * src.compressed_size // (4 * dim),
                   declared=rows, growable=True)
    step = max(1, (1 << 22) // row_bytes)
    overflow = None
    while sink.rows < rows:
        k = min(step, rows - sink.rows)
        data = src.read(k * row_bytes)
        if len(data) < k * row_bytes:
            got = sink.rows + len(data) // row_bytes
            raise InputFormatError(path, None, f"{rows} rows of {dim} {dtype} values as the header declares",
                                   f"the data ending after {got} rows")
        block = np.frombuffer(data, dtype=dtype).reshape(k, dim)
        cast = _as_float32(block)
        if overflow is None and not np.isfinite(cast).all() and (found := _first_overflow(block, cast)):
            overflow = (found[0] + sink.rows, *found[1:])
        sink.add(cast)
    if src.read(1):
        raise InputFormatError(path, None, f"{rows} rows as the header declares", "more data after them")
    return sink.result(), overflow


def load_npy(path: str | os.PathLike, *, vocab: str | os.PathLike | None = None, encoding_errors: str = "strict",
             name: str | None = None) -> StaticEmbedding:
    path = check_file(path)
    if vocab is not None:
        vocab = check_file(vocab, vocabulary=True)
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
            if need < src.size - offset:  # as the compressed reader says
                raise InputFormatError(path, None, f"{shape[0]} rows as the header declares", "more data after them")
            matrix, overflow = None, None
        else:
            matrix, overflow = _read_compressed(src, shape, fortran, dtype)
        kind = src.kind
    if matrix is None:
        matrix = np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape, order="F" if fortran else "C")
    vocab_path = vocab if vocab is not None else find_vocab(path, int(shape[1]))
    raw = read_vocab(vocab_path, rows=int(matrix.shape[0]), dim=int(shape[1]), npy_name=path.name)
    words = decode_words(raw, path=vocab_path, encoding_errors=encoding_errors, line_of=lambda i: i + 1)
    del raw
    vectors = matrix if matrix.dtype == np.float32 else _as_float32(matrix)
    try:  # rows of the matrix have no line numbers: name the row, its word and the word's vocabulary line
        check_finite(vectors, path=path, line_of=lambda i: i)
    except InputFormatError as exc:
        i, got = exc.line, exc.got.split(";")[0]  # the value is in the matrix as written, not read from text
        if overflow is None and matrix is not vectors:
            overflow = _first_overflow(matrix[i:i + 1], vectors[i:i + 1])
            overflow = overflow and (i, *overflow[1:])
        if overflow is not None and overflow[0] <= i:
            i, col, value = overflow
            got = f"{value} in dimension {col + 1}, beyond float32's range (3.4e38)"
        raise InputFormatError(path, None, f"finite numbers in row index {i} (word {words[i]!r}, line {i + 1} of "
                                           f"{vocab_path.name})", got) from None
    words, vectors, facts = finish_vectors(words, vectors, path=path, line_of=lambda i: i + 1, check_values=False)
    # the words are the vocabulary file's, which the .npy's file_sha256 (load_file) does not cover
    parameters = {"vocab": str(vocab_path.resolve()), "vocab_sha256": sha256_file(vocab_path),
                  "encoding_errors": encoding_errors, **facts}
    if kind:
        parameters["compression"] = kind
    info = EmbeddingInfo(name=name or _default_name(path), source=str(path.resolve()), format="npy",
                         dim=int(vectors.shape[1]), vocab_size=len(words),
                         fingerprint=content_fingerprint(words, vectors), parameters=parameters)
    return StaticEmbedding(words, vectors, info)
