"""A spreadsheet's export ends with empty rows where cells were once formatted: ',,' in a comma file, ';;' in a
European locale's semicolon file. The similarity reader skipped ',,' but refused ';;' ("two non-empty
words"), and the analogy readers refused both (',,,' in an 'a b c d' file, ',,,,' under a vecto header)."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.datasets.types import AnalogyQuestion, WordPair


def _read(family, path):
    name, options, _ = sniff(family, {"test": path}, {})
    return reader(name)({"test": path}, **options)[0]["test"]


@pytest.mark.parametrize("sep", [",", ";"])
def test_similarity_file_with_empty_rows(tmp_path, sep):
    path = tmp_path / "sim.csv"
    path.write_text(f"Word 1{sep}Word 2{sep}Score\r\nking{sep}queen{sep}8.5\r\nman{sep}woman{sep}7\r\n"
                    f"car{sep}automobile{sep}9.5\r\n{sep}{sep}\r\n{sep}{sep}\r\n", encoding="utf-8")
    assert _read("similarity", path) == [WordPair("king", "queen", 8.5), WordPair("man", "woman", 7.0),
                                         WordPair("car", "automobile", 9.5)]


@pytest.mark.parametrize("sep", [",", ";"])
def test_analogy_file_with_empty_rows(tmp_path, sep):
    path = tmp_path / "a.csv"
    path.write_text(sep.join("king queen man woman".split()) + "\r\n" + sep.join("man woman boy girl".split())
                    + f"\r\n{sep * 3}\r\n", encoding="utf-8")
    assert _read("analogy", path) == [AnalogyQuestion("king", "queen", "man", ("woman",), "all"),
                                      AnalogyQuestion("man", "woman", "boy", ("girl",), "all")]


def test_vecto_csv_with_empty_rows(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("word1,word2,word3,target,type\r\nking,queen,man,woman,g\r\n,,,,\r\n", encoding="utf-8")
    assert _read("analogy", path) == [AnalogyQuestion("king", "queen", "man", ("woman",), "g")]
