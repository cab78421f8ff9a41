"""README's Statistics table said "A vs B, accuracy (one seed): exact McNemar", but a tagging accuracy (POS)
of one seed is tested with a paired bootstrap over sentences: its items are sentences of several tokens,
not one right-or-wrong prediction each. The rows now say which accuracy gets which test; this holds them to
the test the comparison chooses."""
from __future__ import annotations

from pathlib import Path

from wordeval.stats.pair_tests import choose_test

README = Path(__file__).resolve().parents[1].joinpath("README.md").read_text(encoding="utf-8")


def _row(test: str) -> str:
    (row,) = [line for line in README.splitlines() if line.startswith("| A vs B,") and f"| {test}" in line]
    return row


def test_readme_rows_match_the_chosen_tests():
    assert choose_test("mean:correct", 1, 1, binary=True) == "mcnemar"
    assert "right-or-wrong items" in _row("exact McNemar")
    assert choose_test("accuracy:counts", 1, 1, binary=False) == "bootstrap"
    assert "tagging accuracy" in _row("paired bootstrap over items (")
