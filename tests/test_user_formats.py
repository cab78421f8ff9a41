"""Readers for users' own benchmark files: the reader table, every layout a user spec can name, the checks
made at load (empty split, same file twice, constant gold scores, single class, tag scheme) and what
``extra`` records. Expected items are written out by hand from the fixture text (the oracle)."""
from __future__ import annotations

import pytest

from wordeval.datasets.readers import FAMILY_READERS, READERS, reader
from wordeval.datasets.types import AnalogyQuestion, LabeledText, SentencePair, TaggedSentence, WordPair
from wordeval.errors import ConfigError, HintError, InputFormatError, UnknownNameError


def _w(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# --- the table -------------------------------------------------------------------------------------------

def test_every_reader_resolves_and_family_readers_are_in_the_table():
    for name in READERS:
        assert callable(reader(name))
    assert {n for names in FAMILY_READERS.values() for n in names} <= set(READERS)


def test_unknown_reader_suggests_close_names():
    with pytest.raises(UnknownNameError, match=r"unknown reader 'conl' \(did you mean 'conll'"):
        reader("conl")


# --- similarity --------------------------------------------------------------------------------------------

def test_pairs_user_layouts_semicolon_header_multiword(tmp_path):
    p = _w(tmp_path, "card.csv", "w1;w2;score\nNew York;city;7.5\nice_cream;dessert;8\n")
    splits, extra = reader("pairs")({"test": p}, sep="semicolon", header=True, columns=(0, 1, 2))
    assert splits["test"] == [WordPair("New York", "city", 7.5), WordPair("ice_cream", "dessert", 8.0)]
    assert extra["columns"] == {"word1": 0, "word2": 1, "score": 2}


def test_pairs_duplicates_are_kept_and_reported(tmp_path):
    p = _w(tmp_path, "d.tsv", "money\tcash\t9.15\ncash\tmoney\t9.08\ntiger\tcat\t7.35\n")
    splits, extra = reader("pairs")({"test": p})
    assert len(splits["test"]) == 3
    [warning] = extra["warnings"]
    assert "1 duplicated pair (" in warning and "('cash', 'money') x2" in warning


def test_pairs_constant_scores_empty_split_and_same_file_are_errors(tmp_path):
    const = _w(tmp_path, "c.tsv", "a\tb\t5\nc\td\t5\ne\tf\t5\n")
    with pytest.raises(InputFormatError, match=r"c.tsv: expected similarity scores that vary .* a constant 5.0 on all 3 items"):
        reader("pairs")({"test": const})
    empty = _w(tmp_path, "e.tsv", "\n# only a comment\n")
    with pytest.raises(InputFormatError, match=r"e.tsv: expected at least one item in split 'test'"):
        reader("pairs")({"test": empty}, comment="#")
    good = _w(tmp_path, "g.tsv", "a\tb\t1\nc\td\t2\n")
    copy = _w(tmp_path, "copy.tsv", "a\tb\t1\nc\td\t2\n")
    with pytest.raises(InputFormatError, match=r"test.* the same content"):
        reader("pairs")({"train": good, "test": copy})


@pytest.mark.parametrize("name, text", [("pairs", "cat\tdog\t7.5\n"), ("sts", "A cat.\tA dog.\t3.5\n")])
def test_a_split_of_one_scored_item_is_refused_naming_its_file(tmp_path, name, text):
    """One item: its Spearman is undefined (scipy gives nan for one pair), so a one-line file was scored and
    stored as 'n/a' instead of being refused as a constant column is."""
    import math
    import warnings

    from scipy.stats import spearmanr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert math.isnan(spearmanr([7.5], [0.3])[0])
    path = _w(tmp_path, "one.tsv", text)
    with pytest.raises(InputFormatError, match=r"one.tsv: expected .* scores that vary across the items of 'test', "
                                               r"got one item \((7.5|3.5)\)"):
        reader(name)({"test": path})


# --- STS ---------------------------------------------------------------------------------------------------

def test_sts_senteval_column_order_and_user_subset(tmp_path):
    p = _w(tmp_path, "sick.tsv", "4.5\tA man plays.\tA man is playing.\n1.0\tA cat.\tThe stock fell.\n")
    splits, extra = reader("sts")({"test": p}, columns=(1, 2, 0), subset="sick")
    assert splits["test"] == [SentencePair("A man plays.", "A man is playing.", 4.5, "sick"),
                              SentencePair("A cat.", "The stock fell.", 1.0, "sick")]
    assert extra["columns"] == {"sentence1": 1, "sentence2": 2, "score": 0}


def test_sts_constant_gold_is_an_error(tmp_path):
    p = _w(tmp_path, "s.tsv", "a b\tc d\t3\ne f\tg h\t3\n")
    with pytest.raises(InputFormatError, match=r"s.tsv: expected STS scores that vary"):
        reader("sts")({"test": p})


# --- analogy -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sep,text", [
    ("space", ": capitals\nathens greece oslo norway\n: family\nboy girl king queen\n"),
    ("tab", ": capitals\nathens\tgreece\toslo\tnorway\n: family\nboy\tgirl\tking\tqueen\n"),
    ("comma", ": capitals\nathens,greece,oslo,norway\n: family\nboy,girl,king,queen\n"),
])
def test_analogy_4col_layouts(tmp_path, sep, text):
    splits, extra = reader("analogy-4col")({"test": _w(tmp_path, "q.txt", text)}, sep=sep)
    assert splits["test"] == [AnalogyQuestion("athens", "greece", "oslo", ("norway",), "capitals"),
                              AnalogyQuestion("boy", "girl", "king", ("queen",), "family")]
    assert extra["sections"] == ["capitals", "family"]


