"""decimal = "," in a spec over a file whose scores are written with points (pairs, STS, SemEval STS, SemEval-2017
Task 2) was accepted and had no effect: the reader keeps a score with a point as it is. The README says the hint
is for "scores written 3,5", and where a comma is the decimal mark a point is a thousands mark: one line at the
hint's spec line naming the first score written with a point, exit 2. A comma the reader sniffed (no hint)
keeps reading a point beside it, as before."""
from __future__ import annotations

import re

import pytest

from wordeval.cli import main


def _spec(tmp_path, family, test, hint='decimal = ","\n'):
    spec = tmp_path / "s.toml"
    spec.write_text(f'name = "mine"\nfamily = "{family}"\n{hint}[files]\ntest = "{test}"\n', encoding="utf-8")
    return spec


def _refused(capsys, spec, data, lineno, what, value):
    assert main(["datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert re.search(re.escape(f"{spec}:3: decimal = \",\" reads '3,5' as 3.5, but {data}:{lineno} writes {what} "
                               f"with a point ({value!r})"), err), err


def test_pairs_written_with_points(tmp_path, capsys):
    data = tmp_path / "p.tsv"
    data.write_text("cat\tdog\t7\nsea\tocean\t8.25\nsun\tmoon\t2,5\n", encoding="utf-8")
    _refused(capsys, _spec(tmp_path, "similarity", "p.tsv"), data, 2, "a similarity score", "8.25")


def test_sts_written_with_points(tmp_path, capsys):
    data = tmp_path / "s.tsv"
    data.write_text("A b.\tC d.\t3.5\nE f.\tG h.\t2\nI j.\tK l.\t1\n", encoding="utf-8")
    _refused(capsys, _spec(tmp_path, "sts", "s.tsv"), data, 1, "an STS score", "3.5")


def test_semeval_sts_gold_written_with_points(tmp_path, capsys):
    (tmp_path / "STS.input.a.txt").write_text("A b.\tC d.\nE f.\tG h.\nI j.\tK l.\n", encoding="utf-8")
    (tmp_path / "STS.gs.a.txt").write_text("1,5\n2\n3.25\n", encoding="utf-8")
    _refused(capsys, _spec(tmp_path, "sts", "STS.input.a.txt"), tmp_path / "STS.gs.a.txt", 3, "an STS score",
             "3.25")


def test_semeval17_key_written_with_points(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "keys").mkdir()
    (tmp_path / "data" / "x.data.txt").write_text("a b\tc\nd\te\n", encoding="utf-8")
    (tmp_path / "keys" / "x.gold.txt").write_text("1,5\n2.5\n", encoding="utf-8")
    _refused(capsys, _spec(tmp_path, "similarity", "data/x.data.txt"), tmp_path / "keys" / "x.gold.txt", 2,
             "a similarity score", "2.5")


@pytest.mark.parametrize("hint", ['decimal = ","\n', ""])
def test_scores_written_with_commas_still_read(tmp_path, hint):
    """Oracle: the scores by hand. Without the hint the comma is sniffed (SemEval's gold file), and a point
    beside it is read as before."""
    import wordeval
    (tmp_path / "STS.input.a.txt").write_text("A b.\tC d.\nE f.\tG h.\n", encoding="utf-8")
    (tmp_path / "STS.gs.a.txt").write_text("1,5\n" + ("3,25\n" if hint else "3.25\n"), encoding="utf-8")
    items = wordeval.get_task(str(_spec(tmp_path, "sts", "STS.input.a.txt", hint))).load_dataset().items("test")
    assert [p.score for p in items] == [1.5, 3.25]
