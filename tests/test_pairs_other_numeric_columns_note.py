"""The sniff note on a similarity file's other numeric columns wrote them as a range from the first to the
last: 'columns 3-5 are numeric too' where column 4 holds text (a part-of-speech letter), and 'columns 3-3'
for one column. It now names each numeric column after the score, with its header name."""
from __future__ import annotations

from wordeval.datasets.sniff import sniff


def _note(tmp_path, text: str) -> str:
    path = tmp_path / "sim.tsv"
    path.write_text(text, encoding="utf-8")
    notes = sniff("similarity", {"test": path}, {})[2]
    return next(n for n in notes if "score = column" in n)


def test_other_numeric_columns_are_listed_one_by_one(tmp_path):
    note = _note(tmp_path, "w1\tw2\tscore\tsd\tpos\tn\nlove\tsex\t6.77\t1.2\tN\t5\ntiger\tcat\t7.35\t0.5\tN\t5\n"
                           "book\tpaper\t7.46\t0.9\tN\t5\n")
    assert "columns 3 ('sd'), 5 ('n') are numeric too; set columns.score to use one" in note
    assert "3-5" not in note


def test_one_other_numeric_column_is_named_as_one(tmp_path):
    note = _note(tmp_path, "w1\tw2\tscore\tsd\nlove\tsex\t6.77\t1.2\ntiger\tcat\t7.35\t0.5\nbook\tpaper\t7.46\t0.9\n")
    assert "(column 3 ('sd') is numeric too; set columns.score to use one)" in note
