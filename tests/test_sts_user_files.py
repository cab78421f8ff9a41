"""Users' STS files. STS-B-style files (genre, file, year, id, score, sentence1, sentence2) whose rows
sometimes carry extra trailing source columns: a row past the sniffer's sample is read like one inside it
(oracle: the fields taken by hand, as SentEval's STSBenchmark loader takes them, columns 5, 6 and 4).
SemEval's STS.input/STS.gs pairs with a UTF-8 byte-order mark (oracle: the pairs written by hand)."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.datasets.sniff import SAMPLE_LINES


def _write(folder, n_rows, wide_rows):
    lines = []
    for i in range(n_rows):
        extra = "\tsource-a\tsource-b" if i in wide_rows else ""
        lines.append(f"main-captions\tMSRvid\t2012test\t{i:04d}\t{(i * 7) % 51 / 10:.3f}\tA man number {i} "
                     f"plays.\tA person {i % 13} is playing.{extra}\n")
    (folder / "sts-train.csv").write_text("".join(lines), encoding="utf-8")
    (folder / "stsb.toml").write_text('name = "stsb"\nfamily = "sts"\n[files]\ntest = "sts-train.csv"\n')
    return [line.rstrip("\n").split("\t") for line in lines]


@pytest.mark.parametrize("wide_row", [10, SAMPLE_LINES + 50])
def test_extra_trailing_columns_are_read_inside_and_past_the_sample(tmp_path, wide_row):
    import wordeval
    rows = _write(tmp_path, SAMPLE_LINES + 100, {wide_row})
    items = list(wordeval.get_task(str(tmp_path / "stsb.toml")).load_dataset().items("test"))
    assert [(p.sentence1, p.sentence2, p.score) for p in items] == [(f[5], f[6], float(f[4])) for f in rows]


def test_a_short_row_past_the_sample_is_still_refused_at_its_line(tmp_path):
    import wordeval
    from wordeval.errors import WordevalError
    _write(tmp_path, SAMPLE_LINES + 100, set())
    path = tmp_path / "sts-train.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[SAMPLE_LINES + 20] = "main-captions\tMSRvid\t2012test\t9999\t2.5\tonly one sentence\n"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(WordevalError, match=f"sts-train.csv:{SAMPLE_LINES + 21}:"):
        wordeval.get_task(str(tmp_path / "stsb.toml")).load_dataset()


def test_semeval_files_with_a_byte_order_mark(tmp_path):
    import wordeval
    (tmp_path / "STS.input.news.txt").write_bytes(
        b"\xef\xbb\xbfThe cat sat.\tA cat sat.\r\nA dog runs.\tThe dog ran.\r\nBirds fly.\tPlanes fly.\r\n")
    (tmp_path / "STS.gs.news.txt").write_bytes(b"\xef\xbb\xbf4.0\r\n3.2\r\n1.0\r\n")
    (tmp_path / "se.toml").write_text('name = "se"\nfamily = "sts"\n[files]\ntest = "STS.input.news.txt"\n')
    items = list(wordeval.get_task(str(tmp_path / "se.toml")).load_dataset().items("test"))
    assert [(p.sentence1, p.sentence2, p.score, p.subset) for p in items] == [
        ("The cat sat.", "A cat sat.", 4.0, "news"), ("A dog runs.", "The dog ran.", 3.2, "news"),
        ("Birds fly.", "Planes fly.", 1.0, "news")]


SICK_HEADER = ("pair_ID\tsentence_A\tsentence_B\tentailment_label\trelatedness_score\tentailment_AB\tentailment_BA\t"
               "sentence_A_original\tsentence_B_original\tsentence_A_dataset\tsentence_B_dataset\tSemEval_set\n")


def _sick_row(i, a, b, score, semeval_set):
    return (f"{i}\t{a}\t{b}\tNEUTRAL\t{score}\tA_neutral_B\tB_neutral_A\t{a} in the original corpus.\t"
            f"{b} in the original corpus.\tFLICKR\tFLICKR\t{semeval_set}\n")


SICK = [(1, "A group of kids is playing", "Boys are playing", 4.5, "TRAIN"),
        (2, "A brown dog is attacking", "Two dogs are fighting", 3.5, "TRIAL"),
        (3, "A man is cutting an onion", "A woman slices a tomato", 2.1, "TEST"),
        (4, "Kids play soccer", "Children are playing football", 4.7, "TEST"),
        (5, "A cat sleeps", "The stock market fell", 1.0, "TRAIN"),
        (6, "A woman is dancing", "A man is talking", 0.8, "TRIAL")]  # a split of one pair is refused


@pytest.mark.parametrize("split, kept", [("test", {"TEST"}), ("train", {"TRAIN"}), ("dev", {"TRIAL"}),
                                         ("all", {"TRAIN", "TRIAL", "TEST"})])
def test_sick_full_file_keeps_the_pairs_of_the_split_it_is_named_for(tmp_path, split, kept):
    """SICK.txt holds all 9,840 pairs (TRAIN 4,500, TRIAL 500, TEST 4,927): under test it was scored whole."""
    import wordeval
    (tmp_path / "SICK.txt").write_text(SICK_HEADER + "".join(_sick_row(*r) for r in SICK), encoding="utf-8")
    (tmp_path / "sick.toml").write_text(f'name = "sick"\nfamily = "sts"\n[files]\n{split} = "SICK.txt"\n')
    ds = wordeval.get_task(str(tmp_path / "sick.toml")).load_dataset()
    assert [(p.sentence1, p.sentence2, p.score) for p in ds.splits[split]] == [
        (a, b, s) for _, a, b, s, semeval_set in SICK if semeval_set in kept]


def test_sick_set_column_with_an_unknown_set_is_refused_at_its_line(tmp_path):
    import wordeval
    from wordeval.errors import WordevalError
    rows = SICK[:2] + [(9, "A man sings", "A man is singing", 4.9, "VALIDATION")] + SICK[2:]
    (tmp_path / "SICK.txt").write_text(SICK_HEADER + "".join(_sick_row(*r) for r in rows), encoding="utf-8")
    (tmp_path / "sick.toml").write_text('name = "sick"\nfamily = "sts"\n[files]\ntest = "SICK.txt"\n')
    with pytest.raises(WordevalError, match=r"SICK.txt:4: expected a SemEval set \(TRAIN, TRIAL, TEST\) in column 11"):
        wordeval.get_task(str(tmp_path / "sick.toml")).load_dataset()


def test_stsb_ids_that_repeat_are_not_taken_for_the_score(tmp_path):
    """STS-B's ids ('0001') restart with each source file, so sts-train.csv repeats them: the score column
    could not be told from them ('columns [3, 4] are all numeric')."""
    import wordeval
    rows = _write(tmp_path, 40, set())
    text = (tmp_path / "sts-train.csv").read_text(encoding="utf-8").replace("\t0002\t", "\t0001\t")
    (tmp_path / "sts-train.csv").write_text(text, encoding="utf-8")
    items = list(wordeval.get_task(str(tmp_path / "stsb.toml")).load_dataset().items("test"))
    assert [(p.sentence1, p.sentence2, p.score) for p in items] == [(f[5], f[6], float(f[4])) for f in rows]


@pytest.mark.parametrize("gold, kept", [
    ("4.0\n\n2.5\n\n", [0, 2]),        # the last pair unscored: its blank line is the file's last line
    ("4.0\n\n2.5\n\n\n", [0, 2]),      # ... followed by one trailing newline too many
    ("4.0\n3.0\n2.5\n1.0\n\n", [0, 1, 2, 3]),  # every pair scored, a blank line at the end
])
def test_semeval_unscored_last_pair_is_left_out_not_refused(tmp_path, gold, kept):
    """SentEval reads STS.gs line by line and drops the pairs whose gold line is empty (not_empty_idx): STS 2015
    and 2016 leave runs of pairs unscored, the last one included. A blank last gold line was taken for a
    trailing newline and the subset refused ('4 gold lines for 5 sentence pairs')."""
    import wordeval
    pairs = [("A cat sits.", "A cat sat."), ("Dogs run.", "A dog runs."), ("The sun shines.", "It is sunny."),
             ("Birds fly.", "A bird flies.")]
    (tmp_path / "STS.input.a.txt").write_text("".join(f"{a}\t{b}\n" for a, b in pairs), encoding="utf-8")
    (tmp_path / "STS.gs.a.txt").write_text(gold, encoding="utf-8")
    (tmp_path / "se.toml").write_text('name = "se"\nfamily = "sts"\n[files]\ntest = "STS.input.a.txt"\n')
    items = list(wordeval.get_task(str(tmp_path / "se.toml")).load_dataset().items("test"))
    scores = gold.split("\n")
    assert [(p.sentence1, p.sentence2, p.score) for p in items] == [(*pairs[i], float(scores[i])) for i in kept]


@pytest.mark.parametrize("gold, where", [
    ("4.0\n2.0\n", "STS.input.a.txt:3: expected a gold score .*2 gold lines for 3 sentence pairs"),
    ("4.0\n2.0\n1.0\n3.5\n", "STS.gs.a.txt:4: expected no gold line past the 3 sentence pairs .*'3.5'"),
])
def test_semeval_gold_and_input_of_other_lengths_are_refused_at_the_first_unmatched_line(tmp_path, gold, where):
    """The message named a file only ('expected as many lines in STS.gs.a.txt as in STS.input.a.txt'), and for
    a gold file too long it named the input: the line where the two files part is the one to look at."""
    import wordeval
    from wordeval.errors import WordevalError
    (tmp_path / "STS.input.a.txt").write_text("A b.\tC d.\nE f.\tG h.\nI j.\tK l.\n", encoding="utf-8")
    (tmp_path / "STS.gs.a.txt").write_text(gold, encoding="utf-8")
    (tmp_path / "se.toml").write_text('name = "se"\nfamily = "sts"\n[files]\ntest = "STS.input.a.txt"\n')
    with pytest.raises(WordevalError, match=where):
        wordeval.get_task(str(tmp_path / "se.toml")).load_dataset()


def _sts2016_folder(folder):
    """Two subsets of STS 2016 as distributed: STS2016.input.NAME.txt (sentences, then their two sources) and
    STS2016.gs.NAME.txt, whose blank lines are the pairs SemEval did not score."""
    (folder / "STS2016.input.headlines.txt").write_text(
        "Cat sits on mat.\tA cat is on a mat.\tsrc1\tsrc2\nStocks fall.\tMarkets drop.\tsrc1\tsrc2\n"
        "Rain in Paris.\tSun in Rome.\tsrc1\tsrc2\n", encoding="utf-8")
    (folder / "STS2016.gs.headlines.txt").write_text("4.4\n\n1.2\n", encoding="utf-8")
    (folder / "STS2016.input.plagiarism.txt").write_text(
        "He wrote it.\tIt was written by him.\tsrc1\tsrc2\nA test.\tAn exam.\tsrc1\tsrc2\n", encoding="utf-8")
    (folder / "STS2016.gs.plagiarism.txt").write_text("5\n3.8\n", encoding="utf-8")
    (folder / "sts16.toml").write_text('name = "sts16"\nfamily = "sts"\n[files]\ntest = "."\n')


def test_sts2016_folder_as_distributed_is_read(tmp_path):
    """STS 2016's files are named STS2016.input/STS2016.gs (SentEval's download script renames them to
    STS.input/STS.gs): the folder as distributed was refused with 'no STS.input.*.txt'."""
    import wordeval
    _sts2016_folder(tmp_path)
    items = list(wordeval.get_task(str(tmp_path / "sts16.toml")).load_dataset().items("test"))
    assert [(p.sentence1, p.sentence2, p.score, p.subset) for p in items] == [
        ("Cat sits on mat.", "A cat is on a mat.", 4.4, "headlines"),
        ("Rain in Paris.", "Sun in Rome.", 1.2, "headlines"),
        ("He wrote it.", "It was written by him.", 5.0, "plagiarism"), ("A test.", "An exam.", 3.8, "plagiarism")]


def test_a_subset_given_twice_in_one_folder_is_refused(tmp_path):
    import wordeval
    from wordeval.errors import WordevalError
    _sts2016_folder(tmp_path)
    (tmp_path / "STS.input.plagiarism.txt").write_text("A b.\tC d.\nE f.\tG h.\n", encoding="utf-8")
    (tmp_path / "STS.gs.plagiarism.txt").write_text("1\n2\n", encoding="utf-8")
    with pytest.raises(WordevalError, match="one input file per subset.*plagiarism"):
        wordeval.get_task(str(tmp_path / "sts16.toml")).load_dataset()


def test_semeval_score_outside_score_scale_is_named_at_its_gold_line(tmp_path):
    """score_scale named the spec's input file (or folder) without a line: the score is on a line of the
    subset's STS.gs file, the file to open."""
    import wordeval
    from wordeval.errors import WordevalError
    _sts2016_folder(tmp_path)
    (tmp_path / "STS2016.gs.headlines.txt").write_text("4.4\n\n6.5\n", encoding="utf-8")
    (tmp_path / "sts16.toml").write_text('name = "sts16"\nfamily = "sts"\nscore_scale = [0, 5]\n[files]\n'
                                         'test = "."\n')
    with pytest.raises(WordevalError, match=r"STS2016.gs.headlines.txt:3: expected gold scores within score_scale "
                                            r"= \[0, 5\] .*got 6.5 for 'Rain in Paris.'"):
        wordeval.get_task(str(tmp_path / "sts16.toml")).load_dataset()


