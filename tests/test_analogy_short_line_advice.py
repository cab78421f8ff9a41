"""A Google ': section' file of two questions, one of three words, has no layout that most of its lines fit;
the error named the right line but advised "set delimiter in the spec", which reads no such line: no delimiter
makes four words of 'king queen man'. The advice now says to complete or remove the line, and names a delimiter
only where one splits the line into four items (hand-checked on each line below)."""
from __future__ import annotations

import pytest

from wordeval.cli import main


def _check(tmp_path, capsys, text: str) -> str:
    (tmp_path / "q.txt").write_text(text, encoding="utf-8")
    spec = tmp_path / "q.toml"
    spec.write_text('name = "q"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    (tmp_path / "v.txt").write_text("king 1 0\nqueen 0 1\n", encoding="utf-8")
    assert main(["--quiet", "intrinsic", f"v={tmp_path / 'v.txt'}", "--tasks", str(spec), "--out",
                 str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    assert not (tmp_path / "out").exists()
    return err


@pytest.mark.parametrize("short, words", [("king queen man", 3), ("king queen", 2)])
def test_a_short_question_in_a_google_file_is_told_to_be_completed(tmp_path, capsys, short, words):
    err = _check(tmp_path, capsys, f": royal\nman woman king queen\n{short}\n")
    assert "q.txt:3: expected four words a b c d per line" in err and repr(short) in err
    assert "set delimiter" not in err
    assert f"it has {words} words, and no delimiter makes four of them" in err
    assert "complete that line or remove it" in err


def test_a_line_that_a_delimiter_splits_in_four_still_gets_that_advice(tmp_path, capsys):
    # 'new york,ny,paris,france' is four items by commas, two words by spaces
    err = _check(tmp_path, capsys, ": cities\nboston ma austin tx\nnew york,ny,paris,france\n")
    assert "q.txt:3: " in err and 'set delimiter = "comma" in the spec' in err
