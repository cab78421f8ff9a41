"""Text vector files: GloVe (no header), word2vec text and fastText ``.vec`` (``count dim`` header).

The format, stated once (gensim reads well-formed files the same way; where it would silently misread,
we stop with ``file:line``):

- fields are separated by single spaces; trailing whitespace (spaces, tabs, the CR of CRLF) is ignored
  and blank lines are skipped (both counted in line numbers);
- the last ``dim`` fields are the vector and the fields before them, joined by single spaces, the word:
  a word may contain spaces, but a tab or a carriage return inside a line, or an empty field (two spaces
  in a row, a leading space), is an error, because a reader cannot tell where the word ends; so is a word
  holding ``max(dim - 1, 2)`` numbers, two lines run together (a newline lost or flipped into another byte);
- the dimension is the header's, or (GloVe) the one most of the first 100 lines have; a line with another
  number of fields is an error that says which dimension was expected and where it came from;
- a header is two positive integers whose rows fit the file (at least ``2 * dim`` bytes a row), checked
  before anything is allocated;
- one leading UTF-8 byte-order mark is stripped (in ``file_io``, so for every tier alike).

Two tiers apply these rules. The numpy tier parses ~1 MiB chunks with one vectorised ``np.fromstring``
call each, drops to per-line parsing in a chunk that needs it, and names ``file:line`` in every error.
The arrow tier (``text_arrow``: pyarrow's multi-threaded CSV reader) is several times faster but costs
~90 MB whatever the file (library, threads, read-ahead), so it is only used for matrices large enough
that the loader's peak stays within 1.3x the matrix; it accepts a strict subset of the files the numpy
tier accepts and hands everything else back to it.
"""
from __future__ import annotations

import os
import re
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.file_io import MAX_LINE, Source, check_file, open_binary, read_limited_line
from wordeval.embeddings.file_io import strip_compression_suffix
from wordeval.embeddings.format_advice import try_format
from wordeval.embeddings.spaced_words import find_spaced_words, say_spaced_words
from wordeval.embeddings.vector_checks import RowSink, check_finite, check_header_counts, decode_words, finish_vectors
from wordeval.errors import InputFormatError

_CHUNK = 1 << 18  # 256 KiB: 5 MB less at peak than 1 MiB chunks, same speed
_SNIFF_LINES = 100
ARROW_MIN_MATRIX_BYTES = 640 << 20  # below this pyarrow's fixed ~90 MB would exceed 0.3x the matrix (bench_loading)
_EXPANSION_GUESS = 8  # compressed text: the matrix starts at 8x the compressed size and grows from there
_TEXT_RATIO_GUESS = 3  # decimal vector text deflates 2.3-3x (GloVe, fastText .vec): a gzip's text size, guessed
_FILLED_LINE = re.compile(rb"^[\r \t]*[^\r \t\n]", re.MULTILINE)  # not a blank line (those the parser skips)


def _is_number(field: bytes) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def _is_integer(field: bytes) -> bool:
    return field.lstrip(b"+-").isdigit() and field.count(b"-") + field.count(b"+") <= 1


def parse_header(line: bytes, path) -> tuple[int, int] | None:
    """``(count, dim)`` when the line is a word2vec header, None when it is not one at all.

    Two integer fields make a header; one that is zero or negative is an error here rather than a
    one-dimensional GloVe line whose word is ``-5``.
    """
    fields = line.split()
    if len(fields) != 2 or not all(_is_integer(f) for f in fields):
        return None
    count, dim = int(fields[0]), int(fields[1])
    check_header_counts(path, count=count, dim=dim, available=None, min_row_bytes=1,
                        header=line.strip().decode("ascii", "replace"))
    return count, dim


def _utf16_without_bom(line: bytes) -> bool:
    """ASCII text written as UTF-16 (a NUL before or after each byte) with no byte-order mark to say so."""
    pairs = line[len(line) % 2:] if line[:1] == b"\0" else line[:len(line) - len(line) % 2]
    return len(pairs) >= 4 and any(not pairs[i::2].strip(b"\0") and b"\0" not in pairs[1 - i::2] for i in (0, 1))


