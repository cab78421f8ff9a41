"""JSON lines (one object per line, as pandas' ``to_json(orient="records", lines=True)`` and Hugging Face
datasets write them) as a classification file. They were sniffed as comma-separated text: the label of
'{"text": "bad film", "label": "neg"}' was '"label": "neg"}' and its text '{"text": "bad film"', with no
error. The expected items come from the json module (the oracle)."""
from __future__ import annotations

import json

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.datasets.types import LabeledText
from wordeval.tasks.spec_file import load_spec_file

TRAIN = [{"id": 0, "text": "bad, boring film", "label": "neg"}, {"id": 1, "text": "good\tgreat\nfilm", "label": "pos"},
         {"id": 2, "text": "dull and slow", "label": "neg"}, {"id": 3, "text": "superb \"and\" moving", "label": "pos"}]
TEST = [{"id": 7, "text": "loved it", "label": "pos"}, {"id": 8, "text": "awful", "label": "neg"}]


def _spec(folder, train, test, extra: str = ""):
    for name, rows in (("train", train), ("test", test)):
        (folder / f"{name}.jsonl").write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                                                      for r in rows), encoding="utf-8")
    spec = folder / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "classification"\n{extra}[files]\ntrain = "train.jsonl"\n'
                    f'test = "test.jsonl"\n', encoding="utf-8")
    return spec


def _items(rows, label="label", text="text"):
    return [LabeledText(r[text], r[label] if isinstance(r[label], str) else json.dumps(r[label])) for r in rows]


def test_json_lines_read_by_their_field_names(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, TRAIN, TEST))[1])
    assert list(ds.splits["train"]) == _items(TRAIN) and list(ds.splits["test"]) == _items(TEST)


def test_number_labels_and_fields_named_by_columns(tmp_path):
    train = [{"review": t["text"], "stars": int(t["label"] == "pos"), "text": "x"} for t in TRAIN]
    test = [{"review": t["text"], "stars": int(t["label"] == "pos"), "text": "x"} for t in TEST]
    spec = _spec(tmp_path, train, test, 'columns = {label = "stars", text = "review"}\n')
    ds = load(load_spec_file(spec)[1])
    assert list(ds.splits["train"]) == _items(train, "stars", "review")
    assert [it.label for it in ds.splits["test"]] == ["1", "0"]


@pytest.mark.parametrize("line, message", [
    ('{"text": "oops", "label": ["a", "b"]}', r"train.jsonl:3: expected one label \(a string or a number\)"),
    ('{"text": "oops", "label": "pos"', r"train.jsonl:3: expected one JSON object per line, got invalid JSON"),
    ('{"sentence": "oops", "label": "pos"}', r"train.jsonl:3: expected the field 'text'"),
    ('{"text": "  ", "label": "pos"}', r"train.jsonl:3: expected a label in 'label' and a non-empty text"),
])
def test_a_broken_line_is_named_and_exits_2(tmp_path, capsys, line, message):
    spec = _spec(tmp_path, TRAIN[:2] + [line] + TRAIN[2:], TEST)
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    import re
    assert re.search(message, err), err


def test_a_field_named_otherwise_in_the_test_file_is_not_blamed_on_columns(tmp_path, capsys):
    """GLUE's SST-2 train file with 'sentence' beside one's own test file with 'text', and no columns in the
    spec: the error said "expected the field 'sentence' that columns.text names", a key the spec never set."""
    train = [{"sentence": r["text"], "label": r["label"]} for r in TRAIN]
    spec = _spec(tmp_path, train, TEST)
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: {tmp_path / 'test.jsonl'}:1: expected the field 'sentence' that "
                   "train.jsonl's first object has for the text, got fields 'id', 'text', 'label'; "
                   "give the files one field name (columns names one for every file)\n")
    named = _spec(tmp_path, train, TEST, 'columns = {text = "sentence"}\n')
    assert main(["datasets", "check", str(named)]) == 2
    assert "that columns.text names, got fields 'id', 'text', 'label'\n" in capsys.readouterr().err
