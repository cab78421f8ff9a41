"""Checks shared by every file loader: declared sizes before allocating, values and words after parsing.

Policy (documented in the loaders' docstrings and recorded in ``info.parameters``):
- a header's counts must fit the file: ``count`` rows of at least ``min_row_bytes`` each cannot exceed its
  size, so an absurd header (10^12 rows, dim 10^9) is refused before any matrix is allocated; for a
  compressed file (size unknown until read) the matrix starts small and grows as rows actually arrive;
- NaN or infinite values: error naming the line (a vector with them poisons every cosine);
- duplicate words: the first occurrence is kept (it is the more frequent one in ranked files), the others
  are dropped with one warning that gives the count;
- all-zero vectors: kept with one warning that gives the count (some files carry a zero padding/unknown
  row); an error only when every vector is zero, because then nothing can be compared.

Temporaries are sized in small row blocks: the loaders' peak memory is budgeted at 1.3x the final matrix.
"""
from __future__ import annotations

import logging
import os
import re
import warnings
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator, Sequence

import numpy as np

from wordeval.errors import InputFormatError

log = logging.getLogger(__name__)
_BLOCK_BYTES = 1 << 22  # temporaries per block of rows stay around 4 MiB


class LoaderWarning(UserWarning):
    """Something in an embedding file was repaired or is suspicious (duplicates, zero vectors)."""


_heard: ContextVar[list[str] | None] = ContextVar("wordeval_loader_heard", default=None)


def warn_loader(message: str, *, stacklevel: int) -> None:
    """``warnings.warn(message, LoaderWarning)``, also kept while ``listening``: the vector cache repeats a
    parse's warnings when it serves the file (the caller's warning filters are left alone)."""
    heard = _heard.get()
    if heard is not None:
        heard.append(message)
    warnings.warn(message, LoaderWarning, stacklevel=stacklevel + 1)


@contextmanager
def listening() -> Iterator[list[str]]:
    """The messages ``warn_loader`` gives in this context (this thread or task only)."""
    heard: list[str] = []
    token = _heard.set(heard)
    try:
        yield heard
    finally:
        _heard.reset(token)


