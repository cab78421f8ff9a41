"""Tagging tokens are read as conlleval reads them: Perl on the line's bytes, split at its delimiter (a space
by default), nothing stripped. A Unicode space is never a separator nor stripped from a token's ends: a token
that is U+00A0 alone ('\\u00a0<TAB>O', a space a tweet's author typed) was refused as "expected a non-empty
token and tag", and 'x\\u2009' lost its thin space. ASCII blanks stay separators, as ``split_blanks`` reads
every space-separated file. Oracle: conlleval's split (``re.split(' ', line)`` on the bytes, as Perl's
``split(/ /, $line)``), and the tokens written by hand."""
from __future__ import annotations

import re

import pytest

from wordeval.cli import main
from wordeval.datasets.parsers_seq import parse_conll_columns, parse_conllu

SPACES = ["\u00a0", "\u2009", "\u3000", "\u0085", "\u2028"]


def _conlleval_fields(line: str) -> list[str]:
    """conlleval's @features: split(/ /, $line) on bytes; Perl drops trailing empty fields."""
    fields = [f.decode("utf-8") for f in re.split(b" ", line.encode("utf-8"))]
    while fields and fields[-1] == "":
        fields.pop()
    return fields


@pytest.mark.parametrize("space", SPACES, ids=[f"U+{ord(s):04X}" for s in SPACES])
@pytest.mark.parametrize("sep", ["space", "tab"])
def test_a_token_of_a_unicode_space_or_ending_in_one_is_read_as_conlleval_reads_it(tmp_path, space, sep):
    d = " " if sep == "space" else "\t"
    lines = [f"John{d}B-PER", f"{space}{d}O", f"x{space}{d}O", f"{space}y{d}O", f"Paris{d}B-LOC"]
    path = tmp_path / "t.txt"
    path.write_text("\n".join(lines) + "\n\nOne{d}O\n".replace("{d}", d), encoding="utf-8")
    [s, t] = parse_conll_columns(path, sep=sep)
    assert s.tokens == ("John", space, f"x{space}", f"{space}y", "Paris")
    assert s.tags == ("B-PER", "O", "O", "O", "B-LOC") and t.tokens == ("One",)
    if sep == "space":
        assert [_conlleval_fields(line)[0] for line in lines] == list(s.tokens)


def test_a_line_of_ascii_blanks_still_ends_a_sentence(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("a\tO\n \t \nb\tO\n", encoding="utf-8")
    assert [s.tokens for s in parse_conll_columns(path, sep="tab")] == [("a",), ("b",)]


def test_a_conllu_form_of_a_no_break_space_is_kept(tmp_path):
    path = tmp_path / "t.conllu"
    rows = [["1", "Hi", "hi", "INTJ"], ["2", "\u00a0", "\u00a0", "SYM"], ["3", "x\u2009", "x", "NOUN"]]
    path.write_text("".join("\t".join(r + ["_"] * 6) + "\n" for r in rows) + "\n", encoding="utf-8")
    [s] = parse_conllu(path)
    assert s.tokens == ("Hi", "\u00a0", "x\u2009") and s.tags == ("INTJ", "SYM", "NOUN")


def test_a_user_spec_with_such_tokens_loads(tmp_path, capsys):
    lines = []
    for i in range(12):
        lines += [f"John{i}\tB-PER", "\u00a0\tO", "lives\tO", "in\tO", "Paris\tB-LOC", ""]
    (tmp_path / "train.txt").write_text("\n".join(lines), encoding="utf-8")
    (tmp_path / "test.txt").write_text("\n".join(lines[:18]), encoding="utf-8")
    spec = tmp_path / "ner.toml"
    spec.write_text('name = "nbsp"\nfamily = "ner"\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n',
                    encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 0, capsys.readouterr().err
    assert "test 3 sentences" in capsys.readouterr().out


def test_a_tab_after_the_tag_on_some_lines_is_no_column(tmp_path, capsys):
    """'EU<TAB>NNP<TAB>B-ORG<TAB>' beside lines without the last tab was refused (its 4th, empty, field the
    tag). conlleval (run with -d '\\t') splits such a line into the same 3 fields: Perl's split drops
    trailing empty fields. Oracle: that split and the tokens written by hand."""
    lines = ["EU\tNNP\tB-ORG\t", "rejects\tVBZ\tO", "German\tJJ\tB-MISC\t", "call\tNN\tO\t \t"]
    perl_split = [f.decode() for f in re.split(b"\t", lines[0].encode())]
    while perl_split and perl_split[-1] == "":  # Perl's split(/\t/, $line)
        perl_split.pop()
    assert perl_split == ["EU", "NNP", "B-ORG"]
    text = "\n".join(lines) + "\n\n"
    (tmp_path / "train.txt").write_text(text * 12, encoding="utf-8")
    (tmp_path / "test.txt").write_text(text, encoding="utf-8")
    [s] = parse_conll_columns(tmp_path / "test.txt", sep="tab")
    assert s.tokens == ("EU", "rejects", "German", "call") and s.tags == ("B-ORG", "O", "B-MISC", "O")
    spec = tmp_path / "ner.toml"
    spec.write_text('name = "tabs"\nfamily = "ner"\n[files]\ntrain = "train.txt"\ntest = "test.txt"\n',
                    encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "test 1 sentence\n" in out and '"n_columns": 3' in out and '"tag_column": 2' in out
