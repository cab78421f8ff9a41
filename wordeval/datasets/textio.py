"""Line reading shared by every parser: decoding errors and bad numbers become file:line errors."""
from __future__ import annotations

import bz2
import codecs
import csv
import gzip
import itertools
import lzma
import math
import os
import re
import zlib
from typing import Iterable, Iterator

from wordeval.errors import InputFormatError, MissingFileError, NotAvailableError
from wordeval.paths import refuse_special_file


def _unreadable(path, exc: OSError) -> NotAvailableError:
    if isinstance(exc, PermissionError):
        return NotAvailableError(f"{os.fspath(path)}: cannot read the file: permission denied "
                                 "(give this user read access, or point at a readable copy)")
    return NotAvailableError(f"{os.fspath(path)}: cannot read the file: {exc.strerror or exc}")


def open_binary(path: str | os.PathLike):
    """``open(path, "rb")`` whose failures are one-line WordevalErrors naming the file (missing, a folder,
    no permission, an I/O error, not a regular file). The file's own bytes: what its sha256 is taken over."""
    # open() on a FIFO waits for a writer forever (a spec naming a FIFO hung `datasets check` and `run`)
    refuse_special_file(path)
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise MissingFileError(f"{os.fspath(path)}: file not found") from None
    except IsADirectoryError:
        raise MissingFileError(f"{os.fspath(path)}: is a directory, expected a file") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None


_BROKEN_GZIP = (EOFError, zlib.error, gzip.BadGzipFile, lzma.LZMAError)
_COMPRESSED = ((b"\x1f\x8b", lambda fh: gzip.GzipFile(fileobj=fh, mode="rb")),
               (b"BZh", lambda fh: bz2.BZ2File(fh, mode="rb")),
               (b"\xfd7zXZ\x00", lambda fh: lzma.LZMAFile(fh, mode="rb")))


def broken_stream(path, lineno, exc) -> InputFormatError:
    try:
        with open(path, "rb") as fh:
            head = fh.read(6)
    except OSError:
        head = b""
    kind = next((name for (magic, _), name in zip(_COMPRESSED, ("gzip", "bz2", "xz")) if head.startswith(magic)),
                "compressed")
    return InputFormatError(path, lineno, f"a complete {kind} stream", f"{type(exc).__name__}: {exc}"[:120])


def located_broken_stream(path, exc) -> InputFormatError:
    """``broken_stream`` naming the line the data breaks off in, as ``iter_lines`` names it, for a reader that
    lost count (the sniffer reads a file's head in one block first: every similarity set is shorter than its
    sample, so a truncated one was refused naming no line). Reads the file again, only on this error path."""
    lineno = 0
    try:
        with open_data(path) as fh:
            for lineno, _ in enumerate(fh, 1):
                pass
    except (*_BROKEN_GZIP, OSError):
        pass
    return broken_stream(path, lineno + 1, exc)


def open_data(path: str | os.PathLike):
    """``open_binary`` for reading a dataset's content: a gzip, bz2 or xz file (by its magic bytes, whatever
    its name) is read decompressed, as CoNLL-2000's train.txt.gz and test.txt.gz are distributed, and as
    embedding files are (a .bz2 was reported as "not utf-8 text, set encoding = cp1252")."""
    fh = open_binary(path)
    try:
        head = fh.read(6)
        fh.seek(0)
    except OSError as exc:
        fh.close()
        raise _unreadable(path, exc) from None
    return next((wrap(fh) for magic, wrap in _COMPRESSED if head.startswith(magic)), fh)


def read_bytes(path: str | os.PathLike) -> bytes:
    """The file's bytes, decompressed. A damaged or truncated stream is an error naming the line it breaks off
    in, as ``iter_lines`` names it (it named no line: a corpus's user could not tell how much of it was whole)."""
    chunks: list[bytes] = []
    with open_data(path) as fh:
        read = getattr(fh, "read1", fh.read)  # read() of a stream that breaks off drops what it decompressed
        try:
            while chunk := read(1 << 20):
                chunks.append(chunk)
        except (*_BROKEN_GZIP, OSError) as exc:
            if isinstance(exc, OSError) and not isinstance(exc, _BROKEN_GZIP) and exc.errno is not None:
                raise _unreadable(path, exc) from None
            raise broken_stream(path, sum(c.count(b"\n") for c in chunks) + 1, exc) from None
    return b"".join(chunks)


def is_utf8(encoding: str) -> bool:
    """Whether ``encoding`` names plain UTF-8 ('utf-8', 'UTF8', ...), the codec that keeps a byte-order mark as
    a character U+FEFF at the start of the text (utf-8-sig drops it)."""
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


_C1_BYTES = re.compile(rb"[\x80-\x9f]")