def test_analogy_4col_multiword_with_tabs_and_no_sections(tmp_path):
    p = _w(tmp_path, "q.tsv", "New York\tUSA\tParis\tFrance\n")
    splits, extra = reader("analogy-4col")({"test": p}, sep="tab")
    assert splits["test"] == [AnalogyQuestion("New York", "USA", "Paris", ("France",), "all")]
    assert extra["sections"] == ["all"]


def test_vecto_csv_by_header_names_any_order_and_quoting(tmp_path):
    p = _w(tmp_path, "a.csv", 'target,word1,category,word2,word3\nqueen,man,gender,woman,"king"\n')
    splits, extra = reader("vecto-csv")({"test": p})
    assert splits["test"] == [AnalogyQuestion("man", "woman", "king", ("queen",), "gender")]
    renamed = _w(tmp_path, "b.csv", "A,B,C,D\nman,woman,king,queen\n")
    splits, extra = reader("vecto-csv")({"test": renamed}, columns={"word1": "a", "word2": "b", "word3": 2,
                                                                     "target": "D"})
    assert splits["test"] == [AnalogyQuestion("man", "woman", "king", ("queen",), "all")]
    with pytest.raises(InputFormatError, match=r"b.csv:1: expected a header column 'word1'"):
        reader("vecto-csv")({"test": renamed})


def test_bats_user_folder_flat_and_duplicate_relation_names(tmp_path):
    _w(tmp_path, "rel/capital.txt", "france\tparis\ngermany\tberlin/bonn\n")
    _w(tmp_path, "rel/plural.txt", "cat\tcats\ndog\tdogs\nox\toxen\n")
    splits, extra = reader("bats")({"test": tmp_path / "rel"})
    assert len(splits["test"]) == 2 * 1 + 3 * 2
    assert splits["test"][0] == AnalogyQuestion("france", "paris", "germany", ("berlin", "bonn"), "capital")
    assert extra["section_categories"] == {"capital": "rel", "plural": "rel"}
    _w(tmp_path, "two/a/plural.txt", "cat\tcats\ndog\tdogs\n")
    _w(tmp_path, "two/b/plural.txt", "ox\toxen\nfoot\tfeet\n")
    with pytest.raises(InputFormatError, match=r"plural.txt: expected relation files with distinct names"):
        reader("bats")({"test": tmp_path / "two"})


