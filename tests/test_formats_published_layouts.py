"""Users' files in published layouts that differ from the fixtures. Oracles: the items as the format's
authors define them, counted and written out by hand from the tiny files below."""
from __future__ import annotations

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.datasets.types import WordPair


def _read(family, files, hints=None):
    name, options, notes = sniff(family, files, hints or {})
    splits, extra = reader(name)(files, **options)
    return name, options, notes, splits, extra


def _w(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_similarity_part_of_speech_column_before_the_words_is_not_a_word(tmp_path):
    """SimVerb-3500 with its POS column first: 'V' was taken for word1 and 'take' for word2 on every line."""
    for sep in ("\t", " "):
        path = _w(tmp_path, "simverb.txt", sep.join(["V", "take", "remove", "6.81"]) + "\n"
                  + sep.join(["V", "go", "run", "7.5"]) + "\n" + sep.join(["V", "eat", "consume", "8.2"]) + "\n")
        _, options, notes, splits, _ = _read("similarity", {"test": path})
        assert splits["test"] == [WordPair("take", "remove", 6.81), WordPair("go", "run", 7.5),
                                  WordPair("eat", "consume", 8.2)]
        assert any("part-of-speech" in n for n in notes)


def test_similarity_simlex_pos_column_after_the_words_is_still_skipped(tmp_path):
    path = _w(tmp_path, "SimLex-999.txt", "word1\tword2\tPOS\tSimLex999\tconc(w1)\n"
              "old\tnew\tA\t1.58\t2.72\nsmart\tintelligent\tA\t9.2\t1.75\nbook\tpaper\tN\t4.1\t3.0\n")
    _, _, _, splits, _ = _read("similarity", {"test": path})
    assert splits["test"] == [WordPair("old", "new", 1.58), WordPair("smart", "intelligent", 9.2),
                              WordPair("book", "paper", 4.1)]


def test_msr_five_column_lines_read_with_their_relation_as_section(tmp_path):
    """EN-MSR.txt writes 'a b c TYPE d' (word-embeddings-benchmarks reads words[3] as the category and
    words[4] as the answer); it was refused as '5 space-separated words, expected 4: multiword items'."""
    from wordeval.datasets.types import AnalogyQuestion

    path = _w(tmp_path, "EN-MSR.txt", "good better rough JJ_JJR rougher\nyear years law NN_NNS laws\n"
              "see sees take VB_VBZ takes\n")
    name, _, _, splits, extra = _read("analogy", {"test": path})
    assert name == "msr-lines"
    assert splits["test"] == [AnalogyQuestion("good", "better", "rough", ("rougher",), "JJ_JJR"),
                              AnalogyQuestion("year", "years", "law", ("laws",), "NN_NNS"),
                              AnalogyQuestion("see", "sees", "take", ("takes",), "VB_VBZ")]
    assert extra["sections"] == ["JJ_JJR", "NN_NNS", "VB_VBZ"]


def test_msr_five_column_line_without_a_relation_names_file_and_line(tmp_path):
    import pytest

    from wordeval.errors import InputFormatError

    path = _w(tmp_path, "EN-MSR.txt", "".join(f"w{i} x{i} y{i} JJ_JJR z{i}\n" for i in range(12))
              + "good better rough jj rougher\n")
    name, options, _ = sniff("analogy", {"test": path}, {})
    with pytest.raises(InputFormatError, match=r"EN-MSR.txt:13: .*a b c TYPE d"):
        reader(name)({"test": path}, **options)


def _word2vec_binary(path, words, vectors):
    import numpy as np

    with open(path, "wb") as fh:
        fh.write(f"{len(words)} {vectors.shape[1]}\n".encode())
        for word, row in zip(words, vectors):
            fh.write(word.encode() + b" " + np.asarray(row, dtype="<f4").tobytes() + b"\n")


def test_word2vec_binary_word_with_a_space_is_named_at_its_record(tmp_path):
    """'new york' in a binary file was read as 'new', its vector from 'york ' on, and the error named the
    next record as a wrong header dimension. Oracle for the rest: gensim reads the file without that word."""
    import numpy as np
    import pytest
    from gensim.models import KeyedVectors

    from wordeval.embeddings.load import load_file
    from wordeval.errors import InputFormatError

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(4, 5)).astype(np.float32)
    _word2vec_binary(tmp_path / "ok.bin", ["king", "queen", "new_york", "paris"], vectors)
    emb = load_file(tmp_path / "ok.bin", cache=False)
    kv = KeyedVectors.load_word2vec_format(str(tmp_path / "ok.bin"), binary=True)
    assert emb.words == list(kv.index_to_key)
    np.testing.assert_array_equal(emb.vectors, kv.vectors)
    _word2vec_binary(tmp_path / "space.bin", ["king", "queen", "new york", "paris"], vectors)
    # record 3 starts after the header '4 5\n' and 'king ' + 20 + 1 and 'queen ' + 20 + 1 bytes: 4 + 26 + 27
    with pytest.raises(InputFormatError,
                       match=r"space\.bin: record 3 at byte offset 57: .*word without spaces.*'new york'"):
        load_file(tmp_path / "space.bin", cache=False)


