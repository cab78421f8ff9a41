"""Text vector files: GloVe (no header), word2vec text and fastText ``.vec`` (``count dim`` header).

Streamed, two tiers. The fast tier hands the file to pyarrow's multi-threaded CSV reader (space
delimiter, no quoting) and copies each record batch into a matrix preallocated from the header count
or a newline count, so peak memory stays near the final matrix. Anything it does not accept (ragged
rows, words with spaces, bad numbers, invalid UTF-8, NaN) sends the file to the careful tier, which
parses chunks with one vectorised ``np.fromstring`` call each, drops to per-line parsing only in a
chunk that needs it, and is the one that names ``file:line`` in errors. Blank lines are skipped.
A word may contain spaces: the last ``dim`` fields of a line are its vector.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.file_io import check_file, compression_of, open_binary, strip_compression_suffix
from wordeval.embeddings.vector_checks import decode_words, finish_vectors
from wordeval.errors import InputFormatError

_CHUNK = 1 << 23


class _Fallback(Exception):
    """The fast tier declines; the careful tier will parse (and explain) the file."""


def _is_number(field: bytes) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def parse_header(line: bytes, path) -> tuple[int, int] | None:
    """``(count, dim)`` when the line is a word2vec header, else None."""
    fields = line.split()
    if len(fields) == 2 and all(f.isdigit() for f in fields):
        return int(fields[0]), int(fields[1])
    return None


def infer_dim(line: bytes, path) -> int:
    """GloVe has no header: the dimension is the number of trailing numeric fields of the first line."""
    fields = line.rstrip(b"\r\n \t").split(b" ")
    dim = 0
    for f in reversed(fields[1:]):
        if not _is_number(f):
            break
        dim += 1
    if dim == 0:
        raise InputFormatError(path, 1, "a word followed by numbers", repr(line[:60].decode("utf-8", "replace")))
    return dim


def _count_lines(path) -> int:
    n, last = 0, b"\n"
    with open(path, "rb") as fh:
        while block := fh.read(1 << 24):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


class _RowSink:
    """Rows go into a preallocated matrix when the count is known, else into blocks joined at the end."""

    def __init__(self, n: int | None, dim: int, *, path, declared: bool):
        self.dim, self.path, self.declared = dim, path, declared
        self.matrix = np.empty((n, dim), dtype=np.float32) if n is not None else None
        self.blocks: list[np.ndarray] = []
        self.rows = 0

    def add(self, block: np.ndarray, first_line: int = 0) -> None:
        k = block.shape[0]
        if self.matrix is not None:
            if self.rows + k > self.matrix.shape[0]:
                if self.declared:
                    raise InputFormatError(self.path, first_line + self.matrix.shape[0] - self.rows,
                                           f"{self.matrix.shape[0]} vectors as declared in the header", "more")
                raise _Fallback()
            self.matrix[self.rows:self.rows + k] = block
        else:
            self.blocks.append(np.asarray(block, dtype=np.float32))
        self.rows += k

    def reserve(self, k: int, first_line: int = 0) -> np.ndarray:
        """A writable (k, dim) view for the next k rows (saves one copy per batch when preallocated)."""
        if self.matrix is not None and self.rows + k <= self.matrix.shape[0]:
            view = self.matrix[self.rows:self.rows + k]
            self.rows += k
            return view
        block = np.empty((k, self.dim), dtype=np.float32)
        self.add(block, first_line)  # raises when a declared count is exceeded
        return self.matrix[self.rows - k:self.rows] if self.matrix is not None else self.blocks[-1]

    def result(self) -> np.ndarray:
        if self.matrix is not None:
            return self.matrix if self.rows == self.matrix.shape[0] else self.matrix[:self.rows]
        return np.concatenate(self.blocks) if self.blocks else np.empty((0, self.dim), np.float32)


def _parse_fast(path, *, skip: int, dim: int, n: int | None, trailing: bool, declared: bool, decode: bool):
    import pyarrow as pa
    import pyarrow.csv as pc

    names = ["w"] + [f"v{i}" for i in range(dim)] + (["t"] if trailing else [])
    types = {"w": pa.binary(), **{f"v{i}": pa.float32() for i in range(dim)}}
    if trailing:
        types["t"] = pa.binary()
    source = os.fspath(path) if compression_of(path) is None else open_binary(path)
    sink = _RowSink(n, dim, path=path, declared=declared)
    raw: list[bytes] = []
    try:
        reader = pc.open_csv(source, read_options=pc.ReadOptions(column_names=names, skip_rows=skip, block_size=1 << 20),
                             parse_options=pc.ParseOptions(delimiter=" ", quote_char=False, double_quote=False,
                                                           escape_char=False, ignore_empty_lines=True),
                             convert_options=pc.ConvertOptions(column_types=types, strings_can_be_null=False,
                                                               quoted_strings_can_be_null=False))
        for batch in reader:
            if trailing and _any_nonempty(batch.column(dim + 1)):
                raise _Fallback()
            block = sink.reserve(batch.num_rows)
            for j in range(dim):
                col = batch.column(j + 1)
                if col.null_count:
                    raise _Fallback()
                block[:, j] = col.to_numpy(zero_copy_only=False)
            words = batch.column(0)
            if decode:  # pyarrow validates UTF-8 in C and yields str; invalid bytes send us to the careful tier
                words = words.cast(pa.string())
            raw.extend(words.to_pylist())
    except pa.ArrowInvalid:
        raise _Fallback() from None
    finally:
        if not isinstance(source, str):
            source.close()
    if declared and sink.rows != n:
        raise _Fallback()
    return raw, sink.result(), None


def _any_nonempty(column) -> bool:
    import pyarrow.compute as pcomp
    return bool(pcomp.any(pcomp.greater(pcomp.binary_length(column), 0)).as_py())


def _parse_line(line: bytes, dim: int, path, lineno: int) -> tuple[bytes, np.ndarray]:
    fields = line.rstrip(b"\r\n \t").split(b" ")
    if len(fields) > dim + 1 and not all(_is_number(f) for f in fields[1:-dim]):
        fields = [b" ".join(fields[:-dim])] + fields[-dim:]  # a word with spaces
    if len(fields) != dim + 1:
        raise InputFormatError(path, lineno, f"a word and {dim} numbers", f"{len(fields) - 1} numbers")
    try:
        return fields[0], np.array(fields[1:], dtype=np.float32)
    except ValueError:
        j = next(j for j, f in enumerate(fields[1:]) if not _is_number(f))
        raise InputFormatError(path, lineno, f"a number in field {j + 2}",
                               repr(fields[j + 1][:40].decode("utf-8", "replace"))) from None


def _parse_chunk(lines: list[bytes], first_line: int, dim: int, path):
    """(words, (k, dim) block, line numbers) for one chunk of lines; blank lines skipped."""
    numbered = [(first_line + i, ln) for i, ln in enumerate(lines) if ln.strip()]
    parts = [ln.partition(b" ") for _, ln in numbered]
    rests = [p[2].strip() for p in parts]
    # Every line has exactly dim tokens iff each has dim-1 single spaces and the total count is k*dim
    # (a line cannot hold more tokens than spaces+1), so the vectorised path needs no per-line split.
    if all(r.count(b" ") == dim - 1 for r in rests):
        try:
            values = np.fromstring(b" ".join(rests), dtype=np.float32, sep=" ")
        except ValueError:
            values = None
        if values is not None and values.size == len(rests) * dim:
            return [p[0] for p in parts], values.reshape(-1, dim), [n for n, _ in numbered]
    words, rows = [], []
    for n, ln in numbered:
        w, v = _parse_line(ln, dim, path, n)
        words.append(w)
        rows.append(v)
    block = np.stack(rows) if rows else np.empty((0, dim), np.float32)
    return words, block, [n for n, _ in numbered]


def _parse_careful(path, *, skip: int, dim: int, n: int | None, declared: bool):
    sink = _RowSink(n, dim, path=path, declared=declared)
    raw: list[bytes] = []
    line_numbers: list[np.ndarray] = []
    lineno = skip
    with open_binary(path) as fh:
        for _ in range(skip):
            fh.readline()
        carry = b""
        while True:
            chunk = fh.read(_CHUNK)
            data = carry + chunk
            if not data:
                break
            cut = data.rfind(b"\n") + 1 if chunk else len(data)
            if cut == 0:
                carry = data
                continue
            carry, data = data[cut:], data[:cut]
            lines = data.split(b"\n")
            if lines[-1] == b"":
                lines.pop()
            words, block, numbers = _parse_chunk(lines, lineno + 1, dim, path)
            if numbers:
                sink.add(block, numbers[0])
            raw.extend(words)
            line_numbers.append(np.asarray(numbers, dtype=np.int64))
            lineno += len(lines)
            if not chunk:
                break
    if declared and sink.rows != n:
        raise InputFormatError(path, lineno + 1, f"{n} vectors as declared in the header", f"{sink.rows}")
    numbers = np.concatenate(line_numbers) if line_numbers else np.empty(0, np.int64)
    return raw, sink.result(), numbers


def load_text_vectors(path: str | os.PathLike, *, header: bool, format: str, encoding_errors: str = "strict",
                      name: str | None = None, fast: bool = True) -> StaticEmbedding:
    path = check_file(path)
    with open_binary(path) as fh:
        first = fh.readline(1 << 20)
        second = fh.readline(1 << 20) if header else b""
    if not first.strip():
        raise InputFormatError(path, 1, "a header 'count dim'" if header else "a word followed by numbers", "a blank line")
    if header:
        counts = parse_header(first, path)
        if counts is None:
            raise InputFormatError(path, 1, "a header 'count dim'", repr(first[:60].decode("utf-8", "replace")))
        n, dim = counts
        if dim == 0:
            raise InputFormatError(path, 1, "a dimension > 0 in the header", "0")
        skip, data_line = 1, second
    else:
        dim = infer_dim(first, path)
        n = _count_lines(path) if compression_of(path) is None else None
        skip, data_line = 0, first
    trailing = data_line.rstrip(b"\r\n").endswith(b" ")
    result = None
    if fast:
        try:
            strict = encoding_errors == "strict"
            result = _parse_fast(path, skip=skip, dim=dim, n=n, trailing=trailing, declared=header, decode=strict)
            words, vectors, _ = result
            result = True  # drop the tuple's reference so the word list is the only one
            if not strict:
                words = decode_words(words, path=path, encoding_errors=encoding_errors, line_of=lambda i: i + 1 + skip)
            words, vectors, facts = finish_vectors(words, vectors, path=path, line_of=lambda i: i + 1 + skip)
        except (_Fallback, InputFormatError):
            result = None  # the careful tier reports errors with exact line numbers (blank lines counted)
    if result is None:
        raw, vectors, numbers = _parse_careful(path, skip=skip, dim=dim, n=n, declared=header)
        line_of = lambda i: int(numbers[i]) if i < len(numbers) else None  # noqa: E731
        words = decode_words(raw, path=path, encoding_errors=encoding_errors, line_of=line_of)
        del raw
        words, vectors, facts = finish_vectors(words, vectors, path=path, line_of=line_of)
    comp = compression_of(path)
    parameters = {"encoding_errors": encoding_errors, **facts}
    if comp:
        parameters["compression"] = comp
    info = EmbeddingInfo(name=name or _default_name(path), source=str(Path(path).resolve()), format=format,
                         dim=dim, vocab_size=len(words), fingerprint=content_fingerprint(words, vectors),
                         parameters=parameters)
    return StaticEmbedding(words, vectors, info)


def _default_name(path) -> str:
    base = strip_compression_suffix(Path(path).name)
    stem, _, _ = base.rpartition(".")
    return stem or base


def load_glove_text(path, *, encoding_errors: str = "strict", name: str | None = None) -> StaticEmbedding:
    """GloVe text: ``word v1 ... vd`` per line, no header; dim from the first line."""
    return load_text_vectors(path, header=False, format="glove", encoding_errors=encoding_errors, name=name)


def load_word2vec_text(path, *, encoding_errors: str = "strict", name: str | None = None) -> StaticEmbedding:
    """word2vec text: a ``count dim`` header line, then GloVe-style lines; the header is checked."""
    return load_text_vectors(path, header=True, format="word2vec", encoding_errors=encoding_errors, name=name)


def load_fasttext_vec(path, *, encoding_errors: str = "strict", name: str | None = None) -> StaticEmbedding:
    """fastText ``.vec``: the word2vec text layout (no subword information; use ``.bin`` for that)."""
    return load_text_vectors(path, header=True, format="fasttext-vec", encoding_errors=encoding_errors, name=name)