def test_bats_empty_relation_file_is_an_error_and_a_one_pair_file_a_warning(tmp_path):
    """Empty, blank-only and one-pair relation files gave 0 questions silently."""
    _w(tmp_path, "B/cat1/r1.txt", "cat\tcats\nmouse\tmice/mouses\ndog\tdogs\n")
    _w(tmp_path, "B/cat1/r3.txt", "one\tpair\n")
    splits, extra = reader("bats")({"test": tmp_path / "B"})
    assert len(splits["test"]) == 3 * 2
    assert extra["pairs_per_section"] == {"r1": 3, "r3": 1}
    assert extra["warnings"] == [f"{tmp_path / 'B/cat1/r3.txt'}: one word pair, so no question (a question takes "
                                 "two pairs of one relation): relation 'r3' is left out"]
    _w(tmp_path, "B/cat1/r2.txt", "")
    with pytest.raises(InputFormatError, match=r"B/cat1/r2.txt: expected at least one word pair, got an empty file"):
        reader("bats")({"test": tmp_path / "B"})
    _w(tmp_path, "C/r4.txt", "\n  \n")
    with pytest.raises(InputFormatError, match=r"C/r4.txt: expected at least one word pair, got only blank "
                                               r"or comment lines"):
        reader("bats")({"test": tmp_path / "C"})


# --- tagging -----------------------------------------------------------------------------------------------

WNUT_LIKE = "@paul\tO\nlikes\tO\nNew\tB-geo-loc\nYork\tI-geo-loc\n\t\nApple\tB-company\n"


def test_conll_any_columns_default_token_first_tag_last_and_scheme_auto(tmp_path):
    p = _w(tmp_path, "w.tsv", WNUT_LIKE)
    splits, extra = reader("conll")({"train": p}, sep="tab", scheme="auto")
    assert splits["train"] == [TaggedSentence(("@paul", "likes", "New", "York"), ("O", "O", "B-geo-loc", "I-geo-loc")),
                               TaggedSentence(("Apple",), ("B-company",))]
    assert extra["scheme"] == "IOB2" and extra["labels"] == ["B-company", "B-geo-loc", "I-geo-loc", "O"]
    assert extra["n_tokens"] == {"train": 5} and extra["columns"] == {"token": 0, "tag": -1}


@pytest.mark.parametrize("tags,scheme", [
    (["I-PER", "I-PER", "O", "I-LOC"], "IOB1"),  # CoNLL-2003: I- starts chunks
    (["B-PER", "I-PER", "O", "B-LOC"], "IOB2"),
    (["B-PER", "E-PER", "O", "S-LOC"], "IOBES"),
])
def test_scheme_auto_detection(tmp_path, tags, scheme):
    text = "".join(f"w{i} NN {t}\n" for i, t in enumerate(tags))
    _, extra = reader("conll")({"test": _w(tmp_path, "t.txt", text)}, scheme="auto")
    assert extra["scheme"] == scheme and "scheme_repairs" not in extra


def test_iob2_i_after_o_is_read_as_a_chunk_start_and_reported(tmp_path):
    p = _w(tmp_path, "t.txt", "a O\nb I-PER\nc I-PER\n\nd B-LOC\ne I-ORG\n")
    splits, extra = reader("conll")({"test": p}, scheme="IOB2")
    from wordeval.extrinsic.spans import extract_chunks
    assert extract_chunks(splits["test"][0].tags, "IOB2") == [("PER", 1, 2)]  # conlleval: a chunk start
    [(what, rep)] = extra["scheme_repairs"].items()
    assert what.startswith("I-X starting a chunk") and rep == {"count": 2, "first": f"{p}:2"}
    assert any("first at" in w for w in extra["warnings"])


def test_iobes_ill_formed_transitions_are_counted(tmp_path):
    p = _w(tmp_path, "t.txt", "a B-PER\nb O\nc E-LOC\n")
    _, extra = reader("conll")({"test": p}, scheme="IOBES")
    assert {k.split(" ")[0]: v["count"] for k, v in extra["scheme_repairs"].items()} == {"B-X/I-X": 1, "E-X": 1}


