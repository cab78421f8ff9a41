"""A .npy's vocabulary is looked for beside it, skipping a candidate that holds vectors (README): a GloVe text
of fewer dimensions than the matrix (X.txt, 2-d, beside a 4-d X.npy) was taken for the vocabulary, each of its
whole lines ('king 0.1 0.2') a word, so no task word was found; it is skipped as vectors of any dimension are,
and given as --vocab it is refused naming its line."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.embeddings.load import load_file
from wordeval.errors import InputFormatError, MissingFileError

GLOVE_2D = "king 0.1 0.2\nqueen 0.3 0.4\nman 0.5 0.6\n"


@pytest.fixture
def matrix(tmp_path):
    path = tmp_path / "vectors.npy"
    np.save(path, np.arange(12, dtype=np.float32).reshape(3, 4) + 1)
    return path


def test_glove_text_of_fewer_dimensions_is_not_the_vocabulary(tmp_path, matrix):
    (tmp_path / "vectors.txt").write_text(GLOVE_2D, encoding="utf-8")
    with pytest.raises(MissingFileError) as exc:
        load_file(matrix, cache=False)
    assert "got none (vectors.txt holds vectors of dimension 2, not one word per line)" in str(exc.value)
    (tmp_path / "vocab.txt").write_text("king\nqueen\nman\n", encoding="utf-8")  # the next candidate
    emb = load_file(matrix, cache=False)
    assert emb.words == ["king", "queen", "man"] and emb.info.parameters["vocab"].endswith("vocab.txt")
    assert emb.vectors.tolist() == (np.arange(12).reshape(3, 4) + 1).tolist()


@pytest.mark.parametrize("text, line", [(GLOVE_2D, 1), ("3 2\n" + GLOVE_2D, 2)])
def test_such_a_file_given_as_the_vocabulary_is_refused_at_its_line(tmp_path, matrix, text, line):
    given = tmp_path / "given.txt"
    given.write_text(text, encoding="utf-8")
    with pytest.raises(InputFormatError) as exc:
        load_file(matrix, cache=False, vocab=given)
    expected = f"{given}:{line}: expected one word per line (the vocabulary of vectors.npy)"
    assert str(exc.value).startswith(expected)
    assert str(exc.value).endswith("got a word and 2 numbers (vectors, not a vocabulary)")


def test_words_and_glove_counts_are_still_a_vocabulary(tmp_path, matrix):
    """Not vectors: single spaces inside a word, and GloVe's vocab.txt of 'word count' lines."""
    (tmp_path / "vectors.vocab").write_text(". . .\nnew york\nman\n", encoding="utf-8")
    assert load_file(matrix, cache=False).words == [". . .", "new york", "man"]
    counts = tmp_path / "counts.txt"
    counts.write_text("the 90\nof 80\nand 70\n", encoding="utf-8")
    assert load_file(matrix, cache=False, vocab=counts).words == ["the", "of", "and"]
