"""A classification spec that names its columns by the header line's cells, as README's ``columns`` allows
("0-based indices or header names"), without also saying ``header = true``: a CSV whose first line is
'text,sentiment,topic' with ``columns = {label = "topic"}`` was refused as having no header, and GLUE's SST-2
layout ('sentence<TAB>label') with ``columns = {label = "label"}`` as not 0 or -1. The expected items are
written out by hand from the fixture text."""
from __future__ import annotations

import pytest

from wordeval.datasets.load import load
from wordeval.datasets.types import LabeledText
from wordeval.errors import ConfigError
from wordeval.tasks.spec_file import load_spec_file


def _load(folder, columns: str, train: str, test: str, suffix: str, extra: str = ""):
    (folder / f"train.{suffix}").write_text(train, encoding="utf-8")
    (folder / f"test.{suffix}").write_text(test, encoding="utf-8")
    spec = folder / "t.toml"
    spec.write_text(f'name = "t"\nfamily = "classification"\nprotocol = "split"\ncolumns = {columns}\n{extra}'
                    f'[files]\ntrain = "train.{suffix}"\ntest = "test.{suffix}"\n', encoding="utf-8")
    return load(load_spec_file(spec)[1])


CSV_TRAIN = "text,sentiment,topic\ngreat goal,pos,sport\ndull price,neg,money\nloved bank,pos,money\n"
CSV_TEST = "text,sentiment,topic\nawful market,neg,money\nsuperb team,pos,sport\n"


def test_a_csv_label_named_by_its_header_cell(tmp_path):
    ds = _load(tmp_path, '{label = "topic"}', CSV_TRAIN, CSV_TEST, "csv")
    assert list(ds.splits["train"]) == [LabeledText("great goal", "sport"),
                                        LabeledText("dull price", "money"),
                                        LabeledText("loved bank", "money")]
    assert list(ds.splits["test"]) == [LabeledText("awful market", "money"),
                                       LabeledText("superb team", "sport")]


def test_a_test_file_whose_header_puts_the_named_column_elsewhere_is_another_layout(tmp_path):
    test = "topic,text,sentiment\nmoney,awful market,neg\n"  # another column order
    with pytest.raises(ConfigError, match="different layout"):
        _load(tmp_path, '{label = "topic"}', CSV_TRAIN, test, "csv")


@pytest.mark.parametrize("columns", ['{label = "label"}', '{text = "sentence"}', '{label = "LABEL"}'])
def test_glue_sst2_label_named_by_its_header_cell(tmp_path, columns):
    train = "sentence\tlabel\ngreat goal\t1\ndull price\t0\nloved bank\t1\n"
    ds = _load(tmp_path, columns, train, "sentence\tlabel\nawful market\t0\n", "tsv")
    assert list(ds.splits["train"]) == [LabeledText("great goal", "1"),
                                        LabeledText("dull price", "0"), LabeledText("loved bank", "1")]
    assert list(ds.splits["test"]) == [LabeledText("awful market", "0")]


def test_a_name_the_header_line_does_not_hold_is_refused_at_its_line(tmp_path):
    train = "sentence\tlabel\ngreat goal\t1\ndull price\t0\n"
    with pytest.raises(ConfigError, match=r"train.tsv:1: columns.label = 'polarity' is neither the first"):
        _load(tmp_path, '{label = "polarity"}', train, "sentence\tlabel\nawful market\t0\n", "tsv")
    with pytest.raises(ConfigError, match=r"train.tsv: columns names a header column .* but header = false"):
        _load(tmp_path, '{label = "label"}', train, "sentence\tlabel\nawful market\t0\n", "tsv",
              extra="header = false\n")
