"""The per-item columns a comparison pairs and resamples, checked when a record file is read: a string among
the scores, the scorer's column missing, or an id that is a list ended in a traceback inside compare (exit 1),
and an id given twice was paired with another item's scores without a word. Now one line naming the file (and
line of a .jsonl), exit 2, nothing printed on stdout."""
from __future__ import annotations

import json

import pytest

from tests._records import make_record
from wordeval.cli import main


def _records(**change) -> list[dict]:
    out = []
    for k, name in enumerate("ABCD"):
        d = make_record(name, "similarity/toy", {"id": list(range(12)), "gold": [float(i) for i in range(12)],
                                                 "pred": [float((i * (k + 3)) % 12) for i in range(12)]}).to_dict()
        if name == "C":
            for column, edit in change.items():
                edit(d["per_item"], column)
        out.append(d)
    return out


def _set(index, value):
    def edit(cols, column):
        cols[column][index] = value
    return edit


def _drop(cols, column):
    del cols[column]


@pytest.mark.parametrize("change, expected", [
    ({"pred": _set(2, "abc")}, "per_item pred to be numbers (or null) in a wordeval result record, got 'abc'"),
    ({"pred": _drop}, "per_item columns gold, pred for scorer 'spearman' in a wordeval result record, got no pred"),
    ({"id": _set(2, [1])}, "per_item id to be strings or integers in a wordeval result record, got [1]"),
    ({"id": _set(2, 5)}, "per_item ids that are unique in a wordeval result record, got 5 twice"),
])
def test_a_bad_item_column_is_one_line_naming_file_and_line(tmp_path, capsys, change, expected):
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in _records(**change)), encoding="utf-8")
    assert main(["--quiet", "compare", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"wordeval: error: {path}:3: expected {expected}\n"


def test_numbers_true_false_and_null_are_read(tmp_path, capsys):
    def edit(cols, column):
        cols[column][1], cols[column][2] = True, None  # 1 and NaN, as a record writes a NaN
    path = tmp_path / "r.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in _records(pred=edit)), encoding="utf-8")
    assert main(["--quiet", "compare", str(path)]) == 0
