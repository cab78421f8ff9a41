"""A shared vector cache whose entry this user may not read (another user wrote its files private) and may not
replace: the warnings called the entry "damaged" and promised to rebuild it, then said "choose a writable
output path", advice meant for outputs the user named. They now say the entry cannot be read, that the run
carries on parsing the file itself, and name WORDEVAL_CACHE."""
from __future__ import annotations

import errno
import logging
import os
import tempfile
import warnings

import numpy as np

from wordeval.embeddings import load as load_module
from wordeval.embeddings import vector_cache
from wordeval.embeddings.load import load_file


def test_an_unreadable_entry_of_a_read_only_shared_cache_is_said_as_such(tmp_path, monkeypatch, caplog):
    src = tmp_path / "v.txt"
    src.write_text("3 2\nthe 1 2\ncat 0.5 1\ndog 1 0\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_file(src, cache_home=cache)  # the entry another user wrote
    entries = cache / "vectors"
    assert any(p.name == "vectors.npy" for p in entries.rglob("*"))
    vector_cache._warned.clear()

    real_mkdtemp = tempfile.mkdtemp

    def denying(real):
        def call(file, *args, **kwargs):
            if str(entries) in os.fspath(file):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(file))
            return real(file, *args, **kwargs)
        return call

    def read_only(*args, dir=None, **kwargs):
        if dir is not None and str(entries) in os.fspath(dir):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(dir))
        return real_mkdtemp(*args, dir=dir, **kwargs)

    # the entry's files cannot be read, and its folder cannot be written
    monkeypatch.setattr(vector_cache.np, "load", denying(np.load))
    monkeypatch.setattr(vector_cache, "open", denying(open), raising=False)
    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    monkeypatch.setattr(load_module, "_UNWRITABLE_SAID", set())
    with warnings.catch_warnings(record=True) as said, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        again = load_file(src, cache_home=cache)
    assert again.words == first.words == ["the", "cat", "dog"]  # the run carried on: the file was parsed
    cache_said = [str(w.message) for w in said if issubclass(w.category, vector_cache.CacheWarning)]
    assert len(cache_said) == 1
    assert "cannot be read (Permission denied)" in cache_said[0]
    assert "parsing the file itself" in cache_said[0]
    assert "damaged" not in cache_said[0] and "rebuilding" not in cache_said[0]
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "the vector cache cannot be written" in logged and "WORDEVAL_CACHE" in logged
    assert "output path" not in logged
