"""GLUE's STS-B TSV files name their 10 columns in a header line (index, genre, filename, year, old_index,
source1, source2, sentence1, sentence2, score) and their pairs are read by those names (as Hugging Face's glue
loader reads them, csv.DictReader with QUOTE_NONE). A line whose sentence holds a tab has 11 fields: its
second sentence stood where the score is, and the error was 'expected an STS score, got <that sentence>',
which named neither the tab nor the columns. It is now one line naming the line, the columns the header
names and the fields seen. Oracles: the fields counted by hand and by Python's csv module (tab, QUOTE_NONE);
a line with a field more after the score still reads, as DictReader reads it."""
from __future__ import annotations

import csv

import pytest

from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

HEADER = "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore"
PAIRS = [("A plane is taking off.", "An air plane is taking off.", "5.000"),
         ("A man is playing a large flute.", "A man is playing a flute.", "3.800"),
         ("Three men are playing chess.", "Two men are playing chess.", "2.600"),
         ("Some men are fighting.", "Two men are fighting.", "4.250"),
         ("A man is smoking.", "A man is skating.", "0.500"),
         ("The man hit the other man with a stick.", "The man spanked the other man with a stick.", "4.200"),
         ("A woman is writing.", "A woman is swimming.", "0.500"),
         ("The man is riding a horse.", "A man is riding on a horse.", "5.000")]
EXPECTED = ("10 tab-separated columns, as the header line names them (the pairs are read at its names' places: "
            "sentence1 = column 7, sentence2 = column 8, score = column 9)")


def _line(i: int, s1: str, s2: str, score: str) -> str:
    return "\t".join([str(i), "main-captions", "MSRvid", "2012test", f"{i + 1:04d}", "none", "none", s1, s2, score])


def _write(tmp_path, lines: list[str]) -> str:
    (tmp_path / "dev.tsv").write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    spec = tmp_path / "stsb.toml"
    spec.write_text('name = "stsb"\nfamily = "sts"\n[files]\ntest = "dev.tsv"\n', encoding="utf-8")
    return str(spec)


def _fields_per_line(path) -> list[int]:
    with open(path, newline="", encoding="utf-8") as fh:
        return [len(row) for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]


@pytest.mark.parametrize("copies", [1, 400], ids=["in-the-sample", "past-the-sample"])
def test_a_tab_inside_a_sentence_is_named_with_the_columns_the_header_names(tmp_path, capsys, copies):
    lines = [_line(i, *PAIRS[i % len(PAIRS)]) for i in range(len(PAIRS) * copies)]
    bad = len(lines) - 3  # the pair 'The man hit the other man with a stick.'
    s1, s2, score = PAIRS[bad % len(PAIRS)]
    lines[bad] = _line(bad, s1.replace("hit ", "hit\t"), s2, score)
    spec = _write(tmp_path, lines)
    counts = _fields_per_line(tmp_path / "dev.tsv")
    lineno = bad + 2  # after the header, counted from 1
    assert counts[0] == 10 and counts[lineno - 1] == 11 and set(counts) - {10} == {11}
    assert main(["--quiet", "datasets", "check", spec]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: {tmp_path / 'dev.tsv'}:{lineno}: expected {EXPECTED}, got 11: a tab inside a "
                   "sentence (or a field more) moves the columns after it, and column 9, read as the score, holds "
                   "'The man spanked the other man with a sti...'; replace the stray tab by a space\n")
    with open(tmp_path / "dev.tsv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    with pytest.raises(ValueError):  # read by the header's names, the line has no score either
        float(rows[bad]["score"])


def test_a_line_short_of_a_column_names_the_header_s_columns(tmp_path, capsys):
    lines = [_line(i, *p) for i, p in enumerate(PAIRS)]
    lines[2] = lines[2].replace("\tnone\tnone\t", "\tnone\t", 1)  # source2 lost
    spec = _write(tmp_path, lines)
    assert _fields_per_line(tmp_path / "dev.tsv")[3] == 9
    assert main(["--quiet", "datasets", "check", spec]) == 2
    assert capsys.readouterr().err == f"wordeval: error: {tmp_path / 'dev.tsv'}:4: expected {EXPECTED}, got 9\n"


def test_a_field_after_the_score_still_reads_as_dictreader_reads_it(tmp_path):
    lines = [_line(i, *p) for i, p in enumerate(PAIRS)]
    lines[4] += "\tMSRvid extra"
    ds = load(load_spec_file(_write(tmp_path, lines))[1])
    with open(tmp_path / "dev.tsv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert [(p.sentence1, p.sentence2, p.score) for p in ds.splits["test"]] == [
        (r["sentence1"], r["sentence2"], float(r["score"])) for r in rows]