def _block_rows(dim: int) -> int:
    return max(1, _BLOCK_BYTES // max(1, 4 * dim))


def _human(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if n < 1024 or unit == "PiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


_MAX_DIM = np.iinfo(np.intp).max // 4  # bytes of one float32 row numpy can address


def check_header_counts(path, *, count: int, dim: int, available: int | None, min_row_bytes: int,
                        header: str, line: int = 1) -> None:
    """Refuse a header whose rows cannot fit in the ``available`` bytes after it (None: size unknown)."""
    if count < 1 or dim < 1:
        what = "vector count" if count < 1 else "dimension"
        raise InputFormatError(path, line, "a header 'count dim' of two positive integers",
                               f"{what} {count if count < 1 else dim} in {header!r}")
    if dim > _MAX_DIM:
        # checked before any size: a compressed file's size is unknown, and numpy refused the matrix of zero
        # rows such a dimension makes with a ValueError, a traceback
        raise InputFormatError(path, line, f"a header whose dimension a row of float32 values can have "
                                           f"(at most {_MAX_DIM:,})", f"{header!r}")
    if available is not None and count * min_row_bytes > available:
        most = available // min_row_bytes
        raise InputFormatError(path, line, f"a header that fits the file ({_human(available)} after the header hold "
                                           f"at most {most:,} vectors of dimension {dim}, {min_row_bytes:,} bytes "
                                           f"each at least)", f"{header!r}")


class RowSink:
    """The matrix the rows of a file are written into.

    ``capacity`` rows are allocated up front (the declared count once ``check_header_counts`` passed, or the
    line count); ``growable`` sinks (compressed input, where the size is unknown until read) start at that
    estimate and grow in place with ``ndarray.resize`` (realloc/mremap: no copy, no doubled peak) by 1/8 at a
    time, up to the declared count. ``result`` shrinks the matrix to the rows written.
    """

    def __init__(self, dim: int, *, path, capacity: int, declared: int | None = None, growable: bool = False):
        self.dim, self.path, self.declared, self.growable = dim, path, declared, growable
        if declared is not None:
            capacity = min(capacity, declared)
        self.matrix = np.empty((max(0, capacity), dim), dtype=np.float32)
        self.rows = 0

    def ensure(self, k: int, *, lines: Sequence[int] | None = None) -> int:
        """Room for ``k`` more rows (on ``lines``); returns the first row index. Raises when a declared count
        is exceeded, naming the line of the first row too many."""
        need = self.rows + k
        if self.declared is not None and need > self.declared:
            line = lines[self.declared - self.rows] if lines is not None else None
            raise InputFormatError(self.path, line, f"{self.declared} vectors as declared in the header", "more")
        cap = self.matrix.shape[0]
        if need > cap:
            if not self.growable:
                line = lines[cap - self.rows] if lines is not None else None
                raise InputFormatError(self.path, line, f"at most {cap} vectors (one per line)", "more")
            new = max(need, cap + cap // 8, (1 << 20) // (4 * self.dim))
            if self.declared is not None:
                new = min(new, self.declared)
            self.matrix.resize((new, self.dim), refcheck=True)
        start = self.rows
        self.rows = need
        return start

    def add(self, block: np.ndarray, *, lines: Sequence[int] | None = None) -> None:
        start = self.ensure(block.shape[0], lines=lines)
        self.matrix[start:self.rows] = block

    def result(self) -> np.ndarray:
        if self.matrix.shape[0] != self.rows:
            try:
                self.matrix.resize((self.rows, self.dim), refcheck=True)
            except ValueError:  # something still views the matrix: hand out the rows as a view instead
                return self.matrix[:self.rows]
        return self.matrix


_C_TOOL_WORD = 99  # word2vec.c keeps a longer word's first 98 bytes and its last one (ReadWord, MAX_STRING 100)


def _not_utf8_reason(word: bytes, raw: Sequence[bytes], i: int) -> str | None:
    """Why an invalid byte in ``word`` (``raw[i]``) is not a sign of another encoding, or None. A word that
    ends inside a UTF-8 character was cut at a byte limit (word2vec.c cuts words at 99 bytes, mid-character
    where it falls there: gensim's docs advise unicode_errors='ignore' for its files); a word beside words that
    hold UTF-8 characters is a stray byte in a UTF-8 file. Read as Latin-1 either would garble the rest.
    A lone lead byte ending an ASCII word is no such sign: Latin-1's 'é' (0xe9) and 'ß' (0xdf) are lead bytes."""
    try:
        word.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut_at_end = exc.reason == "unexpected end of data" and (len(word) - exc.start >= 2
                                                                 or not word[:exc.start].isascii())
        c_tool = len(word) == _C_TOOL_WORD and exc.start >= _C_TOOL_WORD - 4
        if cut_at_end or c_tool:
            limit = f" ({len(word)} bytes: word2vec.c keeps 99 bytes of a longer word)" if c_tool else ""
            return (f"; the word ends in a cut UTF-8 character{limit}: a word cut at a byte limit, not another "
                    f"encoding")
    from wordeval.datasets.textio import is_utf8_bytes

    other = next((w for k, w in enumerate(raw) if k != i and not w.isascii() and is_utf8_bytes(w)), None)
    if other is not None:
        return (f"; the file's other words are UTF-8 ({other.decode('utf-8')[:40]!r}): a stray or cut byte, not "
                f"another encoding")
    return None


def _latin1_hint(word: bytes, *, text_file: bool) -> str:
    """For a word that reads as Latin-1 text ('caf\\xe9'): the advice alone, U+FFFD in its place, would read
    'café' and 'cafè' as one word 'caf\ufffd' (one of them dropped as a duplicate) and match no task's word,
    where converting the file keeps them."""
    decoded = word.decode("latin-1")
    if not decoded.isprintable():  # control bytes: binary data read as a word, not a text encoding
        return ""
    if any(c > "\x7f" and c != "\ufffd" for c in word.decode("utf-8", "replace")):
        return ""  # it holds UTF-8 characters too: a stray byte in a UTF-8 file, which replace reads as it should
    # iconv would rewrite a binary file's float bytes too: there the words alone are rewritten
    how = ("convert it to UTF-8 (iconv -f latin1 -t utf-8)" if text_file else
           "rewrite its words in UTF-8 (gensim reads it with encoding='latin-1')")
    return f"; read as Latin-1 it is {decoded[:40]!r}: a Latin-1 (or cp1252) file? {how} to keep such words"


def _shown(word: bytes, bad: int) -> bytes:
    """The word as an error shows it: its first 40 bytes, or the 40 up to the invalid byte at ``bad`` where that
    lies beyond them (a cut 99-byte word's fault was not in what the error showed)."""
    return word[:40] if bad < 40 else b"..." + word[bad - 36:bad + 4]


def decode_words(raw: Sequence[bytes], *, path, encoding_errors: str, line_of: Callable[[int], int],
                 text_file: bool = True) -> list[str]:
    """Decode all words in one call; on invalid UTF-8 name the line of the offending word. ``text_file``: the file is
    text throughout (not binary records), for the advice on a Latin-1 word."""
    if encoding_errors not in ("strict", "replace"):
        from wordeval.errors import ConfigError
        raise ConfigError(f"encoding_errors must be 'strict' or 'replace', got {encoding_errors!r}")
    joined = b"\n".join(raw)
    try:
        text = joined.decode("utf-8", errors=encoding_errors)
    except UnicodeDecodeError as exc:  # find the word by offsets: a binary format's word may hold b"\n"
        ends = np.cumsum([len(w) + 1 for w in raw])
        i = int(np.searchsorted(ends, exc.start, side="right"))
        bad = joined[exc.start:exc.end]
        hint = _not_utf8_reason(raw[i], raw, i)
        if hint is None:
            hint = _latin1_hint(raw[i], text_file=text_file)
        at = exc.start - (int(ends[i - 1]) if i else 0)
        raise InputFormatError(path, line_of(i), "UTF-8 text (encoding_errors='replace' or --encoding-errors replace substitutes U+FFFD)",
                               f"invalid byte {bad!r} in word {_shown(raw[i], at)!r}" + hint) from None
    words = text.split("\n") if raw else []
    if len(words) != len(raw):  # a word holding b"\n" (possible in binary formats) would shift every line
        i = next(i for i, w in enumerate(raw) if b"\n" in w)
        raise InputFormatError(path, line_of(i), "words without newlines", f"a newline inside word {raw[i][:40]!r}")
    return words


def check_finite(vectors: np.ndarray, *, path, line_of: Callable[[int], int], start_row: int = 0) -> None:
    step = _block_rows(vectors.shape[1] if vectors.ndim == 2 else 1)
    for start in range(0, vectors.shape[0], step):
        block = vectors[start:start + step]
        finite = np.isfinite(block).all(axis=1)
        if not finite.all():
            i = int(np.flatnonzero(~finite)[0])
            col = int(np.flatnonzero(~np.isfinite(block[i]))[0])
            bad = float(block[i][col])
            # a written value such as 1e39 is finite in the file but has no float32: it reads as inf
            why = "; a value beyond float32's range (3.4e38) reads as inf" if np.isinf(bad) else ""
            raise InputFormatError(path, line_of(start_row + start + i), "finite numbers",
                                   f"{bad} in dimension {col + 1}{why}")


def _first_occurrences(words: list[str]) -> np.ndarray | None:
    """Mask keeping the first occurrence of each word, or None without duplicates.

    Hashes first and builds a dict only over colliding hashes: a dict of 400k words would add ~40 MB
    to the loader's peak memory.
    """
    hashes = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
    ordered = np.sort(hashes)
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]
    del ordered
    if repeated.size == 0:
        return None
    keep = np.ones(len(words), dtype=bool)
    seen: dict[str, int] = {}
    for i in np.flatnonzero(np.isin(hashes, repeated)):
        if seen.setdefault(words[i], int(i)) != i:
            keep[i] = False
    return None if keep.all() else keep


def _compact_rows(vectors: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """``vectors[keep]`` without a second full-size matrix when the matrix is ours to rewrite."""
    if not (vectors.flags.writeable and vectors.flags.owndata and vectors.flags.c_contiguous):
        return vectors[keep]
    step = _block_rows(vectors.shape[1])
    out = 0
    for start in range(0, vectors.shape[0], step):
        block = vectors[start:start + step][keep[start:start + step]]  # a copy: safe to write below start
        vectors[out:out + block.shape[0]] = block
        out += block.shape[0]
    return vectors[:out]  # the dropped rows' memory stays allocated: a handful of rows in real files


def zero_rows(vectors: np.ndarray) -> np.ndarray:
    step = _block_rows(vectors.shape[1] if vectors.ndim == 2 else 1)
    zero = np.zeros(vectors.shape[0], dtype=bool)
    for start in range(0, vectors.shape[0], step):
        zero[start:start + step] = ~vectors[start:start + step].any(axis=1)
    return zero


_CONCEPTNET_URI = re.compile(r"/c/[a-z]{2,3}/[^/]")
_ENGLISH = "/c/en/"


def _conceptnet_uri(words: list[str]) -> str | None:
    """The first word when most of the first 1,000 are ConceptNet URIs (multilingual Numberbatch's
    ``/c/en/king``): every task would find none of its words, with no reason given but 0 % coverage."""
    head = words[:1000]
    n = sum(1 for w in head if _CONCEPTNET_URI.match(w))
    return next(w for w in head if _CONCEPTNET_URI.match(w)) if n * 2 > len(head) else None


def _one_language(path, uri: str) -> str:
    """How to keep one language's rows: there is no option for it, and a task's words are never URIs."""
    prefix = uri[:uri.index("/", 3) + 1]  # '/c/en/'
    name = os.path.basename(path)
    readers = ((".gz", "zcat"), (".bz2", "bzcat"), (".xz", "xzcat"), (".zip", "unzip -p"))
    reader = next((r for suffix, r in readers if name.endswith(suffix)), "cat")
    return (f"; to keep one language's rows, as GloVe text without the header: {reader} {name} | "
            f"sed -n 's|^{prefix}||p' > {prefix.split('/')[2]}.txt")


def finish_vectors(words: list[str], vectors: np.ndarray, *, path, line_of: Callable[[int], int],
                   check_values: bool = True, place: str = "line") -> tuple[list[str], np.ndarray, dict]:
    """Apply the shared policy; returns (words, vectors, facts for info.parameters). ``place``: what
    ``line_of`` counts ("record" in a binary file, which has no lines)."""
    if len(words) == 0:
        raise InputFormatError(path, None, "at least one vector", "none")
    if check_values:
        check_finite(vectors, path=path, line_of=line_of)
    facts: dict = {}
    keep = _first_occurrences(words)
    duplicates = None
    if keep is not None:
        n_dup = int((~keep).sum())
        first = int(np.flatnonzero(~keep)[0])
        line = line_of(first)  # None where records have no lines (fastText .bin)
        duplicates = (f"{n_dup} duplicate word(s) dropped, first occurrence kept (first duplicate "
                      f"{words[first]!r}{'' if line is None else f' at {place} {line}'})")
        words = [w for w, k in zip(words, keep) if k]
        vectors = _compact_rows(vectors, keep)
        facts["duplicates_dropped"] = n_dup
    zero = zero_rows(vectors)
    n_zero = int(zero.sum())
    if n_zero == len(words):  # one line: the duplicates are said in it, not in a warning line before it
        raise InputFormatError(path, None, "at least one non-zero vector", f"all {n_zero} vectors are zero"
                               + (f" after {duplicates}" if duplicates else ""))
    if duplicates:
        warn_loader(f"{os.fspath(path)}: {duplicates}", stacklevel=3)
    uri = _conceptnet_uri(words)
    if uri:
        # the built-in tasks are English: the command keeps the English rows wherever they start (the file's first
        # rows may be another language's, whose rows the command kept, and every task still found no word)
        kept = uri if uri.startswith(_ENGLISH) else next((w for w in words if w.startswith(_ENGLISH)), uri)
        warn_loader(f"{os.fspath(path)}: the words are ConceptNet URIs (first: {uri!r}), looked up as written: "
                    f"a task's {kept.rsplit('/', 1)[-1]!r} is not found (ConceptNet's numberbatch-en file has "
                    f"plain words{_one_language(path, kept)})", stacklevel=3)
    if n_zero:
        warn_loader(f"{os.fspath(path)}: {n_zero} all-zero vector(s) (first: {words[int(np.flatnonzero(zero)[0])]!r})",
                    stacklevel=3)
        facts["zero_vectors"] = n_zero
    return words, vectors, facts
