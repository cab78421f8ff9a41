"""A '#' line in a similarity file is a comment unless it reads as a pair, since a word may be a hashtag
('#love'). A comment such as '# version 2' in a space-separated file reads as three fields, a word, a word
and a number, so it was kept as the pair ('#', 'version', 2.0): one more item in n_total, scored as worst
under --oov penalize. A first field that is the comment prefix alone is no hashtag: such a line is a
comment now, and '#love' pairs stay pairs."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff

PAIRS = [("cat", "dog", 7.5), ("car", "automobile", 9.1), ("#love", "romance", 8.0), ("king", "queen", 6.0)]


@pytest.mark.parametrize("sep", [" ", "\t"])
def test_prefix_alone_starts_a_comment(tmp_path, sep):
    lines = ["# version 2"] + [sep.join(map(str, p)) for p in PAIRS] + [sep.join(("#", "n", "4"))]
    path = tmp_path / "pairs.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    name, options, _ = sniff("similarity", {"test": path}, {})
    splits, extra = reader(name)({"test": path}, **options)
    assert [(p.word1, p.word2, p.score) for p in splits["test"]] == PAIRS
    assert extra["comment_lines"] == {"test": 2}