def _line_problem(line: bytes) -> str | None:
    """Why a (right-stripped, non-blank) line cannot be split unambiguously, or None."""
    if b"\0" in line and _utf16_without_bom(line):  # the NUL advice below pointed at binary formats
        return "UTF-16 text without a byte-order mark (convert the file to UTF-8)"
    if b"\0" in line:  # what a text parser meets in a binary file (--format forced): its tabs meant nothing
        # detection keeps a text file with a stray NUL as text, so this names both readings
        return ("a NUL byte, which text vectors cannot hold (a binary file read as text? "
                f"{try_format('word2vec-bin or fasttext-bin')})")
    if b"\t" in line:
        return f"a tab in {_show_at(line, _TAB)} (fields must be separated by single spaces)"
    if b"\r" in line:
        return f"a carriage return inside {_show_at(line, _CR)}"
    if line.startswith(b" "):
        return f"a line starting with a space: {_show(line)}"
    return None


def _show(line: bytes) -> str:
    return repr(line[:48].decode("utf-8", "replace")) + ("..." if len(line) > 48 else "")


_TAB, _CR = b"\t", b"\r"


def _show_at(line: bytes, char: bytes) -> str:
    """The line as ``_show`` gives it, with the column of ``char`` where that lies past what it shows: a tab
    among a 300-dimensional line's numbers was named in a line cut before it. The word is what gensim would
    read as such a word (it splits on spaces only); word2vec.c, GloVe and fastText end words at a tab and drop
    or split at a CR, so no file they write holds one."""
    at = line.index(char)
    if at < 40:
        return _show(line)
    return f"{_show(line)} (column {at + 1}: {line[max(0, at - 12):at + 12].decode('utf-8', 'replace')!r})"


def no_header_hint(first: bytes) -> str:
    """What a first line of a word and numbers is, where --format asked for a 'count dim' header: GloVe's
    first vector, which the error showed without saying so (the reverse case names the word2vec header)."""
    fields = first.strip().split(b" ")
    n = _trailing_numbers(first.strip())  # of a line the binary reader may have cut: no count is said
    if n < 2 or len(fields) != n + 1:
        return ""
    return f": a word and numbers, a vector as GloVe text starts with ({try_format('glove')})"


def _trailing_numbers(line: bytes) -> int:
    fields = line.split(b" ")
    n = 0
    for f in reversed(fields[1:]):
        if not f or not _is_number(f):
            break
        n += 1
    return n


@dataclass
class Layout:
    """Where the vectors start and what each line must hold."""

    header: bool
    dim: int
    declared: int | None  # the header's count
    dim_source: str  # said in errors: where the expected dimension came from
    first_line: int  # the line number of the first data line
    line_bytes: float | None = None  # the sniffed lines' mean length (no header: sizes the matrix of a compressed file)


def infer_dim(lines: list[tuple[int, bytes]], path) -> tuple[int, str]:
    """GloVe has no header: the dimension is the number of trailing numeric fields most of the first lines
    have (ties go to the earlier line), so a single odd first line is reported as the odd one."""
    counts = Counter(_trailing_numbers(ln) for _, ln in lines)
    best = max(counts.values())
    dim = next(c for c in (_trailing_numbers(ln) for _, ln in lines) if counts[c] == best)
    source = ("the dimension of the first line" if best == 1 else
              f"the dimension of {best} of the first {len(lines)} lines")
    first_no, first = lines[0]
    if dim == 0:
        raise InputFormatError(path, first_no, "a word followed by numbers", _show(first))
    fields = first.split(b" ")
    if _trailing_numbers(first) != dim and len(fields) == 2 and all(_is_integer(f) and int(f) > 0 for f in fields):
        raise InputFormatError(path, first_no, f"a word and {dim} numbers ({source}): GloVe text has no header",
                               f"a 'count dim' header {_show(first)} (a word2vec or fastText .vec file: "
                               f"{try_format('word2vec')})")
    if _trailing_numbers(first) != dim and len(fields) == 2 and all(_is_number(f) for f in fields):
        raise InputFormatError(path, first_no, "a header 'count dim' of two positive integers "
                                               f"(or a word and {dim} numbers, {source})", _show(first))
    return dim, source


