"""Pair files whose lines hold a text column besides the two words. Oracle: the pairs as the dataset's authors
lay them out, written out by hand from the tiny files below (WordSim353's wordsim353_agreed.txt: a relation
class, the two words, the combined score)."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.datasets.types import WordPair
from wordeval.errors import ConfigError

AGREED = ("# The WordSimilarity-353 agreed annotation\n"
          "# Relation\tword1\tword2\tscore\n"
          "t\tlove\tsex\t6.77\n"
          "h\ttiger\tcat\t7.35\n"
          "i\ttiger\ttiger\t10.00\n"
          "M\tcomputer\tkeyboard\t7.62\n"
          "S\tking\tqueen\t8.58\n")


def test_wordsim353_agreed_relation_column_is_not_a_word(tmp_path):
    """The one-letter relation class was read as word1 and the first word as word2 on every line."""
    path = tmp_path / "wordsim353_agreed.txt"
    path.write_text(AGREED, encoding="utf-8")
    name, options, notes = sniff("similarity", {"test": path}, {})
    splits, _ = reader(name)({"test": path}, **options)
    assert splits["test"] == [WordPair("love", "sex", 6.77), WordPair("tiger", "cat", 7.35),
                              WordPair("tiger", "tiger", 10.0), WordPair("computer", "keyboard", 7.62),
                              WordPair("king", "queen", 8.58)]
    assert any("column(s) 0 hold" in n and "one-letter labels" in n for n in notes)


def test_a_third_text_column_before_the_score_is_an_ambiguity_named_at_its_line(tmp_path):
    """'p1<TAB>car<TAB>automobile<TAB>3.92': the id was silently paired with 'car'."""
    path = tmp_path / "ids.tsv"
    path.write_text("# pairs with their ids\np1\tcar\tautomobile\t3.92\np2\tgem\tjewel\t3.84\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"ids\.tsv:2: cannot tell the two word columns: columns 0, 1, 2 .*"
                                          r"set columns = \{word1 = \.\.\., word2 = \.\.\.\}"):
        sniff("similarity", {"test": path}, {})
    name, options, _ = sniff("similarity", {"test": path}, {"columns": {"word1": 1, "word2": 2}})
    splits, _ = reader(name)({"test": path}, **options)
    assert splits["test"] == [WordPair("car", "automobile", 3.92), WordPair("gem", "jewel", 3.84)]


def test_the_ambiguity_is_one_line_and_exit_2_from_the_command_line(tmp_path, capsys):
    from wordeval.cli import main

    (tmp_path / "ids.tsv").write_text("p1\tcar\tautomobile\t3.92\np2\tgem\tjewel\t3.84\n", encoding="utf-8")
    (tmp_path / "ids.toml").write_text('name = "ids"\nfamily = "similarity"\n[files]\ntest = "ids.tsv"\n',
                                       encoding="utf-8")
    assert main(["datasets", "check", str(tmp_path / "ids.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ids.tsv:1: cannot tell the two word columns" in err
