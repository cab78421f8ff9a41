"""`wordeval datasets list` only looks: it created the cache folder (and its artifacts/ and datasets/ folders)
to look for files in it, so with a WORDEVAL_CACHE that cannot be made (a read-only place, a path through a
file) the listing was exit 2, though README makes an unwritable cache a run without it."""
from __future__ import annotations

import pytest

from wordeval.cli import main


@pytest.mark.parametrize("where", ["new", "through_a_file"])
def test_datasets_list_makes_no_cache_folder(tmp_path, capsys, monkeypatch, where):
    (tmp_path / "file").write_text("x")
    cache = tmp_path / ("new/cache" if where == "new" else "file/cache")
    monkeypatch.setenv("WORDEVAL_CACHE", str(cache))
    monkeypatch.setenv("WORDEVAL_OFFLINE", "1")
    assert main(["datasets", "list"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "mc30" in captured.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
