"""Comma- and semicolon-separated ``a b c d`` analogy files are CSV records, as the README says and the sniffer
reads them: the reader split every line at each comma, so a quoted word ('"berlin"', as spreadsheets write
it) kept its quotes and its question was silently out of vocabulary, and '"washington, d.c."' made five
fields. The oracle is Python's csv module."""
from __future__ import annotations

import csv
import io

import pytest

from wordeval.datasets.load import load
from wordeval.errors import InputFormatError
from wordeval.tasks.spec_file import load_spec_file

TEXTS = {",": 'athens,greece,paris,france\n"berlin",germany,"rome",italy\nusa,"washington, d.c.",france,paris\n',
         ";": 'athens;greece;paris;france\n"berlin";germany;"rome";italy\nusa;"washington, d.c.";france;paris\n'}


def _dataset(tmp_path, text: str, name: str = "q.csv"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "q.toml").write_text(f'name = "q"\nfamily = "analogy"\n[files]\ntest = "{name}"\n',
                                     encoding="utf-8")
    return load(load_spec_file(tmp_path / "q.toml")[1])


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_quoted_fields_are_read_as_csv_records(tmp_path, delimiter):
    text = TEXTS[delimiter]
    expected = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    questions = _dataset(tmp_path, text).splits["test"]
    assert [[q.a, q.b, q.c, *q.answers] for q in questions] == expected
    assert questions[1].a == "berlin" and questions[2].b == "washington, d.c."


def test_an_unclosed_quote_names_its_line(tmp_path):
    with pytest.raises(InputFormatError, match=r"q\.csv:2:"):
        _dataset(tmp_path, 'athens,greece,paris,france\n"berlin,germany,rome,italy\nparis,france,rome,italy\n')
