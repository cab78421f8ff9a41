"""Format detection from content first (magic bytes, header line, record structure), suffix second.

Reads through ``file_io``'s stream, so a compressed file is detected by what it holds and a UTF-8 BOM is
skipped exactly as the parsers skip it.

After a ``count dim`` header, text or binary is decided by reading the first records (up to
``_PROBE_RECORDS``) both ways: a text record is a word and ``dim`` numbers on one line; a binary record is
a word, a space and ``4 * dim`` raw bytes (gensim's reader, which skips newlines before a word). Valid text
records win: real float32 payloads essentially never read as ASCII numbers, while text often splits into
"binary records" by accident (lines of ``4 * dim + len(word) + 1`` bytes do exactly), so a control byte in
a word does not make a text file binary; a file whose first record is valid text is text even where a later
one is broken, so the text parser reports that one at its line; so is a file whose lines all hold a word and
then decimal numbers only (of another dimension, with commas), whatever script its words are in.
Otherwise binary is chosen when the records read as binary and their float bytes hold a byte no text number
has, or a control byte is near the start. ``--format word2vec`` or ``--format word2vec-bin`` overrides all
this.
"""
from __future__ import annotations

import os
import re
import shlex
import struct
from pathlib import Path

from wordeval.embeddings import glove_binary
from wordeval.embeddings.file_io import StreamError, check_file, open_binary, strip_compression_suffix
from wordeval.embeddings.text_format import _is_number, _show, _trailing_numbers, parse_header
from wordeval.errors import InputFormatError
from wordeval.unread_containers import HEAD_BYTES
from wordeval.unread_containers import describe as describe_container
from wordeval.unread_containers import first_tar_member

from wordeval.embeddings.fasttext import FASTTEXT_MAGIC  # noqa: E402  (int32 at the start of every fastText .bin)
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_PRINTABLE = bytes(range(32, 127)) + b"\t\n\r"
_DIGITS = b"0123456789"
_NUMBER_TEXT = _DIGITS + b"+-.,eE \t\r"  # decimal numbers, with points or commas, and the blanks between them
_PROBE_RECORDS = 8
_HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
_LEXVEC_MAGIC = struct.pack("<2I", 0xBEA25956, 1)  # magic number and model version 1 (LexVec's model.go)


def _is_safetensors(head: bytes) -> bool:
    """safetensors: a little-endian uint64 length, then that many bytes of a JSON object. Text and word2vec files
    start with printable bytes, whose uint64 is above 2**61: never a plausible length."""
    return len(head) > 9 and 2 <= struct.unpack("<Q", head[:8])[0] < (1 << 30) and head[8:10] == b'{"'


_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def _is_old_pickle(block: bytes, whole: bool) -> bool:
    """A pickle of protocol 0 or 1, which has no PROTO byte: text opcodes ('(lp0', '(dp0', 'cnumpy...',
    gensim's 'ccopy_reg') or protocol 1's ']q\x00'. It was read as text vectors ("expected a word followed by
    numbers, got '(lp0'") or as unrecognised binary data. A vectors file whose first word is '(' or 'cat' is
    no pickle: its opcodes fail within a line, where a pickle's run to its STOP or to the end of the block."""
    if not block or block[:1] not in b"(c]})":
        return False
    import io
    import pickletools

    stream, ops = io.BytesIO(block), 0
    try:
        for op, arg, _ in pickletools.genops(stream):
            ops += 1
            # GLOBAL and INST take two whole lines as module and class: 'cat 0.1 0.2' and the next row read
            # as such, and a third row starting with '.' (GloVe's full stop) read as STOP
            if op.name in ("GLOBAL", "INST") and not all(map(_DOTTED.fullmatch, str(arg).split(" ", 1))):
                return False
            if op.name == "STOP":
                return ops >= 2
    except ValueError:  # an unknown opcode or a malformed argument, or the block's end within one
        return not whole and ops >= 2 and stream.tell() >= len(block)
    return False


def _looks_binary(sample: bytes) -> bool:
    return any(b in _CONTROL for b in sample)


