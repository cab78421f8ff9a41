"""A small excerpt of Zhang et al.'s AG News CSV ('"3","Title","Description"', no header: 8 lines, 4 classes) has
too few lines for its labels to repeat as the sniffer asks, and its lines, quoted end to end, were then read as
space-separated: ``columns = {text = [1, 2]}``, as ``datasets check`` advises for AG News, was refused as 'a
space-separated line has the label first (0) or last (-1)'. Such lines are CSV records, and the one column the
text columns leave is the label. Oracle: pandas reading the same file (``header=None``)."""
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


def test_without_columns_the_csv_reading_names_the_hint_that_settles_it(tmp_path, capsys):
    spec = _spec(tmp_path)
    assert main(["datasets", "check", spec]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: {tmp_path / 'train.csv'}:1: no column holds few distinct short values, so no "
                   "label column was found; set columns = {label = 0, text = 1} (and delimiter) in the spec\n")