@pytest.mark.parametrize("name, data, message", [
    ("STS.gs.a.txt", "4.0\n2.0\n1.0\n".encode("utf-16-le"),
     r"STS.gs.a.txt:1: expected utf-8 text, got a NUL byte \(.*without a byte-order mark: convert it to "
     r"UTF-8, e.g. iconv -f UTF-16LE -t UTF-8 FILE > OUT\)$"),
    ("STS.input.a.txt", "A b.\tC d.\nCaf\u00e9 au lait.\tG h.\nI j.\tK l.\n".encode("latin-1"),
     r"STS.input.a.txt:2: not utf-8 text \(byte 0xe9 at column 4\); set encoding = \"latin-1\""),
])
def test_semeval_files_in_another_encoding_are_refused_saying_how_to_read_them(tmp_path, name, data, message):
    """Other STS files in UTF-16 or Latin-1 are told to convert or to set encoding; SemEval's were 'expected
    utf-8-sig text, got undecodable byte 0xff at column 1' (the reader's codec, and no way out)."""
    import wordeval
    from wordeval.errors import WordevalError
    (tmp_path / "STS.input.a.txt").write_text("A b.\tC d.\nE f.\tG h.\nI j.\tK l.\n", encoding="utf-8")
    (tmp_path / "STS.gs.a.txt").write_text("4.0\n2.0\n1.0\n", encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "se.toml").write_text('name = "se"\nfamily = "sts"\n[files]\ntest = "STS.input.a.txt"\n')
    with pytest.raises(WordevalError, match=message):
        wordeval.get_task(str(tmp_path / "se.toml")).load_dataset()