@pytest.mark.parametrize("line,scheme,expected", [
    ("Obama S-person", "IOB2", r"expected an IOB2 tag \(O, B-TYPE, I-TYPE\), got 'S-person'"),
    ("Obama B-corporation,B-person", "IOB2", r"several labels in one cell"),
    ("Obama B-", "IOBES", r"non-empty TYPE"),
    ("Obama U-person", "IOBES", r"expected an IOBES tag \(O, B-TYPE, I-TYPE, E-TYPE, S-TYPE\), got 'U-"),
    ("Obama NNP", "auto", r"expected a chunk tag .* got 'NNP'"),
])
def test_invalid_tags_name_file_and_line(tmp_path, line, scheme, expected):
    p = _w(tmp_path, "bad.txt", f"He O\n{line}\n")
    pattern = rf"bad.txt:2: {expected}" if expected.startswith("expected") else expected
    with pytest.raises(InputFormatError, match=pattern) as err:
        reader("conll")({"test": p}, scheme=scheme)
    assert f"{p}:2:" in str(err.value)


def test_conllu_xpos_and_word_tag_separator(tmp_path):
    u = _w(tmp_path, "u.conllu", "# text = Hi\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
                                 "2\tyou\tyou\tPRON\tPRP\t_\t1\tx\t_\t_\n")
    splits, _ = reader("conllu")({"test": u}, tag_column=4)
    assert splits["test"] == [TaggedSentence(("Hi", "you"), ("UH", "PRP"))]
    w = _w(tmp_path, "w.txt", "The_DT cat_NN\nruns_VBZ\n")
    splits, extra = reader("word-tag")({"test": w}, separator="_")
    assert splits["test"][0] == TaggedSentence(("The", "cat"), ("DT", "NN")) and extra["n_tokens"] == {"test": 3}


def test_a_single_tag_and_unseen_tags(tmp_path):
    only_o = _w(tmp_path, "o.txt", "a O\nb O\n")
    with pytest.raises(InputFormatError, match=r"o.txt: expected at least two distinct tags, got one tag only, \['O'\]"):
        reader("conll")({"test": only_o})
    train = _w(tmp_path, "train.txt", "a NN\nb VB\n")
    test = _w(tmp_path, "test.txt", "a NN\nb JJ\n")
    _, extra = reader("conll")({"train": train, "test": test})
    assert extra["warnings"] == ["test: 1 tag(s) never seen in train ('JJ'); no learner trained here can predict "
                                 "them, so their items count as errors"]


def test_a_test_file_in_iob2_beside_an_iob1_train_file_is_named_not_called_unlearnable(tmp_path):
    """Train written as IOB1 (CoNLL-2003's files), test as IOB2: test's B-LOC was reported as "never seen in
    train ... count as errors", though the I-LOC a tagger learns decodes to the same chunk (conlleval)."""
    from seqeval.metrics import f1_score

    train = _w(tmp_path, "train.txt", "Paris I-LOC\nis O\nnice O\n\nRome I-LOC\nBerlin B-LOC\n")
    test = _w(tmp_path, "test.txt", "Oslo B-LOC\nis O\n\nwe O\nsaw O\nLima B-LOC\nPeru I-LOC\n")
    _, extra = reader("conll")({"train": train, "test": test}, scheme="auto")
    assert extra["scheme"] == "IOB1"
    (note,) = extra["warnings"]
    assert note.startswith(f"test starts chunks with B-X (IOB2, first at {test}:1) where train starts them with "
                           f"I-X (IOB1, first at {train}:1)") and "never seen" not in note
    # the claim itself, by seqeval (conlleval's reading): train's convention predicted on test finds every chunk
    gold = [["B-LOC", "O"], ["O", "O", "B-LOC", "I-LOC"]]
    learned = [["I-LOC", "O"], ["O", "O", "I-LOC", "I-LOC"]]
    assert f1_score(gold, learned) == 1.0
    # a tag that train truly lacks is still reported
    test2 = _w(tmp_path, "test2.txt", "Oslo B-LOC\nACME B-ORG\n")
    _, extra = reader("conll")({"train": train, "test": test2}, scheme="auto")
    assert any(w.startswith("test: 1 tag(s) never seen in train ('B-ORG')") for w in extra["warnings"])
    # both files in one convention: nothing to say
    _, extra = reader("conll")({"train": train, "test": _w(tmp_path, "t3.txt", "Oslo I-LOC\n")}, scheme="auto")
    assert "warnings" not in extra


