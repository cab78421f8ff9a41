"""A word2vec binary file copied in text mode has every 0x0A byte turned into 0x0D 0x0A: the newline after its
header and after each vector, and any 0x0A among the float bytes. Its error blamed the header's dimension
("if the file is not damaged, the header's dimension 3 is not that of its vectors"), which is not the fault;
it now names the CRLF line ends. gensim reads the same bytes into words such as '\\r\\nqueen' without a word."""
from __future__ import annotations

import struct

import numpy as np
import pytest
from gensim.models import KeyedVectors

from wordeval.cli import main

PLAIN = [("king", struct.pack("<3f", 0.5, -1.0, 2.0)), ("queen", struct.pack("<3f", 0.25, 3.0, -4.0)),
         ("man", struct.pack("<3f", 1.0, 1.5, -2.5))]
# a float whose first byte is 0x0A (1.0000012): the conversion shifts the rest of the file by a byte
WITH_LF = [PLAIN[0], ("queen", b"\x0a\x00\x80\x3f" + PLAIN[1][1][4:]), PLAIN[2]]


def _converted(rows) -> bytes:
    original = b"3 3\n" + b"".join(w.encode() + b" " + v + b"\n" for w, v in rows)
    return original.replace(b"\n", b"\r\n")


# the record where reading fails: the second ('\r\nqueen' is no word), or, shifted by queen's extra byte, the
# third; it starts after the header '3 3\r\n' (5 bytes) and each record before ('king ' + 12 float bytes, then
# '\r\nqueen ' + 12 float bytes): at byte 22, or 22 + 20
@pytest.mark.parametrize("rows, where", [(PLAIN, "record 2 at byte offset 22"),
                                         (WITH_LF, "record 3 at byte offset 42")],
                         ids=["no-0x0a-in-floats", "0x0a-in-a-float"])
def test_crlf_converted_binary_names_the_conversion(tmp_path, capsys, monkeypatch, rows, where):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "vectors.bin"
    path.write_bytes(_converted(rows))
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and f"vectors.bin: {where}: expected" in err
    assert "CRLF" in err and "header's dimension" not in err
    assert not list((tmp_path / "cache").glob("vectors/*/*"))


def test_gensim_misreads_the_converted_file(tmp_path):
    """Why refusing is right: the oracle reads the converted file into other words, silently."""
    path = tmp_path / "vectors.bin"
    path.write_bytes(_converted(PLAIN))
    kv = KeyedVectors.load_word2vec_format(str(path), binary=True)
    assert kv.index_to_key[1] == "\r\nqueen"
    np.testing.assert_array_equal(kv.vectors[0], [0.5, -1.0, 2.0])