def read_layout(src: Source, *, header: bool) -> Layout:
    """Read the header (or sniff the first lines) from ``src``."""
    path = src.path
    first = read_limited_line(src)
    if not first.strip():
        raise InputFormatError(path, 1, "a header 'count dim'" if header else "a word followed by numbers",
                               "a blank line")
    if header:
        counts = parse_header(first, path)
        if counts is None:
            raise InputFormatError(path, 1, "a header 'count dim' of two positive integers",
                                   _show(first.rstrip()) + no_header_hint(first))
        n, dim = counts
        layout = Layout(True, dim, n, "the header's dimension", 2)
        available = None if src.size is None else src.size - len(first)
        if available is not None and n * 2 * dim > available and n >= 1 and dim >= 1:
            # a count that cannot fit is refused before anything is allocated, with the rows the file holds,
            # as a count that fits but is not met is after reading (and as a compressed file's is)
            rows, lines = _rows_after(src)
            if rows != n and rows * 2 * dim <= available:  # else the dimension does not fit either: below
                raise _fewer_rows(path, n, rows, last_line=lines + 1)
        check_header_counts(path, count=n, dim=dim, available=available, min_row_bytes=2 * dim,
                            header=first.strip().decode("ascii", "replace"))
        return layout
    lines: list[tuple[int, bytes]] = []
    line, lineno, read = first, 1, len(first)
    while True:
        stripped = line.rstrip(b"\r\n \t")
        if stripped:
            problem = _line_problem(stripped)
            if problem:
                raise InputFormatError(path, lineno, "a word and numbers separated by single spaces", problem)
            lines.append((lineno, stripped))
        if len(lines) >= _SNIFF_LINES or read > (4 << 20):
            break
        line = read_limited_line(src)
        if not line:
            break
        lineno += 1
        read += len(line)
    dim, source = infer_dim(lines, path)
    return Layout(False, dim, None, source, 1, line_bytes=read / lineno)


def _rows_after(src: Source, start: bytes = b"") -> tuple[int, int]:
    """(rows, lines) in ``start`` (the beginning of a line) and what is left of ``src``: a header's count
    against the file's, on the way to an error only. Bounded memory, however long a line."""
    rows = lines = 0
    filled, pending = bool(start.strip(b"\r \t")), bool(start)  # of the line read in part
    while chunk := src.read(_CHUNK):
        head, newline, rest = chunk.partition(b"\n")
        filled, pending = filled or bool(head.strip(b"\r \t")), True
        if not newline:
            continue
        cut = rest.rfind(b"\n") + 1
        rows += filled + len(_FILLED_LINE.findall(rest, 0, cut))
        lines += 1 + rest.count(b"\n", 0, cut)
        filled, pending = bool(rest[cut:].strip(b"\r \t")), bool(rest[cut:])
    return rows + filled, lines + pending


def _fewer_rows(path, declared: int, rows: int, *, last_line: int) -> InputFormatError:
    """A header's count the file does not reach, named at the file's last line (the header's, 1, when no line
    follows it): the line after it, which the error named before, is not in the file."""
    return InputFormatError(path, last_line, f"{declared} vectors as declared in the header",
                            f"{rows} (the file ends at line {last_line})")


def _count_lines(path) -> int:
    n, last = 0, b"\n"
    with open(path, "rb") as fh:
        while block := fh.read(1 << 24):
            n += block.count(b"\n")
            last = block[-1:]
    return n + (last != b"\n")


def _parse_line(line: bytes, layout: Layout, path, lineno: int) -> tuple[bytes, np.ndarray]:
    dim = layout.dim
    problem = _line_problem(line)
    if problem:
        raise InputFormatError(path, lineno, "a word and numbers separated by single spaces", problem)
    fields = line.split(b" ")
    if b"" in fields:  # the line is stripped and starts with a non-space: an empty field is a doubled space
        raise InputFormatError(path, lineno, "a word and numbers separated by single spaces",
                               f"two spaces in a row in {_show(line)}")
    if len(fields) < dim + 1 or (len(fields) > dim + 1 and all(_is_number(f) for f in fields[1:-dim])):
        raise InputFormatError(path, lineno, f"a word and {dim} numbers ({layout.dim_source})",
                               f"{len(fields) - 1} numbers")
    word = b" ".join(fields[:-dim])
    held = sum(map(_is_number, fields[1:-dim]))
    if held >= max(dim - 1, 2):
        # Two lines run together (a newline lost, or flipped into 'J' or '*') read as one word holding the first
        # line's vector: without a header's count nothing else noticed, and both words were silently misread
        raise InputFormatError(path, lineno, f"a word and {dim} numbers ({layout.dim_source})",
                               f"a word holding {held} numbers, {_show(word)}: two lines run together "
                               f"(a newline lost or changed)?")
    try:
        return word, np.array(fields[-dim:], dtype=np.float32)
    except ValueError:
        j = next(j for j, f in enumerate(fields[-dim:]) if not _is_number(f))
        raise InputFormatError(path, lineno, f"a number in field {len(fields) - dim + j + 1}",
                               repr(fields[len(fields) - dim + j][:40].decode("utf-8", "replace"))) from None


