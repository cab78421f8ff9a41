"""A small excerpt of Zhang et al.'s AG News CSV ('"3","Title","Description"', no header: 8 lines, 4 classes) has
too few lines for its labels to repeat as the sniffer asks, and its lines, quoted end to end, were then read as
space-separated: ``columns = {text = [1, 2]}``, as ``datasets check`` advises for AG News, was refused as 'a
space-separated line has the label first (0) or last (-1)'. Such lines are CSV records, and the one column the
text columns leave is the label. Without ``columns`` the 8 lines were refused ('no column holds few distinct
short values'), where a 9th line let the labels repeat: beside texts, the one column of a single word on every
quoted record is the label, and the small file reads as the large one does. Oracle: pandas reading the same
file (``header=None``)."""
from __future__ import annotations

import pandas as pd

from _ag_news_rows import AG_NEWS_ROWS, quoted_csv_line
from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

ROWS = AG_NEWS_ROWS[:8]


def _spec(tmp_path, columns: str = "") -> str:
    for split, rows in (("train", ROWS), ("test", ROWS[::-1])):
        (tmp_path / f"{split}.csv").write_text(
            "".join(quoted_csv_line(r) + "\n" for r in rows), encoding="utf-8")
    spec = tmp_path / "ag.toml"
    spec.write_text(f'name = "ag"\nfamily = "classification"\n{columns}[files]\ntrain = "train.csv"\n'
                    'test = "test.csv"\n', encoding="utf-8")
    return str(spec)


def test_the_text_columns_named_leave_the_label_of_a_small_quoted_csv(tmp_path):
    ds = load(load_spec_file(_spec(tmp_path, "columns = {text = [1, 2]}\n"))[1])
    for split in ("train", "test"):
        frame = pd.read_csv(tmp_path / f"{split}.csv", header=None, dtype=str)
        assert [(it.text, it.label) for it in ds.splits[split]] == [
            (f"{title} {description}", label) for label, title, description in frame.itertuples(index=False)]


def _reading(tmp_path, rows) -> dict:
    folder = tmp_path / str(len(rows))
    folder.mkdir()
    for split, split_rows in (("train", rows), ("test", rows[::-1])):
        (folder / f"{split}.csv").write_text("".join(quoted_csv_line(r) + "\n" for r in split_rows),
                                             encoding="utf-8")
    spec = folder / "ag.toml"
    spec.write_text('name = "ag"\nfamily = "classification"\n[files]\ntrain = "train.csv"\ntest = "test.csv"\n',
                    encoding="utf-8")
    ds = load(load_spec_file(str(spec))[1])
    for split in ("train", "test"):
        frame = pd.read_csv(folder / f"{split}.csv", header=None, dtype=str)
        # the label in column 0, the longest column (the description) the text, as pandas reads the fields
        assert [(it.text, it.label) for it in ds.splits[split]] == [
            (description, label) for label, _, description in frame.itertuples(index=False)]
    return ds.metadata["reader_options"]


def test_without_columns_a_small_quoted_csv_reads_as_a_large_one(tmp_path):
    # 9 lines were enough before: the 8 lines' 4 labels did not repeat as the sniffer asked
    assert _reading(tmp_path, AG_NEWS_ROWS[:8]) == _reading(tmp_path, AG_NEWS_ROWS) == {
        "sep": "comma", "label_column": 0, "text_column": 2, "n_columns": 3}


def test_four_lines_of_four_classes_read_too(tmp_path):
    rows = [AG_NEWS_ROWS[i] for i in (0, 2, 3, 4)]
    assert sorted(r[0] for r in rows) == ["1", "2", "3", "4"]
    assert _reading(tmp_path, rows)["label_column"] == 0


def test_unquoted_lines_still_name_the_hint_that_settles_them(tmp_path, capsys):
    # without quotes the CSV reading is not plain: "3,Talks Resume,Diplomats resumed talks" could be a
    # sentence with commas; the small file is refused naming the hint, as before (one line)
    for split in ("train", "test"):
        (tmp_path / f"{split}.csv").write_text("".join(f"{label},{title},{text.replace(',', '')}\n"
                                                       for label, title, text in ROWS), encoding="utf-8")
    spec = tmp_path / "ag.toml"
    spec.write_text('name = "ag"\nfamily = "classification"\n[files]\ntrain = "train.csv"\ntest = "test.csv"\n',
                    encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {tmp_path / 'train.csv'}:1: ") and err.count("\n") == 1
    assert err.endswith("holds few distinct short values, so no label column was found; set columns = "
                        "{label = 0, text = 1} (and delimiter) in the spec\n")


def test_an_id_beside_the_label_is_still_the_spec_s_to_settle(tmp_path, capsys):
    # two columns of one word on every line (a row id and the class): which is the label is not plain
    rows = [(str(100 + i), *row) for i, row in enumerate(ROWS)]
    spec = _spec(tmp_path)
    for split in ("train", "test"):
        (tmp_path / f"{split}.csv").write_text("".join(quoted_csv_line(r) + "\n" for r in rows), encoding="utf-8")
    assert main(["datasets", "check", spec]) == 2
    assert "no column holds few distinct short values" in capsys.readouterr().err