# --- classification ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("options,text", [
    ({"sep": "tab", "label_column": 0}, "pos\tgreat\tfun film\nneg\tdull\n"),
    ({"sep": "tab", "label_column": -1}, "great\tfun film\tpos\ndull\tneg\n"),
    ({"sep": "space", "label_column": 0}, "pos great\tfun film\nneg dull\n"),
    ({"sep": "comma", "label_column": 1, "text_column": 0, "n_columns": 2, "header": True},
     'text,label\n"great\tfun film",pos\n"dull",neg\n'),
])
def test_labeled_lines_layouts(tmp_path, options, text):
    splits, extra = reader("labeled-lines")({"train": _w(tmp_path, "l.txt", text)}, **options)
    assert splits["train"] == [LabeledText("great\tfun film", "pos"), LabeledText("dull", "neg")]
    assert extra["labels"] == ["neg", "pos"]


def test_labeled_lines_label_set_and_single_class(tmp_path):
    p = _w(tmp_path, "l.txt", "pos\tgood\nbad-label\tx\n")
    with pytest.raises(InputFormatError, match=r"l.txt:2: expected a label in \{neg, pos\}, got 'bad-label'"):
        reader("labeled-lines")({"train": p}, labels=["pos", "neg"])
    one = _w(tmp_path, "one.txt", "pos\tgood\npos\tfine\n")
    with pytest.raises(InputFormatError, match=r"one.txt: expected at least two distinct labels"):
        reader("labeled-lines")({"train": one})
    test = _w(tmp_path, "test.txt", "neg\tbad\npos\tgood\n")
    train = _w(tmp_path, "train.txt", "pos\tgood\npos\tfine\n")
    with pytest.raises(InputFormatError, match=r"train.txt: expected at least two distinct labels in train"):
        reader("labeled-lines")({"train": train, "test": test})


def test_class_files_and_class_folders(tmp_path):
    pos, neg = _w(tmp_path, "pos.txt", "good\n\nfine\n"), _w(tmp_path, "neg.txt", "bad\n")
    splits, extra = reader("class-files")({"all/pos": pos, "all/neg": neg})
    assert sorted(splits["all"], key=lambda t: t.text) == [LabeledText("bad", "neg"), LabeledText("fine", "pos"),
                                                           LabeledText("good", "pos")]
    with pytest.raises(InputFormatError, match=r"neg.txt: expected a different file for 'all/pos'"):
        reader("class-files")({"all/neg": neg, "all/pos": neg})
    with pytest.raises(ConfigError, match=r"keys <split>/<label>"):
        reader("class-files")({"test": pos})
    _w(tmp_path, "news/sport/1.txt", "Goal!\n")
    _w(tmp_path, "news/tech/1.txt", "Chips.\n")
    splits, extra = reader("class-folders")({"folder": tmp_path / "news"})
    assert splits["all"] == [LabeledText("Goal!", "sport"), LabeledText("Chips.", "tech")]
    _w(tmp_path, "news/tech/2.txt", "  \n")
    with pytest.raises(InputFormatError, match=r"2.txt:1: expected a non-empty document"):
        reader("class-folders")({"folder": tmp_path / "news"})
    # a document saved as "Unicode" (UTF-16 with a byte-order mark) is read by its mark, as dataset lines are
    _w(tmp_path, "news/tech/2.txt", "\ufeffChips, na\u00efvely.\r\n", encoding="utf-16-le")
    splits, extra = reader("class-folders")({"folder": tmp_path / "news"})
    assert splits["all"][-1] == LabeledText("Chips, na\u00efvely.", "tech")


@pytest.mark.parametrize("fallback", [None, "latin-1"])
def test_undecodable_bytes_in_a_utf16_document_are_named_at_their_line(tmp_path, fallback):
    """A document with a UTF-16 mark was refused as "expected utf-8 text, got byte 0x00; set encoding" at a
    line counted in its bytes, where LF's 0x0a is also half of '《' (U+300A) and 'Ċ' (U+010A): line 5 for the
    bad unit on line 3 below; with a fallback encoding it was read as Latin-1 mojibake. Oracle: the line the
    bad unit was written into, and the dataset lines' own message (textio.undecodable_under_mark)."""
    _w(tmp_path, "news/sport/1.txt", "Goal!\n")
    doc = tmp_path / "news/tech/1.txt"
    doc.parent.mkdir(parents=True)
    doc.write_bytes(b"\xff\xfe" + "\u300a\u4e66\u300b \u010a\n\u4e8c\n".encode("utf-16-le") + b"\x00\xd8"
                    + "x\n".encode("utf-16-le"))
    options = {"fallback_encoding": fallback} if fallback else {}
    with pytest.raises(InputFormatError) as exc:
        reader("class-folders")({"folder": tmp_path / "news"}, **options)
    assert str(exc.value) == (f"{doc}:3: expected UTF-16 text, as its byte-order mark says, got undecodable "
                              "bytes (illegal UTF-16 surrogate)")


