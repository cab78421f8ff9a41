"""A word cut inside a UTF-8 character, and a file cut inside one, are not called Latin-1.

word2vec.c keeps a longer word's first 98 bytes and its last byte (ReadWord: ``if (a >= MAX_STRING - 1) a--``
with MAX_STRING 100), which cuts a UTF-8 character where it falls; gensim's docs advise unicode_errors for such
files. The error asked 'a Latin-1 (or cp1252) file?' and advised rewriting the words from Latin-1, which would
garble every other UTF-8 word. A file cut short (a stopped download) is named where it ends: a binary file at the
record and byte offset, a text file at its last line, which has no newline. Oracle: gensim's
``load_word2vec_format(unicode_errors='replace')`` for what --encoding-errors replace reads; offsets by hand.
"""
from __future__ import annotations

import gzip

import numpy as np
import pytest

from wordeval.embeddings.load import load_file
from wordeval.errors import InputFormatError

C_TOOL_WORD = b"a" * 97 + b"\xc3" + b"x"  # 'a'*97 + 'é' (c3 a9) + 'x', as word2vec.c cuts a longer word


def _record(word: bytes, vector) -> bytes:
    return word + b" " + np.asarray(vector, "<f4").tobytes() + b"\n"  # the C tool's newline after each vector


def _binary(words: list[bytes]) -> bytes:
    return f"{len(words)} 3\n".encode() + b"".join(_record(w, [k + 1, 2, 3]) for k, w in enumerate(words))


def _error(path) -> str:
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    return str(exc.value)


@pytest.mark.parametrize("words,got,reason", [
    # record 2 starts after '2 3\n' (4 bytes) and 'the ' + 12 float bytes + newline (17)
    ([b"the", C_TOOL_WORD], "invalid byte b'\\xc3' in word b'..." + "a" * 36 + "\\xc3x'",
     "the word ends in a cut UTF-8 character (99 bytes: word2vec.c keeps 99 bytes of a longer word)"),
    ([b"the", "日本".encode()[:5]], "invalid byte b'\\xe6\\x9c' in word b'\\xe6\\x97\\xa5\\xe6\\x9c'",
     "the word ends in a cut UTF-8 character"),
    ([b"the", "naïv".encode() + b"\xc3"], "invalid byte b'\\xc3' in word b'na\\xc3\\xafv\\xc3'",
     "the word ends in a cut UTF-8 character"),
])
def test_a_word_cut_inside_a_character_is_said_to_be_cut(tmp_path, words, got, reason):
    path = tmp_path / "cut.bin"
    path.write_bytes(_binary(words))
    message = _error(path)
    assert message.startswith(f"{path}: record 2 at byte offset 21: expected UTF-8 text")
    assert message.endswith(f"got {got}; {reason}: a word cut at a byte limit, not another encoding")
    assert "Latin-1" not in message


def test_a_bad_byte_among_utf8_words_is_not_called_latin1(tmp_path):
    path = tmp_path / "mixed.bin"
    path.write_bytes(_binary(["日本".encode(), b"caf\xc3"]))
    message = _error(path)
    assert message.startswith(f"{path}: record 2 at byte offset 24: ")  # '2 3\n' and '日本 ' (7) + 13
    assert message.endswith("got invalid byte b'\\xc3' in word b'caf\\xc3'; the file's other words are UTF-8 "
                            "('日本'): a stray or cut byte, not another encoding")


def test_a_lone_lead_byte_ending_an_ascii_word_keeps_the_latin1_reading(tmp_path):
    """'caf\\xe9' is Latin-1's 'café' as much as a cut UTF-8 character: with nothing else to go by the Latin-1
    reading is still offered (tests/test_latin1_words_advice.py pins its wording)."""
    path = tmp_path / "latin1.bin"
    path.write_bytes(_binary([b"the", b"caf\xe9"]))
    assert "read as Latin-1 it is 'café'" in _error(path)


def test_replace_reads_a_cut_word_as_gensim_does(tmp_path):
    from gensim.models import KeyedVectors

    path = tmp_path / "cut.bin"
    path.write_bytes(_binary([b"the", C_TOOL_WORD, "日本".encode()]))
    ours = load_file(path, cache=False, encoding_errors="replace")
    theirs = KeyedVectors.load_word2vec_format(path, binary=True, unicode_errors="replace")
    assert ours.words == list(theirs.index_to_key)
    assert ours.words[1] == "a" * 97 + "\ufffdx"
    assert np.array_equal(ours.vectors, theirs.vectors)


@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("keep", [1, 2])  # of the 3 bytes of '本'
def test_a_binary_file_cut_inside_a_character_names_the_cut(tmp_path, compress, keep):
    data = _binary([b"the", "naïve".encode(), "日本".encode()])
    start = data.index("日本".encode())  # record 3 starts here (after the newline of record 2)
    cut = start + 3 + keep
    path = tmp_path / ("cut.bin.gz" if compress else "cut.bin")
    path.write_bytes(gzip.compress(data[:cut]) if compress else data[:cut])
    of = " of the uncompressed data" if compress else ""
    assert _error(path) == (f"{path}: record 3 at byte offset {start}{of}: expected 3 records of a word and 3 "
                            f"float32 values as declared in the header, got end of file inside record 3 after 2 "
                            f"records ({cut} bytes{of})")


@pytest.mark.parametrize("header", [b"", b"3 3\n"])
@pytest.mark.parametrize("compress", [False, True])
def test_a_text_file_cut_inside_a_character_says_it_ends_there(tmp_path, header, compress):
    text = header + "the 1 2 3\nnaïve 4 5 6\n日本 7 8 9\n".encode()
    cut = text.index("日本".encode()) + 2
    path = tmp_path / ("cut.txt.gz" if compress else "cut.txt")
    path.write_bytes(gzip.compress(text[:cut]) if compress else text[:cut])
    message = _error(path)
    line = 3 + bool(header)
    assert message.startswith(f"{path}:{line}: expected a word and 3 numbers")
    assert message.endswith("got 0 numbers; the file ends inside this line, with no newline after it: cut short "
                            "(an interrupted download or copy)?")


def test_a_last_line_without_newline_that_is_whole_still_loads(tmp_path):
    path = tmp_path / "whole.txt"
    path.write_bytes(b"the 1 2 3\nof 4 5 6")
    assert load_file(path, cache=False).words == ["the", "of"]


def test_a_last_line_with_a_newline_and_too_few_numbers_is_not_called_cut(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes(b"the 1 2 3\nof 4 5 6\nand 7 8\n")
    message = _error(path)
    assert message.endswith("got 2 numbers") and "cut short" not in message
