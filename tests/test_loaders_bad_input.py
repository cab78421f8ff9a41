"""Bad input: each case fails with one line naming file:line and what was expected (or warns, by policy)."""
from __future__ import annotations

import struct

import numpy as np
import pytest

from wordeval.embeddings.load import load_embedding, load_file
from wordeval.embeddings.text_format import load_glove_text, load_text_vectors, load_word2vec_text
from wordeval.embeddings.vector_checks import LoaderWarning
from wordeval.embeddings.word2vec_binary import load_word2vec_binary
from wordeval.errors import InputFormatError, MissingFileError, WordevalError


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def w2v_binary(rows, dim, *, header=None):
    body = b"".join(w.encode() + b" " + struct.pack(f"<{dim}f", *v) + b"\n" for w, v in rows)
    return (header or f"{len(rows)} {dim}\n".encode()) + body


def one_line_error(exc: BaseException, path, line) -> str:
    """``line``: the line number, or a binary record's place as written ('record 2 at byte offset 15')."""
    msg = str(exc)
    assert "\n" not in msg
    if isinstance(line, str):
        assert msg.startswith(f"{path}: {line}: expected"), msg
    else:
        assert msg.startswith(f"{path}:{line}: expected") if line is not None else msg.startswith(str(path))
    return msg


def test_empty_file(tmp_path):
    path = write(tmp_path, "empty.txt", b"")
    with pytest.raises(InputFormatError) as exc:
        load_embedding(path, cache=False)
    assert "empty file" in one_line_error(exc.value, path, 1)


def test_header_count_larger_than_rows(tmp_path):
    path = write(tmp_path, "w.txt", b"3 2\na 1 2\nb 3 4\n")
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_text(path)
    # named at the file's last line, not at line 4, which the file does not have
    assert one_line_error(exc.value, path, 3).endswith(
        "3 vectors as declared in the header, got 2 (the file ends at line 3)")


def test_header_count_smaller_than_rows(tmp_path):
    path = write(tmp_path, "w.txt", b"1 2\na 1 2\nb 3 4\n")
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_text(path)
    # gensim reads the header's count and stops before line 3: both counts named, the line where it stops
    assert "1 vectors as declared in the header, got 2" in one_line_error(exc.value, path, 3)


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("header, rows, line, found", [
    (b"2 2", 3, 4, 3),  # more rows than announced: named at the first one beyond the count
    (b"2 2", 5, 4, 5),
    (b"9 2", 3, 4, 3),  # fewer: named at the file's last line; 9 rows of 2 numbers cannot fit a plain file
    (b"4 2", 3, 4, 3),  # fewer, but 4 rows could fit: found after reading
])
def test_header_count_against_the_rows_names_file_line_and_both_counts(tmp_path, compress, header, rows, line,
                                                                     found):
    """A header that announces fewer rows than the file holds said "got more"; one that announces more than
    fit a plain file said only that the header does not fit (a compressed file's said "got N"). Every case
    now names the line and both counts, counted here by hand."""
    import gzip

    data = header + b"\n" + b"".join(b"w%d 1 2\n" % i for i in range(rows))
    path = write(tmp_path, "w.txt.gz" if compress else "w.txt", gzip.compress(data) if compress else data)
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_text(path)
    count = int(header.split()[0])
    assert f"expected {count} vectors as declared in the header, got {found}" in one_line_error(exc.value, path, line)


def test_header_dimension_lies(tmp_path):
    path = write(tmp_path, "w.txt", b"2 3\na 1 2\nb 3 4\n")
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_text(path)
    assert "a word and 3 numbers (the header's dimension), got 2 numbers" in one_line_error(exc.value, path, 2)


@pytest.mark.parametrize("words", [["a", "b", "c"], ["привет", "мир", "слово"], ["你好", "世界", "猫"]])
def test_header_dimension_lies_in_text_with_non_ascii_words(tmp_path, words):
    """A word2vec text file whose header says 12 dimensions for rows of 4: its non-ASCII words, read among the
    'float bytes' of binary records, made detection call it binary, and the error named a later record as
    an empty word. Detected as text, it is the same error as for an ASCII file."""
    rows = "".join(f"{w} 0.2500 -1.5000 2.0000 0.1250\n" for w in words)
    path = write(tmp_path, "w.txt", f"3 12\n{rows}".encode())
    with pytest.raises(InputFormatError) as exc:
        load_embedding(str(path), cache=False)
    assert "a word and 12 numbers (the header's dimension), got 4 numbers" in one_line_error(exc.value, path, 2)


