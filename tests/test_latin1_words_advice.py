"""A vectors file whose words are Latin-1 (older European releases, cp1252 exports).

Its error offered only --encoding-errors replace, which reads 'café' and 'cafè' both as 'caf\\ufffd' (one dropped
as a duplicate, neither matching a task's word). It now also shows the word read as Latin-1 and how to convert the
file so such words are kept: iconv for text, never for a binary file, whose float bytes iconv would rewrite too.
"""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.embeddings.load import load_file
from wordeval.errors import InputFormatError

ROWS = [("the", [0.5, -1.0, 2.0]), ("café", [1.0, 2.0, 3.0]), ("cafè", [-3.0, 0.25, 1.0])]


def _text(encoding: str) -> bytes:
    return "".join(f"{w} {' '.join(map(str, v))}\n" for w, v in ROWS).encode(encoding)


def test_latin1_text_names_the_word_and_the_conversion_that_keeps_it(tmp_path):
    path = tmp_path / "vectors.txt"
    path.write_bytes(_text("latin-1"))
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    message = str(exc.value)
    assert message.startswith(f"{path}:2: expected UTF-8 text")
    assert message.endswith("got invalid byte b'\\xe9' in word b'caf\\xe9'; read as Latin-1 it is 'café': a Latin-1 "
                            "(or cp1252) file? convert it to UTF-8 (iconv -f latin1 -t utf-8) to keep such words")
    converted = tmp_path / "utf8.txt"  # what the advice does
    converted.write_bytes(path.read_bytes().decode("latin-1").encode("utf-8"))
    emb = load_file(converted, cache=False)
    assert emb.words == ["the", "café", "cafè"]
    assert np.array_equal(emb.vectors, np.array([v for _, v in ROWS], dtype=np.float32))


def test_latin1_word2vec_binary_is_not_sent_to_iconv(tmp_path):
    from gensim.models import KeyedVectors

    path = tmp_path / "vectors.bin"
    path.write_bytes(b"3 3\n" + b"".join(w.encode("latin-1") + b" " + np.asarray(v, "<f4").tobytes()
                                         for w, v in ROWS))
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    message = str(exc.value)
    # record 2 starts after the header '3 3\n' and 'the ' + 12 float bytes
    assert message.startswith(f"{path}: record 2 at byte offset 20: expected UTF-8 text")
    assert "iconv" not in message
    assert message.endswith("read as Latin-1 it is 'café': a Latin-1 (or cp1252) file? rewrite its words in UTF-8 "
                            "(gensim reads it with encoding='latin-1') to keep such words")
    converted = tmp_path / "utf8.bin"  # what the advice does
    KeyedVectors.load_word2vec_format(path, binary=True, encoding="latin-1").save_word2vec_format(converted,
                                                                                                binary=True)
    emb = load_file(converted, cache=False)
    assert emb.words == ["the", "café", "cafè"]
    assert np.array_equal(emb.vectors, np.array([v for _, v in ROWS], dtype=np.float32))


def test_binary_bytes_read_as_a_word_get_no_encoding_advice(tmp_path):
    path = tmp_path / "vectors.txt"
    path.write_bytes(b"ok 1.5 2\nb\x81\x02\xff 1 2\n")
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    assert "Latin-1" not in str(exc.value)


def test_a_utf8_word_with_a_stray_byte_is_not_called_latin1(tmp_path):
    """A word whose other characters are UTF-8 is a stray byte in a UTF-8 file, where --encoding-errors replace is
    the advice that fits: converting the file from Latin-1 would garble its UTF-8 words."""
    path = tmp_path / "vectors.txt"
    path.write_bytes(b"ok 1.5 2\n" + "naïve".encode() + b"\xe9 1 2\n")
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    assert str(exc.value).startswith(f"{path}:2: expected UTF-8 text") and "Latin-1" not in str(exc.value)
