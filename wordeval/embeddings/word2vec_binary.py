"""word2vec binary files (``count dim`` header, then per word: the word, a space, dim little-endian float32).

A streamed reader written here (gensim's reader is the test oracle): it reads 1 MiB blocks into a matrix
allocated from the header, so memory stays near the final matrix. The header is checked against the file
size first (a record takes at least ``4 * dim + 2`` bytes: a one-byte word, the space, the floats), so a
header claiming 10^12 rows allocates only what the file can hold, and its records are read to say how many
there are ("expected N vectors as declared in the header, got M", as the text format says); a compressed
file's matrix grows as records arrive instead. The header is a line of text: its errors name line 1. The
records are not lines (a float's bytes may hold a newline): their errors name the record (1-based) and its
byte offset in the file, or in the uncompressed data of a compressed one, as ``InputFormatError`` formats
them.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding, content_fingerprint
from wordeval.embeddings.file_io import BOM, StreamError, check_file, open_binary
from wordeval.embeddings.format_advice import try_format
from wordeval.embeddings.text_format import (_default_name, _EXPANSION_GUESS, _is_number, _show,
                                             no_header_hint, parse_header)
from wordeval.embeddings.vector_checks import RowSink, check_finite, check_header_counts, decode_words, finish_vectors
from wordeval.errors import InputFormatError

_BLOCK = 1 << 20
_MAX_WORD = 1 << 16  # a "word" longer than this means the header's dimension is wrong
_DECODE_EVERY = 1 << 16
_CONTROL = bytes(range(32))  # in a "word": float bytes, read as a word because the header's dimension is wrong


def load_word2vec_binary(path: str | os.PathLike, *, encoding_errors: str = "strict",
                         name: str | None = None) -> StaticEmbedding:
    path = check_file(path)
    # its errors past the header name a record and its offset, so a corrupt .bin.gz is not decompressed a
    # second time (multi-GB) for the line Source would find; the header's is line 1 without that pass
    with open_binary(path, locate_errors=False) as fh:
        first = fh.readline(1024)
        counts = parse_header(first, path)
        if counts is None:
            raise InputFormatError(path, 1, "a header 'count dim' of two positive integers",
                                   _show(first.rstrip()) + no_header_hint(first))
        n, dim = counts
        nbytes = dim * 4
        header = first.strip().decode("ascii", "replace")
        available = None if fh.size is None else fh.size - len(first)
        # A count the file cannot hold is read on (into a matrix sized by the file, not the count) to name the
        # records it does hold, as the text reader does: "a header that fits the file ... at most K" said
        # neither. If the records do not end cleanly, the header's dimension is as suspect as its count.
        overstated = available is not None and n >= 1 and dim >= 1 and n * (nbytes + 2) > available
        check = lambda: check_header_counts(path, count=n, dim=dim, available=available,  # noqa: E731
                                            min_row_bytes=nbytes + 2, header=header)
        if not overstated:
            check()
        if fh.size is not None:
            sink = RowSink(dim, path=path, capacity=available // (nbytes + 2) if overstated else n, declared=n)
        else:
            guess = _EXPANSION_GUESS * fh.compressed_size // (nbytes + 2)  # may be 0 (grows as records arrive)
            sink = RowSink(dim, path=path, capacity=guess, declared=n, growable=True)
        try:
            # the offsets an error names count the stripped BOM too: they are the file's own
            words = _read_records(fh, sink, n, dim, path=path, encoding_errors=encoding_errors,
                                  start=len(first) + (len(BOM) if fh.bom else 0),
                                  crlf=first.endswith(b"\r\n"))
        except InputFormatError as exc:
            if overstated and not isinstance(exc, (_FewerRecords, _CutRecord)):
                check()
            raise
        comp = fh.kind
    vectors = sink.result()
    del sink
    words, vectors, facts = finish_vectors(words, vectors, path=path, line_of=lambda i: i + 1, place="record",
                                           check_values=False)
    parameters = {"encoding_errors": encoding_errors, **facts}
    if comp:
        parameters["compression"] = comp
    info = EmbeddingInfo(name=name or _default_name(path), source=str(Path(path).resolve()), format="word2vec-bin",
                         dim=dim, vocab_size=len(words), fingerprint=content_fingerprint(words, vectors),
                         parameters=parameters)
    return StaticEmbedding(words, vectors, info)


class _FewerRecords(InputFormatError):
    """The file ends cleanly after a record, before the header's count of them."""