def test_decimal_commas_in_text_with_non_ascii_words_are_named_as_such(tmp_path):
    """Decimal commas (a locale's export) in a word2vec text file of German words: detection took the file for
    binary and named record 10 as an empty word with a wrong header dimension."""
    rows = "".join(f"Straße{i} " + " ".join(f"{0.125 * (i + j):.5f}".replace(".", ",") for j in range(8)) + "\n"
                   for i in range(12))
    path = write(tmp_path, "w.txt", f"12 8\n{rows}".encode())
    with pytest.raises(InputFormatError) as exc:
        load_embedding(str(path), cache=False)
    assert "a number in field 2, got '0,00000'" in one_line_error(exc.value, path, 2)


def test_binary_header_dimension_lies(tmp_path):
    data = w2v_binary([("a", [1.0, 2.0]), ("b", [3.0, 4.0])], 2, header=b"2 3\n")
    path = write(tmp_path, "w.bin", data)
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    # 2 records of 3 float32 need at least 2 * (3 * 4 + 2) bytes; the file has 22 after the header
    assert "a header that fits the file (22 bytes after the header hold at most 1 vectors of dimension 3" in \
        one_line_error(exc.value, path, 1)


def test_ragged_rows(tmp_path):
    path = write(tmp_path, "g.txt", b"a 1 2 3\nb 4 5 6\nc 7 8\n")
    with pytest.raises(InputFormatError) as exc:
        load_glove_text(path)
    assert "a word and 3 numbers (the dimension of 2 of the first 3 lines), got 2 numbers" in \
        one_line_error(exc.value, path, 3)


def test_non_numeric_value(tmp_path):
    path = write(tmp_path, "g.txt", b"a 1 2 3\nb 4 x5 6\n")
    with pytest.raises(InputFormatError) as exc:
        load_glove_text(path)
    assert "a number in field 3, got 'x5'" in one_line_error(exc.value, path, 2)


@pytest.mark.parametrize("bad", [b"nan", b"inf", b"-inf"])
def test_nan_and_inf(tmp_path, bad):
    path = write(tmp_path, "g.txt", b"a 1 2\nb 3 4\n\nc 5 " + bad + b"\n")
    with pytest.raises(InputFormatError) as exc:
        load_glove_text(path)
    assert "finite numbers" in one_line_error(exc.value, path, 4)  # the blank line is counted


def test_nan_in_binary(tmp_path):
    path = write(tmp_path, "w.bin", w2v_binary([("a", [1.0, 2.0]), ("b", [float("nan"), 4.0])], 2))
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    # by hand: the header '2 2\n' (4 bytes), then record 1, 'a ' + 8 float bytes + '\n' (11 bytes)
    assert "finite numbers" in one_line_error(exc.value, path, "record 2 at byte offset 15")


def test_duplicate_words_keep_first_and_warn_with_count(tmp_path):
    path = write(tmp_path, "g.txt", b"a 1 2\nb 3 4\na 5 6\nb 7 8\na 9 9\nc 1 1\n")
    with pytest.warns(LoaderWarning, match=r"3 duplicate word\(s\) dropped.*line 3"):
        emb = load_glove_text(path)
    assert emb.words == ["a", "b", "c"]
    np.testing.assert_array_equal(emb.vectors, [[1, 2], [3, 4], [1, 1]])
    assert emb.info.parameters["duplicates_dropped"] == 3


def test_invalid_utf8_strict_and_replace(tmp_path):
    path = write(tmp_path, "g.txt", b"a 1 2\ncaf\xe9 3 4\n")
    with pytest.raises(InputFormatError) as exc:
        load_glove_text(path)
    assert "UTF-8" in one_line_error(exc.value, path, 2)
    emb = load_glove_text(path, encoding_errors="replace")
    assert emb.words == ["a", "caf\ufffd"]
    assert emb.info.parameters["encoding_errors"] == "replace"


def test_truncated_binary(tmp_path):
    data = w2v_binary([("a", [1.0, 2.0, 3.0]), ("b", [3.0, 4.0, 5.0]), ("c", [6.0, 7.0, 8.0])], 3)
    path = write(tmp_path, "w.bin", data[:-3])
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    # by hand: the header '3 3\n' (4 bytes), then records of 'a ' + 12 float bytes + '\n' (15 bytes)
    assert "end of file inside record 3 after 2 records" in one_line_error(exc.value, path,
                                                                           "record 3 at byte offset 34")
    # too short for 3 records at all, but its 2 whole records end with the newline the header's dimension puts
    # there: named where it is cut (4 + 2 * 15 + 8 bytes), as the cut above, not blamed on the header
    path = write(tmp_path, "w.bin", data[:-7])
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    assert one_line_error(exc.value, path, "record 3 at byte offset 34").endswith(
        "end of file inside record 3 after 2 records (42 bytes)")


def test_some_zero_vectors_warn_with_count(tmp_path):
    path = write(tmp_path, "g.txt", b"a 1 2\n<unk> 0 0\nb 3 4\npad 0.0 -0.0\n")
    with pytest.warns(LoaderWarning, match=r"2 all-zero vector"):
        emb = load_glove_text(path)
    assert emb.info.parameters["zero_vectors"] == 2 and len(emb.words) == 4


