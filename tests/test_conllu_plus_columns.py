"""CoNLL-U Plus (.conllup, UD's ext-format page): the first line, '# global.columns = ...', names the file's
columns, any number of them in any order. A PARSEME file ('ID FORM UPOS HEAD DEPREL MISC PARSEME:MWE') was
sniffed as CoNLL columns: its MWE codes ('*', '1:LVC.full') were the POS tags and a '# text = ...' comment of
seven words a token line; read as CoNLL-U it was refused ("got 7"). The oracle: each row written below as a
mapping from column name to value, the file written in the declared order, FORM and UPOS picked by name."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.errors import InputFormatError

SENTENCES = [
    ("He took a walk .", [
        dict(ID="1", FORM="He", LEMMA="he", UPOS="PRON", HEAD="2", DEPREL="nsubj", MISC="_", MWE="*"),
        dict(ID="2", FORM="took", LEMMA="take", UPOS="VERB", HEAD="0", DEPREL="root", MISC="_", MWE="1:LVC.full"),
        dict(ID="3", FORM="a", LEMMA="a", UPOS="DET", HEAD="4", DEPREL="det", MISC="_", MWE="*"),
        dict(ID="4", FORM="walk", LEMMA="walk", UPOS="NOUN", HEAD="2", DEPREL="obj", MISC="SpaceAfter=No",
             MWE="1"),
        dict(ID="5", FORM=".", LEMMA=".", UPOS="PUNCT", HEAD="2", DEPREL="punct", MISC="_", MWE="*")]),
    ("They made it up to him .", [
        dict(ID="1", FORM="They", LEMMA="they", UPOS="PRON", HEAD="2", DEPREL="nsubj", MISC="_", MWE="*"),
        dict(ID="2", FORM="made", LEMMA="make", UPOS="VERB", HEAD="0", DEPREL="root", MISC="_", MWE="1:VID"),
        dict(ID="3", FORM="it", LEMMA="it", UPOS="PRON", HEAD="2", DEPREL="obj", MISC="_", MWE="1"),
        dict(ID="4", FORM="up", LEMMA="up", UPOS="ADP", HEAD="2", DEPREL="compound:prt", MISC="_", MWE="1"),
        dict(ID="5", FORM="to", LEMMA="to", UPOS="ADP", HEAD="6", DEPREL="case", MISC="_", MWE="*"),
        dict(ID="6", FORM="him", LEMMA="he", UPOS="PRON", HEAD="2", DEPREL="obl", MISC="SpaceAfter=No",
             MWE="*"),
        dict(ID="7", FORM=".", LEMMA=".", UPOS="PUNCT", HEAD="2", DEPREL="punct", MISC="_", MWE="*")]),
]
PARSEME = ("ID", "FORM", "UPOS", "HEAD", "DEPREL", "MISC", "PARSEME:MWE")


def _write(path, columns):
    lines = ["# global.columns = " + " ".join(columns)]
    for n, (text, rows) in enumerate(SENTENCES, 1):
        lines += [f"# source_sent_id = . . s{n}", f"# text = {text}"]
        lines += ["\t".join(row.get("MWE" if c == "PARSEME:MWE" else c, "_") for c in columns) for row in rows]
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _by_name():
    return [(tuple(r["FORM"] for r in rows), tuple(r["UPOS"] for r in rows)) for _, rows in SENTENCES]


@pytest.mark.parametrize("columns", [
    PARSEME,  # PARSEME 1.3's layout, 7 columns
    ("ID", "FORM", "LEMMA", "UPOS", "HEAD", "DEPREL", "MISC", "PARSEME:MWE"),
    ("PARSEME:MWE", "UPOS", "MISC", "FORM", "ID"),  # any order: found by name, not by CoNLL-U's positions
])
@pytest.mark.parametrize("name", ["train.conllup", "train.txt"])
def test_form_and_upos_are_read_by_their_names(tmp_path, columns, name):
    path = _write(tmp_path / name, columns)
    family_reader, options, notes = sniff("pos", {"train": path}, {})
    assert family_reader == "conllu"
    assert any("CoNLL-U Plus" in note for note in notes)
    splits, extra = reader(family_reader)({"train": path}, **options)
    assert [(s.tokens, s.tags) for s in splits["train"]] == _by_name()
    assert extra["n_tokens"] == {"train": 5 + 7}
    assert extra["comment_lines"] == {"train": 1 + 2 * 2}


def test_a_conllup_named_conllu_reads_the_same(tmp_path):
    path = _write(tmp_path / "train.conllu", PARSEME)
    splits, _ = reader("conllu")({"train": path})
    assert [(s.tokens, s.tags) for s in splits["train"]] == _by_name()


def test_the_ten_conllu_columns_declared_read_as_plain_conllu(tmp_path):
    ten = ("ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC")  # XPOS ... '_'
    declared = _write(tmp_path / "a.conllu", ten)
    plain = tmp_path / "b.conllu"
    plain.write_text(declared.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    read = [[(s.tokens, s.tags) for s in reader("conllu")({"train": p})[0]["train"]] for p in (declared, plain)]
    assert read[0] == read[1] == _by_name()


def test_a_column_the_file_does_not_declare_is_refused_at_line_1(tmp_path):
    path = _write(tmp_path / "train.conllup", PARSEME)
    with pytest.raises(InputFormatError) as err:
        reader("conllu")({"train": path}, tag_column=4)  # XPOS
    assert str(err.value) == (f"{path}:1: expected an XPOS column among the file's global.columns, got ID FORM UPOS "
                              "HEAD DEPREL MISC PARSEME:MWE: columns.tag (or token) in the spec names one it has "
                              "(id, form, upos, head, deprel, misc)")


def test_a_line_of_another_width_names_the_declared_columns(tmp_path):
    path = _write(tmp_path / "train.conllup", PARSEME)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] += "\t_"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"train\.conllup:4: expected the 7 tab-separated columns of its "
                                               r"global\.columns line, got 8: 1 column more than the 7 \(ID FORM "
                                               r"UPOS HEAD DEPREL MISC PARSEME:MWE\)$"):
        reader("conllu")({"train": path})


def test_a_name_declared_twice_is_refused(tmp_path):
    path = tmp_path / "train.conllup"
    path.write_text("# global.columns = ID FORM UPOS FORM\n1\tHe\tPRON\the\n\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"train\.conllup:1: expected '# global\.columns = ' and the file's "
                                               r"column names, each once .* \(FORM twice\)$"):
        reader("conllu")({"train": path})
