"""``paths.data_home()`` (unused) read WORDEVAL_DATA as one path, so an ``os.pathsep``-separated list, which the
README documents, was a single folder named 'a:b'. It is gone: WORDEVAL_DATA is read by ``paths.data_homes``
alone (through ``paths.data_home_variable``, which splits it)."""
from __future__ import annotations

import ast
import os
from pathlib import Path

import wordeval
from wordeval import paths

PACKAGE = Path(wordeval.__file__).parent


def _functions_reading_wordeval_data() -> list[str]:
    found = []
    for file in PACKAGE.rglob("*.py"):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if any(isinstance(c, ast.Constant) and c.value == "WORDEVAL_DATA" and isinstance(p, ast.Call)
                       for p in ast.walk(node) if isinstance(p, ast.Call) for c in p.args):
                    found.append(f"{file.relative_to(PACKAGE)}:{node.name}")
    return sorted(found)


def test_wordeval_data_is_read_only_where_it_is_split():
    assert _functions_reading_wordeval_data() == ["paths.py:data_home_variable"]


def test_a_pathsep_list_is_each_of_its_folders(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    monkeypatch.setenv("WORDEVAL_DATA", os.pathsep.join([str(a), str(b)]))
    assert paths.data_homes() == [a.resolve(), b.resolve()]
