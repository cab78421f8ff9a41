"""A word with a tab or a carriage return: the text reader refuses it (no reader can tell where it ends),
and the binary reader kept it, so one set of vectors had one vocabulary from its .bin and an error from its
text copy. Both now refuse it, the binary error naming the record and its byte offset. Control bytes that
split nothing (\\x01, \\x7f, \\x1f) are kept by both readers, as gensim keeps them (its loader is the oracle
of the words). Files are written by gensim's save_word2vec_format, as users make them."""
from __future__ import annotations

import numpy as np
import pytest
from gensim.models import KeyedVectors

from wordeval.cli import main
from wordeval.embeddings.load import load_file
from wordeval.errors import InputFormatError

VECTORS = np.arange(12, dtype=np.float32).reshape(4, 3) / 7


def _write(tmp_path, word: str, *, binary: bool):
    kv = KeyedVectors(vector_size=3)
    kv.add_vectors(["the", "of", word, "end"], VECTORS)
    path = tmp_path / ("v.bin" if binary else "v.txt")
    kv.save_word2vec_format(str(path), binary=binary)
    return path


@pytest.mark.parametrize("word, what", [("ta\tb", "a tab"), ("\tlead", "a tab"),
                                        ("cr\rx", "a carriage return")])
def test_both_readers_refuse_a_word_with_a_tab_or_carriage_return(tmp_path, word, what):
    with pytest.raises(InputFormatError, match="tab|carriage return"):
        load_file(_write(tmp_path, word, binary=False))
    path = _write(tmp_path, word, binary=True)
    # header "4 3\n", then gensim's records: word, space, 12 float bytes, no newline
    offset = 4 + sum(len(w.encode()) + 1 + 12 for w in ("the", "of"))
    with pytest.raises(InputFormatError) as err:
        load_file(path)
    assert str(err.value) == (f"{path}: record 3 at byte offset {offset}: expected a word without a tab or "
                              f"carriage return (as in the text formats: no reader can tell where such a "
                              f"word ends), got {what} in the word {word!r}")


def test_cli_says_it_in_one_line_exit_2(tmp_path, capsys):
    path = _write(tmp_path, "ta\tb", binary=True)
    out = tmp_path / "res"
    assert main(["intrinsic", str(path), "--tasks", "similarity/mc30", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "record 3 at byte offset 35" in err and "Traceback" not in err
    assert not out.exists()


def test_an_embedded_newline_is_named_without_blaming_the_dimension(tmp_path):
    path = _write(tmp_path, "new\nline", binary=True)
    with pytest.raises(InputFormatError) as err:
        load_file(path)
    assert "record 3 at byte offset 35" in str(err.value) and "newline" in str(err.value)
    assert "dimension" not in str(err.value)  # gensim wrote the word as it is; the header is right


@pytest.mark.parametrize("word", ["a\x01b", "de\x7fl", "x\x1fy"])
def test_pin_control_bytes_that_split_nothing_are_kept_by_both_as_gensim_keeps_them(tmp_path, word):
    for binary in (True, False):
        path = _write(tmp_path, word, binary=binary)
        theirs = KeyedVectors.load_word2vec_format(str(path), binary=binary)
        ours = load_file(path)
        assert list(ours.words) == list(theirs.index_to_key) == ["the", "of", word, "end"]
        np.testing.assert_array_equal(np.asarray(ours.vectors), theirs.vectors)