def test_semeval_gold_in_utf16_with_a_byte_order_mark_is_read(tmp_path):
    """Its byte-order mark says how a UTF-16 file is read: it was refused ("convert it to UTF-8")."""
    import wordeval
    (tmp_path / "STS.input.a.txt").write_text("A b.\tC d.\nE f.\tG h.\nI j.\tK l.\n", encoding="utf-8")
    (tmp_path / "STS.gs.a.txt").write_bytes("4.0\n2.0\n1.0\n".encode("utf-16"))
    (tmp_path / "se.toml").write_text('name = "se"\nfamily = "sts"\n[files]\ntest = "STS.input.a.txt"\n')
    items = wordeval.get_task(str(tmp_path / "se.toml")).load_dataset().items("test")
    assert [p.score for p in items] == [4.0, 2.0, 1.0]


def test_comma_separated_sentences_quoted_around_a_line_break_are_one_pair(tmp_path):
    """The README reads comma-separated files as pandas' to_csv writes them, a quoted text spanning lines
    included; STS split them at each line ('expected one comma-separated record per line'). Oracle: the rows
    given to Python's csv writer."""
    import csv
    import io

    import wordeval
    from wordeval.errors import WordevalError
    rows = [("A man, loudly, plays a guitar.", "A man plays the guitar.", 4.5),
            ("The weather is nice.", "It is sunny\nand warm.", 3.0),
            ('The cat sat on the "mat".', "A dog ran in the park.", 0.5)]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([("sentence1", "sentence2", "score"), *rows])
    (tmp_path / "p.csv").write_text(buf.getvalue(), encoding="utf-8")
    (tmp_path / "c.toml").write_text('name = "c"\nfamily = "sts"\ndelimiter = "comma"\n[files]\ntest = "p.csv"\n')
    items = list(wordeval.get_task(str(tmp_path / "c.toml")).load_dataset().items("test"))
    assert [(p.sentence1, p.sentence2, p.score) for p in items] == rows
    (tmp_path / "p.csv").write_text(buf.getvalue() + '"Unclosed, it runs on.,Short.,2\n', encoding="utf-8")
    with pytest.raises(WordevalError, match=r"p.csv:6: expected every quoted field closed"):
        wordeval.get_task(str(tmp_path / "c.toml")).load_dataset()


