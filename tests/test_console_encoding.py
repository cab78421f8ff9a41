"""Under a locale that is not UTF-8 (PYTHONIOENCODING=ascii, LC_ALL=C with PYTHONUTF8=0, latin-1) `wordeval
compare` printed its tables up to the first '±' and then died with a UnicodeEncodeError traceback. What the
stream cannot encode is now spelled in ASCII ('+/-', 'tau', '-'), anything else backslash-escaped."""
from __future__ import annotations

import io
import os
import sys

import pytest

from tests._records import toy_records
from wordeval.results.store import ResultStore


def _stream(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", write_through=True)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_compare_prints_on_a_stream_that_cannot_encode_its_symbols(tmp_path, monkeypatch, encoding):
    from wordeval.cli import main

    with ResultStore(tmp_path / "R") as store:
        for rec in toy_records():
            store.put(rec)
    out, err = _stream(encoding), _stream(encoding)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["--quiet", "compare", str(tmp_path / "R")]) == 0
    text = out.buffer.getvalue().decode(encoding)
    assert "Kendall" in text and "Traceback" not in err.buffer.getvalue().decode(encoding)
    assert "tau" in text and "τ" not in text  # an ASCII spelling, in latin-1 too (it has no τ)


def test_other_characters_are_escaped_not_dropped():
    from wordeval.cli.console import spell_out_unencodable

    stream = _stream("ascii")
    real = sys.stdout
    try:
        sys.stdout = stream
        spell_out_unencodable()
        print("méchant ± 名", file=stream)
    finally:
        sys.stdout = real
    assert stream.buffer.getvalue().decode("ascii") == "m\\xe9chant +/- \\u540d\n"


@pytest.mark.parametrize("errors", ["strict", "backslashreplace"])
def test_a_path_that_is_not_utf8_is_written_as_its_bytes_escapes_on_a_utf8_stream(tmp_path, monkeypatch, errors):
    """A store folder named with the byte 0xff (Python's lone surrogate U+DCFF) printed by `status` to a UTF-8
    stdout whose errors are strict (PYTHONIOENCODING=utf-8, en_US.UTF-8) was a UnicodeEncodeError traceback; with
    backslashreplace it read '\\udcff', a character the path does not hold. The oracle is the byte itself."""
    from wordeval.cli import main

    store = tmp_path / "st\udcff"
    with ResultStore(store) as s:
        for rec in toy_records():
            s.put(rec)
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors, write_through=True)
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["--quiet", "status", str(store)]) == 0
    first = out.buffer.getvalue().decode("utf-8").splitlines()[0]
    assert first.startswith(f"{tmp_path}{os.sep}st\\xff{os.sep}results.sqlite"), first
