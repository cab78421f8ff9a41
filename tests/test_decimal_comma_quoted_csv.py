"""A comma-separated pair or STS file whose scores carry a decimal comma, as pandas' ``to_csv(decimal=",")``
writes it: the score is a quoted field ("7,5"). Oracle: the scores as written, read by hand."""
from __future__ import annotations

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.datasets.types import WordPair

# the bytes of pandas.DataFrame.to_csv(index=False, decimal=",") for these three pairs
PANDAS_DECIMAL_COMMA = 'word1,word2,score\nNew York,city,"7,5"\nice cream,dessert,"8,0"\nking,queen,"3,25"\n'


def _read(family, path, hints=None):
    name, options, notes = sniff(family, {"test": path}, hints or {})
    splits, _ = reader(name)({"test": path}, **options)
    return options, notes, splits["test"]


def test_quoted_decimal_comma_scores_in_a_comma_separated_pair_file_are_sniffed(tmp_path):
    """It was refused: 'no layout of two words and a numeric score column found'."""
    path = tmp_path / "pairs.csv"
    path.write_text(PANDAS_DECIMAL_COMMA, encoding="utf-8")
    options, notes, pairs = _read("similarity", path)
    assert options["decimal"] == "," and any("decimal comma" in n for n in notes)
    assert pairs == [WordPair("New York", "city", 7.5), WordPair("ice cream", "dessert", 8.0),
                     WordPair("king", "queen", 3.25)]


def test_quoted_decimal_comma_scores_in_a_comma_separated_sts_file_are_sniffed(tmp_path):
    path = tmp_path / "sts.csv"
    path.write_text('sentence1,sentence2,score\nA man plays a flute.,A man is playing a flute.,"3,8"\n'
                    'Three men play chess.,"Two men, at a table, play chess.","2,6"\n', encoding="utf-8")
    options, _, pairs = _read("sts", path, {"delimiter": "comma"})  # STS files are sniffed as tab-separated
    assert options["decimal"] == ","
    assert [(p.sentence2, p.score) for p in pairs] == [("A man is playing a flute.", 3.8),
                                                        ("Two men, at a table, play chess.", 2.6)]