def test_saved_predictions_name_the_sentences_of_each_cosine(tmp_path):
    """The STS prediction file had id, subset, gold and cosine only, and an id counts the pairs read, not the
    file's lines (SemEval's unscored pairs are left out): which pair got which cosine could not be told.
    Oracle: the folder's scored pairs, written by hand, and the record's own per-item cosines."""
    import wordeval
    from wordeval.results.predictions import read_table
    _sts2016_folder(tmp_path)
    table = {w: np.random.default_rng(i).standard_normal(4).astype(np.float32)
             for i, w in enumerate("cat sits on mat a is stocks fall markets drop rain in paris sun rome he wrote it "
                                   "was written by him test an exam".split())}
    rec = wordeval.evaluate(table, str(tmp_path / "sts16.toml"), name="t", predictions=tmp_path / "pred")
    (path,) = (tmp_path / "pred").glob("*.tsv")
    header, rows = read_table(path)
    assert header == ["id", "subset", "sentence1", "sentence2", "gold", "cosine"]
    assert [r[:5] for r in rows] == [
        ["0", "headlines", "Cat sits on mat.", "A cat is on a mat.", "4.4"],
        ["1", "headlines", "Rain in Paris.", "Sun in Rome.", "1.2"],
        ["2", "plagiarism", "He wrote it.", "It was written by him.", "5.0"],
        ["3", "plagiarism", "A test.", "An exam.", "3.8"]]
    assert [float(r[5]) for r in rows] == rec.per_item["pred"]


