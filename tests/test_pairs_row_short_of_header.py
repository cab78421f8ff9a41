"""A SimLex-999 row that lost a field before its last (word1, word2, POS, SimLex999, conc(w1), ...: the
score deleted) has its next column where the score stands: the row made the file ragged, so no width was
checked, and its concreteness rating was read as the gold score. A row narrower than the header, in a file
whose other rows are as wide as it, is now refused at its line. Ragged files (RW's 7 to 10 single ratings)
are read as before. Oracles: the fields taken by hand."""
from __future__ import annotations

import pytest

from wordeval.cli import main

HEADER = "word1\tword2\tPOS\tSimLex999\tconc(w1)\tconc(w2)\n"
ROWS = [("old", "new", "A", "1.58", "2.72", "2.81"), ("smart", "intelligent", "A", "9.2", "1.75", "2.46"),
        ("hard", "difficult", "A", "8.77", "3.76", "2.21"), ("happy", "cheerful", "A", "9.55", "2.56", "2.34")]


def _spec(folder, text):
    (folder / "SimLex-999.txt").write_text(text, encoding="utf-8")
    (folder / "s.toml").write_text('name = "s"\nfamily = "similarity"\n[files]\ntest = "SimLex-999.txt"\n')
    return folder / "s.toml"


@pytest.mark.parametrize("n_rows", [150, 999])
def test_a_row_that_lost_its_score_is_refused_at_its_line(tmp_path, capsys, n_rows):
    rows = ROWS + [(f"w{i}", f"v{i}", "N", f"{i % 97 / 10:.2f}", "3.1", "4.2") for i in range(n_rows - len(ROWS))]
    lines = ["\t".join(r) + "\n" for r in rows]
    lines[1] = "smart\tintelligent\tA\t1.75\t2.46\n"  # the score 9.2 deleted
    assert main(["--quiet", "datasets", "check", str(_spec(tmp_path, HEADER + "".join(lines)))]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "SimLex-999.txt:3: expected 6 tab-separated columns, got 5" in err, err


def test_ragged_rows_under_a_header_are_read_as_written(tmp_path):
    import wordeval
    head = "word1\tword2\tmean\tr1\tr2\tr3\tr4\n"
    rows = [[f"w{i}", f"v{i}", f"{i % 11 / 2:.2f}"] + ["7"] * (4 if i % 3 else 2) for i in range(30)]
    spec = _spec(tmp_path, head + "".join("\t".join(r) + "\n" for r in rows))
    items = list(wordeval.get_task(str(spec)).load_dataset().items("test"))
    assert [(p.word1, p.word2, p.score) for p in items] == [(r[0], r[1], float(r[2])) for r in rows]


def test_a_row_that_lost_its_part_of_speech_is_refused_at_its_line(tmp_path, capsys):
    """Its score stood in the POS column, which then no longer read as tags: the file was refused at its first
    pair ('cannot tell the two word columns: columns 0, 1, 2 all hold text'), not at the broken row."""
    rows = ROWS + [(f"w{i}", f"v{i}", "N", f"{i % 97 / 10:.2f}", "3.1", "4.2") for i in range(300)]
    lines = ["\t".join(r) + "\n" for r in rows]
    lines[2] = "hard\tdifficult\t8.77\t3.76\t2.21\n"
    assert main(["--quiet", "datasets", "check", str(_spec(tmp_path, HEADER + "".join(lines)))]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "SimLex-999.txt:4: expected 6 tab-separated columns, got 5" in err, err


def test_in_a_file_under_100_rows_one_row_that_lost_its_score_is_refused_at_its_line(tmp_path, capsys):
    """The rule was 'at most 1 row in 100 short', which a file of 40 pairs (an excerpt, a user's own set) cannot
    meet with one: its row read conc(w1) as the gold score, silently. Oracle: the row's fields by hand."""
    rows = ROWS + [(f"w{i}", f"v{i}", "N", f"{i % 97 / 10:.2f}", "3.1", "4.2") for i in range(36)]
    lines = ["\t".join(r) + "\n" for r in rows]
    lines[1] = "smart\tintelligent\tA\t1.75\t2.46\n"  # the score 9.2 deleted: 1.75 is conc(w1)
    assert main(["--quiet", "datasets", "check", str(_spec(tmp_path, HEADER + "".join(lines)))]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "SimLex-999.txt:3: expected 6 tab-separated columns, got 5" in err, err