@pytest.mark.parametrize("ends", [["\r"] * 3, ["\r\n", "\r", "\n"]], ids=["cr", "mixed"])
@pytest.mark.parametrize("codec, options, said", [
    ("utf-8", {}, "expected utf-8 text, got byte 0xe9; set encoding"),
    ("utf-8", {"fallback_encoding": "ascii"}, "expected utf-8 or ascii text, got byte 0xe9"),
    ("utf-16-le", {}, "expected UTF-16 text, as its byte-order mark says, got undecodable bytes"),
], ids=["utf-8", "fallback", "utf-16"])
def test_undecodable_bytes_in_a_document_of_cr_line_ends_are_named_at_their_line(tmp_path, ends, codec, options,
                                                                                 said):
    """A document of classic Mac OS line ends (a CR alone) was named at line 1, its lines counted at LF alone;
    they are counted as the corpus reader and an editor count them. Oracle: the line the bad byte was written
    into (the third)."""
    _w(tmp_path, "news/sport/1.txt", "Goal!\n")
    doc = tmp_path / "news/tech/1.txt"
    doc.parent.mkdir(parents=True)
    head = "".join(line + end for line, end in zip(["Chips .", "More chips ."], ends)) + "Caf"
    bad = b"\xe9" if codec == "utf-8" else b"\x00\xdc"  # Latin-1's e-acute; a lone UTF-16 low surrogate
    mark = b"\xff\xfe" if codec == "utf-16-le" else b""
    doc.write_bytes(mark + head.encode(codec) + bad + (" .\r").encode(codec))
    with pytest.raises(InputFormatError) as exc:
        reader("class-folders")({"folder": tmp_path / "news"}, **options)
    assert str(exc.value).startswith(f"{doc}:3: {said}"), str(exc.value)


def test_trec_fine_and_coarse(tmp_path):
    p = _w(tmp_path, "t.label", "NUM:dist How far ?\nHUM:ind Who ?\n")
    assert [t.label for t in reader("trec")({"train": p}, fine=True)[0]["train"]] == ["NUM:dist", "HUM:ind"]
    assert [t.label for t in reader("trec")({"train": p}, fine=False)[0]["train"]] == ["NUM", "HUM"]


# --- PTB trees (the Stanford Sentiment Treebank's own files) and label_map -------------------------------

@pytest.mark.parametrize("line, expected", [
    ("(3 (2 It) (4 (2 's) (4 (3 (2 a) (4 good)) (2 film))))", ("3", ["It", "'s", "a", "good", "film"])),
    ("(2 Good)", ("2", ["Good"])),
    ("  (1 (1 -LRB-) (2 bad) (1 -RRB-))  ", ("1", ["-LRB-", "bad", "-RRB-"])),  # leaves kept as written
    ("(3 (2 a) (2 b)", None),              # unbalanced
    ("(3 (2 a)) (2 b)", None),             # two trees
    ("(3 (2 a)))", None),                  # closes more than it opens
    ("((2 a) (2 b))", None),               # a bracket without its label
    ("(3 )", None),                        # no leaf
    ("pos great movie", None),
])
def test_ptb_tree_root_label_and_leaves(line, expected):
    from wordeval.datasets.parsers_text import parse_ptb_tree

    assert parse_ptb_tree(line) == expected