class _CutRecord(InputFormatError):
    """The file ends inside a record after whole ones that each ended with the C tool's newline, which bears
    out the header's dimension: a file cut short (a download stopped), named where it is cut."""


def _read_records(fh, sink: RowSink, n: int, dim: int, *, path, encoding_errors: str, start: int,
                  crlf: bool = False) -> list[str]:
    """``start``: the header's length in bytes, for the offset an error names; ``crlf``: the header ends with
    '\\r\\n'."""
    nbytes = dim * 4
    words: list[str] = []
    raw: list[bytes] = []
    starts: list[int] = []  # the file offset of each word in ``raw``: decoding finds its errors later
    buf, pos = b"", 0
    dropped = start  # bytes before buf[0]
    first_row = 0

    def at(i: int, offset: int) -> dict:
        """The place of record ``i`` (0-based) starting at ``offset``, for ``InputFormatError``."""
        return {"record": i + 1, "offset": offset, "uncompressed": bool(fh.kind)}

    def here() -> int:  # where the record not yet read starts: after the C tool's newline that ends the last
        return dropped + len(buf) - len(buf[pos:].lstrip(b"\n"))

    def read(size: int, i: int, *, whole: bool = False) -> bytes:
        try:
            return fh.read(size) if whole else fh.read1(size)
        except StreamError as exc:  # named at the record being read, not at the newlines inside binary data
            raise InputFormatError(path, None, exc.expected, exc.got, **at(i, here())) from None

    before = [b"", 0]  # the word and offset of the record before ``raw[0]``, read in an earlier batch

    def split_word(k: int) -> None:
        """Refuse a word with a space in a file without the C tool's newlines (gensim's), which
        ``_refuse_word_with_space`` cannot see: the word ended at its space, and the next word was read
        with float bytes before it (control bytes or not UTF-8), silently where they were UTF-8."""
        if first_row + k < 1:
            return
        prev, offset = (raw[k - 1], starts[k - 1]) if k else before
        whole = _word_with_space(prev, sink.matrix[first_row + k - 1], raw[k])
        if whole is not None:
            _refuse_word_with_space_in(whole, path=path, place=at(first_row + k - 1, offset))

    def flush():
        nonlocal first_row
        first = first_row = len(words)
        joined = b"".join(raw)
        if len(joined.translate(None, _CONTROL)) != len(joined):
            for k in (k for k, w in enumerate(raw) if len(w.translate(None, _CONTROL)) != len(w)):
                split_word(k)
        try:
            words.extend(decode_words(raw, path=path, encoding_errors=encoding_errors, line_of=lambda k: k,
                                      text_file=False))
        except InputFormatError as exc:
            k = exc.line
            split_word(k)
            exc = InputFormatError(path, None, exc.expected, exc.got, **at(first + k, starts[k]))
            garbled = _float_bytes(raw[k], crlf)
            raise (_with_dim_hint(exc, dim, crlf) if garbled else exc) from None
        if b"\t" in joined or b"\r" in joined:
            k = next(k for k, w in enumerate(raw) if b"\t" in w or b"\r" in w)
            _refuse_separator_in_word(raw[k], dim, crlf, path=path, place=at(first + k, starts[k]))
        try:
            check_finite(sink.matrix[first:sink.rows], path=path, line_of=lambda k: k)
        except InputFormatError as exc:
            k = exc.line
            raise InputFormatError(path, None, exc.expected, exc.got, **at(first + k, starts[k])) from None
        if raw:
            before[:] = raw[-1], starts[-1]
        raw.clear()
        starts.clear()

    for i in range(n):
        sp = buf.find(b" ", pos)
        while sp < 0 or len(buf) < sp + 1 + nbytes:
            more = read(_BLOCK, i)  # read1: a truncated stream's last decompressed bytes are kept
            if not more:
                if pos >= len(buf.rstrip()):  # the same error as the text format's, and where the file ends
                    raise _FewerRecords(path, None, f"{n} vectors as declared in the header",
                                        f"{i} (the file ends there, after record {i})",
                                        **at(i, here()))
                cut = _CutRecord if i >= 1 and newline_after_vectors else InputFormatError
                raise cut(path, None,
                          f"{n} records of a word and {dim} float32 values as declared in the header",
                          f"end of file inside record {i + 1} after {i} record{'s' if i != 1 else ''} "
                          f"({dropped + len(buf):,} bytes{_of(fh)})", **at(i, here()))
            dropped += pos
            buf, pos = buf[pos:] + more, 0
            sp = buf.find(b" ")
            if sp < 0 and len(buf) > _MAX_WORD:
                raise _with_dim_hint(InputFormatError(path, None, "a word followed by a space",
                                                      "no space in 64 KiB", **at(i, here())), dim, crlf)
        # The C tool writes a newline after each vector; gensim strips it from the next word too.
        word = buf[pos:sp].lstrip(b"\n")
        offset = dropped + sp - len(word)
        if not word:  # the text parser refuses a line starting with a space alike
            raise _with_dim_hint(InputFormatError(path, None, "a word followed by a space and the vector",
                                                  "an empty word (the record starts with a space)",
                                                  **at(i, offset)), dim, crlf)
        if b"\0" in word:
            if i >= 1:  # a NUL among the float bytes before a word that follows a word with a space
                prev, prev_at = (raw[-1], starts[-1]) if raw else before
                whole = _word_with_space(prev, sink.matrix[i - 1], word)
                if whole is not None:
                    _refuse_word_with_space_in(whole, path=path, place=at(i - 1, prev_at))
            _refuse_nul_in_word(word, dim, path=path, place=at(i, offset))
        end = sp + 1 + nbytes
        if i == 0:
            _refuse_text_record(buf, pos, dim, path=path)
            newline_after_vectors = len(buf) > end and buf[end] == 0x0A
        elif newline_after_vectors and len(buf) > end and buf[end] != 0x0A:
            _refuse_word_with_space(buf, pos, sp, nbytes, path=path, place=at(i, offset))
        raw.append(word)
        starts.append(offset)
        row = sink.ensure(1)
        sink.matrix[row] = np.frombuffer(buf, dtype="<f4", count=dim, offset=sp + 1)
        pos = end
        if len(raw) == _DECODE_EVERY:
            flush()
    flush()
    rest = buf[pos:] + read(_BLOCK, n, whole=True)
    if rest.strip():
        offset = dropped + pos + len(rest) - len(rest.lstrip())
        raise InputFormatError(path, None, f"{n} vectors as declared in the header",
                               f"more data after record {n}", **at(n, offset))
    return words


