"""AG News' CSV ('"class","title","description"', no header) was read with the longest column as the text:
the title was dropped without a word, where the usual reading (Hugging Face's ag_news text field; Zhang et al.
2015's char-CNN setup) joins title and description. ``columns.text`` now takes a list of columns (indexes, or
names under a header), whose fields are joined by a single space in the given order; ``datasets check``
and the record's reader options show the list. Without the hint the sniffer still takes the longest column,
and its note says which it took and how to read both."""
from __future__ import annotations

import csv
import json

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

TOPICS = {"1": "World", "2": "Sports", "3": "Business", "4": "Sci/Tech"}


def _rows(n: int, offset: int) -> list[tuple[str, str, str]]:
    return [(str(i % 4 + 1), f"{TOPICS[str(i % 4 + 1)]} headline {i + offset}",
             f"Reuters - a longer description of story {i + offset}, with several words in it.")
            for i in range(n)]


def _spec(folder, columns: str = "", header: list[str] | None = None, order=(0, 1, 2)):
    rows = {"train": _rows(20, 0), "test": _rows(8, 100)}
    for split, items in rows.items():
        with open(folder / f"{split}.csv", "w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh, quoting=csv.QUOTE_ALL, lineterminator="\n")
            if header:
                out.writerow([header[i] for i in order])
            out.writerows([[r[i] for i in order] for r in items])
    spec = folder / "ag.toml"
    spec.write_text(f'name = "agnews"\nfamily = "classification"\n{columns}\n[files]\ntrain = "train.csv"\n'
                    'test = "test.csv"\n', encoding="utf-8")
    return spec, rows


def _texts(spec):
    return {split: [(it.label, it.text) for it in items] for split, items in load(load_spec_file(spec)[1]).splits.items()}


def test_title_and_description_are_joined_by_a_space_in_order(tmp_path):
    spec, rows = _spec(tmp_path, "columns = {text = [1, 2]}")
    assert _texts(spec) == {s: [(c, f"{t} {d}") for c, t, d in r] for s, r in rows.items()}


def test_the_given_order_is_kept(tmp_path):
    spec, rows = _spec(tmp_path, "columns = {label = 0, text = [2, 1]}")
    assert _texts(spec)["test"] == [(c, f"{d} {t}") for c, t, d in rows["test"]]


def test_header_names_each_file_by_its_own_header(tmp_path):
    spec, rows = _spec(tmp_path, 'columns = {label = "class", text = ["title", "description"]}',
                       header=["class", "title", "description"], order=(2, 0, 1))
    assert _texts(spec) == {s: [(c, f"{t} {d}") for c, t, d in r] for s, r in rows.items()}


def test_check_shows_the_columns_and_the_record_options(tmp_path, capsys):
    spec, _ = _spec(tmp_path, "columns = {text = [1, 2]}")
    assert main(["datasets", "check", str(spec)]) == 0
    out = capsys.readouterr().out
    assert '"text_column": [1, 2]' in out and "text = columns 1, 2 joined by a space" in out
    assert main(["datasets", "check", str(spec), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["reader_options"]["text_column"] == [1, 2]


def test_without_the_hint_the_note_says_which_column_was_taken_and_how_to_join(tmp_path, capsys):
    spec, rows = _spec(tmp_path)
    assert main(["datasets", "check", str(spec)]) == 0
    out = capsys.readouterr().out
    assert "train.csv: column 1 holds texts too; took column 2 (the longest) alone" in out
    assert "set columns.text = [1, 2] in the spec" in out
    assert _texts(spec)["test"] == [(c, d) for c, _, d in rows["test"]]  # the sniffed reading is unchanged


@pytest.mark.parametrize("columns, says", [
    ("columns = {text = []}", "expected a list of distinct 0-based column indexes or header names"),
    ("columns = {text = [1, 1]}", "expected a list of distinct 0-based column indexes or header names"),
    ("columns = {label = 0, text = [0, 2]}", "names column 0, the label's, or one column twice"),
    ("columns = {text = [1, 5]}", "columns.text = 5, but the lines have 3 columns"),
])
def test_a_bad_list_is_one_line_at_the_spec_line(tmp_path, capsys, columns, says):
    spec, _ = _spec(tmp_path, columns)
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {spec}:3: ") and says in err and err.count("\n") == 1


def test_a_two_field_tab_file_refuses_a_list(tmp_path, capsys):
    (tmp_path / "train.tsv").write_text("".join(f"{'pos' if i % 2 else 'neg'}\tdoc {i}\n" for i in range(12)))
    (tmp_path / "test.tsv").write_text("pos\tfine\nneg\tdull\n")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "classification"\ncolumns = {text = [0, 1]}\n[files]\n'
                    'train = "train.tsv"\ntest = "test.tsv"\n')
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {spec}:3: ") and err.count("\n") == 1
