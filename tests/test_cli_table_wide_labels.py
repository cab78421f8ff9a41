"""The table intrinsic/extrinsic print stays aligned under labels in other scripts. ljust counted code points,
so a Chinese label (two terminal columns a character) pushed its row's later columns right, and combining
marks or a zero-width non-joiner (no column) pulled them left. Oracle: widths counted by hand from the
Unicode East Asian Width and General Category of each character."""
from __future__ import annotations

import dataclasses
import unicodedata

import pytest

from tests._records import make_record
from wordeval.cli.intrinsic import format_table
from wordeval.text_width import text_width

NFD_CAFE = unicodedata.normalize("NFD", "café")


@pytest.mark.parametrize("text, columns", [
    ("中文向量", 8),            # four wide ideographs
    ("ＡＢ", 4),                # fullwidth Latin
    ("عربي", 4),                # four Arabic letters, one column each
    (NFD_CAFE, 4),              # c a f e + U+0301 (combining, no column)
    ("می\u200cخواهم", 7),       # seven letters + a zero-width non-joiner
    ("glove", 5),
])
def test_text_width_counts_terminal_columns(text, columns):
    assert text_width(text) == columns


def _record(name):
    rec = make_record(name, "pos/toy", {"id": list(range(20)), "correct": [1] * 20, "total": [1] * 20})
    return dataclasses.replace(rec, embedding={**rec.embedding, "name": name})


def test_seed_column_starts_at_the_same_terminal_column_on_every_row():
    lines = format_table([_record(n) for n in ("中文向量", NFD_CAFE, "می\u200cخواهم", "glove")]).splitlines()
    header, rows = lines[0], lines[2:6]
    seed_at = header.index("seed")  # the header is ASCII: one column a character
    task = "pos/toy"
    widths = {"中文向量": 8, NFD_CAFE: 4, "می\u200cخواهم": 7, "glove": 5}  # hand-counted, as above
    for row, (name, width) in zip(rows, widths.items()):
        assert row.startswith(f"{task}  {name}")
        after = row[len(task) + 2 + len(name):]
        spaces = len(after) - len(after.lstrip(" "))
        assert len(task) + 2 + width + spaces == seed_at, row
