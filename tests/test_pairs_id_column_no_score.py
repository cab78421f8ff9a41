"""A word-pair file 'id word1 word2' with no score column: the refusal advised ``score = 0``, the id column, and
a user who took the advice scored the pair ids as gold. The advice names the words and says the numbers are ids;
a score standing before the words ('7 cat dog') is still advised as the score."""
from __future__ import annotations

import pytest

from wordeval.datasets.sniff import sniff
from wordeval.errors import ConfigError


@pytest.mark.parametrize("name, text", [
    ("ids.txt", "1 cat dog\n2 car bus\n3 sun moon\n"),
    ("ids.csv", "101,cat,dog\n102,car,bus\n103,sun,moon\n"),
    ("named.tsv", "id\tword1\tword2\n1\tcat\tdog\n2\tcar\tbus\n"),
    ("pair_id.tsv", "pair_ID\tword1\tword2\n7\tcat\tdog\n3\tcar\tbus\n")])
def test_id_column_is_never_advised_as_the_score(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        sniff("similarity", {"test": path}, {})
    message = str(err.value)
    assert "score = 0" not in message
    assert "word1 = 1, word2 = 2, score = ...}" in message and "column 0 holds ids" in message


def test_scores_before_the_words_are_still_advised(tmp_path):
    path = tmp_path / "first.txt"
    path.write_text("7 cat dog\n3 car bus\n7 sun moon\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"first\.txt:1: .*columns = \{word1 = 1, word2 = 2, score = 0\}"):
        sniff("similarity", {"test": path}, {})
