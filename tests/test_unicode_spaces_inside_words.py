"""Space-separated dataset files split words at ASCII spaces and tabs only: ``str.split()`` also splits at
U+00A0, U+2009, U+3000, U+0085 and U+2028, which GloVe 840B and fastText's crawl vectors hold inside
words ('10\\u00a0000'). Oracle: the words written by hand."""
from __future__ import annotations

import pytest

from wordeval.datasets.parsers_analogy import parse_analogy_lines, parse_bats_file, parse_google
from wordeval.datasets.parsers_pairs import parse_pairs
from wordeval.datasets.sniff_analogy import sniff_analogy_file

SPACES = ["\u00a0", "\u2009", "\u3000", "\u0085", "\u2028"]


@pytest.mark.parametrize("space", SPACES, ids=[f"U+{ord(s):04X}" for s in SPACES])
def test_google_lines_keep_a_unicode_space_inside_a_word(tmp_path, space):
    path = tmp_path / "q.txt"
    path.write_text(f": money\n1{space}000 dollar 2{space}000 euro\na b c d\n", encoding="utf-8")
    questions, _ = parse_google(path)
    assert (questions[0].a, questions[0].b, questions[0].c, questions[0].answers) == \
        (f"1{space}000", "dollar", f"2{space}000", ("euro",))
    fmt, _ = sniff_analogy_file(path, {}, [])
    assert fmt == "google"


def test_space_separated_analogy_lines_and_bats_keep_the_word(tmp_path):
    lines, bats = tmp_path / "a.txt", tmp_path / "b.txt"
    lines.write_text("new\u00a0york usa\u3000x paris france\n", encoding="utf-8")
    bats.write_text("new\u00a0york city/town\n", encoding="utf-8")
    q = parse_analogy_lines(lines, sep="space")[0][0]
    assert (q.a, q.b, q.c, q.answers) == ("new\u00a0york", "usa\u3000x", "paris", ("france",))
    assert parse_bats_file(bats) == [("new\u00a0york", ("city", "town"))]


def test_space_separated_word_pairs_keep_the_word(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("rome\u00a0x italy\u2009y 7.5\nparis france 6\n", encoding="utf-8")
    pairs = parse_pairs(path, sep="space")
    assert [(p.word1, p.word2) for p in pairs] == [("rome\u00a0x", "italy\u2009y"), ("paris", "france")]


@pytest.mark.parametrize("line", ["a\x0bb \u00a0c", "\u00e9\x0cf", " x\x1fy\u3000z\t", "\u00a0\r"])
def test_a_line_splits_at_the_same_ascii_blanks_whatever_else_it_holds(line):
    """An ASCII line split at str.split's ASCII blanks (vertical tab, form feed, \\x1c-\\x1f too), a line with
    one non-ASCII character only at spaces and tabs: a stray form feed separated words or not depending on
    the rest of the line. Oracle: str.split on the line with every non-ASCII character replaced by a letter."""
    from wordeval.datasets.textio import split_blanks

    stand_in = "".join("#" if ord(ch) > 127 else ch for ch in line)
    expected = stand_in.split()
    got = split_blanks(line)
    assert ["".join("#" if ord(ch) > 127 else ch for ch in w) for w in got] == expected