def test_bilou_tags_are_refused_at_their_line_with_the_renaming_that_reads_them(tmp_path):
    """spaCy's BILOU (U-, L-) was refused with 'no column holds entity tags ... set columns.tag (and scheme)',
    though no setting reads it; the message now names the first U-/L- tag and the IOBES renaming."""
    import pytest

    from wordeval.errors import ConfigError

    train = _w(tmp_path, "train.txt", "John\tU-PER\nlives\tO\n\nNew\tB-LOC\nYork\tL-LOC\n")
    test = _w(tmp_path, "test.txt", "Mary\tU-PER\n")
    with pytest.raises(ConfigError, match=r"train.txt:1: .*BILOU tag 'U-PER': rename U- to S- and L- to E-"):
        sniff("ner", {"train": train, "test": test}, {})
    renamed = _w(tmp_path, "renamed.txt", "John\tS-PER\nlives\tO\n\nNew\tB-LOC\nYork\tE-LOC\n")
    _, options, _ = sniff("ner", {"train": renamed, "test": _w(tmp_path, "t2.txt", "Mary\tS-PER\n")}, {})
    assert options["tag_column"] == 1


_GERMEVAL = """#\thttp://de.wikipedia.org/wiki/Manfred_Korfmann [2009-10-17]
1\tAufgrund\tO\tO
2\tseiner\tO\tO
3\tInitiative\tO\tO
4\tfand\tO\tO
5\tin\tO\tO
6\tStuttgart\tB-LOC\tO
7\tstatt\tO\tO
8\t„\tO\tO
9\tTroia\tB-OTH\tB-LOC
10\t-\tI-OTH\tO
11\tTraum\tI-OTH\tO
12\t“\tO\tO
13\t.\tO\tO

#\thttp://de.wikipedia.org/wiki/Erich_Kästner [2009-10-17]
1\tKästner\tB-PER\tO
2\tlebte\tO\tO
3\tin\tO\tO
4\tDresden\tB-LOC\tO
5\t.\tO\tO

"""


def test_germeval_index_column_is_not_the_token_and_the_outer_entities_are_the_tags(tmp_path):
    """GermEval 2014's 'index token outer nested' lines: the indices were read as the tokens ('1', '2', ...) and
    the nested column (gold O for Stuttgart, Kästner, Dresden) as the entities."""
    train = _w(tmp_path, "NER-de-train.tsv", _GERMEVAL)
    test = _w(tmp_path, "NER-de-test.tsv", _GERMEVAL.replace("Dresden", "Leipzig"))
    _, options, notes, splits, _ = _read("ner", {"train": train, "test": test})
    first, second = splits["train"]
    assert first.tokens == ("Aufgrund", "seiner", "Initiative", "fand", "in", "Stuttgart", "statt", "„", "Troia",
                            "-", "Traum", "“", ".")
    assert first.tags == ("O",) * 5 + ("B-LOC", "O", "O", "B-OTH", "I-OTH", "I-OTH", "O", "O")
    assert second.tokens == ("Kästner", "lebte", "in", "Dresden", ".")
    assert second.tags == ("B-PER", "O", "O", "B-LOC", "O")
    assert splits["test"][1].tokens[3] == "Leipzig"
    assert any("GermEval" in n for n in notes)


def test_a_numeric_first_column_that_does_not_count_the_words_stays_the_token(tmp_path):
    """Tokens that are numbers ('1990', '3') are not taken for an index column."""
    text = "1990\tCD\tO\nin\tIN\tO\nBonn\tNNP\tB-LOC\n\n3\tCD\tO\nmen\tNNS\tO\nleft\tVBD\tO\nParis\tNNP\tB-LOC\n\n"
    train = _w(tmp_path, "train.tsv", text)
    test = _w(tmp_path, "test.tsv", text + "Rome\tNNP\tB-LOC\n\n")
    _, _, _, splits, _ = _read("ner", {"train": train, "test": test})
    assert splits["train"][0].tokens == ("1990", "in", "Bonn")
    assert splits["train"][1].tokens == ("3", "men", "left", "Paris")



def test_a_first_token_that_is_a_non_ascii_digit_is_read_as_a_token(tmp_path):
    """'²' is a digit to str.isdigit, but no number to int(): a file starting with it ended the index-column test in
    a ValueError traceback. It is a token like any other."""
    text = "²\tNN\tO\nkm\tNN\tO\n\nBerlin\tNNP\tB-LOC\nis\tVBZ\tO\n\n"
    train = _w(tmp_path, "train.tsv", text)
    test = _w(tmp_path, "test.tsv", "Rome\tNNP\tB-LOC\nwas\tVBD\tO\n\n")
    _, _, _, splits, _ = _read("ner", {"train": train, "test": test})
    assert [(s.tokens, s.tags) for s in splits["train"]] == [(("²", "km"), ("O", "O")),
                                                             (("Berlin", "is"), ("B-LOC", "O"))]

