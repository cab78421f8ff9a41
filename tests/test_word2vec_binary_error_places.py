"""A word2vec binary's errors name a record and its byte offset, not a line: ``x.bin:5:`` named record 4 as if
it were line 5 of a file that has no lines (a float's bytes may hold any number of newlines). The header, a
line of text, keeps ``x.bin:1:``; text formats keep ``path:line:``. Expected places by hand: the header
'3 3\\n' (4 bytes), then records of a one-letter word, a space, 12 float bytes and the C tool's newline (15
bytes each), so record k starts at byte 4 + 15 * (k - 1); a gzip file's offsets count its uncompressed data.
"""
from __future__ import annotations

import gzip
import pickle
import struct
import warnings

import pytest

from wordeval.cli import main
from wordeval.embeddings.load import _said_changed
from wordeval.embeddings.word2vec_binary import load_word2vec_binary
from wordeval.errors import InputFormatError


def _record(word: bytes, values) -> bytes:
    return word + b" " + struct.pack("<3f", *values) + b"\n"


A, B, C = _record(b"a", [1, 2, 3]), _record(b"b", [4, 5, 6]), _record(b"c", [7, 8, 9])
CASES = {  # name: (file content, place, what the message says after it)
    "nan": (b"3 3\n" + A + _record(b"b", [1, float("nan"), 2]) + C, "record 2 at byte offset 19",
            "expected finite numbers, got nan in dimension 2"),
    "inf": (b"3 3\n" + A + B + _record(b"c", [1, 2, float("inf")]), "record 3 at byte offset 34",
            "expected finite numbers, got inf in dimension 3"),
    "not_utf8": (b"3 3\n" + A + _record(b"caf\xe9", [1, 2, 3]) + C, "record 2 at byte offset 19",
                 "expected UTF-8 text"),
    "empty_word": (b"3 3\n" + A + _record(b"", [1, 2, 3]) + C, "record 2 at byte offset 19",
                   "expected a word followed by a space and the vector, got an empty word"),
    "cut_short": (b"3 3\n" + A + B + C[:7], "record 3 at byte offset 34",
                  "expected 3 records of a word and 3 float32 values as declared in the header, got end of file "
                  "inside record 3 after 2 records (41 bytes"),
    "trailing_bytes": (b"3 3\n" + A + B + C + b"junk", "record 4 at byte offset 49",
                       "expected 3 vectors as declared in the header, got more data after record 3"),
    "count_over_records": (b"5 3\n" + A + B + C, "record 4 at byte offset 49",
                           "expected 5 vectors as declared in the header, got 3 (the file ends there, after "
                           "record 3)"),
}


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_record_error_names_the_record_and_its_byte_offset(tmp_path, case, compress):
    data, place, said = CASES[case]
    path = tmp_path / ("w.bin.gz" if compress else "w.bin")
    path.write_bytes(gzip.compress(data) if compress else data)
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    of = " of the uncompressed data" if compress else ""
    message = str(exc.value)
    assert message.startswith(f"{path}: {place}{of}: {said}"), message
    assert "\n" not in message and exc.value.line is None


def test_a_byte_order_mark_counts_in_the_offset(tmp_path):
    """The offsets are the file's own: a BOM the reader skips is counted (3 bytes more than without it)."""
    path = tmp_path / "w.bin"
    path.write_bytes(b"\xef\xbb\xbf" + CASES["nan"][0])
    with pytest.raises(InputFormatError, match=r"w\.bin: record 2 at byte offset 22: expected finite numbers"):
        load_word2vec_binary(path)


def test_a_duplicate_word_is_named_at_its_record(tmp_path):
    path = tmp_path / "w.bin"
    path.write_bytes(b"3 3\n" + A + B + _record(b"a", [1, 1, 1]))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_word2vec_binary(path)
    said = [str(w.message) for w in caught]
    assert said == [f"{path}: 1 duplicate word(s) dropped, first occurrence kept (first duplicate 'a' at record 3)"]


def test_the_cli_names_records_and_keeps_lines_for_the_header_and_text(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "w.bin.gz"
    path.write_bytes(gzip.compress(CASES["nan"][0]))
    header = tmp_path / "h.bin"
    header.write_bytes(b"3 x\n" + A + B + C)
    text = tmp_path / "w.txt"
    text.write_bytes(b"2 3\na 1 2 3\nb 1 nan 2\n")
    for file, said in ((path, "record 2 at byte offset 19 of the uncompressed data: expected finite numbers, got "
                              "nan in dimension 2"),
                       (header, "1: expected a header 'count dim' of two positive integers, got '3 x'"),
                       (text, "3: expected finite numbers, got nan in dimension 2")):
        assert main(["info", str(file), "--format", "word2vec" if file is text else "word2vec-bin"]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        colon = ": " if file is path else ":"
        assert captured.err == f"wordeval: error: {file}{colon}{said}\n"


def test_the_place_survives_a_pickle_and_a_retelling(tmp_path):
    """A process pool rebuilds the error from a pickle, and a file rewritten while it was read retells it:
    both keep the record's place (the retelling says 'that place', not 'that line')."""
    path = tmp_path / "w.bin"
    path.write_bytes(CASES["nan"][0])
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    back = pickle.loads(pickle.dumps(exc.value))
    assert type(back) is type(exc.value) and str(back) == str(exc.value) and back.__dict__ == exc.value.__dict__
    told = _said_changed(exc.value, path, "the state before", options={})
    assert str(told).startswith(f"{path}: record 2 at byte offset 19: expected finite numbers, got nan in "
                                "dimension 2; but the file changed while it was read, so that place may no longer")
