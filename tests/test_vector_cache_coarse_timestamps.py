"""A vector file rewritten in place, same size, within the timestamp granule of the write that was parsed.

A file is keyed by its path, size, mtime, ctime and inode, and on a file system whose timestamps are 1 s
(ext3, Lustre, HFS+, NFS from such a server) or 2 s (FAT) coarse such a rewrite moves none of them: the
vectors parsed before it were served from the cache ever after. A key whose file was written within a granule
of its parse is now checked against the file's sha256 before it is served, as git treats "racily clean"
index entries. The fixture stands for such a file system: the file's stamps stay those of its first write.
"""
from __future__ import annotations

import os

import numpy as np
import pytest

from wordeval.embeddings import vector_cache
from wordeval.embeddings.load import load_file


@pytest.fixture
def frozen_stamps(monkeypatch):
    """(mtime_ns, ctime_ns) by real path, which every state of that file reports from its first on."""
    real, frozen = vector_cache._file_state, {}

    def state(path):
        out = real(path)
        out["mtime_ns"], out["ctime_ns"] = frozen.setdefault(out["path"], (out["mtime_ns"], out["ctime_ns"]))
        return out

    monkeypatch.setattr(vector_cache, "_file_state", state)
    return frozen


def _rewrite_in_place(path, text: str) -> None:
    with open(path, "r+", encoding="utf-8") as fh:  # the same inode, the same size
        fh.write(text)


def test_a_same_size_rewrite_in_the_parsed_writes_granule_is_not_served_stale(tmp_path, frozen_stamps):
    source, cache = tmp_path / "v.txt", tmp_path / "cache"
    source.write_text("king 1.0 2.0\nqueen 3.0 4.0\n", encoding="utf-8")
    assert load_file(source, cache_home=cache).vectors[0].tolist() == [1.0, 2.0]
    _rewrite_in_place(source, "king 9.0 2.0\nqueen 3.0 4.0\n")
    assert os.path.getsize(source) == len("king 1.0 2.0\nqueen 3.0 4.0\n")
    again = load_file(source, cache_home=cache)
    assert again.vectors[0].tolist() == [9.0, 2.0]
    np.testing.assert_array_equal(load_file(source, cache=False).vectors, again.vectors)


def test_a_racy_key_is_served_once_its_file_is_a_granule_old(tmp_path, frozen_stamps, monkeypatch):
    """A racy key is not a miss for ever: once the last write is a granule old, one sha256 of the file settles
    it, and the key is kept without the flag (no hashing on later hits)."""
    import wordeval.artifacts

    source, cache = tmp_path / "v.txt", tmp_path / "cache"
    source.write_text("king 1.0 2.0\nqueen 3.0 4.0\n", encoding="utf-8")
    written = vector_cache.now_ns()
    frozen_stamps[os.path.realpath(source)] = (written, written)
    first = load_file(source, cache_home=cache)
    monkeypatch.setattr(vector_cache, "now_ns", lambda: written + vector_cache.RACY_NS + 1)
    hit = load_file(source, cache_home=cache)
    assert hit.cache_path and hit.words == first.words
    np.testing.assert_array_equal(hit.vectors, first.vectors)

    def no_hashing(path, *args, **kwargs):
        raise AssertionError(f"{path} hashed again")

    monkeypatch.setattr(wordeval.artifacts, "sha256_file", no_hashing)
    assert load_file(source, cache_home=cache).cache_path == hit.cache_path


def test_a_file_written_long_before_its_parse_is_keyed_at_once(tmp_path, frozen_stamps, monkeypatch):
    """Regression pin: the check costs nothing where the file's last write is a granule older than its
    parse."""
    import wordeval.artifacts

    source, cache = tmp_path / "v.txt", tmp_path / "cache"
    source.write_text("king 1.0 2.0\nqueen 3.0 4.0\n", encoding="utf-8")
    old = vector_cache.now_ns() - 10 * vector_cache.RACY_NS
    frozen_stamps[os.path.realpath(source)] = (old, old)
    load_file(source, cache_home=cache)
    monkeypatch.setattr(wordeval.artifacts, "sha256_file", lambda *a, **k: pytest.fail("hashed again"))
    assert load_file(source, cache_home=cache).cache_path


def test_a_distributed_client_does_not_plan_with_the_stale_fingerprint(tmp_path, frozen_stamps):
    """The client of a Dask run reads a file's fingerprint from its cache key, without loading it: it gave
    the cells the fingerprint of the vectors parsed before the rewrite."""
    from wordeval.distributed.keys import cached_fingerprint

    source, cache = tmp_path / "v.txt", tmp_path / "cache"
    source.write_text("king 1.0 2.0\nqueen 3.0 4.0\n", encoding="utf-8")
    old = load_file(source, cache_home=cache).info.fingerprint
    assert cached_fingerprint(str(source), cache_home=cache) == old
    _rewrite_in_place(source, "king 9.0 2.0\nqueen 3.0 4.0\n")
    assert cached_fingerprint(str(source), cache_home=cache) is None
    new = load_file(source, cache_home=cache).info.fingerprint
    assert new != old and cached_fingerprint(str(source), cache_home=cache) == new