def _text_records(sample: bytes, count: int, dim: int, *, eof: bool) -> tuple[int, bool]:
    """(records read as text lines of a word and ``dim`` numbers, whether one failed to)."""
    lines = sample.split(b"\n")
    if not eof:
        lines.pop()  # cut by the sample's end
    done = 0
    for line in lines:
        if done == min(count, _PROBE_RECORDS):
            break
        fields = line.split()
        if not fields:
            continue  # a blank line (the text parser skips it)
        if len(fields) < dim + 1 or not all(_is_number(f) for f in fields[-dim:]):
            return done, True
        done += 1
    return done, False


def _binary_records(sample: bytes, count: int, dim: int, *, eof: bool) -> tuple[int, bool, bool]:
    """(records read as binary ones, whether one failed to, whether their float bytes hold a byte that no
    text number has)."""
    pos, done, binary_bytes = 0, 0, False
    while done < min(count, _PROBE_RECORDS):
        sp = sample.find(b" ", pos)
        if sp < 0:
            return done, eof, binary_bytes
        word = sample[pos:sp].lstrip(b"\n")
        end = sp + 1 + 4 * dim
        if not word or b"\n" in word:
            return done, True, binary_bytes
        if end > len(sample):
            return done, eof, binary_bytes
        binary_bytes = binary_bytes or bool(sample[sp + 1:end].translate(None, _PRINTABLE))
        pos, done = end, done + 1
    return done, False, binary_bytes


def _numbers_after_words(sample: bytes, count: int, *, eof: bool) -> bool:
    """Whether every probed line is a word, a space and then decimal numbers only (a text record's, right or
    wrong: another dimension, decimal commas): a text file the text parser names the fault of. A float32
    payload almost never consists of these few bytes, while the UTF-8 words of a broken text file,
    read as 'float bytes' of binary records, made it binary and its error named a later record."""
    lines = sample.split(b"\n")
    if not eof:
        lines.pop()
    probed = [line for line in lines if line.split()][:min(count, _PROBE_RECORDS)]
    for line in probed:
        word, _, rest = line.partition(b" ")
        if not word or _looks_binary(word) or rest.translate(None, _NUMBER_TEXT) \
                or not any(b in _DIGITS for b in rest):
            return False
    return bool(probed)


def _text_line(line: bytes) -> bool:
    """A GloVe line: a word and numbers, whatever NUL or control bytes the word holds. The text parser names a
    NUL's line, and reads a control byte in a word ('a\\x01b') as it does on every later line, where
    'unrecognised binary data' refused a text file for one odd byte in its first word (a file's first bytes
    that split into a token and decimal numbers are not a binary format's)."""
    fields = line.replace(b"\0", b"").split()
    return len(fields) >= 2 and all(_is_number(f) for f in fields[1:])


def _one_number_lines(sample: bytes, dim: int, *, eof: bool) -> bool:
    """Whether the lines after a first line that reads as a ``count dim`` header (``1 2``) each hold a word
    and one number, where the header says ``dim`` > 1: no reading with that header fits them, while the first
    line is then a word and one number too, the first line of a one-dimensional GloVe file whose first word is
    an integer. Taken as a header, such a file was refused with 'expected a word and 2 numbers (the header's
    dimension)', or 'a header that fits the file', though it is valid GloVe."""
    if dim == 1 or _looks_binary(sample[:4096]):
        return False
    lines = sample.split(b"\n")
    if not eof:
        lines.pop()  # cut by the sample's end
    probed = [line.rstrip(b"\r \t") for line in lines if line.strip()][:_PROBE_RECORDS]
    return bool(probed) and all(_trailing_numbers(line) == 1 for line in probed)