_ONTONOTES = """#begin document (bc/cctv/00/cctv_0001); part 000
bc/cctv/00/cctv_0001   0    0   President    NNP  (TOP(S(NP*     -    -   -   Speaker#1   (PERSON*    (ARG0*   -
bc/cctv/00/cctv_0001   0    1       Obama    NNP         *)     -    -   -   Speaker#1         *)         *)   -
bc/cctv/00/cctv_0001   0    2     visited    VBD     (VP*    visit  01   1   Speaker#1         *       (V*)   -
bc/cctv/00/cctv_0001   0    3         New    NNP   (NP*      -    -   -   Speaker#1      (GPE*    (ARG1*   -
bc/cctv/00/cctv_0001   0    4        York    NNP        *))   -    -   -   Speaker#1         *)         *)   -
bc/cctv/00/cctv_0001   0    5           .      .        *))   -    -   -   Speaker#1         *          *    -

bc/cctv/00/cctv_0001   0    0         IBM    NNP  (TOP(S(NP*)    -    -   -   Speaker#1     (ORG)       *   (1)
bc/cctv/00/cctv_0001   0    1        grew    VBD     (VP*    grow  01   1   Speaker#1         *       (V*)   -
bc/cctv/00/cctv_0001   0    2           .      .        *))   -    -   -   Speaker#1         *          *    -

#end document
"""


def test_ontonotes_bracketed_entities_are_refused_naming_the_column_and_what_reads_them(tmp_path, capsys):
    """CoNLL-2012's '(PERSON*' ... '*)' NE column was refused with 'no column holds entity tags; set columns.tag',
    and setting columns.tag then refused '(PERSON*' as a bad tag: no setting reads them."""
    from wordeval.cli import main

    _w(tmp_path, "train.gold_conll", _ONTONOTES)
    _w(tmp_path, "test.gold_conll", _ONTONOTES.replace("IBM", "Intel"))
    spec = _w(tmp_path, "onto.toml", 'name = "onto"\nfamily = "ner"\n[files]\ntrain = "train.gold_conll"\n'
                                     'test = "test.gold_conll"\n')
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{tmp_path / 'train.gold_conll'}:2: column 10 holds CoNLL-2012" in err
    assert "'(PERSON*'" in err and "IOB2" in err


def test_ontonotes_pos_reads_the_word_and_pos_columns(tmp_path):
    """A POS task on CoNLL-2012 files read the document id ('bc/cctv/00/cctv_0001') as every token and the last
    (coreference) column as the tags. Its layout: document, part, word number from 0, word, POS, ..."""
    train = _w(tmp_path, "train.gold_conll", _ONTONOTES)
    test = _w(tmp_path, "test.gold_conll", _ONTONOTES.replace("IBM", "Intel"))
    _, _, notes, splits, _ = _read("pos", {"train": train, "test": test})
    first, second = splits["train"]
    assert first.tokens == ("President", "Obama", "visited", "New", "York", ".")
    assert first.tags == ("NNP", "NNP", "VBD", "NNP", "NNP", ".")
    assert second.tokens == ("IBM", "grew", ".") and second.tags == ("NNP", "VBD", ".")
    assert splits["test"][1].tokens[0] == "Intel"
    assert any("CoNLL-2012" in n for n in notes)


def _ontonotes_check(tmp_path, capsys, family, hints=""):
    from wordeval.cli import main

    _w(tmp_path, "train.gold_conll", _ONTONOTES)
    _w(tmp_path, "test.gold_conll", _ONTONOTES.replace("IBM", "Intel"))
    spec = _w(tmp_path, "onto.toml", f'name = "onto"\nfamily = "{family}"\n{hints}[files]\n'
                                     'train = "train.gold_conll"\ntest = "test.gold_conll"\n')
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_ontonotes_entity_column_named_by_the_spec_is_refused_with_what_reads_it(tmp_path, capsys):
    """columns = {token = 3, tag = 10} on CoNLL-2012 files was told only "expected a chunk tag, got '*'"."""
    err = _ontonotes_check(tmp_path, capsys, "ner", "columns = {token = 3, tag = 10}\n")
    assert f"{tmp_path / 'train.gold_conll'}:2: expected a chunk tag" in err
    assert "got '(PERSON*': CoNLL-2012 (OntoNotes) bracketed spans" in err and "one IOB2 tag per token" in err


def test_ontonotes_chunking_is_refused_naming_the_parse_column(tmp_path, capsys):
    """CoNLL-2012 has no chunk column (phrases are in the bracketed parse): chunking was told to set
    columns.tag, which no column answers."""
    err = _ontonotes_check(tmp_path, capsys, "chunking")
    assert f"{tmp_path / 'train.gold_conll'}:2: expected a column of chunk tags, got CoNLL-2012" in err
    assert "bracketed parse (column 5" in err and "one chunk tag per token" in err
