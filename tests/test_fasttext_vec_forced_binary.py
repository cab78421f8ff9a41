"""A fastText ``.vec`` (each vector line ends with a space) read with ``--format word2vec-bin``.

Its first record was not seen as a line of text, since the trailing space left an empty last field, so the binary
reader went on and blamed the header's dimension a few records later; it is now refused at line 2 as text, with
the option that reads it, as a word2vec text file without the trailing spaces was.
"""
from __future__ import annotations

import pytest

from wordeval.cli import main

# fastText's own layout (wiki.en.vec): the header, '</s>' first, a space after every vector
VEC = (b"4 5\n</s> 0.104000 0.200000 0.300000 0.400000 0.500000 \nthe 1.500000 -0.250000 0.000000 1.000000 2.000000 \n"
       b", 3.000000 4.000000 5.000000 6.000000 7.000000 \n. -1.000000 -2.000000 -3.000000 -4.000000 -5.000000 \n")


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_fasttext_vec_read_as_word2vec_binary_is_named_text_at_its_first_record(tmp_path, capsys, monkeypatch,
                                                                                ending):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "wiki.en.vec"
    path.write_bytes(VEC.replace(b"\n", ending))
    assert main(["info", str(path), "--format", "word2vec-bin"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"wordeval: error: {path}:2: expected a word, a space and 5 float32 values (word2vec "
                            "binary), got a line of text, a word and 5 numbers ('</s> 0.104000 0.200000 0.300000 "
                            "0.400000 0.50000'...): a word2vec text file? --format word2vec, or no --format to "
                            "detect it\n")
    assert not (tmp_path / "cache").exists()


def test_the_same_file_detected_reads_as_gensim_reads_it(tmp_path):
    from gensim.models import KeyedVectors

    from wordeval.embeddings.load import load_file

    path = tmp_path / "wiki.en.vec"
    path.write_bytes(VEC)
    emb = load_file(path, cache=False)
    kv = KeyedVectors.load_word2vec_format(str(path))
    assert emb.info.format == "fasttext-vec"
    assert list(emb.words) == kv.index_to_key == ["</s>", "the", ",", "."]
    assert (emb.vectors == kv.vectors).all()
