"""Turney's SAT analogy questions (SAT-package-V3.txt: a source line, a stem pair 'lull trust v:n', five
choice pairs and the answer letter) were refused with "expected four words a b c d per line ...; set delimiter
in the spec", a setting with which no file of that layout is read. The line now says the layout is not one
wordeval reads and names those it reads."""
from __future__ import annotations

import pytest

from wordeval.cli import main

SAT = """# SAT questions, Turney's layout
190 FROM REAL SATs
lull trust v:n
balk fortitude v:n
betray loyalty v:n
cajole compliance v:n
hinder destination v:n
soothe passion v:n
c

ML:345 FROM REAL SATs, book two
ostrich bird n:n
lion cat n:n
goose flock n:n
ewe sheep n:n
cub bear n:n
primate monkey n:n
a
"""


@pytest.mark.parametrize("text", [SAT, SAT.split("\n", 1)[1]], ids=["comment", "bare"])
def test_a_sat_file_is_said_to_be_a_layout_wordeval_does_not_read(tmp_path, capsys, text):
    (tmp_path / "sat.txt").write_text(text, encoding="utf-8")
    spec = tmp_path / "sat.toml"
    spec.write_text('name = "sat"\nfamily = "analogy"\n[files]\ntest = "sat.txt"\n', encoding="utf-8")
    assert main(["--quiet", "datasets", "check", str(spec)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    stem = 1 + text.splitlines().index("lull trust v:n")
    assert f"sat.txt:{stem}: " in err
    assert "SAT layout" in err and "not read" in err
    assert "Google format" in err and "BATS" in err and "vecto CSV" in err
    assert "set delimiter" not in err
