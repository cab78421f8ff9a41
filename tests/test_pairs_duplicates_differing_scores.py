"""A user's similarity or STS file that gives the same pair twice with different gold scores ('cat dog
7.5', later 'dog cat 2.0') got the warning of a plain copy; a contradiction in the file is named by its two
lines and scores and counted (pairs repeated with the same score are copies, named as before). Both are
still kept and scored as written. Expected lines and scores: read off the files below by hand."""
from __future__ import annotations

from wordeval.datasets.parsers_pairs import read_pairs
from wordeval.datasets.parsers_sts import read_semeval, read_sts
from wordeval.datasets.types import WordPair

PAIRS = ("cat\tdog\t7.5\ntiger\tcat\t7.35\nbook\tpaper\t7\ndog\tcat\t2.0\nbook\tpaper\t6\n"
         "car\tauto\t9\ncar\tauto\t9\n")


def test_a_pair_scored_twice_otherwise_names_both_lines_and_scores(tmp_path):
    (tmp_path / "d.tsv").write_text(PAIRS, encoding="utf-8")
    splits, extra = read_pairs({"test": tmp_path / "d.tsv"})
    assert len(splits["test"]) == 7 and splits["test"][3] == WordPair("dog", "cat", 2.0)  # kept as written
    assert extra["warnings"] == [
        "test: 3 duplicated pairs (('cat', 'dog') x2, ('book', 'paper') x2, ('auto', 'car') x2); kept as in "
        "the file; 2 pairs repeated with different scores (the first, ('cat', 'dog'): 7.5 on line 1, 2.0 on "
        "line 4)"]


def test_copies_with_the_same_score_say_nothing_of_scores(tmp_path):
    (tmp_path / "d.tsv").write_text("car\tauto\t9\ntiger\tcat\t7\nauto\tcar\t9.0\n", encoding="utf-8")
    _, extra = read_pairs({"test": tmp_path / "d.tsv"})
    assert extra["warnings"] == ["test: 1 duplicated pair (('auto', 'car') x2); kept as in the file"]


def test_a_header_and_comments_count_in_the_lines(tmp_path):
    (tmp_path / "d.csv").write_text("w1,w2,score\n# rated twice\ncat,dog,7.5\ntiger,cat,7\ncat,dog,2\n",
                                    encoding="utf-8")
    _, extra = read_pairs({"test": tmp_path / "d.csv"}, sep="comma", header=True, comment="#")
    [warning] = extra["warnings"]
    assert warning.endswith("; 1 pair repeated with different scores (the first, ('cat', 'dog'): 7.5 on "
                            "line 3, 2.0 on line 5)"), warning


def test_an_sts_file(tmp_path):
    (tmp_path / "s.tsv").write_text("A cat sat.\tA dog sat.\t4.0\nA man ran.\tA man walked.\t3\n"
                                    "A cat sat.\tA dog sat.\t1.5\n", encoding="utf-8")
    splits, extra = read_sts({"test": tmp_path / "s.tsv"})
    assert [p.score for p in splits["test"]] == [4.0, 3.0, 1.5]
    assert extra["warnings"] == [
        "test: 1 duplicated sentence pair (('A cat sat.', 'A dog sat.') x2); kept as in the file; 1 "
        "sentence pair repeated with different scores (the first, ('A cat sat.', 'A dog sat.'): 4.0 on "
        "line 1, 1.5 on line 3)"]


def test_semeval_files_name_the_gold_file_and_its_line(tmp_path):
    inputs = "A cat sat.\tA dog sat.\nA man ran.\tA man walked.\nA cat sat.\tA dog sat.\n"
    (tmp_path / "STS.input.news.txt").write_text(inputs, encoding="utf-8")
    (tmp_path / "STS.gs.news.txt").write_text("4\n3\n1.5\n", encoding="utf-8")
    _, extra = read_semeval({"test": tmp_path / "STS.input.news.txt"})
    [warning] = [w for w in extra["warnings"] if "duplicated" in w]
    assert warning.endswith("(the first, ('A cat sat.', 'A dog sat.'): 4.0 on STS.gs.news.txt:1, 1.5 on "
                            "STS.gs.news.txt:3)"), warning
