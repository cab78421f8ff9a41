"""A one-dimensional GloVe file whose first line is two integers ('1 2': the word '1' and its value 2) reads
as GloVe, as gensim reads it with ``no_header=True``: the lines after it hold one number each, which no header
of dimension 2 fits. A file whose lines fit its header stays word2vec."""
from __future__ import annotations

import numpy as np
import pytest
from gensim.models import KeyedVectors

from wordeval.cli import main
from wordeval.embeddings.detect import detect_format
from wordeval.embeddings.load import load_file


@pytest.mark.parametrize("text", ["1 2\nb 1.5\nc -2\n", "10 5\n20 7\n30 9\n",
                                  "2017 3\nyear 0.25\r\nmonth -1\n"])
def test_one_dimensional_glove_with_integer_first_line_reads_as_gensim_does(tmp_path, text):
    path = tmp_path / "one.txt"
    path.write_bytes(text.encode())
    kv = KeyedVectors.load_word2vec_format(str(path), binary=False, no_header=True)
    assert detect_format(path) == "glove"
    emb = load_file(path, cache=False)
    assert emb.words == list(kv.index_to_key) and emb.info.dim == 1
    np.testing.assert_array_equal(emb.vectors, kv.vectors)


def test_one_dimensional_glove_through_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "one.txt"
    path.write_text("1 2\nb 1.5\nc -2\n", encoding="utf-8")
    assert main(["info", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"format": "glove"' in out and '"vocab_size": 3' in out and '"dim": 1' in out


@pytest.mark.parametrize("text, words", [("2 1\na 0.5\nb 0.25\n", ["a", "b"]),  # fits its header: word2vec
                                         ("2 2\n3 1 2\n4 5 6\n", ["3", "4"])])
def test_a_file_that_fits_its_header_stays_word2vec(tmp_path, text, words):
    path = tmp_path / "w.txt"
    path.write_text(text, encoding="utf-8")
    kv = KeyedVectors.load_word2vec_format(str(path), binary=False)
    assert detect_format(path) == "word2vec"
    emb = load_file(path, cache=False)
    assert emb.words == words == list(kv.index_to_key)
    np.testing.assert_array_equal(emb.vectors, kv.vectors)
