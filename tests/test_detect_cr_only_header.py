"""A word2vec file whose line ends were converted to a lone CR (classic Mac OS) has no '\\n' after its
``count dim`` header. Named ``.bin`` it was taken for an old fastText model ("expected a fastText .bin model
..., got dim 540160051"), otherwise for 'unrecognised binary data': neither named the header's CR. gensim
refuses the file too (its header line is the whole file)."""
from __future__ import annotations

import struct

import pytest
from gensim.models import KeyedVectors

from wordeval.cli import main

ROWS = [("king", (0.5, -1.0, 2.0)), ("queen", (0.25, 3.0, -4.0))]


def _binary(sep: bytes) -> bytes:
    return b"2 3" + sep + b"".join(w.encode() + b" " + struct.pack("<3f", *v) + sep for w, v in ROWS)


def _text(sep: bytes) -> bytes:
    return b"2 3" + sep + b"".join(f"{w} {' '.join(map(str, v))}".encode() + sep for w, v in ROWS)


@pytest.mark.parametrize("name, data", [("vectors.bin", _binary(b"\r")), ("vectors.w2v", _binary(b"\r")),
                                        ("vectors.vec", _text(b"\r"))],
                         ids=["binary-bin", "binary-other-name", "text-vec"])
def test_cr_only_header_named_in_one_line(tmp_path, capsys, monkeypatch, name, data):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(Exception):  # the oracle: no reader takes the file as it is
        KeyedVectors.load_word2vec_format(str(path), binary=name != "vectors.vec")
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert f"{name}:1: expected a header 'count dim' ended by a newline" in err
    assert "carriage return" in err and "fastText" not in err
    assert not list((tmp_path / "cache").glob("vectors/*/*"))


def test_newline_ended_binary_still_loads(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "vectors.bin"
    path.write_bytes(_binary(b"\n"))
    assert main(["info", str(path)]) == 0
    assert "word2vec-bin" in capsys.readouterr().out
