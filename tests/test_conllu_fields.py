"""CoNLL-U token lines whose cells a UD validator would reject must not become silent data: a tag with a stray
space is the tag, a '_' or empty tag and an empty FORM are errors at their line, and an ID that is neither an
integer, a range (1-2) nor an empty node (8.1) is an error instead of a word silently left out."""
from __future__ import annotations

import re

import pytest

from wordeval.datasets.parsers_seq import parse_conllu
from wordeval.errors import InputFormatError

GOOD = "1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"


def _file(tmp_path, second_line: str):
    path = tmp_path / "t.conllu"
    path.write_text("# text = the cat\n" + GOOD + second_line + "\n")
    return path


def test_stray_space_around_form_and_tag_is_not_a_new_tag(tmp_path):
    [s] = parse_conllu(_file(tmp_path, "2\tcat \tcat\tNOUN \tNN\t_\t0\troot\t_\t_"))
    assert s.tokens == ("the", "cat") and s.tags == ("DET", "NOUN")


@pytest.mark.parametrize("line,got", [
    ("2\tcat\tcat\t_\tNN\t_\t0\troot\t_\t_", "'cat' and '_'"),
    ("2\tcat\tcat\t\tNN\t_\t0\troot\t_\t_", "'cat' and ''"),
    ("2\t\tcat\tNOUN\tNN\t_\t0\troot\t_\t_", "'' and 'NOUN'"),
])
def test_missing_form_or_tag_is_an_error_at_its_line(tmp_path, line, got):
    path = _file(tmp_path, line)
    with pytest.raises(InputFormatError) as err:
        parse_conllu(path)
    assert str(err.value).startswith(f"{path}:3: expected a FORM and a UPOS") and str(err.value).endswith(got)


def test_missing_xpos_is_named_with_its_article(tmp_path):
    """XPOS is said "ex-pos": the message read "expected a FORM and a XPOS"."""
    path = _file(tmp_path, "2\tcat\tcat\tNOUN\t_\t_\t0\troot\t_\t_")
    with pytest.raises(InputFormatError, match=rf"^{re.escape(str(path))}:3: expected a FORM and an XPOS \("):
        parse_conllu(path, tag_column=4)


# UD's validator: word IDs [1-9][0-9]*, ranges of them, empty nodes (0|[1-9][0-9]*).[1-9][0-9]*; '02' was read
# as word 2, and '01-02' or '2.01' skipped as a range or an empty node
@pytest.mark.parametrize("word_id", ["x-y", "2-", "-2", "2.", "2-3-4", "²", "02", "002", "01-02", "1-02", "2.01",
                                     "02.1", "0", "+2", "2.0"])
def test_malformed_word_id_is_an_error_not_a_skipped_word(tmp_path, word_id):
    path = _file(tmp_path, f"{word_id}\tcat\tcat\tNOUN\tNN\t_\t0\troot\t_\t_")
    with pytest.raises(InputFormatError, match=rf"^{path}:3: expected a word ID \(an integer 1, 2, \.\.\., a range "
                                               rf"1-2 or a decimal 1\.1, without leading zeros\), "
                                               rf"got '{re.escape(word_id)}'$"):
        parse_conllu(path)


def test_ranges_and_empty_nodes_are_still_skipped(tmp_path):
    path = tmp_path / "m.conllu"
    path.write_text("1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n"
                    "2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n2.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t1:x\t_\n")
    [s] = parse_conllu(path)
    assert s.tokens == ("do", "n't") and s.tags == ("AUX", "PART")


def test_empty_node_before_the_first_word_and_ids_past_nine(tmp_path):
    """0.1 is an empty node before word 1 (the validator's (0|[1-9][0-9]*).[1-9][0-9]*); 10 is a word ID."""
    words = "".join(f"{i}\tw{i}\tw\tNOUN\tNN\t_\t0\troot\t_\t_\n" for i in range(1, 11))
    path = tmp_path / "e.conllu"
    path.write_text("0.1\tgo\tgo\tVERB\tVB\t_\t_\t_\t0:root\t_\n" + words + "10.1\tx\tx\tX\tX\t_\t_\t_\t1:x\t_\n")
    [s] = parse_conllu(path)
    assert s.tokens == tuple(f"w{i}" for i in range(1, 11))


