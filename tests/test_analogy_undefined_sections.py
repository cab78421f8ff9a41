"""Analogy: a section (or the whole set) without a covered question has no accuracy over covered questions:
NaN in the record evaluated, null in the one stored, with no reason beside it. A block without a value now has a
``note`` saying why, and a score without one a line in ``extra.warnings`` (which compare and report list).
Hand-counted: the files below and which of their words the vectors hold."""
from __future__ import annotations

import json

from wordeval.cli import main


def _record(tmp_path, capsys, vectors: str, questions: str) -> dict:
    """The record of the questions scored on the vectors (both file texts), by the command line."""
    (tmp_path / "v.txt").write_text(vectors, encoding="utf-8")
    (tmp_path / "q.txt").write_text(questions, encoding="utf-8")
    (tmp_path / "q.toml").write_text('name = "q"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    assert main(["--quiet", "intrinsic", f"v={tmp_path / 'v.txt'}", "--tasks", str(tmp_path / "q.toml"), "--out",
                 str(tmp_path / "res"), "--json"]) == 0
    [record] = json.loads(capsys.readouterr().out)
    return record


def test_analogy_section_without_a_covered_question_says_why(tmp_path, capsys):
    record = _record(tmp_path, capsys, "king 1 0 0.1\nqueen 1 1 0.2\nman 0 0 0.3\nwoman 0 1 0.1\n",
                     ": royal\nman woman king queen\n: capitals\nberlin germany paris france\n"
                     "rome italy paris france\n")
    capitals = record["extra"]["per_section"]["capitals"]
    assert capitals["accuracy_covered"] is None and capitals["n_covered"] == 0
    assert capitals["note"] == "none of the 2 questions is covered, so no accuracy over covered questions"
    assert "note" not in record["extra"]["per_section"]["royal"] and "warnings" not in record["extra"]


def test_analogy_without_a_covered_question_says_why(tmp_path, capsys):
    record = _record(tmp_path, capsys, "king 1 0 0.1\nqueen 1 1 0.2\n", ": capitals\nberlin germany paris france\n"
                     "rome italy paris france\noslo norway paris france\n")
    assert record["scores"]["accuracy"] is None and record["scores"]["accuracy_all"] == 0.0
    assert record["extra"]["warnings"] == [
        "accuracy and accuracy_covered are undefined (NaN; null in a stored record, never 0): none of the 3 "
        "questions is covered, so no accuracy over covered questions"]