def _of(fh) -> str:
    return " of the uncompressed data" if fh.kind else ""


def _refuse_text_record(buf: bytes, pos: int, dim: int, *, path) -> None:
    """A word2vec text file read as binary (``--format word2vec-bin``) failed some records on, where the text
    no longer lined up, blaming the header's dimension; its first record is a line of a word and ``dim``
    numbers, which a word and ``4 * dim`` float32 bytes are not."""
    end = buf.find(b"\n", pos)
    # rstripped as the text parser does: a fastText .vec line ends with a space (and a CRLF file's with CR), whose
    # empty last field kept this from seeing the text, and the error blamed the header's dimension some lines on
    fields = buf[pos:end].rstrip(b"\r \t").split(b" ") if end >= 0 else []
    if len(fields) == dim + 1 and all(_is_number(f) for f in fields[1:]):
        line = _show(buf[pos:end].rstrip())
        # named at its line, not at a record: the file is text, and is read as such once --format says so
        raise InputFormatError(path, 2, f"a word, a space and {dim} float32 values (word2vec binary)",
                               f"a line of text, a word and {dim} numbers ({line}): a word2vec text file? "
                               f"{try_format('word2vec')}")


def _refuse_word_with_space(buf: bytes, pos: int, sp: int, nbytes: int, *, path, place: dict) -> None:
    """In a file whose vectors each end with a newline, a record whose vector does not, but would if its word
    ran to a later space, holds a word with a space ('new york'), which the format cannot hold: the word ends
    at its first space (the C tool's and gensim's readers). Read on, the rest of the word became float bytes
    and the error named the next record, as a wrong header dimension."""
    later = buf.find(b" ", sp + 1, sp + 1 + min(nbytes, 1024))
    if later < 0 or len(buf) <= later + 1 + nbytes or buf[later + 1 + nbytes] != 0x0A:
        return
    _refuse_word_with_space_in(buf[pos:later].lstrip(b"\n"), path=path, place=place)


