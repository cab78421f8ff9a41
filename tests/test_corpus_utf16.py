"""A corpus in UTF-16 is refused naming what it is. Without a byte-order mark its ASCII decodes as UTF-8 with
a NUL beside each letter, and the tokeniser made every letter a word: a vocabulary of single characters."""
from __future__ import annotations

import codecs

import pytest

from wordeval.embeddings.corpus import load_corpus
from wordeval.errors import InputFormatError

TEXT = "The cat sat on the mat .\nA dog ran in the park .\n\nThe bird sang .\n"


@pytest.mark.parametrize("encoded, line, said", [
    (TEXT.encode("utf-16-le"), 1, "got a NUL byte (UTF-16 text without a byte-order mark"),
    (TEXT.encode("utf-16-be"), 1, "got a NUL byte (UTF-16 text without a byte-order mark"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), 1, "got a UTF-16/UTF-32 byte-order mark"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), 1, "got a UTF-16/UTF-32 byte-order mark"),
    (b"fine line\r\nanother one\r\nbad \0 line\r\n", 3, "got a NUL byte"),
])
def test_a_corpus_that_is_not_utf8_text_is_refused_naming_the_line(tmp_path, encoded, line, said):
    path = tmp_path / "corpus.txt"
    path.write_bytes(encoded)
    with pytest.raises(InputFormatError) as exc:
        load_corpus(path)
    message = str(exc.value)
    assert message.startswith(f"{path}:{line}: expected UTF-8 text") and said in message, message


def test_a_utf16_corpus_is_refused_before_the_store_exists(tmp_path, tiny_corpus, capsys):
    from wordeval.cli import main

    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(TEXT.encode("utf-16-le"))
    out = tmp_path / "store"
    specs = [f"a=lsa:corpus={tiny_corpus},dim=4", f"b=lsa:corpus={utf16},dim=4,min_count=1"]
    assert main(["--quiet", "intrinsic", *specs, "--tasks", "similarity/mc30", "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"wordeval: error: {utf16}:1: expected UTF-8 text, got a NUL byte") and "\n" not in err
    assert not out.exists()
