"""A tab-separated analogy file with a header 'word1 word2 word3 word4 category': word4 names the target in a
four-column header, but over five columns the file was refused as "5 space-separated words, expected 4 ...
separate the four items with tabs", which it does. The header now reads as a vecto CSV (word4 the target,
category the section), and five tab-separated fields without a header are named as such."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.datasets.types import AnalogyQuestion
from wordeval.errors import ConfigError


def test_word4_header_over_five_columns(tmp_path):
    path = tmp_path / "a.tsv"
    path.write_text("word1\tword2\tword3\tword4\tcategory\nking\tqueen\tman\twoman\tgender\n"
                    "paris\tfrance\tberlin\tgermany\tcapital\n", encoding="utf-8")
    name, options, _ = sniff("analogy", {"test": path}, {})
    splits, extra = reader(name)({"test": path}, **options)
    assert splits["test"] == [AnalogyQuestion("king", "queen", "man", ("woman",), "gender"),
                              AnalogyQuestion("paris", "france", "berlin", ("germany",), "capital")]
    assert extra["sections"] == ["gender", "capital"]


def test_five_tab_separated_fields_without_a_header_are_named(tmp_path):
    path = tmp_path / "a.tsv"
    path.write_text("king\tqueen\tman\twoman\tgender\nparis\tfrance\tberlin\tgermany\tcapital\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"a\.tsv:1: 5 tab-separated fields, expected 4 \(a b c d\)"):
        sniff("analogy", {"test": path}, {})
