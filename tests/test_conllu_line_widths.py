"""A CoNLL-U token line of the wrong width was refused as "got 11 columns" with no word on what the line holds.
UD's format page (v2) is the oracle, written out here: a word line is 10 fields separated by single tab
characters; no field is empty ('_' is no value); FORM, LEMMA and MISC may hold spaces, no other field may.
So a FORM with a space is one token as written, and a line whose columns are separated by spaces, or which
has a tab too many or too few, is refused at its line saying which of these it is."""
from __future__ import annotations

import re

import pytest

from wordeval.cli import main
from wordeval.datasets.parsers_seq import parse_conllu
from wordeval.errors import InputFormatError

HEAD = "# sent_id = 1\n# text = New York is big\n"
LINES = ["1\tNew York\tNew York\tPROPN\tNNP\tNumber=Sing\t3\tnsubj\t3:nsubj\t_",
         "2\tis\tbe\tAUX\tVBZ\tMood=Ind\t3\tcop\t3:cop\t_",
         "3\tbig\tbig\tADJ\tJJ\tDegree=Pos\t0\troot\t0:root\tSpaceAfter=No"]


def _file(tmp_path, lines, name="t.conllu"):
    path = tmp_path / name
    path.write_text(HEAD + "\n".join(lines) + "\n\n", encoding="utf-8")
    return path


def test_a_form_with_a_space_is_one_token_as_written(tmp_path):
    [sentence] = parse_conllu(_file(tmp_path, LINES))
    # by hand: the second field of each line, split at tabs only
    assert sentence.tokens == ("New York", "is", "big")
    assert sentence.tags == ("PROPN", "AUX", "ADJ")


def _refusal(tmp_path, second_line: str) -> str:
    path = _file(tmp_path, [LINES[0], second_line, LINES[2]])
    with pytest.raises(InputFormatError) as err:
        parse_conllu(path)
    message = str(err.value)
    assert message.startswith(f"{path}:4: expected 10 tab-separated CoNLL-U columns, got ")  # line 4: 2 comments
    return message.split(", got ", 1)[1]


def test_columns_separated_by_spaces_are_said_to_need_tabs(tmp_path):
    got = _refusal(tmp_path, LINES[1].replace("\t", " "))
    assert got == ("1: 10 columns separated by spaces, CoNLL-U needs tabs (spaces belong only inside FORM, LEMMA "
                   "and MISC); restore the tabs")


def test_two_tabs_in_a_row_name_the_empty_column(tmp_path):
    got = _refusal(tmp_path, LINES[1].replace("\tAUX", "\t\tAUX"))
    assert got == "11: column 4 empty, two tabs in a row after 'be' (CoNLL-U writes '_' for no value)"


def test_a_tab_at_the_end_of_the_line_is_said_so(tmp_path):
    assert _refusal(tmp_path, LINES[1] + "\t") == \
        "11: a tab at the end of the line (no column may be empty; CoNLL-U writes '_' for no value)"


def test_a_tab_typed_as_a_space_names_the_column_holding_it(tmp_path):
    got = _refusal(tmp_path, LINES[1].replace("be\tAUX", "be AUX"))
    assert got == "9: column 3 holds 'be AUX', a tab typed as a space? (spaces belong only inside FORM, LEMMA and MISC)"


def test_a_missing_column_lists_the_ten(tmp_path):
    got = _refusal(tmp_path, LINES[1].replace("\tMood=Ind", ""))
    assert got == ("9: 1 column fewer than the 10 (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC; CoNLL-U "
                   "writes '_' for no value)")


def test_an_eleventh_column_points_to_conllu_plus(tmp_path):
    got = _refusal(tmp_path, LINES[1] + "\t*")
    assert got.startswith("11: 1 column more than the 10 (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC); ")
    assert got.endswith("CoNLL-U Plus names its columns on line 1, '# global.columns = ID FORM ...'")


def test_a_line_of_words_without_a_tab(tmp_path):
    assert _refusal(tmp_path, "is big") == \
        "1: a line without a tab (2 space-separated words; a comment line starts with '#')"


def test_the_cli_says_it_in_one_line_exit_2(tmp_path, capsys):
    _file(tmp_path, [LINES[0], LINES[1].replace("\t", " "), LINES[2]], "train.conllu")
    (tmp_path / "test.conllu").write_text("1\tBig\tbig\tADJ\tJJ\t_\t0\troot\t_\t_\n\n", encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "pos"\n[files]\ntrain = "train.conllu"\ntest = "test.conllu"\n',
                    encoding="utf-8")
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert re.search(r"train\.conllu:4: expected 10 tab-separated CoNLL-U columns, got 1: 10 columns separated "
                     r"by spaces, CoNLL-U needs tabs", err)
