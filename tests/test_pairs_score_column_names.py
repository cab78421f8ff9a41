"""A similarity file whose header names a later numeric column as the score: 'word1 word2 raters mean'. The
sniffer took the first numeric column after the words (the rater counts) and said so only in a note, so the
Spearman was against the number of raters. Now it is an error naming the file, the line and columns.score;
with columns.score the named column is read. SimLex-999's layout (the score first, named) is unchanged."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.errors import ConfigError

TEXT = "word1\tword2\traters\tmean\nking\tqueen\t10\t8.5\nman\twoman\t12\t7.0\ncar\tautomobile\t9\t9.5\n"


def test_header_naming_a_later_score_column_is_an_error(tmp_path):
    path = tmp_path / "sim.tsv"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sim\.tsv:1: cannot tell the score column: column 2 \('raters'\) .*"
                                          r"column 3 \('mean'\) as a score; set columns\.score"):
        sniff("similarity", {"test": path}, {})
    for score in ("mean", 3):
        name, options, _ = sniff("similarity", {"test": path}, {"columns": {"score": score}})
        pairs = reader(name)({"test": path}, **options)[0]["test"]
        assert [p.score for p in pairs] == [8.5, 7.0, 9.5]


def test_named_first_score_column_is_read_as_before(tmp_path):
    path = tmp_path / "simlex.txt"
    path.write_text("word1\tword2\tPOS\tSimLex999\tconc(w1)\tconc(w2)\nold\tnew\tA\t1.58\t2.72\t2.81\n"
                    "smart\tintelligent\tA\t9.2\t1.75\t2.46\nhard\tdifficult\tA\t8.77\t3.76\t2.21\n", encoding="utf-8")
    name, options, _ = sniff("similarity", {"test": path}, {})
    assert options["columns"] == (0, 1, 3)
    assert [p.score for p in reader(name)({"test": path}, **options)[0]["test"]] == [1.58, 9.2, 8.77]