def test_ptb_trees_files_and_sst2_by_label_map(tmp_path):
    p = _w(tmp_path, "train.txt", "(3 (2 a) (4 good))\n(2 (2 so) (2 so))\n\n(0 (1 bad) (1 film))\n(4 (4 great))\n"
                                  "(1 (2 dull))\n")
    splits, extra = reader("ptb-trees")({"train": p})
    assert splits["train"] == [LabeledText("a good", "3"), LabeledText("so so", "2"), LabeledText("bad film", "0"),
                               LabeledText("great", "4"), LabeledText("dull", "1")]
    sst2 = {"0": "negative", "1": "negative", "2": False, "3": "positive", "4": "positive"}
    splits, extra = reader("ptb-trees")({"train": p}, label_map=sst2)
    assert splits["train"] == [LabeledText("a good", "positive"), LabeledText("bad film", "negative"),
                               LabeledText("great", "positive"), LabeledText("dull", "negative")]
    assert extra["labels"] == ["negative", "positive"]
    assert extra["label_map"]["dropped"] == ["train: 1 item(s) dropped by label_map"]
    with pytest.raises(HintError, match=r"label_map: expected keys among the labels read from train.txt .* got '5'"):
        reader("ptb-trees")({"train": p}, label_map={"5": "positive"})
    bad = _w(tmp_path, "bad.txt", "(3 (2 a) (4 good))\n(2 (2 so) (2 so)\n")
    with pytest.raises(InputFormatError, match=r"bad.txt:2: expected one bracketed tree per line"):
        reader("ptb-trees")({"train": bad})


def test_label_map_renames_without_dropping_on_any_format(tmp_path):
    p = _w(tmp_path, "t.tsv", "1\tgood\n0\tbad\n1\tfine\n")
    splits, _ = reader("labeled-lines")({"test": p}, sep="tab", label_column=0, label_map={"1": "pos"})
    assert [t.label for t in splits["test"]] == ["pos", "0", "pos"]  # a label the map does not name is kept


# --- SemEval STS as distributed (STS.input.NAME.txt + STS.gs.NAME.txt) -----------------------------------

def _semeval(tmp_path, name, rows, gold):
    _w(tmp_path, f"sts16/STS.input.{name}.txt", "".join(f"{a}\t{b}\tsource-a\tsource-b\n" for a, b in rows))
    _w(tmp_path, f"sts16/STS.gs.{name}.txt", "".join(f"{g}\n" for g in gold))


def test_semeval_sts_input_and_gold_files(tmp_path):
    """Hand-written oracle: line i of STS.input with line i of STS.gs; a blank gold line (STS 2016 has them)
    is a pair SemEval did not score, left out and counted; the subset is the file's NAME."""
    _semeval(tmp_path, "headlines", [("A cat sat.", "A cat is sitting."), ("Stocks fell.", "A dog ran."),
                                     ("It rains.", "Rain falls.")], ["4.8", "", "3"])
    _semeval(tmp_path, "answer-answer", [("Yes.", "No."), ("Maybe.", "Perhaps.")], ["0", "4.2"])
    splits, extra = reader("sts-semeval")({"test": tmp_path / "sts16"})
    assert splits["test"] == [SentencePair("Yes.", "No.", 0.0, "answer-answer"),
                              SentencePair("Maybe.", "Perhaps.", 4.2, "answer-answer"),
                              SentencePair("A cat sat.", "A cat is sitting.", 4.8, "headlines"),
                              SentencePair("It rains.", "Rain falls.", 3.0, "headlines")]
    assert extra["subsets"] == {"answer-answer": 2, "headlines": 2}
    assert extra["warnings"][0].startswith("test/headlines: 1 pair(s) without a gold score")
    one = tmp_path / "sts16/STS.input.headlines.txt"
    splits, extra = reader("sts-semeval")({"test": one})
    assert len(splits["test"]) == 2 and extra["also_read"] == {"test:STS.gs.headlines.txt":
                                                               str(tmp_path / "sts16/STS.gs.headlines.txt")}
    _w(tmp_path, "sts16/STS.gs.headlines.txt", "4.8\n\n")
    with pytest.raises(InputFormatError, match=r"STS.input.headlines.txt:3: expected a gold score for this pair on "
                                               r"line 3 of STS.gs.headlines.txt, got none \(2 gold lines"):
        reader("sts-semeval")({"test": one})
    _w(tmp_path, "sts16/STS.gs.headlines.txt", "4.8\n\nhigh\n")
    with pytest.raises(InputFormatError, match=r"STS.gs.headlines.txt:3: expected an STS score"):
        reader("sts-semeval")({"test": one})
    (tmp_path / "sts16/STS.gs.headlines.txt").unlink()
    from wordeval.errors import MissingFileError
    with pytest.raises(MissingFileError, match=r"STS.gs.headlines.txt: the gold scores of STS.input.headlines.txt"):
        reader("sts-semeval")({"test": one})


