"""A cache entry that cannot be read because the machine ran out of something (descriptors under ``ulimit -n``,
address space for the matrix's mmap under ``ulimit -v``) was warned about as a 'damaged vector cache entry ...
rebuilding it', which nothing had damaged. It is now said to be unreadable, the run parses the file itself,
and the entry stays as it was."""
from __future__ import annotations

import errno
import os
import warnings

import numpy as np
import pytest

from wordeval.embeddings import vector_cache
from wordeval.embeddings.load import load_file


@pytest.mark.parametrize("number", [errno.ENOMEM, errno.EMFILE])
def test_an_entry_out_of_reach_of_the_machines_limits_is_not_called_damaged(tmp_path, monkeypatch, number):
    src = tmp_path / "v.txt"
    src.write_text("3 2\nthe 1 2\ncat 0.5 1\ndog 1 0\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_file(src, cache_home=cache)
    files = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (cache / "vectors").rglob("*")
             if p.is_file() and p.parent.name != "keys"}  # a reparse writes its key again, the same
    assert any(p.name == "vectors.npy" for p in files)
    vector_cache._warned.clear()
    real_load = np.load

    def failing(file, *args, **kwargs):
        if "vectors" in os.fspath(file) and str(cache) in os.fspath(file):
            raise OSError(number, os.strerror(number))
        return real_load(file, *args, **kwargs)

    monkeypatch.setattr(vector_cache.np, "load", failing)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        again = load_file(src, cache_home=cache)
    assert again.words == first.words == ["the", "cat", "dog"]
    np.testing.assert_array_equal(np.asarray(again.vectors), np.asarray(first.vectors))
    cache_said = [str(w.message) for w in said if issubclass(w.category, vector_cache.CacheWarning)]
    assert len(cache_said) == 1
    assert f"cannot be read ({os.strerror(number)})" in cache_said[0] and "parsing the file itself" in cache_said[0]
    assert "damaged" not in cache_said[0] and "rebuilding" not in cache_said[0]
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files} == files  # the entry is as it was


def test_other_os_errors_still_mean_a_damaged_entry(tmp_path, monkeypatch):
    src = tmp_path / "v.txt"
    src.write_text("3 2\nthe 1 2\ncat 0.5 1\ndog 1 0\n", encoding="utf-8")
    cache = tmp_path / "cache"
    load_file(src, cache_home=cache)
    vector_cache._warned.clear()
    real_load = np.load

    def failing(file, *args, **kwargs):
        if str(cache) in os.fspath(file):
            raise OSError(errno.EINVAL, "mmap length is greater than file size")
        return real_load(file, *args, **kwargs)

    monkeypatch.setattr(vector_cache.np, "load", failing)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        load_file(src, cache_home=cache)
    cache_said = [str(w.message) for w in said if issubclass(w.category, vector_cache.CacheWarning)]
    assert len(cache_said) == 1 and "damaged vector cache entry" in cache_said[0]


def test_an_entry_whose_words_do_not_fit_in_memory_is_not_called_damaged(tmp_path, monkeypatch):
    """Under ulimit -v the mmap of the matrix can succeed and reading words.txt whole fail with MemoryError (seen
    with 20,000 words of 500 characters and 6 MiB of address space left): the entry was warned about as
    'damaged ... (MemoryError: ); rebuilding it'. It is unreadable for want of memory, and stays as it was."""
    import pathlib

    src = tmp_path / "v.txt"
    src.write_text("3 2\nthe 1 2\ncat 0.5 1\ndog 1 0\n", encoding="utf-8")
    cache = tmp_path / "cache"
    first = load_file(src, cache_home=cache)
    vector_cache._warned.clear()
    real = pathlib.Path.read_bytes

    def failing(self):
        if self.name == "words.txt" and str(cache) in str(self):
            raise MemoryError
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", failing)
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        again = load_file(src, cache_home=cache)
    assert again.words == first.words == ["the", "cat", "dog"]
    cache_said = [str(w.message) for w in said if issubclass(w.category, vector_cache.CacheWarning)]
    assert len(cache_said) == 1 and "cannot be read (out of memory)" in cache_said[0], cache_said
    assert "damaged" not in cache_said[0]
