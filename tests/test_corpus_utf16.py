"""A corpus in UTF-16 without a byte-order mark is refused naming what it is: its ASCII decodes as UTF-8 with
a NUL beside each letter, and the tokeniser made every letter a word: a vocabulary of single characters. With
the mark (Notepad's and Excel's "Unicode" text) it is read by it, as a dataset file is (textio.unicode_codec):
it was refused while the same file given as a task's data was read. Its errors name the line as the corpus
reader splits lines (LF, CRLF, a CR alone): a file of lone CR line ends was refused at line 1 whatever line held
the bad bytes. Oracle: lines counted by hand in hand-written files."""
from __future__ import annotations

import codecs

import pytest

from wordeval.embeddings.corpus import load_corpus
from wordeval.errors import InputFormatError

TEXT = "The cat sat on the mat .\nA dog ran in the park .\n\nThe bird sang .\n"


@pytest.mark.parametrize("encoded, line, said", [
    (TEXT.encode("utf-16-le"), 1, "got a NUL byte (UTF-16 text without a byte-order mark"),
    (TEXT.encode("utf-16-be"), 1, "got a NUL byte (UTF-16 text without a byte-order mark"),
    (b"fine line\r\nanother one\r\nbad \0 line\r\n", 3, "got a NUL byte"),
])
def test_a_corpus_that_is_not_utf8_text_is_refused_naming_the_line(tmp_path, encoded, line, said):
    path = tmp_path / "corpus.txt"
    path.write_bytes(encoded)
    with pytest.raises(InputFormatError) as exc:
        load_corpus(path)
    message = str(exc.value)
    assert message.startswith(f"{path}:{line}: expected UTF-8 text") and said in message, message


# CRLF (Notepad's line ends), a non-ASCII word and a character outside the BMP (a surrogate pair in UTF-16)
TWIN = "Café au lait , naïve 𝔘 .\r\nA dog ran .\r\n\r\nThe bird sang .\r\n"


@pytest.mark.parametrize("encoded", [
    codecs.BOM_UTF16_LE + TWIN.encode("utf-16-le"), codecs.BOM_UTF16_BE + TWIN.encode("utf-16-be"),
    codecs.BOM_UTF32_LE + TWIN.encode("utf-32-le"), codecs.BOM_UTF32_BE + TWIN.encode("utf-32-be"),
    codecs.BOM_UTF8 + TWIN.encode("utf-8"),
], ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-8-sig"])
def test_a_corpus_with_a_byte_order_mark_is_read_as_its_utf8_twin(tmp_path, encoded):
    import hashlib

    twin, marked = tmp_path / "utf8.txt", tmp_path / "marked.txt"
    twin.write_bytes(TWIN.encode("utf-8"))
    marked.write_bytes(encoded)
    a, b = load_corpus(twin, lowercase=False), load_corpus(marked, lowercase=False)
    assert b.sentences == a.sentences and b.doc_starts.tolist() == a.doc_starts.tolist() == [0, 2, 3]
    assert a.sentences[0][:4] == ["Café", "au", "lait", "naïve"]
    # corpus_sha256 is what `sha256sum FILE` prints, and the cache key is on those bytes: the twin trains
    # its own entry (the same vectors) rather than being served under a hash that is not its file's
    stored = hashlib.sha256(encoded).hexdigest()
    assert b.parameters["corpus_sha256"] == stored != a.parameters["corpus_sha256"]
    assert b.fingerprint != a.fingerprint


def test_undecodable_utf16_under_its_mark_is_refused_in_one_line(tmp_path):
    path = tmp_path / "corpus.txt"
    # a lone high surrogate on line 2 (it was named line 1: the whole chunk was decoded at once)
    path.write_bytes(codecs.BOM_UTF16_LE + "fine line\n".encode("utf-16-le") + b"\x00\xd8a\x00\n\x00")
    with pytest.raises(InputFormatError) as exc:
        load_corpus(path)
    said = str(exc.value)
    assert said.startswith(f"{path}:2: ") and "\n" not in said, said
    assert "expected UTF-16 text, as its byte-order mark says, got undecodable bytes" in said, said


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


def test_lsa_trained_on_a_utf16_copy_is_the_utf8_ones_in_a_cache_entry_of_its_own(tmp_path, tiny_corpus):
    import hashlib

    import numpy as np

    from wordeval.embeddings.builders import build

    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + tiny_corpus.read_text(encoding="utf-8").encode("utf-16-le"))
    cache = tmp_path / "cache"
    a = build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim=4, min_count=1)
    b = build("lsa", corpus=str(utf16), cache_home=cache, dim=4, min_count=1)
    assert list(b.words) == list(a.words) and len(a.words) == 60
    np.testing.assert_array_equal(b.vectors, a.vectors)  # the same token stream trains the same numbers
    assert len(list((cache / "built").glob("*/meta.json"))) == 2  # keyed on each file's bytes as stored
    assert b.info.parameters["corpus_sha256"] == hashlib.sha256(utf16.read_bytes()).hexdigest()


