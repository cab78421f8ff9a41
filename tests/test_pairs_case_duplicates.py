"""Duplicated similarity pairs were found as written only: ('Tiger', 'cat') and ('tiger', 'cat') are one pair
wherever the case policy lowercases (case = lower, the default exact-then-lower on GloVe's lowercased
vocabulary), and no warning said so. Both spellings are now named; the pairs are kept and scored as before."""
from __future__ import annotations

from wordeval.datasets.parsers_pairs import read_pairs
from wordeval.datasets.types import WordPair

TEXT = "Tiger\tcat\t7.0\ntiger\tcat\t7.35\ncar\tauto\t9\nmoney\tcash\t9.1\nCash\tMoney\t9\nbook\tpaper\t5\n"


def test_pairs_differing_only_in_case_are_named_with_both_spellings(tmp_path):
    (tmp_path / "d.tsv").write_text(TEXT, encoding="utf-8")
    splits, extra = read_pairs({"test": tmp_path / "d.tsv"})
    # every pair kept, as written: the scores do not move
    assert splits["test"] == [WordPair(*line.split("\t")[:2], float(line.split("\t")[2]))
                              for line in TEXT.splitlines()]
    [warning] = extra["warnings"]  # no exact duplicate here, so only the case one
    assert warning.startswith("test: 2 pairs differing from another only in case"), warning
    assert "('Tiger', 'cat') / ('tiger', 'cat')" in warning
    assert "('money', 'cash') / ('Cash', 'Money')" in warning
    assert "case = lower" in warning


def test_exact_duplicates_alone_give_no_case_warning(tmp_path):
    (tmp_path / "d.tsv").write_text("money\tcash\t9.15\ncash\tmoney\t9.08\ntiger\tcat\t7.35\n",
                                    encoding="utf-8")
    _, extra = read_pairs({"test": tmp_path / "d.tsv"})
    # 9.15 and 9.08, as WS353 has them: the warning says so (tests/test_pairs_duplicates_differing_scores.py)
    assert extra["warnings"] == ["test: 1 duplicated pair (('cash', 'money') x2); kept as in the file; 1 "
                                 "pair repeated with different scores (the first, ('cash', 'money'): 9.15 on "
                                 "line 1, 9.08 on line 2)"]


def test_no_warning_without_repeats(tmp_path):
    (tmp_path / "d.tsv").write_text("Tiger\tcat\t7\ncar\tauto\t9\nbook\tpaper\t5\n", encoding="utf-8")
    _, extra = read_pairs({"test": tmp_path / "d.tsv"})
    assert "warnings" not in extra


def test_one_case_variant_is_counted_in_the_singular(tmp_path):
    """It read "1 pairs differing from another only in case"."""
    (tmp_path / "d.tsv").write_text("Tiger\tcat\t7\ntiger\tcat\t7\nbook\tpaper\t5\n", encoding="utf-8")
    _, extra = read_pairs({"test": tmp_path / "d.tsv"})
    [warning] = extra["warnings"]
    assert warning.startswith("test: 1 pair differing from another only in case ("), warning