@pytest.mark.parametrize("hint", ["", 'decimal = ","\n'])
def test_semeval_gold_scores_with_a_decimal_comma(tmp_path, hint):
    """A gold file written '1,5' was refused with 'set decimal = "," in the spec', and refused the same way
    with it set: the SemEval reader took no decimal option. Oracle: the scores by hand."""
    import wordeval
    (tmp_path / "STS.input.a.txt").write_text("A b.\tC d.\nE f.\tG h.\nI j.\tK l.\n", encoding="utf-8")
    (tmp_path / "STS.gs.a.txt").write_text("1,5\n\n3,25\n", encoding="utf-8")
    (tmp_path / "se.toml").write_text(f'name = "se"\nfamily = "sts"\n{hint}[files]\ntest = "STS.input.a.txt"\n')
    items = list(wordeval.get_task(str(tmp_path / "se.toml")).load_dataset().items("test"))
    assert [(p.sentence1, p.score) for p in items] == [("A b.", 1.5), ("I j.", 3.25)]


@pytest.mark.parametrize("hint", ['subset = "mine"', "header = true", 'comment = "#"', 'delimiter = "comma"',
                                  "columns = {sentence1 = 1, sentence2 = 2, score = 0}"])
def test_semeval_files_refuse_layout_hints_they_would_ignore(tmp_path, hint):
    """SemEval's files have one layout and each subset is its NAME: these hints were taken and read by
    nothing (subset = "mine" left the subsets named 'a'; header = true skipped no line), as a QVEC oracle's
    are refused. Now an error at the hint's spec line."""
    import wordeval
    from wordeval.errors import WordevalError
    (tmp_path / "STS.input.a.txt").write_text("A b.\tC d.\nE f.\tG h.\nI j.\tK l.\n", encoding="utf-8")
    (tmp_path / "STS.gs.a.txt").write_text("1.5\n2\n3.25\n", encoding="utf-8")
    (tmp_path / "se.toml").write_text(f'name = "se"\nfamily = "sts"\n{hint}\n[files]\ntest = "STS.input.a.txt"\n')
    key = hint.split()[0]
    with pytest.raises(WordevalError, match=rf"se.toml:3: .*SemEval STS files have one layout.*; {key} does not"):
        wordeval.get_task(str(tmp_path / "se.toml")).load_dataset()