def _is_binary(sample: bytes, count: int, dim: int, *, eof: bool) -> bool:
    """After a ``count dim`` header: whether the records are word2vec binary ones (module docstring)."""
    text_done, _ = _text_records(sample, count, dim, eof=eof)
    if text_done:
        # valid text records (float32 bytes never read as a line of dim numbers), then maybe a broken one: a text
        # file whose error the text parser names. Trying binary first took a text file with a NUL or a '１' in
        # its 3rd line for binary records and reported "more data after 15 records" at its last line
        return False
    if _text_records(sample.replace(b"\0", b""), 1, dim, eof=eof)[0]:
        # a text record but for a NUL byte (a word2vec text file written with one): read as binary records it
        # gave garbage or 'a header that fits the file'; the text parser names the NUL's line
        return False
    if _numbers_after_words(sample, count, eof=eof):
        # the text parser says "a word and 100 numbers (the header's dimension), got 50" or "a number in
        # field 2, got '0,25'"; read as binary records, the error named record 7 as an empty word
        return False
    bin_done, bin_failed, binary_bytes = _binary_records(sample, count, dim, eof=eof)
    if bin_done and not bin_failed and binary_bytes:
        return True
    return binary_bytes or _looks_binary(sample[:4096])


def _refuse_cr_only_header(first: bytes, path) -> None:
    """A ``count dim`` header ended by a lone CR (line ends converted to classic Mac OS's): the whole file was
    one 'line', so a word2vec binary ``.bin`` was taken for an old fastText model ("expected a fastText .bin
    model ..., got dim 540160051") and another name for 'unrecognised binary data', neither naming the CR."""
    head, cr, after = first.partition(b"\r")
    if not cr or after.startswith(b"\n") or parse_header(head, path) is None:
        return
    raise InputFormatError(path, 1, "a header 'count dim' ended by a newline (\\n)",
                           f"{_show(head)} ended by a carriage return (\\r) alone: line ends converted to CR, "
                           "which also changes the bytes of binary vectors (convert back, or use the original file)")


def _tar_member_advice(path: Path) -> str | None:
    """What a tar archive holds and the command that extracts it: 'extract the vectors file' named neither (a
    BPEmb .w2v.bin.tar.gz holds one word2vec binary file, data/en/...w2v.bin, which gensim and wordeval read)."""
    found = first_tar_member(path)
    if found is None:
        return None
    name, head = found
    what = (", a pickle (a gensim KeyedVectors save, which wordeval loads only with --allow-pickle; "
            "word2vec text or binary vectors need no pickle)" if head[:1] == b"\x80" else "")
    return (f"a tar archive, which wordeval does not read; its first file is {name!r}{what}: extract it "
            f"(tar -xf {shlex.quote(path.name)} {shlex.quote(name)}) and give that file")


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
        block = head + fh.read(HEAD_BYTES - len(head))
        if _is_safetensors(block):
            # a transformers model's weights, refused as 'unrecognised binary data', which named neither what the
            # file is nor that its folder is read as a bert: spec
            raise InputFormatError(path, None, "an embedding file (text vectors, word2vec/fastText .bin, .npy, .kv)",
                                   "a safetensors file" + (
                                       f" (a transformers model's weights): give its folder as bert:model={path.parent}"
                                       if (path.parent / "config.json").is_file() else
                                       ": save the matrix with numpy.save and its words one per line beside it"))
        if block.startswith(_HDF5_MAGIC):
            # its first line, '\x89HDF\r\n', holds no control byte, so it was taken for GloVe text and refused at
            # line 3 for a NUL, with advice to try the binary formats or to leave out a --format nobody gave
            raise InputFormatError(path, None, "an embedding file (text vectors, word2vec/fastText .bin, .npy, .kv)",
                                   "an HDF5 file (ConceptNet Numberbatch's mini.h5, a Keras model), which wordeval "
                                   "does not read: export its words and vectors as text (pandas.read_hdf for mini.h5)")
        if block.startswith(_LEXVEC_MAGIC):
            # a .bin without fastText's magic number was taken for a fastText model from before it, and refused
            # as "a fastText .bin model ..., got dim -1096656554 ...: is this a fastText file?"
            raise InputFormatError(path, None, "an embedding file (text vectors, word2vec/fastText .bin, .npy, .kv)",
                                   "a LexVec subword model (.bin), which wordeval does not read: give its word "
                                   "vectors, the text .vectors file LexVec writes and publishes beside it")
        if block[:1] in b"(c]})" and block:
            probe = block + fh.read((1 << 16) - len(block))
            if _is_old_pickle(probe, whole=not fh.read(1)):
                return "gensim-kv"
        if (container := describe_container(block, "the vectors file")) is not None:
            # a tar's header block or a .zst read as 'unrecognised binary data', which did not say what to do
            raise InputFormatError(path, None, "an embedding file", _tar_member_advice(path) or container)
    if not head:
        raise InputFormatError(path, 1, "vectors", "nothing after the byte-order mark" if bom else "an empty file")
    with open_binary(path, locate_errors=False) as fh:  # located below only where the line is kept
        size = None if fh.bom else fh.size
        first = fh.readline(1 << 20)
        counts = parse_header(first, path)
        # enough for the probed records either way (a text number takes ~10 bytes), within 16 MiB
        want = 4096 if counts is None else min(max(1 << 16, 32 * counts[1] * _PROBE_RECORDS), 1 << 24)
        sample = bytearray()
        try:
            while len(sample) < want and (piece := fh.read1(want - len(sample))):
                sample += piece
            eof = len(sample) < want or not fh.read(1)
        except StreamError as exc:
            # a cut .bin.gz: its error names the line Source counted, newline bytes among the floats; the
            # binary loader names the record it was reading instead
            if counts is not None and sample and _is_binary(bytes(sample), *counts, eof=False):
                return "word2vec-bin"
            raise fh.located(exc) from None
        sample = bytes(sample)
    if counts is None:
        _refuse_cr_only_header(first, path)
        if not _text_line(first) and (glove := glove_binary.describe(path, first + sample, size)) is not None:
            raise InputFormatError(path, None, "an embedding file (text vectors, word2vec/fastText .bin, .npy, .kv)",
                                   glove)
    if counts is not None and _one_number_lines(sample, counts[1], eof=eof):
        return "glove"
    if counts is not None:
        return "word2vec-bin" if _is_binary(sample, *counts, eof=eof) else \
            ("fasttext-vec" if suffix == ".vec" else "word2vec")
    if suffix == ".bin" and not _text_line(first):  # fastText files from before the magic number (gensim
        return "fasttext-bin"  # still reads them) start with int32 fields, never a word and numbers
    if _looks_binary(first[:4096]) and not _text_line(first):
        raise InputFormatError(path, 1, "an embedding file (text vectors, word2vec/fastText .bin, .npy, .kv)",
                               "unrecognised binary data")
    return "glove"