def _word_with_space(prev: bytes, vector: np.ndarray, word: bytes) -> bytes | None:
    """The word with a space that the record before ``word`` held, or None. Read at its first space, its rest
    and a space begin that record's vector as read, and ``word`` is the end of its true vector followed by a
    clean word, ``word[sp + 1:]``, ``sp + 1`` being the length of that rest and space."""
    tail = vector.astype("<f4").tobytes()
    clean = re.match(rb"[^\x00-\x1f]*", tail).end()
    sp = tail.rfind(b" ", 0, clean)
    rest = word[sp + 1:]
    if sp < 1 or not rest or len(rest.translate(None, _CONTROL)) != len(rest):
        return None
    try:
        tail[:sp].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return prev + b" " + tail[:sp]


def _refuse_word_with_space_in(word: bytes, *, path, place: dict) -> None:
    raise InputFormatError(path, None, "a word without spaces (in word2vec binary a word ends at its first "
                                       "space); join its parts with '_' or write the vectors as text",
                           f"the word {word.decode('utf-8', 'replace')[:60]!r}", **place)


def _refuse_nul_in_word(word: bytes, dim: int, *, path, place: dict) -> None:
    """No writer puts a NUL in a word (the C tool's words are C strings, fastText ends words at one), but float
    bytes read as the start of a word hold them: a record before with a value too many shifts the next word
    by 4 bytes ('\\x00\\x00\\x00?inspection'). Where those bytes were valid UTF-8 the word was kept, the real one
    went missing, and the file was accepted; the text reader refuses a NUL alike."""
    raise InputFormatError(path, None, "a word followed by a space and the vector (a word holds no NUL byte)",
                           f"the word {word[:60]!r}: float bytes read as a word, so the record before holds more "
                           f"than {dim} values, or the header's dimension {dim} is not that of its vectors",
                           **place)


def _refuse_separator_in_word(word: bytes, dim: int, crlf: bool, *, path, place: dict) -> None:
    """The text readers (vectors, a .npy's vocabulary) refuse a word with a tab or a carriage return, since no
    reader can tell where it ends; a binary file's such word was kept, so one vocabulary loaded from .bin and
    not from its text copy. Other control bytes (\\x01, \\x7f) split nothing, and every reader keeps them."""
    what = "a tab" if b"\t" in word else "a carriage return"
    exc = InputFormatError(path, None, "a word without a tab or carriage return (as in the text formats: no "
                                       "reader can tell where such a word ends)",
                           f"{what} in the word {_show(word)}", **place)
    raise _with_dim_hint(exc, dim, crlf) if _float_bytes(word, crlf) else exc


def _float_bytes(word: bytes, crlf: bool) -> bool:
    """Control bytes besides the tab, CR and newline a writer keeps in a word (gensim writes 'new\\nline' as
    it is): float bytes read as a word, so the header's dimension is in doubt; a newline alone is not.
    After a CRLF header any control byte is the text-mode copy's doing (see _with_dim_hint)."""
    controls = len(word) - len(word.translate(None, _CONTROL))
    return controls > (0 if crlf else sum(word.count(c) for c in (b"\t", b"\r", b"\n")))


def _with_dim_hint(exc: InputFormatError, dim: int, crlf: bool = False) -> InputFormatError:
    """A record after the first that does not start with a word (an empty one, none within 64 KiB, or one with
    control bytes that is not UTF-8) is what a header whose dimension is not the vectors' gives (each record is
    read as ``4 * dim`` bytes too many or too few): say so, since the error alone (invalid UTF-8 in a 'word' of
    float bytes) pointed at --encoding-errors replace, which reads on into the next error."""
    if exc.record is None or exc.record < 2:
        return exc
    if crlf:
        # A header ended by CRLF, which neither the C tool nor gensim writes, means a text-mode copy turned every 0x0A
        # byte into 0x0D 0x0A, float bytes too: blaming the header's dimension sent the user after the wrong fault
        return exc.retold(f"{exc.got}; the header ends with '\\r\\n': line ends converted to CRLF (a "
                          f"text-mode copy or transfer) changed the bytes of the binary vectors too; use the "
                          f"original file")
    hint = (f"{exc.got}; if the file is not damaged, the header's dimension {dim} is not that of its vectors "
            f"(each record is read as a word, a space and {4 * dim} bytes)")
    return exc.retold(hint)
