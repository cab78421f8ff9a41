"""CoNLL-U whose tabs became spaces was sniffed as 10 space-separated CoNLL columns: the word IDs were the
tokens (the '3-4' multiword-token range hid the index column) and MISC's 'SpaceAfter=No' and '_' the POS
tags, with only a note. It is refused at its first token line; the same lines with their tabs read FORM and
UPOS, the syntactic words only (the oracle: the file's own columns, counted by hand)."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.errors import ConfigError

ROWS = [("# sent_id = 1",), ("# text = Il parle du livre.",),
        ("1", "Il", "il", "PRON", "PRP", "_", "2", "nsubj", "_", "_"),
        ("2", "parle", "parler", "VERB", "VBZ", "_", "0", "root", "_", "_"),
        ("3-4", "du", "_", "_", "_", "_", "_", "_", "_", "_"),
        ("3", "de", "de", "ADP", "IN", "_", "5", "case", "_", "_"),
        ("4", "le", "le", "DET", "DT", "_", "5", "det", "_", "_"),
        ("5", "livre", "livre", "NOUN", "NN", "_", "2", "obl", "_", "SpaceAfter=No"),
        ("6", ".", ".", "PUNCT", ".", "_", "2", "punct", "_", "_")]


def _write(tmp_path, name, sep):
    path = tmp_path / name
    path.write_text("\n".join(sep.join(r) for r in ROWS) + "\n\n", encoding="utf-8")
    return path


def test_conllu_with_spaces_for_tabs_is_refused_at_its_line(tmp_path):
    path = _write(tmp_path, "fr-ud-train.txt", " ")
    want = r"fr-ud-train.txt:3: expected CoNLL-U's 10 tab-separated columns, got 10 space-separated ones"
    with pytest.raises(ConfigError, match=want + r" starting with a word ID.*restore the tabs"):
        sniff("pos", {"train": path}, {})


def test_the_same_lines_with_tabs_read_form_and_upos(tmp_path):
    path = _write(tmp_path, "fr-ud-train.txt", "\t")
    name, options, _ = sniff("pos", {"train": path}, {})
    splits, extra = reader(name)({"train": path}, **options)
    assert name == "conllu"
    assert [(s.tokens, s.tags) for s in splits["train"]] == [
        (("Il", "parle", "de", "le", "livre", "."), ("PRON", "VERB", "ADP", "DET", "NOUN", "PUNCT"))]
    assert extra["n_tokens"] == {"train": 6}


# A space-separated CoNLL file of 10 columns whose first numbers each sentence's words is not CoNLL-U: its
# HEAD and DEPS places (columns 6 and 8) hold an entity tag and a feature. It read as CoNLL columns before the
# spaced CoNLL-U refusal, which then refused it.
INDEXED = [("1", "EU", "EU", "NNP", "NN", "B-NP", "B-ORG", "x", "y", "z"),
           ("2", "rejects", "reject", "VBZ", "VB", "B-VP", "O", "x", "y", "z"),
           ("3", "German", "german", "JJ", "JJ", "B-NP", "B-MISC", "x", "y", "z"),
           ("4", "call", "call", "NN", "NN", "I-NP", "O", "x", "y", "z")]


def test_ten_spaced_columns_after_a_word_index_are_conll_not_conllu(tmp_path):
    path = tmp_path / "indexed.txt"
    path.write_text("\n".join(" ".join(r) for r in INDEXED) + "\n\n", encoding="utf-8")
    name, options, notes = sniff("ner", {"train": path}, {})
    splits, _ = reader(name)({"train": path}, **options)
    assert (name, options["token_column"], options["tag_column"]) == ("conll", 1, 6)
    assert [(s.tokens, s.tags) for s in splits["train"]] == [
        (("EU", "rejects", "German", "call"), ("B-ORG", "O", "B-MISC", "O"))]


def test_spaced_conllu_with_a_form_holding_a_space_is_still_refused(tmp_path):
    rows = ROWS * 2 + [("7", "New York", "New York", "PROPN", "NNP", "_", "2", "obl", "2:obl", "_")]
    path = tmp_path / "fr-ud-train.txt"
    path.write_text("\n".join(" ".join(r) for r in rows) + "\n\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"fr-ud-train.txt:3: .*restore the tabs \(if it is not CoNLL-U, set "):
        sniff("pos", {"train": path}, {})


def test_pos_on_indexed_conll_skips_a_column_of_one_value(tmp_path):
    # the last non-tag column holds 'z' on every line: it was taken as the POS column and the file refused
    # with "one tag only, ['z']"; the last column of several values is column 4 (the tags written above)
    path = tmp_path / "indexed.txt"
    path.write_text("\n".join(" ".join(r) for r in INDEXED) + "\n\n", encoding="utf-8")
    name, options, notes = sniff("pos", {"train": path}, {})
    splits, _ = reader(name)({"train": path}, **options)
    assert (name, options["token_column"], options["tag_column"]) == ("conll", 1, 4)
    assert [(s.tokens, s.tags) for s in splits["train"]] == [
        (("EU", "rejects", "German", "call"), ("NN", "VB", "JJ", "NN"))]


def test_datasets_check_counts_multiword_token_lines_apart_from_comments(tmp_path, capsys):
    # each sentence of ROWS: 2 comment lines and 1 multiword-token range ('3-4 du'); 15 sentences hold 30
    # comments and 15 ranges, counted by hand. The note said "30 lines skipped as comments" and not the ranges
    from wordeval.cli import main

    text = "\n".join("\t".join(r) for r in ROWS) + "\n\n"
    (tmp_path / "train.conllu").write_text(text * 15, encoding="utf-8")
    (tmp_path / "test.conllu").write_text(text.replace("\tlivre\t", "\tlivres\t"), encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "pos"\n[files]\ntrain = "train.conllu"\n'
                                     'test = "test.conllu"\n', encoding="utf-8")
    assert main(["datasets", "check", str(tmp_path / "t.toml")]) == 0
    sniffed = [line for line in capsys.readouterr().out.splitlines() if "skipped" in line]
    assert sniffed == ["  sniffed: train.conllu: 30 comment lines, 15 multiword-token lines skipped",
                       "  sniffed: test.conllu: 2 comment lines, 1 multiword-token line skipped"]