def test_all_zero_vectors_are_an_error(tmp_path):
    path = write(tmp_path, "g.txt", b"a 0 0\nb 0 0\n")
    with pytest.raises(InputFormatError, match="at least one non-zero vector, got all 2 vectors are zero"):
        load_glove_text(path)


def test_missing_path(tmp_path):
    with pytest.raises(MissingFileError, match="no such embedding file"):
        load_embedding(tmp_path / "nope.txt")


def test_directory(tmp_path):
    with pytest.raises(MissingFileError, match=f"^{tmp_path}: expected an embedding file, got a directory$"):
        load_embedding(tmp_path)


def test_header_without_vectors_and_garbage_header(tmp_path):
    path = write(tmp_path, "w.vec", b"five 2\na 1 2\n")
    with pytest.raises(WordevalError) as exc:
        load_word2vec_text(path)
    assert one_line_error(exc.value, path, 1)


def test_nothing_partial_cached_after_error(tmp_path):
    path = write(tmp_path, "g.txt", b"a 1 2\nb x 4\n")
    with pytest.raises(InputFormatError):
        load_embedding(path, cache_home=tmp_path / "cache")
    assert not list((tmp_path / "cache").rglob("*.npy"))


# -- ambiguity, headers, compression (issues #9) -------------------------------------------------------------
def both_tiers(path, header):
    """The same file through the numpy tier and through the arrow tier (forced): same result or same error."""
    fmt = "word2vec" if header else "glove"
    out = []
    for fast in (False, True):
        try:
            out.append(load_text_vectors(path, header=header, format=fmt, fast=fast))
        except InputFormatError as exc:
            out.append(str(exc))
    if isinstance(out[0], str) or isinstance(out[1], str):
        assert out[0] == out[1]
    else:
        assert out[0].words == out[1].words and out[0].info.fingerprint == out[1].info.fingerprint
    return out[0]


@pytest.mark.parametrize("header", [False, True])
@pytest.mark.parametrize("compress", [None, "gzip"])
def test_bom_is_stripped_once_in_every_path(tmp_path, header, compress):
    import gzip as gz
    body = b"the 1 2 3\nof 4 5 6\n"
    data = b"\xef\xbb\xbf" + (b"2 3\n" if header else b"") + body
    path = write(tmp_path, "bom.txt" + (".gz" if compress else ""), gz.compress(data) if compress else data)
    emb = both_tiers(path, header)
    assert emb.words == ["the", "of"]
    assert load_embedding(path, cache=False).words == ["the", "of"]  # detection sees the same first line


