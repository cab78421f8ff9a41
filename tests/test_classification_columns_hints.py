"""A ``columns`` hint on 'label<TAB>text' lines (the line splits once, into a first and a last field) that the
lines cannot take: ``text = 5`` was dropped without a word and the first field read as the text, the last as
the label; ``label = 0, text = 0`` was read as label first, text last; ``label = 5`` named the data file
alone. Each is now one line naming the spec file and the hint's line, then the data file, exit 2."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.datasets.types import LabeledText
from wordeval.tasks.spec_file import load_spec_file

TRAIN = "pos\tgood film\nneg\tbad film\npos\tgreat movie\nneg\tawful movie\n"
TEST = "pos\tfine\nneg\tdull\n"


def _spec(folder, columns: str, extra: str = ""):
    (folder / "train.tsv").write_text(TRAIN, encoding="utf-8")
    (folder / "test.tsv").write_text(TEST, encoding="utf-8")
    spec = folder / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "classification"\ncolumns = {columns}\n{extra}[files]\n'
                    f'train = "train.tsv"\ntest = "test.tsv"\n', encoding="utf-8")
    return spec


@pytest.mark.parametrize("columns, says", [
    ("{text = 5}", "columns.text = 5: a tab-separated line has the label first (0) or last (-1)"),
    ("{label = 5}", "columns.label = 5: a tab-separated line has the label first (0) or last (-1)"),
    ("{label = 0, text = 0}", "label and text are both column 0"),
    ("{label = -1, text = 1}", "label and text are both column -1"),
])
def test_a_columns_hint_two_fields_cannot_take_names_the_spec_line(tmp_path, capsys, columns, says):
    spec = _spec(tmp_path, columns)
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {spec}:3: {tmp_path / 'train.tsv'}: {says}") and err.count("\n") == 1


def test_a_header_name_with_header_false_names_the_spec_line(tmp_path, capsys):
    spec = _spec(tmp_path, '{label = "label"}', extra="header = false\n")
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wordeval: error: {spec}:3: {tmp_path / 'train.tsv'}: columns names a header column")


@pytest.mark.parametrize("columns", ["{text = -1}", "{text = 1}", "{label = 0, text = 1}", "{label = 0}"])
def test_hints_the_two_fields_can_take_read_label_first(tmp_path, columns):
    ds = load(load_spec_file(_spec(tmp_path, columns))[1])
    assert list(ds.splits["test"]) == [LabeledText("fine", "pos"), LabeledText("dull", "neg")]
