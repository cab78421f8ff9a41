"""One broken record among many well-formed 'label,text' CSV records or 'label<TAB>text' lines (a record with a
comma too many, a missing label) made the sniffer give up the file's layout: the CSV was read as
space-separated and the error named the TEST file's header line ('expected ... last space-separated field
is the label, got 'label,text''), and a TSV line without its label was 'no first or last field holds few
distinct short values' at line 1. The error now names the broken record's own file and line."""
from __future__ import annotations

import pytest

from wordeval.cli import main

GOOD = [("pos", "good film nice"), ("neg", "bad plot awful"), ("pos", "great story"), ("neg", "poor scene"),
        ("pos", "nice actor"), ("neg", "awful film")] * 4  # 24 records


def _write(folder, ext: str, train: list[str], test: list[str]):
    (folder / f"train.{ext}").write_text("".join(train), encoding="utf-8")
    (folder / f"test.{ext}").write_text("".join(test), encoding="utf-8")
    spec = folder / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "classification"\n[files]\ntrain = "train.{ext}"\n'
                    f'test = "test.{ext}"\n', encoding="utf-8")
    return spec


@pytest.mark.parametrize("bad, says", [
    ("neg,bad film,extra\n", "expected 2 comma-separated columns, got 3"),
    (",bad film\n", "expected a label and a text (first comma-separated field is the label), got ',bad film'"),
    # the record as written, not its fields joined again ('neg,', which is not in the file)
    ('neg,""\n', "expected a label and a text (first comma-separated field is the label), got 'neg,\"\"'"),
    ('neg,"  "\n', "expected a label and a text (first comma-separated field is the label), "
                  "got 'neg,\"  \"'"),
])
def test_a_broken_csv_record_is_named_at_its_line(tmp_path, capsys, bad, says):
    rows = ["label,text\n"] + [f"{label},{text}\n" for label, text in GOOD]
    spec = _write(tmp_path, "csv", rows[:6] + [bad] + rows[6:], ["label,text\n", "pos,fine\n", "neg,dull\n"])
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err == f"wordeval: error: {tmp_path / 'train.csv'}:7: {says}\n"


def test_a_tsv_line_without_its_label_is_named_at_its_line(tmp_path, capsys):
    rows = [f"{label}\t{text}\n" for label, text in GOOD]
    spec = _write(tmp_path, "tsv", rows[:5] + ["\tbad film\n"] + rows[5:], ["pos\tfine\n", "neg\tdull\n"])
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: {tmp_path / 'train.tsv'}:6: expected a label and a text (first "
                   f"tab-separated field is the label), got '\\tbad film'\n")
