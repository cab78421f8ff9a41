"""WORDEVAL_CACHE naming a file (or a path under a file) said "cannot create the cache folder (File exists)"
or "(Not a directory)": the error now says which path is a file, in one line."""
from __future__ import annotations

import pytest

from wordeval.errors import OutputError
from wordeval.paths import cache_home


def test_a_cache_that_is_a_file_is_named_as_a_file(tmp_path, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("x")
    monkeypatch.setenv("WORDEVAL_CACHE", str(blocker))
    with pytest.raises(OutputError) as info:
        cache_home()
    assert str(info.value) == f"{blocker}: the cache folder is a file, not a folder; set WORDEVAL_CACHE to a folder"
    assert blocker.read_text() == "x"


def test_a_cache_under_a_file_names_that_file(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("WORDEVAL_CACHE", str(blocker / "a" / "cache"))
    with pytest.raises(OutputError) as info:
        cache_home()
    assert str(info.value) == (f"{blocker / 'a' / 'cache'}: cannot create the cache folder ({blocker} is a file, "
                               f"not a folder); set WORDEVAL_CACHE to a writable folder")