def test_stsb_rows_with_bare_years_read_the_score_column(tmp_path):
    """STS-B's own sts-test.csv: most rows' third column is a bare year ('2015', '2016'), only MSRvid's say
    '2012test'; the file was refused as having three numeric score candidates. Oracle: the fields by hand,
    as SentEval's STSBenchmark loader takes them (columns 5, 6 and 4)."""
    import wordeval
    rows = [("main-captions", "MSRvid", "2012test", "0000", "2.500", "A girl is styling her hair.",
             "A girl is brushing her hair."),
            ("main-captions", "images", "2015", "0120", "4.000", "A black dog runs through water.",
             "A black dog is running in the water."),
            ("main-news", "headlines", "2016", "0003", "0.600", 'U.S. "warns" Iran on deal', 'China slams "rumours'),
            ("main-news", "headlines", "2016", "0007", "1.750", "Man killed in crash", "Woman hurt in fire",
             "src1", "src2"),
            ("main-forums", "answers-forums", "2015", "0013", "0.000", "You should do it.", "I like pizza.")]
    (tmp_path / "sts-test.csv").write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    (tmp_path / "stsb.toml").write_text('name = "stsb"\nfamily = "sts"\n[files]\ntest = "sts-test.csv"\n')
    items = list(wordeval.get_task(str(tmp_path / "stsb.toml")).load_dataset().items("test"))
    assert [(p.sentence1, p.sentence2, p.score) for p in items] == [
        ("A girl is styling her hair.", "A girl is brushing her hair.", 2.5),
        ("A black dog runs through water.", "A black dog is running in the water.", 4.0),
        ('U.S. "warns" Iran on deal', 'China slams "rumours', 0.6),
        ("Man killed in crash", "Woman hurt in fire", 1.75),
        ("You should do it.", "I like pizza.", 0.0)]


SICK_UNSCORED = ("pair_ID\tsentence_A\tsentence_B\n"
                 "6\tThere is no boy playing outdoors\tA group of kids is playing in a yard\n"
                 "7\tA group of boys in a yard is playing\tThe young boys are playing outdoors\n"
                 "8\tTwo dogs are fighting\tA brown dog is attacking another animal\n")


@pytest.mark.parametrize("text", [SICK_UNSCORED, SICK_UNSCORED.replace("pair_ID", "id", 1),
                                  SICK_UNSCORED.replace("pair_ID", "index", 1)])
def test_a_file_without_gold_scores_is_refused_not_scored_on_its_ids(tmp_path, capsys, text):
    """SICK's SICK_test.txt (pair_ID, sentence_A, sentence_B) holds no relatedness score: its pair ids, the
    only numeric column, were read as the gold (6.0, 7.0, 8.0), and the run scored against them."""
    from wordeval.cli import main
    (tmp_path / "SICK_test.txt").write_text(text, encoding="utf-8")
    spec = tmp_path / "sick.toml"
    spec.write_text('name = "sick"\nfamily = "sts"\n[files]\ntest = "SICK_test.txt"\n')
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert "SICK_test.txt:1: expected a gold score column" in err and "column 0" in err, err


