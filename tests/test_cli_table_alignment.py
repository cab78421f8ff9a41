"""The intrinsic/extrinsic table's columns line up as the terminal shows them. Widths were len() of the label:
'café' printed as 'caf\\xe9' on an ASCII stream (PYTHONIOENCODING=ascii, LANG=C) and '日本語', drawn six columns
wide, pushed every later column of their row out of line with the header. The oracle is hand-counted: the
escape's seven characters, and two columns for each of the three CJK ideographs (Unicode's East Asian Width W)."""
from __future__ import annotations

import codecs
import io
import sys

import numpy as np

from tests._records import make_record
from wordeval.cli.intrinsic import format_table


def _records(label):
    rng = np.random.default_rng(0)
    items = {"id": list(range(12)), "gold": list(rng.random(12)), "pred": list(rng.random(12))}
    return [make_record(label, "similarity/toy", items), make_record("glove-6b-50d", "similarity/toy", items)]


def _seed_column(line: str, extra_columns: int = 0) -> int:
    return line.index("  0  ") + 2 + extra_columns


def test_wide_characters_count_two_columns(monkeypatch):
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    header, _, row, other = format_table(_records("日本語")).splitlines()
    assert _seed_column(row, extra_columns=3) == header.index("seed") == _seed_column(other)


def test_characters_an_ascii_stream_escapes_count_as_their_escape(monkeypatch):
    from wordeval.cli.console import HANDLER, spell_out_unencodable

    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    spell_out_unencodable()  # registers the error handler the CLI gives such a stream
    header, _, row, other = format_table(_records("café")).splitlines()
    shown = codecs.encode(row, "ascii", HANDLER).decode("ascii")
    assert "caf\\xe9" in shown
    assert _seed_column(shown) == header.index("seed") == _seed_column(other)
