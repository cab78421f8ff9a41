"""A corpus file of punctuation and symbols alone (a tokeniser's input with no letter or digit) has no token to
train on. It was found only when its build came up, as "corpus 'x' has no tokens" naming no line, after the
store held the cells of the representations before it."""
from __future__ import annotations

import pytest

from wordeval.embeddings.corpus import load_corpus
from wordeval.errors import InputFormatError

NO_WORDS = "\n\n!!! ... ---\n« » ? ;\n\n-- _ --\n"


def test_a_corpus_without_a_word_is_refused_naming_its_first_line(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text(NO_WORDS, encoding="utf-8")
    with pytest.raises(InputFormatError) as exc:
        load_corpus(path)
    assert str(exc.value) == (f"{path}:3: expected at least one word (a letter or digit) in the corpus, "
                              f"got only punctuation and symbols")


def test_one_letter_is_a_word(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_text(NO_WORDS + "… é …\n", encoding="utf-8")
    assert load_corpus(path).sentences == [["é"]]


def test_a_corpus_without_a_word_is_refused_before_the_store_exists(tmp_path, tiny_corpus, capsys):
    from wordeval.cli import main

    empty = tmp_path / "punctuation.txt"
    empty.write_text(NO_WORDS, encoding="utf-8")
    out = tmp_path / "store"
    specs = [f"a=lsa:corpus={tiny_corpus},dim=4", f"b=lsa:corpus={empty},dim=4,min_count=1"]
    assert main(["--quiet", "intrinsic", *specs, "--tasks", "similarity/mc30", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"wordeval: error: {empty}:3: expected at least one word (a letter or digit) in the corpus, " \
                  f"got only punctuation and symbols"
    assert not out.exists()