def test_bom_only_at_the_start(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbfthe 1 2\n\xef\xbb\xbfof 3 4\n")
    assert both_tiers(path, False).words == ["the", "\ufeffof"]  # a BOM inside the file is part of a word


@pytest.mark.parametrize("data,line,got", [
    (b"the\t0.418 0.24968 -0.41242\nof\t0.70853 0.57088 -0.4716\n", 1, "got a tab in 'the\\t0.418"),
    (b"the 1 2 3\nne\tw 4 5 6\n", 2, "got a tab in 'ne\\tw 4 5 6'"),
    (b"the 1 2 3\nof 4\t5 6\n", 2, "got a tab"),
    (b"the 1 2 3\rof 4 5 6\nand 7 8 9\n", 1, "got a carriage return inside"),
    (b"the  1 2 3\nof 4 5 6\n", 1, "got two spaces in a row"),
    (b"the 1 2 3\n of 4 5 6\n", 2, "got a line starting with a space"),
])
def test_ambiguous_lines_are_errors_naming_the_line(tmp_path, data, line, got):
    path = write(tmp_path, "g.txt", data)
    msg = both_tiers(path, False)
    assert isinstance(msg, str) and "\n" not in msg
    assert msg.startswith(f"{path}:{line}: expected a word and numbers separated by single spaces, ") and got in msg


def test_trailing_tabs_and_spaces_are_whitespace(tmp_path):
    path = write(tmp_path, "g.txt", b"the 1 2\t\nof 3 4 \t \r\n")
    assert both_tiers(path, False).words == ["the", "of"]


def test_dimension_from_most_lines_names_the_odd_first_line(tmp_path):
    path = write(tmp_path, "g.txt", b"first 1 2 3 4\n" + b"".join(b"w%d 1 2 3\n" % i for i in range(9)))
    msg = both_tiers(path, False)
    assert msg == f"{path}:1: expected a word and 3 numbers (the dimension of 9 of the first 10 lines), got 4 numbers"


def test_header_dimension_is_named_as_the_source(tmp_path):
    path = write(tmp_path, "w.txt", b"3 3\na 1 2 3\nb 1 2 3 4\nc 1 2 3\n")
    assert both_tiers(path, True) == f"{path}:3: expected a word and 3 numbers (the header's dimension), got 4 numbers"


@pytest.mark.parametrize("first,got", [(b"-5 3", "vector count -5 in '-5 3'"), (b"0 3", "vector count 0"),
                                       (b"2 0", "dimension 0 in '2 0'"), (b"2 -3", "dimension -3"),
                                       (b"2.0 3", "'2.0 3'"), (b"two 3", "'two 3'")])
def test_header_fields_must_be_positive_integers(tmp_path, first, got):
    path = write(tmp_path, "w.txt", first + b"\na 1 2 3\nb 4 5 6\n")
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_text(path)
    msg = one_line_error(exc.value, path, 1)
    assert "a header 'count dim' of two positive integers" in msg and got in msg


def test_glove_file_whose_first_line_looks_like_a_float_header(tmp_path):
    path = write(tmp_path, "g.txt", b"1e5 3\nthe 1 2 3\nof 4 5 6\n")
    with pytest.raises(InputFormatError) as exc:
        load_embedding(path, cache=False)
    assert "a header 'count dim' of two positive integers (or a word and 3 numbers" in one_line_error(exc.value, path, 1)


_FITS = "a header that fits the file"


@pytest.mark.parametrize("loader,data,line,message", [
    (load_word2vec_text, b"1000000000000 300\nthe " + b"1 " * 299 + b"1\n", 2,
     "1000000000000 vectors as declared in the header, got 1"),
    (load_word2vec_text, b"2 1000000000\nthe 1 2\n", 1, _FITS),
    # record 2 is where the file ends: after the header (16 bytes) and 'the ' + 12 float bytes + '\n'
    (load_word2vec_binary, b"1000000000000 3\nthe " + b"\x00\x00\x80\x3f" * 3 + b"\n",
     "record 2 at byte offset 33", "1000000000000 vectors as declared in the header, got 1"),
    (load_word2vec_binary, b"1 1000000000\nthe " + b"\x00\x00\x80\x3f" * 3 + b"\n", 1, _FITS),
])
def test_absurd_headers_are_refused_before_allocating(tmp_path, monkeypatch, loader, data, line, message):
    """An absurd count is refused with the one row the file holds, text or binary (a dimension that does not
    fit either, as the header that does not fit the file)."""
    path = write(tmp_path, "w.bin" if loader is load_word2vec_binary else "w.txt", data)
    real_empty = np.empty

    def guarded_empty(shape, *args, **kwargs):
        assert np.prod(shape, dtype=np.float64) < 1e8, f"allocation of {shape} before the header was checked"
        return real_empty(shape, *args, **kwargs)

    monkeypatch.setattr(np, "empty", guarded_empty)
    with pytest.raises(InputFormatError) as exc:
        loader(path)
    assert message in one_line_error(exc.value, path, line)


@pytest.mark.parametrize("kind", ["gzip", "bz2", "xz"])
def test_absurd_header_in_a_compressed_file_fails_at_the_end_without_allocating(tmp_path, kind):
    import bz2
    import gzip
    import lzma
    compress = {"gzip": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress}[kind]
    path = write(tmp_path, "w.txt.x", compress(b"1000000000000 3\na 1 2 3\nb 4 5 6\n"))
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_text(path)
    assert "1000000000000 vectors as declared in the header, got 2" in one_line_error(exc.value, path, 3)
    path = write(tmp_path, "w.bin.x", compress(b"3 1099511627776\na \x00\x00"))
    with pytest.raises(InputFormatError):
        load_word2vec_binary(path)


@pytest.mark.parametrize("kind", ["gzip", "bz2", "xz", "zip"])
def test_truncated_compressed_text_names_the_file_and_the_line_reached(tmp_path, kind):
    import bz2
    import gzip
    import io
    import lzma
    import zipfile
    data = b"".join(b"w%d %d 0.5 -1.25\n" % (i, i) for i in range(20000))
    if kind == "zip":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("v.txt", data)
        packed = buf.getvalue()
    else:
        packed = {"gzip": gzip.compress, "bz2": bz2.compress, "xz": lzma.compress}[kind](data)
    path = write(tmp_path, "g.txt", packed[:len(packed) * 2 // 3])
    with pytest.raises(InputFormatError) as exc:
        load_embedding(path, cache=False)
    msg = str(exc.value)
    assert "\n" not in msg and msg.startswith(f"{path}:") and kind in msg
    if kind in ("gzip", "xz"):  # block-free streams: the line reached is well inside the file
        line = int(msg.split(":")[1])
        assert 1000 < line <= 20000


# -- text or binary after a 'count dim' header: decided by the records' structure, not by a control byte --

_W2V_TEXT = b"".join(b"w%d %d 0.5 -1.25\n" % (i, i + 1) for i in range(20))  # 15-byte lines: "w0 " + 12 bytes


@pytest.mark.parametrize("suffix,fmt", [(".vec", "fasttext-vec"), (".txt", "word2vec"), (".bin", "word2vec")])
@pytest.mark.parametrize("at", [0, 3, 19])
def test_text_file_with_a_control_byte_in_a_word_is_text(tmp_path, suffix, fmt, at):
    """Each line is 3 + 4 * 3 bytes, so the file also splits into 21 'binary records' of dim 3 exactly: a
    control byte in one word made it load as word2vec binary garbage (exit 0)."""
    from wordeval.embeddings.detect import detect_format
    lines = _W2V_TEXT.split(b"\n")[:-1]
    lines.insert(at, b"a\x01b 1 2 3")
    path = write(tmp_path, "v" + suffix, b"21 3\n" + b"\n".join(lines) + b"\n")
    assert detect_format(path) == fmt
    emb = load_embedding(path, cache=False)
    assert emb.info.format == fmt and len(emb.words) == 21 and emb.words[at] == "a\x01b"
    assert emb.vectors[at].tolist() == [1, 2, 3]


def test_text_file_with_a_control_byte_and_a_later_error_reports_the_text_error(tmp_path):
    path = write(tmp_path, "v.vec", b"3 3\na\x01b 1 2 3\nw1 2 0.5 -1.25\nw2 2 0.5\n")
    with pytest.raises(InputFormatError) as exc:
        load_embedding(path, cache=False)
    assert "a word and 3 numbers (the header's dimension), got 2 numbers" in one_line_error(exc.value, path, 4)


@pytest.mark.parametrize("rows", [
    [("a", [0.1, 0.2]), ("b", [0.3, 0.7])],  # no control byte in the floats (cd cc cc 3d ...)
    [("the", [1.0, 2.0]), ("of", [3.0, -4.0])],
])
def test_tiny_binary_file_is_binary(tmp_path, rows):
    from wordeval.embeddings.detect import detect_format
    path = write(tmp_path, "w.bin", w2v_binary(rows, 2))
    assert detect_format(path) == "word2vec-bin"
    emb = load_embedding(path, cache=False)
    assert emb.words == [w for w, _ in rows]
    assert np.allclose(emb.vectors, [v for _, v in rows])


def test_binary_file_without_newlines_between_records_is_binary(tmp_path):
    from wordeval.embeddings.detect import detect_format
    rows = [(f"w{i}", [0.1 * i, -0.5, 2.0]) for i in range(12)]
    data = b"12 3\n" + b"".join(w.encode() + b" " + struct.pack("<3f", *v) for w, v in rows)
    path = write(tmp_path, "w.bin", data)
    assert detect_format(path) == "word2vec-bin"
    assert load_embedding(path, cache=False).words == [w for w, _ in rows]


def test_binary_record_with_an_empty_word_is_an_error(tmp_path):
    path = write(tmp_path, "w.bin", w2v_binary([("a", [1, 2]), ("", [3, 4]), ("c", [5, 6])], 2))
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    # record 2 starts after the header '3 2\n' and 'a ' + 8 float bytes + '\n': 4 + 11 bytes
    assert "got an empty word" in one_line_error(exc.value, path, "record 2 at byte offset 15")


# -- .npy + vocabulary: a vocabulary is one word per line (or GloVe's 'word count' lines) --

def _npy_with(tmp_path, vocab: bytes | None, *, rows=4, dim=3, vocab_name="m.vocab", npy_name="m.npy"):
    from wordeval.embeddings.npy_format import load_npy
    matrix = np.arange(rows * dim, dtype=np.float32).reshape(rows, dim) + 1
    np.save(tmp_path / npy_name, matrix)
    if vocab is not None:
        write(tmp_path, vocab_name, vocab)
    return tmp_path / npy_name, matrix, load_npy


@pytest.mark.parametrize("vocab,line,got", [
    (b"a\n\nc\nd\n", 2, "got an empty line"),
    (b"a\t5\nb\t4\nc\t3\nd\t1\n", 1, "got a tab in 'a\\t5'"),
    (b"a \nb\nc\nd\n", 1, "got a space at the start or end of 'a '"),
    (b"a\nb\n c\nd\n", 3, "got a space at the start or end of ' c'"),
    (b"a\nb  c\nc\nd\n", 2, "got two spaces in a row in 'b  c'"),
    (b"a\nb\rx\nc\nd\n", 2, "got a carriage return inside"),
])
def test_npy_vocabulary_line_with_whitespace_beyond_the_word_is_an_error(tmp_path, vocab, line, got):
    path, _, load_npy = _npy_with(tmp_path, vocab)
    with pytest.raises(InputFormatError) as exc:
        load_npy(path)
    msg = one_line_error(exc.value, tmp_path / "m.vocab", line)
    assert "expected one word per line (the vocabulary of m.npy)" in msg and got in msg, msg


@pytest.mark.parametrize("vocab,line,got", [
    ("cat\ndog\nowl\nbee".encode("utf-16-le"), 1, "got UTF-16 text without a byte-order mark (convert the file "
                                                   "to UTF-8)"),
    ("cat\ndog\nowl\nbee\n".encode("utf-16-be"), 1, "got UTF-16 text without a byte-order mark"),
    (b"a\nb\0\nc\nd\n", 2, "got a NUL byte in 'b\\x00'"),
], ids=["utf-16-le", "utf-16-be", "nul"])
def test_npy_vocabulary_with_nul_bytes_is_an_error(tmp_path, vocab, line, got):
    """A NUL decodes as UTF-8: a UTF-16 vocabulary without a BOM and no final newline loaded as four garbled
    words (every task word OOV, no error), and b'b\\0' as a word; the vector files refuse NULs alike."""
    path, _, load_npy = _npy_with(tmp_path, vocab)
    with pytest.raises(InputFormatError) as exc:
        load_npy(path)
    msg = one_line_error(exc.value, tmp_path / "m.vocab", line)
    assert "expected one word per line (the vocabulary of m.npy)" in msg and got in msg, msg


def test_npy_vocabulary_words_may_hold_single_spaces(tmp_path):
    """GloVe 840B has a few words with spaces ('. . .'): kept whole when the lines are not 'word count'."""
    path, _, load_npy = _npy_with(tmp_path, b"a\n. . .\nat&t inc\nd\n")
    assert load_npy(path).words == ["a", ". . .", "at&t inc", "d"]


def test_npy_vocabulary_of_word_count_lines_is_glove_vocab_txt(tmp_path):
    """GloVe's vocab_count writes 'word count' lines; when the first line is one, every line is one."""
    path, matrix, load_npy = _npy_with(tmp_path, b"the 90\n, 80\n. . . 70\nof 60\n", vocab_name="vocab.txt")
    emb = load_npy(path)
    assert emb.words == ["the", ",", ". . .", "of"]
    assert emb.vectors.tolist() == matrix.tolist()


def test_npy_vocabulary_of_word_count_lines_needs_a_count_on_every_line(tmp_path):
    path, _, load_npy = _npy_with(tmp_path, b"the 90\n, 80\nof\nand 60\n")
    with pytest.raises(InputFormatError) as exc:
        load_npy(path)
    msg = one_line_error(exc.value, tmp_path / "m.vocab", 3)
    assert "a word and its count as on line 1 (GloVe's vocab.txt)" in msg and "'of'" in msg, msg


@pytest.mark.parametrize("header", [b"", b"4 3\n"])
def test_npy_beside_its_text_vectors_does_not_take_them_for_a_vocabulary(tmp_path, header):
    text = b"a 1 2 3\nb 4 5 6\nc 7 8 9\nd 10 11 12\n"
    path, _, load_npy = _npy_with(tmp_path, header + text, vocab_name="m.txt")
    with pytest.raises(MissingFileError) as exc:
        load_npy(path)
    assert "got none (m.txt holds vectors of dimension 3, not one word per line)" in str(exc.value)
    write(tmp_path, "vocab.txt", b"a\nb\nc\nd\n")  # the next name is tried
    emb = load_npy(path)
    assert emb.words == ["a", "b", "c", "d"] and emb.info.parameters["vocab"].endswith("vocab.txt")


def test_npy_with_vector_lines_given_as_its_vocabulary_is_an_error(tmp_path):
    path, _, load_npy = _npy_with(tmp_path, b"a 1 2 3\nb 4 5 6\nc 7 8 9\nd 10 11 12\n", vocab_name="vec.txt")
    with pytest.raises(InputFormatError) as exc:
        load_npy(path, vocab=tmp_path / "vec.txt")
    msg = one_line_error(exc.value, tmp_path / "vec.txt", 1)
    assert "one word per line (the vocabulary of m.npy), got a word and 3 numbers" in msg, msg


@pytest.mark.parametrize("given,exc_type,got", [
    ("missing.vocab", MissingFileError, "expected a vocabulary file (one word per line), got no such file or directory"),
    ("folder", MissingFileError, "expected a vocabulary file (one word per line), got a directory"),
    ("empty.vocab", InputFormatError, ":1: expected one word per line, got an empty file"),
])
def test_npy_given_vocabulary_that_is_not_a_file_is_named_as_a_vocabulary(tmp_path, given, exc_type, got):
    """--vocab pointing at nothing, a folder or an empty file said 'expected an embedding file' / 'vectors'."""
    path, _, load_npy = _npy_with(tmp_path, b"a\nb\nc\nd\n")
    (tmp_path / "folder").mkdir()
    write(tmp_path, "empty.vocab", b"")
    with pytest.raises(exc_type) as exc:
        load_npy(path, vocab=tmp_path / given)
    assert str(exc.value).startswith(str(tmp_path / given)) and got in str(exc.value), str(exc.value)


def _npy_header(shape_text: str) -> bytes:
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': %s, }" % shape_text
    header += " " * (117 - len(header)) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode()


@pytest.mark.parametrize("shape_text", ["(-4, 3)", "(4, -3)", "(True, 3)", "(4, True)"])
@pytest.mark.parametrize("compress", [False, True])
def test_npy_shape_must_be_non_negative_integers(tmp_path, shape_text, compress):
    import gzip
    from wordeval.embeddings.npy_format import load_npy
    data = _npy_header(shape_text) + np.ones(12, dtype="<f4").tobytes()
    path = write(tmp_path, "m.npy", gzip.compress(data) if compress else data)
    write(tmp_path, "m.vocab", b"a\nb\nc\nd\n")
    with pytest.raises(InputFormatError) as exc:
        load_npy(path)
    msg = one_line_error(exc.value, path, None)
    assert msg.startswith(f"{path}: expected a .npy shape of non-negative integers, got {shape_text}"), msg


@pytest.mark.parametrize("compress", [False, True])
def test_npy_with_data_after_the_matrix_is_an_error_plain_or_compressed(tmp_path, compress):
    import gzip
    from wordeval.embeddings.npy_format import load_npy
    buf = __import__("io").BytesIO()
    np.save(buf, np.ones((4, 3), dtype=np.float32))
    data = buf.getvalue() + b"\x00" * 12
    path = write(tmp_path, "m.npy", gzip.compress(data) if compress else data)
    write(tmp_path, "m.vocab", b"a\nb\nc\nd\n")
    with pytest.raises(InputFormatError) as exc:
        load_npy(path)
    assert str(exc.value) == f"{path}: expected 4 rows as the header declares, got more data after them"


def test_npy_nan_names_the_row_and_its_word(tmp_path):
    matrix = np.ones((4, 3), dtype=np.float32)
    matrix[2, 1] = np.nan
    np.save(tmp_path / "m.npy", matrix)
    write(tmp_path, "m.vocab", b"a\nb\nc\nd\n")
    from wordeval.embeddings.npy_format import load_npy
    with pytest.raises(InputFormatError) as exc:
        load_npy(tmp_path / "m.npy")
    assert str(exc.value) == (f"{tmp_path / 'm.npy'}: expected finite numbers in row index 2 "
                              "(word 'c', line 3 of m.vocab), got nan in dimension 2")


def test_npy_utf16_vocabulary_says_utf16(tmp_path):
    path, _, load_npy = _npy_with(tmp_path, "a\nb\nc\nd\n".encode("utf-16"))
    with pytest.raises(InputFormatError) as exc:
        load_npy(path)
    assert "a UTF-16 byte-order mark (convert the file to UTF-8)" in one_line_error(exc.value, tmp_path / "m.vocab", 1)


@pytest.mark.parametrize("encoding_errors", ["strict", "replace"])
def test_binary_header_with_the_wrong_dimension_says_so(tmp_path, encoding_errors):
    """A header claiming 2 dimensions for 4-dimensional records reads float bytes as the next word; the error
    (invalid UTF-8, a newline in a word) advised --encoding-errors replace. It now names the likely cause."""
    rows = [(f"w{i}", [0.1 * i + 0.01, -0.7, 1e-3 * i, 3.3]) for i in range(6)]
    data = w2v_binary(rows, 4)
    path = write(tmp_path, "w.bin", b"6 2" + data[data.index(b"\n"):])
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path, encoding_errors=encoding_errors)
    assert "the header's dimension 2 is not that of its vectors" in str(exc.value), str(exc.value)
    assert exc.value.record >= 2 and exc.value.line is None


@pytest.mark.parametrize("eol", [b"\n", b"\r\n"])
def test_word2vec_text_read_as_binary_says_it_is_text(tmp_path, eol):
    """--format word2vec-bin on a word2vec text file (gensim's save_word2vec_format(binary=False)) failed at
    record 2 with 'an empty word ... the header's dimension 4 is not that of its vectors', which sent the user
    after the header. Oracle: the file is text, written here line by line."""
    lines = [b"3 4", b"the 0.418 0.24968 -0.41242 0.1217", b"of 0.70853 0.57088 -0.4716 0.18048",
             b"to 0.68047 -0.039263 0.30186 -0.17792"]
    path = write(tmp_path, "w.txt", eol.join(lines) + eol)
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    assert exc.value.line == 2
    assert str(exc.value).endswith("got a line of text, a word and 4 numbers ('the 0.418 0.24968 -0.41242 "
                                   "0.1217'): a word2vec text file? --format word2vec, or no --format to "
                                   "detect it"), str(exc.value)
    assert load_word2vec_text(path).info.vocab_size == 3


@pytest.mark.parametrize("load", [load_word2vec_text, load_word2vec_binary], ids=["word2vec", "word2vec-bin"])
def test_glove_text_read_with_a_header_format_says_it_is_glove(tmp_path, load):
    """--format word2vec (or word2vec-bin) on a GloVe file showed its first vector as a bad header and no
    more; the reverse case named the word2vec header and --format word2vec. Oracle: the file as written,
    GloVe's layout (no header), which load_glove_text reads."""
    path = write(tmp_path, "g.txt", b"the 0.418 0.24968 -0.41242\nof 0.70853 0.57088 -0.4716\n")
    with pytest.raises(InputFormatError) as exc:
        load(path)
    assert exc.value.line == 1
    hint = ("a word and numbers, a vector as GloVe text starts with (--format glove, or no --format to "
            "detect it)")
    assert str(exc.value).endswith(f"got 'the 0.418 0.24968 -0.41242': {hint}"), str(exc.value)
    assert load_glove_text(path).info.vocab_size == 2
    junk = write(tmp_path, "j.txt", b"hello world\n")
    with pytest.raises(InputFormatError) as exc:
        load(junk)
    assert str(exc.value).endswith("got 'hello world'"), str(exc.value)


def test_binary_latin1_word_gets_no_dimension_hint(tmp_path):
    path = write(tmp_path, "w.bin", b"2 2\n" + "caf\xe9".encode("latin-1") + b" " + struct.pack("<2f", 1, 2) + b"\n"
                 + b"b " + struct.pack("<2f", 3, 4) + b"\n")
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    assert "invalid byte b'\\xe9'" in str(exc.value) and "dimension" not in str(exc.value)


@pytest.mark.parametrize("bad", ["\uff11".encode(), b"5\xc2\xa0", b"2\xe95"], ids=["fullwidth-digit", "nbsp", "latin-1"])
def test_text_file_broken_after_valid_records_reports_the_broken_line(tmp_path, bad):
    """Valid text records, then a number holding a non-ASCII byte: binary records were tried first, read the
    text by accident (each line's numbers are 4 * dim = 20 bytes, as a binary record's floats) and the error
    was 'more data after them' at the last line instead of the bad number."""
    lines = [b"w%d 0.5 -1.5 2.5 0.25 -1" % i for i in range(15)]
    fields = lines[2].split(b" ")
    fields[3] = bad
    lines[2] = b" ".join(fields)
    path = write(tmp_path, "v.txt", b"15 5\n" + b"\n".join(lines) + b"\n")
    with pytest.raises(InputFormatError) as exc:
        load_embedding(path, cache=False)
    assert "expected a number in field 4" in one_line_error(exc.value, path, 4)


def test_a_symlink_loop_is_reported_as_one(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(InputFormatError) as exc:
        load_embedding(str(a), cache=False)
    assert "expected a readable file, got Too many levels of symbolic links" in one_line_error(exc.value, a, None)


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("header", [b"100 3", b"4 3"])
def test_binary_header_count_over_the_records_says_what_text_says(tmp_path, compress, header):
    """A word2vec binary whose header announces more vectors than it holds said "a header that fits the file
    (... at most K vectors ...)" where the text format says "expected N vectors as declared in the header, got
    M": now the same, with the record reached and where the file ends. By hand: 3 records of 1 + 1 + 12 + 1
    bytes after a header of len(header) + 1 bytes; record 4 would start where the file ends."""
    import gzip

    rows = [("a", [1.0, 2.0, 3.0]), ("b", [3.0, 4.0, 5.0]), ("c", [6.0, 7.0, 8.0])]
    data = w2v_binary(rows, 3, header=header + b"\n")
    path = write(tmp_path, "w.bin.gz" if compress else "w.bin", gzip.compress(data) if compress else data)
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    n = int(header.split()[0])
    size = len(header) + 1 + 3 * 15
    of = " of the uncompressed data" if compress else ""
    assert one_line_error(exc.value, path, f"record 4 at byte offset {size}{of}").endswith(
        f"expected {n} vectors as declared in the header, got 3 (the file ends there, after record 3)")


def test_a_tab_past_the_shown_part_of_a_long_line_is_named_at_its_column(tmp_path):
    """gensim reads 'a\\tb 1 2 3' as the word 'a\\tb' (it splits on spaces only), but word2vec.c, GloVe and
    fastText end words at a tab and drop CRs, so no file they write holds one: the refusal stays, and a tab among
    a long line's numbers, past the 48 characters the error shows, is named at its column (243, by hand)."""
    numbers = [f"{x:.5f}" for x in np.arange(50) / 7]
    bad = " ".join(numbers[:30]) + "\t" + " ".join(numbers[30:])
    path = tmp_path / "v.txt"
    path.write_text("the " + " ".join(numbers) + "\nof " + bad + "\n")
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    assert str(exc.value).startswith(f"{path}:2: expected a word and numbers separated by single spaces, got a tab")
    assert "(column 243: '0000 4.14286\\t4.28571 4.4')" in str(exc.value)