def _parse_chunk(lines: list[bytes], first_line: int, layout: Layout, path, *, clean: bool):
    """(raw words, (k, dim) block, line numbers) for one chunk of lines; blank lines skipped. ``clean``: the
    chunk has no tab, no NUL and no CR other than CRLF's, so only the per-line path needs to look for them."""
    dim = layout.dim
    numbered = [(first_line + i, s) for i, ln in enumerate(lines) if (s := ln.rstrip(b"\r\n \t"))]
    parts = [s.partition(b" ") for _, s in numbered]
    rests = b" ".join(p[2] for p in parts)
    # Each line has exactly dim tokens iff it has dim-1 spaces, none doubled and no other separator that
    # np.fromstring would accept (tab, CR, VT, FF), so the vectorised path needs no per-line split.
    if (clean and all(p[2].count(b" ") == dim - 1 and p[0] for p in parts) and b"  " not in rests
            and b"\x0b" not in rests and b"\x0c" not in rests):
        try:
            # numpy < 2.4 (2.2 is the last for Python 3.10) warns and returns the numbers before a bad token
            # where 2.4 raises: the warning reached the user as a 'wordeval: warning:' line above the error
            with warnings.catch_warnings():
                warnings.simplefilter("error", DeprecationWarning)
                values = np.fromstring(rests, dtype=np.float32, sep=" ")
        except (ValueError, DeprecationWarning):
            values = None
        if values is not None and values.size == len(parts) * dim:
            return [p[0] for p in parts], values.reshape(-1, dim), [n for n, _ in numbered]
    del rests
    words, rows = [], []
    for n, s in numbered:  # rows are only stacked once each line proved it holds dim numbers
        w, v = _parse_line(s, layout, path, n)
        words.append(w)
        rows.append(v)
    block = np.stack(rows) if rows else np.empty((0, dim), dtype=np.float32)
    return words, block, [n for n, _ in numbered]


def parse_numpy(src: Source, layout: Layout, sink: RowSink, *, encoding_errors: str):
    """The numpy tier on ``src`` positioned at the first data line: (words, line number of each row)."""
    path = src.path
    words: list[str] = []
    line_numbers: list[np.ndarray] = []
    lineno = layout.first_line - 1
    carry = b""
    while True:
        chunk = src.read(_CHUNK)
        data = carry + chunk
        if not data:
            break
        cut = data.rfind(b"\n") + 1 if chunk else len(data)
        if cut == 0:
            if len(data) > MAX_LINE:
                raise InputFormatError(path, lineno + 1, f"lines shorter than {MAX_LINE >> 20} MiB", "a longer line")
            carry = data
            continue
        carry, data = data[cut:], data[:cut]
        lines = data.split(b"\n")
        if lines[-1] == b"":
            lines.pop()
        # a NUL is refused by the per-line path only: without this a NUL in a word passed or failed depending on
        # whether another line of its chunk needed that path
        clean = b"\t" not in data and b"\0" not in data and data.count(b"\r") == data.count(b"\r\n")
        try:
            raw, block, numbers = _parse_chunk(lines, lineno + 1, layout, path, clean=clean)
        except InputFormatError as exc:
            if not chunk and exc.line == lineno + len(lines):
                raise _cut_last_line(exc, data, layout.dim) from None
            raise
        if layout.declared is not None and sink.rows + len(numbers) > layout.declared:
            # gensim reads the header's count and stops: name the first row beyond it and how many there are
            more, _ = _rows_after(src, carry)
            raise InputFormatError(path, numbers[layout.declared - sink.rows],
                                   f"{layout.declared} vectors as declared in the header",
                                   f"{sink.rows + len(numbers) + more}")
        if numbers:
            numbers_arr = np.asarray(numbers, dtype=np.int64)
            check_finite(block, path=path, line_of=lambda i: int(numbers_arr[i]))
            sink.add(block, lines=numbers)
            words += decode_words(raw, path=path, encoding_errors=encoding_errors,
                                  line_of=lambda i: int(numbers_arr[i]))
            line_numbers.append(numbers_arr)
        lineno += len(lines)
        if not chunk:
            break
    if layout.declared is not None and sink.rows != layout.declared:
        raise _fewer_rows(path, layout.declared, sink.rows, last_line=lineno)
    numbers = np.concatenate(line_numbers) if line_numbers else np.empty(0, np.int64)
    return words, numbers


def _cut_last_line(exc: InputFormatError, data: bytes, dim: int) -> InputFormatError:
    """``exc``, raised at the file's last line: where that line has no newline and too few fields, the file was
    cut inside it (a download or copy stopped; mid-character too, in a word), which 'got 0 numbers' alone did
    not say."""
    last = data.rsplit(b"\n", 1)[-1]
    if not last.strip() or len(last.rstrip(b"\r \t").split(b" ")) > dim:
        return exc
    return exc.retold(f"{exc.got}; the file ends inside this line, with no newline after it: cut short (an "
                      f"interrupted download or copy)?")