def test_allowed_labels_are_checked_on_trec_and_tree_files_too(tmp_path):
    """`labels` was accepted for TREC and tree files and checked on neither."""
    from wordeval.datasets.sniff import sniff

    trees = _w(tmp_path, "t.txt", "(3 (2 a) (4 good))\n(7 (1 bad) (2 film))\n")
    with pytest.raises(InputFormatError, match=r"t.txt:2: expected a label in \{0, 1, 2, 3, 4\}, got '7'"):
        reader("ptb-trees")({"train": trees}, labels=list("01234"))
    trec = _w(tmp_path, "q.label", "NUM:dist How far ?\nXYZ:other Who ?\n")
    with pytest.raises(InputFormatError, match=r"q.label:2: expected a label in \{DESC, HUM, NUM\}, got 'XYZ'"):
        reader("trec")({"train": trec}, fine=False, labels=["NUM", "HUM", "DESC"])
    name, options, _ = sniff("classification", {"train": trees}, {"labels": list("01234")})
    assert name == "ptb-trees" and options["labels"] == list("01234")


def test_trec_label_ends_at_a_tab_too(tmp_path):
    """'NUM:count<TAB>How many ...' (a TREC file re-saved from a spreadsheet) became the label 'NUM:count\\tHow'
    and a text without its first word, with no more than an 'unseen label' warning."""
    p = _w(tmp_path, "t.label", "NUM:count\tHow many legs ?\nHUM:ind Who was Galileo ?\n")
    assert reader("classification")({"test": p}, format="trec", fine=True)[0]["test"] == [
        LabeledText("How many legs ?", "NUM:count"), LabeledText("Who was Galileo ?", "HUM:ind")]


def test_scheme_auto_refuses_an_iobes_tag_among_iob1_chunk_starts_naming_both_lines(tmp_path):
    """One stray S-LOC in a CoNLL-2003 (IOB1) copy switched the whole dataset to IOBES and reported every I-X
    start of train as an IOBES repair, without naming the stray tag."""
    train = _w(tmp_path, "train.txt", "EU NNP I-ORG\nrejects VBZ O\n\nPeter NNP I-PER\nBlackburn NNP I-PER\n")
    # a PER in test: a test sharing no entity type with train is refused on its own account
    test = _w(tmp_path, "test.txt", "JAPAN NNP I-LOC\nwins VBZ O\n\nCHINA NNP S-LOC\n\nIto NNP I-PER\n")
    with pytest.raises(InputFormatError, match=rf"^{test}:4: expected tags of one scheme \(scheme = \"auto\"\), got "
                                               rf"'S-LOC' \(IOBES\) where chunks start with I-X \(IOB1, first at "
                                               rf"{train}:1\); fix the tag, or set scheme in the spec$"):
        reader("conll")({"train": train, "test": test}, scheme="auto")
    _, extra = reader("conll")({"train": train, "test": test}, scheme="IOBES")  # the user's choice is kept
    assert extra["scheme"] == "IOBES"


def test_a_file_without_blank_lines_between_sentences_is_warned_about(tmp_path):
    """Blank lines stripped from a CoNLL file: one giant sentence, no malformed line, no word about it."""
    test = _w(tmp_path, "test.txt", "".join(f"w{i} NNP {'I-PER' if i % 7 == 0 else 'O'}\n" for i in range(1200)))
    train = _w(tmp_path, "train.txt", "EU NNP I-ORG\nrejects VBZ O\n\nPeter NNP I-PER\n")
    splits, extra = reader("conll")({"train": train, "test": test}, scheme="auto")
    assert [len(s.tokens) for s in splits["test"]] == [1200]
    assert ("test: 1 of 1 sentence(s) over 1000 tokens (sentence 1 has 1200): are the blank lines between "
            "sentences missing?") in extra["warnings"]
    assert not any("over 1000" in w for w in reader("conll")({"train": train})[1].get("warnings", []))
