"""Bad input: each case fails with one line naming file:line and what was expected (or warns, by policy)."""
from __future__ import annotations

import struct

import numpy as np
import pytest

from wordeval.embeddings.load import load_embedding
from wordeval.embeddings.text_format import load_glove_text, load_word2vec_text
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
    msg = str(exc)
    assert "\n" not in msg
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
    assert "3 vectors as declared in the header, got 2" in one_line_error(exc.value, path, 4)


def test_header_count_smaller_than_rows(tmp_path):
    path = write(tmp_path, "w.txt", b"1 2\na 1 2\nb 3 4\n")
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_text(path)
    assert "got more" in one_line_error(exc.value, path, 3)


def test_header_dimension_lies(tmp_path):
    path = write(tmp_path, "w.txt", b"2 3\na 1 2\nb 3 4\n")
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_text(path)
    assert "a word and 3 numbers (the header's dimension), got 2 numbers" in one_line_error(exc.value, path, 2)


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
    assert "finite numbers" in one_line_error(exc.value, path, 3)


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
    assert "end of file inside record 3 after 2 records" in one_line_error(exc.value, path, 4)
    path = write(tmp_path, "w.bin", data[:-7])  # too short for 3 records at all: refused from the header
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    assert "a header that fits the file" in one_line_error(exc.value, path, 1)


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
    with pytest.raises(MissingFileError, match="no such file"):
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