def test_underscore_is_a_value_outside_the_pos_columns(tmp_path):
    """FEATS '_' means "no features": a class of its own when FEATS is the tag column."""
    path = tmp_path / "f.conllu"
    path.write_text("1\tthe\tthe\tDET\tDT\tDefinite=Def\t2\tdet\t_\t_\n2\tcat\tcat\tNOUN\tNN\t_\t0\troot\t_\t_\n")
    [s] = parse_conllu(path, tag_column=5)
    assert s.tags == ("Definite=Def", "_")


def test_missing_blank_line_between_sentences_is_an_error_not_one_merged_sentence(tmp_path):
    """The IDs restarting at 1 are the only trace of a lost sentence break (a concatenation without its blank
    line, or a '# sent_id' line where the blank line was): two sentences must not silently become one."""
    path = tmp_path / "merged.conllu"
    path.write_text("# sent_id = a\n" + GOOD + "2\tcat\tcat\tNOUN\tNN\t_\t0\troot\t_\t_\n"
                    "# sent_id = b\n1\tdogs\tdog\tNOUN\tNNS\t_\t0\troot\t_\t_\n")
    with pytest.raises(InputFormatError, match=rf"^{path}:5: expected word ID 3 \(.*a blank line missing before "
                                               r"this sentence\?\), got '1'$"):
        parse_conllu(path)


def test_word_id_out_of_sequence_is_an_error_at_its_line(tmp_path):
    path = _file(tmp_path, "3\tcat\tcat\tNOUN\tNN\t_\t0\troot\t_\t_")
    with pytest.raises(InputFormatError, match=rf"^{path}:3: expected word ID 2 \(IDs count 1, 2, 3, \.\.\. within "
                                               r"a sentence\), got '3'$"):
        parse_conllu(path)


def test_ids_restart_after_each_blank_line(tmp_path):
    path = tmp_path / "two.conllu"
    path.write_text(GOOD + "\n\n" + GOOD + "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n"
                    "3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n")
    assert [s.tokens for s in parse_conllu(path)] == [("the",), ("the", "do", "n't")]


def test_a_upos_outside_uds_tag_set_is_an_error_at_its_line(tmp_path):
    """'PRPN' for PROPN became an 18th class, silently when the typo was in train."""
    path = _file(tmp_path, "2\tGoogle\tGoogle\tPRPN\tNNP\t_\t0\troot\t_\t_")
    with pytest.raises(InputFormatError, match=rf"^{path}:3: expected a UPOS tag \(one of UD's 17: ADJ, .*, X\), "
                                               r"got 'PRPN'; a CoNLL-X file, or the treebank's own tags\? "
                                               r"columns = \{tag = 4\} in the spec reads the XPOS"):
        parse_conllu(path)
    [s] = parse_conllu(path, tag_column=4)  # XPOS is the treebank's own tag set: not checked
    assert s.tags == ("DT", "NNP")


def test_a_conll_x_file_is_told_the_spec_line_that_reads_its_tags(tmp_path):
    """CoNLL-X (2006) has CoNLL-U's ten columns with the treebank's coarse tags (CPOSTAG) where UPOS is: refused
    as 'not a UPOS tag' without a word on how to read it; the hint's setting reads it."""
    from wordeval.tasks.task import get_task

    for split, (w1, w2) in {"train": ("The", "cat"), "dev": ("A", "dog"), "test": ("The", "dog")}.items():
        (tmp_path / f"{split}.conll").write_text(f"1\t{w1}\t_\tDT\tDT\t_\t2\tNMOD\t_\t_\n"
                                                 f"2\t{w2}\t_\tNN\tNN\t_\t3\tSBJ\t_\t_\n"
                                                 "3\tsat\tsit\tVBD\tVBD\t_\t0\tROOT\t_\t_\n\n")
    files = '[files]\ntrain = "train.conll"\ndev = "dev.conll"\ntest = "test.conll"\n'
    (tmp_path / "as_is.toml").write_text('name = "cx"\nfamily = "pos"\n' + files)
    with pytest.raises(InputFormatError, match=r"got 'DT'; a CoNLL-X file.*columns = \{tag = 4\}"):
        get_task(str(tmp_path / "as_is.toml")).load_dataset()
    (tmp_path / "hinted.toml").write_text('name = "cx"\nfamily = "pos"\ncolumns = {tag = 4}\n' + files)
    ds = get_task(str(tmp_path / "hinted.toml")).load_dataset()
    assert ds.splits["train"][0].tags == ("DT", "NN", "VBD")
