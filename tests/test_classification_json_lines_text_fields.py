"""``columns.text`` as a list joins several columns of a CSV or tab-separated file (AG News' title and
description), but JSON lines refused it ('JSON lines name their fields'), so a JSONL export of the same data
could be read by one field only. A list of field names now joins those fields' texts with a single space in
the given order, as the CSV reader joins columns; a null or empty field (pandas' missing value) is left out,
as an empty CSV field is. Oracle: the json module's fields, joined by hand."""
from __future__ import annotations

import json

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

TRAIN = [{"title": f"headline {i}", "body": f"a longer body of story {i}",
          "topic": ["world", "sports"][i % 2]} for i in range(12)]
TEST = [{"title": "Cup final tonight", "body": None, "topic": "sports"},
        {"title": "", "body": "Talks resume in Geneva", "topic": "world"},
        {"title": "Markets", "body": "Shares fell", "topic": "world"}]


def _spec(folder, columns, train=TRAIN, test=TEST):
    for name, rows in (("train", train), ("test", test)):
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    spec = folder / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "classification"\ncolumns = {columns}\n[files]\n'
                    'train = "train.jsonl"\ntest = "test.jsonl"\n', encoding="utf-8")
    return spec


def _joined(row, keys):
    return " ".join(row[k] for k in keys if row[k])


@pytest.mark.parametrize("keys", [["title", "body"], ["body", "title"]])
def test_listed_fields_are_joined_by_a_space_in_order(tmp_path, keys):
    spec = _spec(tmp_path, f'{{label = "topic", text = {json.dumps(keys)}}}')
    ds = load(load_spec_file(spec)[1])
    for split, rows in (("train", TRAIN), ("test", TEST)):
        expected = [(r["topic"], _joined(r, keys)) for r in rows]
        assert [(it.label, it.text) for it in ds.splits[split]] == expected


TWO = '{label = "topic", text = ["title", "body"]}'


def test_check_names_the_joined_fields(tmp_path, capsys):
    assert main(["--quiet", "datasets", "check", str(_spec(tmp_path, TWO))]) == 0
    assert ("train.jsonl: one JSON object per line, label = field 'topic', text = fields 'title', 'body' "
            "joined by a space") in capsys.readouterr().out


@pytest.mark.parametrize("rows, columns, message", [
    (TEST + [{"title": None, "body": " ", "topic": "world"}], TWO,
     r"test.jsonl:4: expected a label in 'topic' and a non-empty text in 'title' or 'body', got "),
    (TEST + [{"title": "x", "body": 7, "topic": "world"}], TWO,
     r"test.jsonl:4: expected a label in 'topic' and a non-empty text in 'title' or 'body', got "),
    (TEST + [{"title": "x", "topic": "world"}], TWO,
     r"test.jsonl:4: expected the field 'body', got fields 'title', "),
    ([{"title": "x", "topic": "world"}] + TEST, TWO,  # the first line, which the sniffer reads
     r"test.jsonl:1: expected the field 'body' that columns.text names, got fields 'title', 'topic'$"),
    (TEST, '{label = "topic", text = ["topic", "title"]}', r"the label and the text are both field 'topic'"),
])
def test_a_broken_line_or_hint_is_one_line_exit_2(tmp_path, capsys, rows, columns, message):
    import re

    assert main(["--quiet", "datasets", "check", str(_spec(tmp_path, columns, test=rows))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and re.search(message, err.strip()), err
