"""A BATS relation line with a tab after its targets ('good<TAB>better<TAB>', as a spreadsheet exports it)
was refused as 'got 3 fields' (a folder), and a single such file was not sniffed as a relation file at all.
The tab ends the line: the pairs are those written, and the questions every ordered pair of distinct pairs."""
from __future__ import annotations

from wordeval.datasets.load import load
from wordeval.tasks.spec_file import load_spec_file

PAIRS = [("good", ("better",)), ("bad", ("worse",)), ("big", ("bigger", "larger"))]
TEXT = "good\tbetter\t\nbad\tworse\nbig\tbigger/larger\t\n"


def _questions(tmp_path, test: str):
    (tmp_path / "q.toml").write_text(f'name = "q"\nfamily = "analogy"\n[files]\ntest = "{test}"\n', encoding="utf-8")
    return load(load_spec_file(tmp_path / "q.toml")[1]).splits["test"]


def _expected(section: str):
    return [(a, bs[0], c, ds, section) for i, (a, bs) in enumerate(PAIRS) for j, (c, ds) in enumerate(PAIRS)
            if i != j]


def test_a_folder_of_relation_files(tmp_path):
    (tmp_path / "rels").mkdir()
    (tmp_path / "rels" / "I03 [adj - comparative].txt").write_text(TEXT, encoding="utf-8")
    got = [(q.a, q.b, q.c, q.answers, q.section) for q in _questions(tmp_path, "rels")]
    assert got == _expected("I03 [adj - comparative]")


def test_one_relation_file(tmp_path):
    (tmp_path / "comp.txt").write_text(TEXT, encoding="utf-8")
    assert [(q.a, q.b, q.c, q.answers, q.section) for q in _questions(tmp_path, "comp.txt")] == _expected("comp")
