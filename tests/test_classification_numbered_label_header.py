"""Kaggle's copy of AG News starts 'Class Index,Title,Description' over the classes 1-4; the header cells are
no usual column names, so the line was read as a document of a class 'Class Index' in train and in test,
and scored. A first-line label that is no number above labels that all are is a header. Oracle: pandas
reading the same file with its header (``header=0``), and without one where the first line is data."""
from __future__ import annotations

import csv

import pandas as pd

from _ag_news_rows import AG_NEWS_ROWS, quoted_csv_line
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

ROWS = AG_NEWS_ROWS


def _csv(rows, header: bool) -> str:
    out = []
    if header:
        out.append("Class Index,Title,Description")
    out += [quoted_csv_line(r) for r in rows]
    return "\n".join(out) + "\n"


def _dataset(tmp_path, train: str, test: str, suffix: str = "csv"):
    (tmp_path / f"train.{suffix}").write_text(train, encoding="utf-8")
    (tmp_path / f"test.{suffix}").write_text(test, encoding="utf-8")
    spec = tmp_path / "ag.toml"
    spec.write_text(f'name = "ag"\nfamily = "classification"\n[files]\ntrain = "train.{suffix}"\n'
                    f'test = "test.{suffix}"\n', encoding="utf-8")
    return load(load_spec_file(spec)[1])


def _pandas(path, header):
    frame = pd.read_csv(path, header=header, dtype=str, quoting=csv.QUOTE_MINIMAL)
    return [(str(d), str(c)) for c, _, d in frame.itertuples(index=False)]


def test_kaggle_ag_news_header_line_is_no_document(tmp_path):
    ds = _dataset(tmp_path, _csv(ROWS, True), _csv(ROWS[::-1], True))
    for split in ("train", "test"):
        got = [(it.text, it.label) for it in ds.splits[split]]
        assert got == _pandas(tmp_path / f"{split}.csv", 0)
    assert {it.label for it in ds.splits["train"]} == {"1", "2", "3", "4"}


def test_without_the_header_the_first_line_stays_a_document(tmp_path):
    ds = _dataset(tmp_path, _csv(ROWS, False), _csv(ROWS[::-1], False))
    for split in ("train", "test"):
        assert [(it.text, it.label) for it in ds.splits[split]] == _pandas(tmp_path / f"{split}.csv", None)


def test_a_word_label_above_numbered_ones_in_a_tab_separated_file_is_its_header(tmp_path):
    """The same rule for 'label<TAB>text' lines, whose header cells ('Rating', 'Comment') are no usual names."""
    train = "Rating\tComment\n" + "".join(f"{c}\t{d}\n" for c, _, d in ROWS)
    test = "Rating\tComment\n" + "".join(f"{c}\t{d}\n" for c, _, d in ROWS[:6])
    ds = _dataset(tmp_path, train, test, "tsv")
    frame = pd.read_csv(tmp_path / "test.tsv", sep="\t", dtype=str, quoting=csv.QUOTE_NONE)
    assert [(it.text, it.label) for it in ds.splits["test"]] == list(zip(frame["Comment"], frame["Rating"]))