def is_utf8_bytes(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def encoding_advice(raws: Iterable[bytes], encoding: str) -> str:
    """The spec key that settles undecodable bytes, with a codec to try, for the end of a user's error: the
    readers past the sniffed sample (a similarity file's line 5,001) and a class folder's documents named the
    byte but not the key, so the user could not tell what to set. ``raws``: the failing line and some after
    it. A suggestion only: nothing is decoded by a guess."""
    # 0x80-0x9f are control characters in latin-1 but letters and punctuation in Windows-1252 (MR holds its
    # dashes and ellipses): latin-1 would read them as invisible controls. Only lines that are not UTF-8 count:
    # UTF-8's multi-byte letters hold such bytes too
    c1 = any(_C1_BYTES.search(raw) and not is_utf8_bytes(raw) for raw in raws)
    guess = "cp1252" if c1 else "latin-1"
    try:
        if codecs.lookup(guess).name == codecs.lookup(encoding).name:
            guess = "latin-1"  # cp1252 leaves 0x81, 0x8d, 0x8f, 0x90 and 0x9d undefined; latin-1 reads any byte
    except LookupError:
        pass
    return f'set encoding = "{guess}" (or the file\'s encoding) in the spec'


# A byte-order mark makes UTF-16 and UTF-32 unambiguous (Excel's "Unicode text" export is UTF-16LE with one).
# UTF-32LE's mark starts with UTF-16LE's: it is looked for first
_UNICODE_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                  (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
CONVERT_UTF16 = "convert it to UTF-8, e.g. iconv -f UTF-16LE -t UTF-8 FILE > OUT"


def marked_encoding(head: bytes) -> str | None:
    """"utf-16" or "utf-32" where ``head`` starts with that byte-order mark (the codec reads either byte order
    by it and drops it), else None."""
    return next((name for mark, name in _UNICODE_MARKS if head.startswith(mark)), None)


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def unicode_codec(path, head: bytes, encoding: str) -> str | None:
    """The codec of a file whose ``head`` carries a UTF-16/UTF-32 byte-order mark, which decides how it is
    read where ``encoding`` is the default UTF-8 (which cannot read it) or of the mark's own family; None
    for a file without one. A mark beside another encoding, or a UTF-16/32 ``encoding`` without its mark
    (which byte order?), is a one-line error."""
    marked, name = marked_encoding(head), _codec_name(encoding)
    family = next((f for f in ("utf-16", "utf-32") if name.startswith(f)), None)
    if marked is None:
        if family is not None:
            raise InputFormatError(path, 1, f"{encoding} text with its byte-order mark",
                                   f"none ({family.upper()} without one could be of either byte order); "
                                   f"{CONVERT_UTF16.replace('UTF-16', family.upper())}")
        return None
    # utf-8-sig: the sniffer's for every file where some carry a UTF-8 mark (sniff._bom_agnostic)
    if name not in ("utf-8", "utf-8-sig") and family != marked:
        raise InputFormatError(path, 1, f"{encoding} text", f"a {marked.upper()} byte-order mark (leave "
                               "encoding out: the mark says how the file is read)")
    return marked


def line_of_byte(raw: bytes, offset: int, codec: str) -> int:
    """The 1-based line of ``raw`` that holds byte ``offset``, for a file read whole (a corpus, a class
    folder's document): LF, CRLF and a CR alone end a line, one each, as Python's universal newlines and
    editors count them. Counted at LF alone, a file of CR line ends (classic Mac OS) was named at line 1
    whatever line held the bad bytes; counted in bytes, 0x0a is also half of a UTF-16 '《' (U+300A)."""
    # the bytes before the first undecodable one decode; replaced, a codec's odd prefix still counts
    text = raw[:offset].decode(codec, errors="replace")
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def undecodable_under_mark(path, lineno: int, codec: str, exc: UnicodeDecodeError) -> InputFormatError:
    """The error for bytes that ``codec`` ("utf-16" or "utf-32", as a byte-order mark names it) cannot
    decode, on line ``lineno``: no encoding to set, the mark says how the file is read."""
    return InputFormatError(path, lineno, f"{codec.upper()} text, as its byte-order mark says",
                            f"undecodable bytes ({exc.reason})")


_TRANSCODE_CHUNK = 1 << 16


def _transcoded(fh, codec: str, path) -> Iterator[bytes]:
    """The lines of ``fh`` (UTF-16 or UTF-32) as UTF-8 bytes, split at LF alone, as every line reader splits
    a UTF-8 file's bytes: a CR alone stays inside its line. Undecodable bytes are an error naming their line."""
    decoder = codecs.getincrementaldecoder(codec)()
    lineno, partial = 0, []  # the pieces of the line not yet ended: a long line is joined once, not per chunk
    while True:
        chunk = fh.read(_TRANSCODE_CHUNK)
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            # the error comes for a whole chunk (an io.TextIOWrapper named line 1 for bad bytes on line 900):
            # the line breaks decoded before the bad bytes say their line. ``exc.object`` starts with the
            # bytes the decoder held back from the last chunk (half a character), which it still holds
            held = len(decoder.getstate()[0])
            before = decoder.decode(exc.object[held:exc.start])
            raise undecodable_under_mark(path, lineno + before.count("\n") + 1, codec, exc) from None
        first, *complete = text.split("\n")
        partial.append(first)
        if complete:
            complete[0:0] = ["".join(partial)]
            partial = [complete.pop()]
            for line in complete:
                lineno += 1
                yield (line + "\n").encode("utf-8")
        if not chunk:
            if last := "".join(partial):
                yield last.encode("utf-8")
            return


def data_lines(fh, path, encoding: str) -> tuple[Iterator[bytes], str]:
    """(the lines of ``fh``, a stream from ``open_data``, as bytes; the codec that decodes them): ``fh``
    itself and ``encoding``, or a UTF-16/UTF-32 file's lines transcoded to UTF-8 (``unicode_codec``). The one
    place dataset lines are decoded from, so every reader and the sniffer read such a file, line numbers as
    in it."""
    head = fh.read(4)
    fh.seek(0)
    codec = unicode_codec(path, head, encoding)
    return (iter(fh), encoding) if codec is None else (_transcoded(fh, codec, path), "utf-8")


def iter_lines(path: str | os.PathLike, *, encoding: str = "utf-8") -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, line without its CR/LF). CRLF and a missing final newline are normal
    in these files. Undecodable bytes raise InputFormatError naming the line and the encoding; a file that
    cannot be opened or read, a one-line error naming it. A .gz is read decompressed (``open_data``)."""
    # A byte-order mark is never text, also where the spec says encoding = "utf-8": read as U+FEFF it glued
    # itself to the first cell ('\ufeff-DOCSTART-' became a token, '\ufeff# sent_id' a token line)
    with open_data(path) as fh:
        lineno = 0
        try:
            lines, encoding = data_lines(fh, path, encoding)
            bom = "\ufeff" if is_utf8(encoding) else None
            for lineno, raw in enumerate(lines, 1):
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError as exc:
                    advice = encoding_advice(itertools.chain([raw], itertools.islice(lines, 5000)), encoding)
                    raise InputFormatError(path, lineno, f"{encoding} text", f"undecodable byte "
                                           f"0x{raw[exc.start]:02x} at column {exc.start + 1}; {advice}") from None
                if bom:  # at any line's start: `cat a.tsv b.tsv` of files saved with one puts b's inside, where
                    # it glued itself to a word ('\ufeffcar', never in a vocabulary) and the item was read as OOV
                    text = text.removeprefix(bom)
                yield lineno, text.rstrip("\r\n")
        except _BROKEN_GZIP as exc:  # a truncated or damaged .gz, found where its data ends
            raise broken_stream(path, lineno + 1, exc) from None
        except OSError as exc:  # a read error mid-file (the consumer's own errors are not raised here); bz2's
            # damaged data is an OSError without an errno
            raise (broken_stream(path, lineno + 1, exc) if exc.errno is None else _unreadable(path, exc)) from None


def parse_float(value: str, path, lineno: int, what: str = "a number") -> float:
    try:
        # float() also reads '7_5' as 75 and full-width or Arabic-Indic digits as numbers: a mistyped gold
        # score was scored as another number, with no word
        if "_" in value or not value.isascii():
            raise ValueError(value)
        x = float(value)
    except ValueError:
        hint = (" (a decimal comma? set decimal = \",\" in the spec)"
                if re.fullmatch(r"[+-]?\d*,\d+", value.strip()) else "")
        raise InputFormatError(path, lineno, what, repr(value) + hint) from None
    if not math.isfinite(x):
        article, _, noun = what.partition(" ")  # "an STS score" -> "a finite STS score", not "a finite an STS ..."
        raise InputFormatError(path, lineno, f"a finite {noun}" if article in ("a", "an") else f"finite {what}",
                               repr(value))
    return x


SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": None}
# what str.split() splits an ASCII line at: the non-ASCII branch splits at the same characters, so a stray
# vertical tab or form feed separates words whatever else the line holds
ASCII_BLANK_CHARS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_ASCII_BLANKS = re.compile(f"[{re.escape(ASCII_BLANK_CHARS)}]+")


def split_blanks(line: str) -> list[str]:
    """The words of a space-separated line: at runs of ASCII blanks (spaces, tabs), not at every Unicode
    space as ``str.split()`` does, so a no-break space (U+00A0), U+2009 or U+3000 inside a word ('10\u00a0000', which
    GloVe 840B and fastText's crawl vectors hold) stays part of it."""
    if line.isascii():  # the common case, at str.split's speed
        return line.split()
    stripped = line.strip(ASCII_BLANK_CHARS)
    return _ASCII_BLANKS.split(stripped) if stripped else []


def split_fields(line: str, sep: str) -> list[str]:
    """The fields of one delimited line. Comma- and semicolon-separated lines are CSV records: a field may be
    quoted (``"new york","city",7.5``, ``"Washington, D.C.";...``), as spreadsheets and pandas write them.
    Tab- and space-separated lines are split as they are: a quote there is text (STS sentences hold quotes).
    Raises ``csv.Error`` for a record whose quotes do not close on the line."""
    splitter = SEPARATORS[sep]
    if splitter is None:
        return split_blanks(line)
    if splitter != "\t" and '"' in line:
        return next(csv.reader([line], delimiter=splitter, strict=True))
    return line.split(splitter)


def split_record(line: str, sep: str, path, lineno: int) -> list[str]:
    """``split_fields``, with a malformed CSV record as an InputFormatError naming the file and line."""
    try:
        return split_fields(line, sep)
    except csv.Error as exc:
        raise InputFormatError(path, lineno, f"one {sep}-separated record per line (quoted fields closed on "
                               "the line)", f"{exc} in {line[:60]!r}") from None


DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")


def with_decimal_point(value: str, decimal: str = ".") -> str:
    """``value`` with a decimal comma read as a point where ``decimal`` is ",": "3,5" -> "3.5" (scores written
    in a European locale; only a field that is digits, one comma and digits is changed)."""
    if decimal == "," and DECIMAL_COMMA.fullmatch(value):
        return value.replace(",", ".")
    return value


def parse_score(value: str, decimal: str, path, lineno: int, what: str, *, strict: bool = False) -> float:
    """A gold score read as ``decimal`` says it is written; ``strict``: the spec's decimal = "," says so, and
    a score written with a point is refused. It was read as if the hint said nothing (with_decimal_point
    keeps it): a hint over a file of points was accepted and had no effect, and where a comma is the decimal
    mark a point is a thousands mark ('1.000' is 1000). A sniffed comma keeps taking a point beside it."""
    if strict and decimal == "," and "." in value:
        try:
            float(value)
        except ValueError:
            pass  # not a number at all: parse_float names it as such
        else:
            from wordeval.errors import HintError
            raise HintError("decimal", f"decimal = \",\" reads '3,5' as 3.5, but {os.fspath(path)}:{lineno} "
                                       f"writes {what} with a point ({value!r}): set decimal = \".\" (or "
                                       f"leave it out) for scores written with points, or write every score "
                                       f"with a comma")
    return parse_float(with_decimal_point(value, decimal), path, lineno, what)


def csv_records(lines: Iterable[tuple[int, str]], sep: str, path) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) of each CSV record in ``lines`` ((line number, text without CR/LF)): a
    quoted field may hold newlines, as pandas' ``to_csv`` and spreadsheets write texts that have them, so a
    record may span several lines. A blank line is a record of no fields. A quote that is never closed, or
    other malformed quoting, raises InputFormatError at the record's first line."""
    delimiter = SEPARATORS[sep]
    pending: list[int] = []  # the line numbers read since the last record: the current record's lines

    def source():
        for lineno, text in lines:
            pending.append(lineno)
            yield text + "\n"

    reader = csv.reader(source(), delimiter=delimiter, strict=True)
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = pending[0] if pending else None
            if "end of data" in str(exc):
                raise InputFormatError(path, start, "every quoted field closed", f"a quote opened on this line and "
                                       f"not closed by the end of the file ({len(pending)} lines later)") from None
            if len(pending) > 1:
                # a quote left open on the record's first line took the next lines into its field: the error
                # surfaced on a later, sound line, which alone was named
                raise InputFormatError(path, pending[0], f"{sep}-separated CSV records", f"a quoted field opened on "
                                       f"this line that runs to line {pending[-1]}, where: {exc}") from None
            raise InputFormatError(path, pending[-1] if pending else None,
                                   f"{sep}-separated CSV records", str(exc)) from None
        start = pending[0]
        pending.clear()
        yield start, fields


def csv_records_as_written(lines: Iterable[tuple[int, str]], sep: str,
                           path) -> Iterator[tuple[int, list[str], str]]:
    """``csv_records`` with each record's first line as the file has it, for an error to show: the fields
    joined again showed 'positive,""' as 'positive,', which is not in the file."""
    written: dict[int, str] = {}

    def remembered():
        for lineno, text in lines:
            written[lineno] = text
            yield lineno, text

    for start, fields in csv_records(remembered(), sep, path):
        first = written[start]
        written.clear()  # the record's later lines: none is any later record's first
        yield start, fields, first
