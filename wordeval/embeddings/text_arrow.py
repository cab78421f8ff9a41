"""The arrow tier of the text parser: pyarrow's multi-threaded CSV reader, for large uncompressed files.

It reads a strict subset of what the numpy tier (``text_format``) reads: every line is one word and ``dim``
numbers separated by single spaces (optionally one trailing space on every line), no blank line, no tab,
no NUL, no CR other than CRLF's, no empty word, finite values, valid UTF-8. Anything else makes ``maybe_parse``
return None and the numpy tier parses the file and names the line that is wrong, so both tiers give the
same result or the same error. It reads through ``file_io``'s stream (BOM stripped there, as for the
numpy tier). Its memory cost is ~90 MB whatever the file, hence ``ARROW_MIN_MATRIX_BYTES``.
"""
from __future__ import annotations

import io

import numpy as np

from wordeval.embeddings.file_io import Source, open_binary, read_limited_line
from wordeval.embeddings.vector_checks import RowSink
from wordeval.errors import InputFormatError


class _Decline(Exception):
    """The arrow tier does not take this file; the numpy tier will."""


class _Guard(io.RawIOBase):
    """Passes the stream to pyarrow and stops at the first tab or lone CR (pyarrow would split rows there) or NUL
    (which the numpy tier refuses, naming its line)."""

    def __init__(self, src: Source):
        super().__init__()
        self.src = src
        self.pending_cr = False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.src.read(size)
        if b"\t" in data or b"\0" in data:
            raise _Decline()
        if self.pending_cr and data and not data.startswith(b"\n"):
            raise _Decline()
        if b"\r" in data:
            ends_cr = data.endswith(b"\r")
            if data.count(b"\r") - data.count(b"\r\n") - ends_cr:
                raise _Decline()
            self.pending_cr = ends_cr
        elif data:
            self.pending_cr = False
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _arrow_modules():
    try:
        import pyarrow as pa
        import pyarrow.csv as pc
    except ImportError:  # pyarrow is a dependency, but the numpy tier does not need it
        return None
    return pa, pc


def _all_empty(column) -> bool:
    """Every value of a binary column is b'' (its first and last offsets are equal)."""
    offsets = np.frombuffer(column.buffers()[1], dtype=np.int32)[column.offset:column.offset + len(column) + 1]
    return bool(offsets[-1] == offsets[0])


def maybe_parse(path, layout, capacity: int, *, encoding_errors: str, min_matrix_bytes: int):
    """``(words, vectors)`` for a file the arrow tier takes, else None (see the module docstring)."""
    dim = layout.dim
    if capacity * dim * 4 < min_matrix_bytes or encoding_errors != "strict":
        return None
    modules = _arrow_modules()
    if modules is None:
        return None
    pa, pc = modules
    with open_binary(path) as src:
        if src.kind is not None:
            return None
        if layout.header:
            read_limited_line(src)
        trailing = read_limited_line(src).rstrip(b"\r\n").endswith(b" ")
    names = ["w"] + [f"v{i}" for i in range(dim)] + (["t"] if trailing else [])
    # float64, then numpy's cast: the numpy tier (np.fromstring) and gensim round a decimal to float64 first
    # and then to float32. pyarrow's float32 parser rounds once, so a text of midpoints between float32s
    # (float64 averages written with repr: ~10 % of the values) read one float32 step apart from those.
    types = {"w": pa.binary(), **{f"v{i}": pa.float64() for i in range(dim)}}
    if trailing:
        types["t"] = pa.binary()
    sink = RowSink(dim, path=path, capacity=capacity, declared=layout.declared)
    words: list[str] = []
    try:
        with open_binary(path) as src:
            if layout.header:
                read_limited_line(src)
            reader = pc.open_csv(
                _Guard(src), read_options=pc.ReadOptions(column_names=names, block_size=1 << 20),
                parse_options=pc.ParseOptions(delimiter=" ", quote_char=False, double_quote=False,
                                              escape_char=False, ignore_empty_lines=True),
                convert_options=pc.ConvertOptions(column_types=types, strings_can_be_null=False,
                                                  quoted_strings_can_be_null=False))
            for batch in reader:
                k = batch.num_rows
                if trailing and not _all_empty(batch.column(dim + 1)):
                    return None
                start = sink.ensure(k)
                with np.errstate(over="ignore"):  # 1e39 becomes inf, refused just below as the numpy tier does
                    for j in range(dim):
                        col = batch.column(j + 1)
                        if col.null_count:
                            return None
                        sink.matrix[start:start + k, j] = col.to_numpy(zero_copy_only=False)
                if not np.isfinite(sink.matrix[start:start + k]).all():
                    return None
                raw = batch.column(0).to_pylist()
                if b"" in raw:
                    return None
                try:
                    words += b"\n".join(raw).decode("utf-8").split("\n")
                except UnicodeDecodeError:
                    return None
            delivered = src.lines - (1 if layout.header else 0)
    except (pa.ArrowInvalid, _Decline, InputFormatError):
        return None
    rows = sink.rows
    if (layout.declared is not None and rows != layout.declared) or delivered not in (rows, rows - 1) \
            or len(words) != rows:
        return None  # blank lines (line numbers would be off) or a count the numpy tier will explain
    return words, sink.result()
