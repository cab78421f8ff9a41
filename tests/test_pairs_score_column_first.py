"""A similarity file whose score column stands before the words ('7.5<TAB>cat<TAB>dog', or with a header
'score<TAB>w1<TAB>w2'). The sniffer looks for the score after the words only, so such a file is refused; the
refusal told the user to set ``columns = {word1 = 0, word2 = 1, score = 2}`` (the layout that had just
failed, and the wrong one), and ``columns = {score = 0}`` or ``{score = "score"}`` was refused the same way.
Now the message names the columns the data suggests, and a ``columns.score`` alone is honoured: the words are
the two text columns besides it."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.errors import ConfigError

ROWS = [("7.5", "cat", "dog"), ("9.1", "car", "automobile"), ("6", "king", "queen"), ("1.0", "old", "new")]
EXPECTED = [("cat", "dog", 7.5), ("car", "automobile", 9.1), ("king", "queen", 6.0), ("old", "new", 1.0)]


def _write(tmp_path, header: bool):
    path = tmp_path / "scores_first.tsv"
    lines = (["score\tw1\tw2"] if header else []) + ["\t".join(r) for r in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _pairs(path, hints):
    name, options, _ = sniff("similarity", {"test": path}, hints)
    return [(p.word1, p.word2, p.score) for p in reader(name)({"test": path}, **options)[0]["test"]]


def test_refusal_names_the_columns_the_data_has(tmp_path):
    path = _write(tmp_path, header=False)  # with its header, which names the columns, it is read: below
    with pytest.raises(ConfigError, match=r"scores_first\.tsv:1: .*set columns = \{word1 = 1, word2 = 2, "
                                          r"score = 0\}"):
        sniff("similarity", {"test": path}, {})


@pytest.mark.parametrize("header, score", [(False, 0), (True, 0), (True, "score"), (True, "SCORE")])
def test_score_hint_alone_reads_a_leading_score_column(tmp_path, header, score):
    assert _pairs(_write(tmp_path, header), {"columns": {"score": score}}) == EXPECTED


def test_full_columns_hint_still_reads_it(tmp_path):
    assert _pairs(_write(tmp_path, True), {"columns": {"word1": 1, "word2": 2, "score": 0}}) == EXPECTED


@pytest.mark.parametrize("score, message", [(5, r"columns\.score = 5, but the lines have 3 columns"),
                                            (1, r"word2 and score are both column 1")])
def test_a_score_hint_that_makes_no_layout_is_reported_for_what_it_is(tmp_path, score, message):
    path = tmp_path / "plain.tsv"
    path.write_text("cat\tdog\t7.5\ncar\tautomobile\t9.1\nking\tqueen\t6\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        sniff("similarity", {"test": path}, {"columns": {"score": score}})


def test_a_header_naming_the_words_and_the_score_reads_a_leading_score_column(tmp_path):
    """vecto's word-benchmarks CSVs (simverb-3500.csv: ',similarity,word1,word2,relation', pandas' unnamed
    index first, the score before the words) were refused with the header read as data, and advised to take
    the index, column 0, for the score. A header that names each role once reads them. Oracle: the rows
    written by hand."""
    assert _pairs(_write(tmp_path, header=True), {}) == EXPECTED
    path = tmp_path / "simverb-3500.csv"
    path.write_text(",similarity,word1,word2,relation\n" + "".join(
        f"{i},{s},{a},{b},none\n" for i, (s, a, b) in enumerate(ROWS)), encoding="utf-8")
    assert _pairs(path, {}) == EXPECTED
    unnamed = "".join(f"{i},{s},{a},{b},none\n" for i, (s, a, b) in enumerate(ROWS))
    path.write_text(",x,a,b,relation\n" + unnamed, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"simverb-3500\.csv:1: .*set columns = \{word1 = 2, word2 = 3, "
                                          r"score = 1\}"):
        sniff("similarity", {"test": path}, {})
