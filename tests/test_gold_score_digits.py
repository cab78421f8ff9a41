"""Gold scores are read as plain ASCII numbers. Python's float() also takes '7_5' (75.0, digit grouping) and
full-width or Arabic-Indic digits ('９' is 9.0): a mistyped score in a word-pair or STS file was scored as
another number, with no word. Oracle: the refusal the same file gets for any other score that is not a number."""
from __future__ import annotations

import pytest

from wordeval.cli import main


@pytest.mark.parametrize("score", ["7_5", "\uff19", "\u0667"])
def test_a_word_pair_score_float_reads_but_no_dataset_writes_is_refused_at_its_line(tmp_path, capsys, score):
    (tmp_path / "p.tsv").write_text(f"old\tnew\t1.58\nsmart\tintelligent\t{score}\nhard\tdifficult\t8.77\n",
                                    encoding="utf-8")
    (tmp_path / "t.toml").write_text('name = "t"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n')
    assert main(["--quiet", "datasets", "check", str(tmp_path / "t.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and f"p.tsv:2: expected a similarity score, got {score!r}" in err, err


def test_a_semeval_gold_score_with_an_underscore_is_refused_at_its_line(tmp_path, capsys):
    (tmp_path / "STS.input.x.txt").write_text("A b.\tC d.\nE f.\tG h.\nI j.\tK l.\n", encoding="utf-8")
    (tmp_path / "STS.gs.x.txt").write_text("1\n2_5\n3\n", encoding="utf-8")
    (tmp_path / "s.toml").write_text('name = "s"\nfamily = "sts"\n[files]\ntest = "STS.input.x.txt"\n')
    assert main(["--quiet", "datasets", "check", str(tmp_path / "s.toml")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "STS.gs.x.txt:2: expected an STS score, got '2_5'" in err, err
