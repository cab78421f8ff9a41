"""A NUL byte in a text vector file: an error naming its line, whichever parser path or tier meets it, and
detection does not take the file for word2vec binary because of it."""
from __future__ import annotations

import struct

import pytest

from wordeval.embeddings.detect import detect_format
from wordeval.embeddings.load import load_embedding
from wordeval.embeddings.text_format import load_text_vectors
from wordeval.errors import InputFormatError

NUL_AT_LINE_2 = "got a NUL byte, which text vectors cannot hold"


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("tail", [b"", b"d\te 5 6\n"], ids=["clean chunk", "chunk with a tab later"])
def test_a_nul_in_a_word_is_refused_at_its_line(tmp_path, fast, tail):
    path = tmp_path / "w.txt"
    path.write_bytes(b"%d 2\na\0b 1 2\nc 3 4\n" % (2 + bool(tail)) + tail)
    with pytest.raises(InputFormatError) as exc:
        load_text_vectors(path, header=True, format="word2vec", fast=fast)
    assert str(exc.value).startswith(f"{path}:2: expected a word and numbers separated by single spaces, "
                                     f"{NUL_AT_LINE_2}")


@pytest.mark.parametrize("body", [b"ab 1.5\0 2.25 3\nc 3 4 5\n", b"ab 1.5 2.25 3\0\nc 3 4 5\n",
                                  b"\0ab 1.5 2.25 3\nc 3 4 5\n"])
def test_word2vec_text_with_a_nul_in_its_first_record_is_detected_as_text(tmp_path, body):
    path = tmp_path / "w.txt"
    path.write_bytes(b"2 3\n" + body)
    assert detect_format(path) == "word2vec"
    with pytest.raises(InputFormatError) as exc:
        load_embedding(path, cache=False)
    assert str(exc.value).startswith(f"{path}:2: expected a word and numbers") and NUL_AT_LINE_2 in str(exc.value)


def test_glove_text_with_a_nul_on_its_first_line_names_that_line(tmp_path):
    path = tmp_path / "g.txt"
    path.write_bytes(b"ab 1.5 2.25\0 3\nc 3 4 5\n")
    assert detect_format(path) == "glove"
    with pytest.raises(InputFormatError) as exc:
        load_embedding(path, cache=False)
    assert str(exc.value).startswith(f"{path}:1: expected a word and numbers") and NUL_AT_LINE_2 in str(exc.value)


def test_binary_records_full_of_nul_bytes_stay_binary(tmp_path):
    path = tmp_path / "w.bin"
    rows = [(b"a", (0.0, 1.0, 0.0)), (b"b", (2.0, 0.0, 0.0))]
    path.write_bytes(b"2 3\n" + b"".join(w + b" " + struct.pack("<3f", *v) + b"\n" for w, v in rows))
    assert detect_format(path) == "word2vec-bin"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["the 0.1 0.2\nof 0.3 0.4\n", "2 2\nthe 0.1 0.2\nof 0.3 0.4\n"],
                         ids=["glove", "word2vec"])
def test_utf16_text_without_a_byte_order_mark_is_named_as_such(tmp_path, encoding, text):
    """Written with Python's utf-16-le codec (no BOM), its NULs were "a binary file read as text? --format
    word2vec-bin or fasttext-bin", advice that led nowhere; the file needs converting to UTF-8."""
    path = tmp_path / "w.txt"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(InputFormatError) as exc:
        load_embedding(str(path), cache=False)
    assert str(exc.value) == (f"{path}:1: expected a word and numbers separated by single spaces, got UTF-16 text "
                              "without a byte-order mark (convert the file to UTF-8)")