# text formats detect_format also returns for a text file that is no vector file (it falls back to GloVe)
_TEXT_FORMATS = ("glove", "word2vec", "fasttext-vec")


def sniff_vector_file(path: str | os.PathLike) -> str | None:
    """The format of a file that reads as a vector file from its first bytes and lines, else None: for hints
    only. detect_format takes any other text for GloVe; here a text file counts where its first two lines
    (after a ``count dim`` header: the first) are each a word and the same number, two or more, of numbers.
    Reads what detect_format reads (a bounded sample), then two lines of at most 64 KiB."""
    from wordeval.errors import WordevalError

    try:
        kind = detect_format(path)
        if kind == "fasttext-bin":
            # detect_format's fallback for a .bin that is no text (fastText before its magic number) took any
            # bytes for one: a hint names only a file that starts with fastText's magic number
            with open_binary(path, locate_errors=False) as fh:
                head = fh.read(4)
            return kind if len(head) == 4 and struct.unpack("<i", head)[0] == FASTTEXT_MAGIC else None
        if kind not in _TEXT_FORMATS:
            return kind
        with open_binary(path, locate_errors=False) as fh:
            first = fh.readline(1 << 16)
            counts = parse_header(first, path)
            lines = [fh.readline(1 << 16) for _ in range(1 if counts else 2)]
    except (WordevalError, OSError, ValueError):
        return None
    rows = [line for line in ([] if counts else [first]) + lines if line.strip()]
    widths = {len(line.split()) for line in rows}
    if not rows or len(widths) != 1 or not all(_text_line(line) for line in rows):
        return None
    width = widths.pop()
    return kind if width >= 3 and (counts is None or width == counts[1] + 1) else None