def test_glue_stsb_test_tsv_without_scores_is_refused_as_such(tmp_path, capsys):
    """GLUE's STS-B test.tsv has no score column, only index and old_index: it was refused as ambiguous
    ('columns [0, 4] are all numeric; set columns.score'), which invited scoring an id column."""
    from wordeval.cli import main
    head = "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\n"
    rows = "".join(f"{i}\tmain-captions\tMSRvid\t2012test\t{i * 2:04d}\tnone\tnone\tA girl number {i} is styling her "
                   f"hair.\tA girl is brushing her hair.\n" for i in range(5))
    (tmp_path / "test.tsv").write_text(head + rows, encoding="utf-8")
    (tmp_path / "g.toml").write_text('name = "g"\nfamily = "sts"\n[files]\ntest = "test.tsv"\n')
    assert main(["--quiet", "datasets", "check", str(tmp_path / "g.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "test.tsv:1: expected a gold score column, got none" in err, err
    assert "0 ('index'), 4 ('old_index')" in err, err


def test_an_id_named_column_is_the_score_where_the_spec_says_so(tmp_path):
    import wordeval
    (tmp_path / "SICK_test.txt").write_text(SICK_UNSCORED, encoding="utf-8")
    (tmp_path / "sick.toml").write_text('name = "sick"\nfamily = "sts"\ncolumns = {score = 0}\n'
                                        '[files]\ntest = "SICK_test.txt"\n')
    items = list(wordeval.get_task(str(tmp_path / "sick.toml")).load_dataset().items("test"))
    assert [p.score for p in items] == [6.0, 7.0, 8.0]


@pytest.mark.parametrize("n_rows, short_row", [(5, 1), (100, 49)])
def test_a_row_short_of_its_genre_field_is_refused_at_its_own_line(tmp_path, capsys, n_rows, short_row):
    """One STS-B row without its first field holds its score where the others hold their id: the id column
    stopped counting as ids, and the file was refused at line 1 ('cannot tell the score column (columns [3, 4]
    are all numeric)'), naming neither the broken row nor what is wrong with it."""
    from wordeval.cli import main
    rows = _write(tmp_path, n_rows, set())
    path = tmp_path / "sts-train.csv"
    rows[short_row] = rows[short_row][1:]
    path.write_text("".join("\t".join(f) + "\n" for f in rows), encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(tmp_path / "stsb.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert f"sts-train.csv:{short_row + 1}: expected at least 7 tab-separated columns, got 6" in err, err


@pytest.mark.parametrize("images, said", [("3.0\n3.0\n\n", "a constant 3.0 on all 2 scored pairs"),
                                          ("\n2.0\n\n", "got one scored pair (2.0)")],
                         ids=["constant", "one scored pair"])
def test_a_subset_whose_gold_is_one_score_throughout_is_refused_naming_its_gold_file(tmp_path, capsys, images,
                                                                                       said):
    """spearman_mean_subsets is the mean of one Spearman per subset: a gold file holding one score on every
    pair made it NaN (scipy's Spearman of a constant), silently, beside a sound pooled score; so did a subset
    whose blank STS.gs lines (pairs SemEval did not score) leave one scored pair (scipy: nan for one pair), with
    only the left-out warning."""
    import math
    import warnings

    from scipy.stats import spearmanr

    from wordeval.cli import main
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert math.isnan(spearmanr([3.0, 3.0], [0.1, 0.3])[0]) and math.isnan(spearmanr([2.0], [0.1])[0])
    pairs = "A b c.\tD e f.\nG h i.\tJ k l.\nM n o.\tP q r.\n"
    for name, gold in (("headlines", "4.0\n1.2\n2.5\n"), ("images", images)):
        (tmp_path / f"STS.input.{name}.txt").write_text(pairs, encoding="utf-8")
        (tmp_path / f"STS.gs.{name}.txt").write_text(gold, encoding="utf-8")
    (tmp_path / "sts.toml").write_text('name = "y"\nfamily = "sts"\n[files]\ntest = "."\n')
    assert main(["--quiet", "datasets", "check", str(tmp_path / "sts.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert "STS.gs.images.txt: expected STS scores that vary across the pairs of subset 'images'" in err, err
    assert said in err, err


STSB_ONE_FILE = [("train", "5.000", "A plane is taking off.", "An air plane is taking off."),
                 ("train", "3.800", "A man is playing a large flute.", "A man is playing a flute."),
                 ("dev", "5.000", "A man with a hard hat is dancing.", "A man wearing a hard hat is dancing."),
                 ("test", "2.500", "A girl is styling her hair.", "A girl is brushing her hair."),
                 ("test", "3.600", "A group of men play soccer.", "A group of boys are playing soccer."),
                 ("test", "0.400", "One woman is measuring another.", "A cat sleeps."),
                 ("dev", "1.200", "A woman is slicing an onion.", "A man is playing the piano.")]


@pytest.mark.parametrize("split", ["test", "train", "dev", "all"])
def test_stsbenchmark_tsv_keeps_the_rows_of_its_split_column(tmp_path, split):
    """sentence-transformers' stsbenchmark.tsv.gz holds all of STS-B in one file, a 'split' column naming each
    row's train, dev or test: read under test, the 8,628 pairs of the three were scored together. Oracle: the
    rows picked by hand by their split value."""
    import gzip

    import wordeval
    head = "split\tgenre\tdataset\tyear\tsid\tscore\tsentence1\tsentence2\n"
    body = "".join(f"{s}\tmain-captions\tMSRvid\t2012test\t{i:04d}\t{score}\t{a}\t{b}\n"
                   for i, (s, score, a, b) in enumerate(STSB_ONE_FILE))
    (tmp_path / "stsbenchmark.tsv.gz").write_bytes(gzip.compress((head + body).encode("utf-8")))
    (tmp_path / "s.toml").write_text(f'name = "s"\nfamily = "sts"\n[files]\n{split} = "stsbenchmark.tsv.gz"\n')
    ds = wordeval.get_task(str(tmp_path / "s.toml")).load_dataset()
    assert [(p.sentence1, p.sentence2, p.score) for p in ds.splits[split]] == [
        (a, b, float(score)) for s, score, a, b in STSB_ONE_FILE if split in (s, "all")]


def test_a_csv_pair_without_a_sentence_is_shown_as_written(tmp_path):
    """The error showed the record's fields joined again (',Short.,2'), a line the file does not hold."""
    import wordeval
    from wordeval.errors import WordevalError
    (tmp_path / "p.csv").write_text('A man sings.,A man dances.,4\n"  ",Short.,2\nA cat.,A dog.,1\n',
                                    encoding="utf-8")
    (tmp_path / "c.toml").write_text('name = "c"\nfamily = "sts"\ndelimiter = "comma"\n'
                                     '[files]\ntest = "p.csv"\n')
    with pytest.raises(WordevalError, match=r"^\S*p.csv:2: expected two non-empty sentences, "
                                            r"got '\"  \",Short.,2'$"):
        wordeval.get_task(str(tmp_path / "c.toml")).load_dataset()


def test_stsb_multi_mt_csv_without_a_tab_is_read_without_a_delimiter_hint(tmp_path, capsys):
    """stsb-multi-mt's data/stsb-en-dev.csv (no header; 'sentence1,sentence2,score', a sentence holding a
    comma quoted) was refused: "no tab on any line; STS files are tab-separated", though the similarity and
    classification readers sniff CSV. Oracle: its first rows read by Python's csv module. A file whose
    unquoted commas split its lines unevenly is still refused at line 1."""
    import csv

    import wordeval
    from wordeval.cli import main
    text = ("A man with a hard hat is dancing.,A man wearing a hard hat is dancing.,5.0\n"
            "A young child is riding a horse.,A child is riding a horse.,4.75\n"
            "A woman is playing the guitar.,A man is playing guitar.,2.4\n"
            'A small baby is playing a guitar.,"A boy sits on a bed, sings and plays a guitar.",2.0\n'
            "A woman is cutting an onion.,A man is cutting onions.,2.615\n")
    (tmp_path / "stsb-en-dev.csv").write_text(text, encoding="utf-8")
    (tmp_path / "mt.toml").write_text('name = "mt"\nfamily = "sts"\n[files]\ntest = "stsb-en-dev.csv"\n')
    items = list(wordeval.get_task(str(tmp_path / "mt.toml")).load_dataset().items("test"))
    assert [(p.sentence1, p.sentence2, p.score) for p in items] == \
        [(a, b, float(s)) for a, b, s in csv.reader(text.splitlines())]
    uneven = "A man dances, and sings.,A man dances.,5.0\nNo comma.,None.,0.5\n"
    (tmp_path / "stsb-en-dev.csv").write_text(uneven, encoding="utf-8")
    assert main(["datasets", "check", str(tmp_path / "mt.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "stsb-en-dev.csv:1: no tab on any line" in err