# five lines, hand-counted: 1 'The cat sat .', 2 'A dog ran .', 3 '' (a document break), 4 'Birds fly .',
# 5 'Fish <bad> swim .'; ended by a CR alone (classic Mac OS), or by a mix of the three line ends (no CR
# right before an LF of the next line: the two are one CRLF, as the reader reads them)
BAD_LINE = 5


@pytest.mark.parametrize("ends", [["\r"] * 5, ["\r\n", "\n", "\r", "\r\n", "\n"]], ids=["cr", "mixed"])
@pytest.mark.parametrize("codec, mark, bad", [
    ("utf-16-le", codecs.BOM_UTF16_LE, b"\x00\xdc"),  # a lone low surrogate
    ("utf-16-be", codecs.BOM_UTF16_BE, b"\xd8\x00"),  # a high surrogate before a space, not a low one
    ("utf-32-le", codecs.BOM_UTF32_LE, b"\x00\x00\x11\x00"),  # U+110000, past Unicode
], ids=["utf-16-le", "utf-16-be", "utf-32-le"])
def test_undecodable_bytes_under_a_mark_are_named_at_their_line_whatever_its_line_ends(tmp_path, codec, mark,
                                                                                          bad, ends):
    lines = ["The cat sat .", "A dog ran .", "", "Birds fly ."]
    head = "".join(line + end for line, end in zip(lines, ends)) + "Fish "
    path = tmp_path / "corpus.txt"
    path.write_bytes(mark + head.encode(codec) + bad + (" swim ." + ends[4]).encode(codec))
    with pytest.raises(InputFormatError) as exc:
        load_corpus(path)
    said = str(exc.value)
    assert said.startswith(f"{path}:{BAD_LINE}: expected {codec[:6].upper()} text, as its byte-order mark says, "
                           "got undecodable bytes") and "\n" not in said, said


def test_a_bad_utf8_byte_is_named_at_its_line_in_a_file_of_cr_line_ends(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_bytes(b"The cat sat .\rA dog ran .\r\rBirds fly .\rFish \xff swim .\r")
    with pytest.raises(InputFormatError) as exc:
        load_corpus(path)
    assert str(exc.value) == f"{path}:{BAD_LINE}: expected UTF-8 text, got byte 0xff"


def test_a_utf16_file_cut_in_half_a_character_is_named_at_its_last_line(tmp_path):
    path = tmp_path / "corpus.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "one .\rtwo .\rthree".encode("utf-16-le") + b"!")
    with pytest.raises(InputFormatError) as exc:
        load_corpus(path)
    assert str(exc.value).startswith(f"{path}:3: expected UTF-16 text, as its byte-order mark says, got "
                                     "undecodable bytes (truncated data)"), str(exc.value)


def test_a_utf16_corpus_of_cr_line_ends_reads_as_its_utf8_twin_of_lf_ones(tmp_path):
    text = "The cat sat .\rA dog ran .\r\rBirds fly .\r"
    twin, marked = tmp_path / "utf8.txt", tmp_path / "marked.txt"
    twin.write_bytes(text.replace("\r", "\n").encode("utf-8"))
    marked.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    a, b = load_corpus(twin, lowercase=False), load_corpus(marked, lowercase=False)
    assert b.sentences == a.sentences == [["The", "cat", "sat"], ["A", "dog", "ran"], ["Birds", "fly"]]
    assert b.doc_starts.tolist() == a.doc_starts.tolist() == [0, 2, 3]
