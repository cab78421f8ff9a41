"""Windows renames and removes no file that a process holds open (a sharing violation, PermissionError), where
POSIX renames it under the reader. Simulated here: ``os.rename``/``os.replace`` refuse a path that a file object
opened through ``open`` still holds.

A url source's downloaded archive that could not be read (a login page saved under its name), lacked the
member or held another file was renamed aside for removal while it was still open: on Windows the rename
failed, was taken for "removed by another process", and the archive stayed; every later run read it again and
said each time "removed, the next run downloads it again". It is now closed first."""
from __future__ import annotations

import builtins
import hashlib
import os

import pytest

import wordeval.datasets.sources as sources
from wordeval.datasets.sources import locate_url
from wordeval.datasets.spec import DataFile, Source
from wordeval.errors import NotAvailableError

PINNED = b"DESC:manner How did serfdom develop ?\n"
URL = "http://127.0.0.1:9/qc/qc.zip"  # never fetched: the archive is already in the cache


@pytest.fixture
def windows_sharing(monkeypatch):
    """``open`` remembers what it opened; a rename or replace of a path some of it still holds fails as
    Windows' does (WinError 32)."""
    held = []
    real_open, real_rename, real_replace = builtins.open, os.rename, os.replace

    def tracking_open(file, *args, **kwargs):
        fh = real_open(file, *args, **kwargs)
        if isinstance(file, (str, os.PathLike)):
            held.append((os.path.abspath(os.fspath(file)), fh))
        return fh

    def refusing(real):
        def move(src, dst, *args, **kwargs):
            if any(path == os.path.abspath(os.fspath(src)) and not fh.closed for path, fh in held):
                raise PermissionError(13, "The process cannot access the file because it is being used by "
                                          "another process", os.fspath(src))
            return real(src, dst, *args, **kwargs)
        return move

    monkeypatch.setattr(sources, "open", tracking_open, raising=False)
    monkeypatch.setattr(os, "rename", refusing(real_rename))
    monkeypatch.setattr(os, "replace", refusing(real_replace))
    return held


def test_a_bad_archive_is_removed_where_an_open_file_cannot_be_renamed(tmp_path, windows_sharing):
    folder = tmp_path / "datasets" / "toy"
    (folder / "archives").mkdir(parents=True)
    archive = folder / "archives" / "qc.zip"
    archive.write_bytes(b"<html>please log in</html>")  # a login page saved under the archive's name
    source = Source("url", {"test": DataFile("TREC_10.label", hashlib.sha256(PINNED).hexdigest(), url=URL,
                                             member="qc/TREC_10.label")}, "classification", {})
    for _ in range(2):  # the second run must not be served the same page again
        with pytest.raises(NotAvailableError, match="removed, the next run downloads it again"):
            locate_url(source, "toy", cache_home=tmp_path, allow_download=False)
        assert not archive.exists()
        archive.write_bytes(b"<html>please log in</html>")
    assert windows_sharing  # the simulation saw the archive opened
    assert [p.name for p in (folder / "archives").iterdir()] == ["qc.zip"]  # no temporary left aside