def _capacity(src: Source, layout: Layout, path) -> tuple[int, bool]:
    """Rows to allocate up front, and whether the matrix may grow past them (size unknown until read)."""
    if src.kind is None:  # a plain file: every row is a line, and a declared count was checked against the size
        return (layout.declared if layout.header else _count_lines(path)), False
    guess = _EXPANSION_GUESS * src.compressed_size // (4 * layout.dim)  # may be 0: nothing before data arrives
    if layout.line_bytes:
        # Without a header's count, rows are guessed from the first lines' length: a size over the shortest
        # possible row (2 bytes a number) reserved 4-7x the matrix (11 GB for glove.840B.300d.zip's 2.6 GB),
        # which a strict-overcommit machine refuses; growing past the guess costs no copy
        text = src.size if src.size is not None else _TEXT_RATIO_GUESS * src.compressed_size
        guess = min(guess, int(1.05 * text / layout.line_bytes) + 1)
    if src.size is not None:  # a zip member declares its size
        guess = min(guess, src.size // (2 * layout.dim) + 1)
    return guess, True


def load_text_vectors(path: str | os.PathLike, *, header: bool, format: str, encoding_errors: str = "strict",
                      name: str | None = None, fast: bool | None = None) -> StaticEmbedding:
    """``fast``: None picks the tier by size (see the module docstring), True tries the arrow tier whatever the
    size, False uses the numpy tier only. The result (or the error) is the same either way."""
    path = check_file(path)
    with open_binary(path) as src:
        layout = read_layout(src, header=header)
        kind = src.kind
        capacity, growable = _capacity(src, layout, path)
    result = None
    if fast is not False and kind is None:  # the arrow tier reads plain files only (checked before importing it)
        from wordeval.embeddings import text_arrow
        result = text_arrow.maybe_parse(path, layout, capacity, encoding_errors=encoding_errors,
                                        min_matrix_bytes=0 if fast else ARROW_MIN_MATRIX_BYTES)
    if result is not None:
        words, vectors = result
        line_of = lambda i: i + layout.first_line  # noqa: E731 (the arrow tier only takes files without blank lines)
    else:
        sink = RowSink(layout.dim, path=path, capacity=capacity, declared=layout.declared, growable=growable)
        with open_binary(path) as src:
            if layout.header:
                read_limited_line(src)
            words, numbers = parse_numpy(src, layout, sink, encoding_errors=encoding_errors)
        vectors = sink.result()
        del sink
        line_of = lambda i: int(numbers[i]) if i < len(numbers) else None  # noqa: E731
    del result
    spaced = find_spaced_words(words, line_of=line_of)
    words, vectors, facts = finish_vectors(words, vectors, path=path, line_of=line_of, check_values=False)
    facts.update(say_spaced_words(spaced, path=path, dim=layout.dim))
    parameters = {"encoding_errors": encoding_errors, **facts}
    if kind:
        parameters["compression"] = kind
    info = EmbeddingInfo(name=name or _default_name(path), source=str(Path(path).resolve()), format=format,
                         dim=layout.dim, vocab_size=len(words), fingerprint=content_fingerprint(words, vectors),
                         parameters=parameters)
    return StaticEmbedding(words, vectors, info)


def _default_name(path) -> str:
    base = strip_compression_suffix(Path(path).name)
    stem, _, _ = base.rpartition(".")
    return stem or base


def load_glove_text(path, *, encoding_errors: str = "strict", name: str | None = None) -> StaticEmbedding:
    """GloVe text: ``word v1 ... vd`` per line, no header; dim from the first lines."""
    return load_text_vectors(path, header=False, format="glove", encoding_errors=encoding_errors, name=name)


def load_word2vec_text(path, *, encoding_errors: str = "strict", name: str | None = None) -> StaticEmbedding:
    """word2vec text: a ``count dim`` header line, then GloVe-style lines; the header is checked."""
    return load_text_vectors(path, header=True, format="word2vec", encoding_errors=encoding_errors, name=name)


def load_fasttext_vec(path, *, encoding_errors: str = "strict", name: str | None = None) -> StaticEmbedding:
    """fastText ``.vec``: the word2vec text layout (no subword information; use ``.bin`` for that)."""
    return load_text_vectors(path, header=True, format="fasttext-vec", encoding_errors=encoding_errors, name=name)
