"""Scores of a European spreadsheet's export: whole numbers as '7', the others as '3,5', in one semicolon- or
tab-separated column. The layout was found from the whole numbers alone, the decimal comma was not sniffed,
and the file was refused at its first '3,5'. A file that writes some number with a point keeps the point."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.errors import InputFormatError


def _read(family, path):
    name, options, notes = sniff(family, {"test": path}, {})
    return options, notes, reader(name)({"test": path}, **options)[0]["test"]


def test_similarity_scores_with_whole_numbers_and_decimal_commas(tmp_path):
    path = tmp_path / "sim.csv"
    path.write_text("Word 1;Word 2;Score\r\ncafé;tea;3,5\r\nman;woman;7\r\ncar;automobile;9\r\nsea;ocean;10\r\n"
                    "sun;moon;0,25\r\n", encoding="utf-8")
    options, notes, pairs = _read("similarity", path)
    assert options["decimal"] == "," and [p.score for p in pairs] == [3.5, 7.0, 9.0, 10.0, 0.25]
    assert any("decimal comma" in n for n in notes)


def test_sts_scores_with_whole_numbers_and_decimal_commas(tmp_path):
    path = tmp_path / "sts.tsv"
    path.write_text("A man is playing a guitar.\tA man plays the guitar.\t5\n"
                    "A dog runs in the park.\tA cat sleeps on a sofa.\t0,8\n"
                    "A woman is slicing an onion.\tA woman cuts an onion.\t4\n"
                    "A man is driving a car.\tA man is riding a horse.\t1\n"
                    "A plane is taking off.\tAn airplane departs.\t5\n"
                    "Two kids are playing outside.\tChildren play outdoors.\t4,2\n", encoding="utf-8")
    options, _, pairs = _read("sts", path)
    assert options["decimal"] == "," and [p.score for p in pairs] == [5.0, 0.8, 4.0, 1.0, 5.0, 4.2]


def test_a_number_with_a_point_keeps_the_point(tmp_path):
    path = tmp_path / "sim.tsv"
    path.write_text("cafe\ttea\t3.5\nman\twoman\t7\nsea\tocean\t8\ncar\tautomobile\t1,5\nsun\tmoon\t2\n",
                    encoding="utf-8")
    name, options, _ = sniff("similarity", {"test": path}, {})
    assert "decimal" not in options
    with pytest.raises(InputFormatError, match=r"sim\.tsv:4: expected a similarity score, got '1,5'"):
        reader(name)({"test": path}, **options)
