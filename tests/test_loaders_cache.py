"""The binary vector cache and the embedding spec resolver."""
from __future__ import annotations

import hashlib
import importlib.util
import mmap
import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from wordeval.embeddings.load import load_embedding, parse_builder_args, split_label
from wordeval.embeddings.vector_cache import CacheWarning
from wordeval.embeddings.vector_checks import LoaderWarning
from wordeval.errors import ConfigError, MissingFileError, UnknownNameError
from wordeval.registry import REGISTRY, Entry

GENSIM_DATA = Path(importlib.util.find_spec("gensim").submodule_search_locations[0]) / "test" / "test_data"


@pytest.fixture
def vec_file(tmp_path):
    path = tmp_path / "lee.vec"
    shutil.copy(GENSIM_DATA / "lee_fasttext.vec", path)
    return path


def test_cache_hit_is_memory_mapped_and_identical(vec_file, tmp_path):
    cache = tmp_path / "cache"
    first = load_embedding(vec_file, cache_home=cache)
    assert getattr(first, "cache_path", None) is None
    second = load_embedding(vec_file, cache_home=cache)
    assert second.cache_path.startswith(str(cache))
    base = second.vectors
    while getattr(base, "base", None) is not None:
        base = base.base
    assert isinstance(base, mmap.mmap)  # the reload maps the file; nothing is parsed or copied
    assert second.words == first.words and second.info == first.info
    np.testing.assert_array_equal(second.vectors, first.vectors)
    assert not second.vectors.flags.writeable
    entry = Path(second.cache_path)
    assert entry.name == first.info.fingerprint.split(":")[1]
    assert sorted(p.name for p in entry.iterdir()) == ["meta.json", "vectors.npy", "words.txt"]


def test_cache_keyed_by_file_state_and_options(vec_file, tmp_path):
    cache = tmp_path / "cache"
    load_embedding(vec_file, cache_home=cache)
    assert load_embedding(vec_file, cache_home=cache, encoding_errors="replace").__dict__.get("cache_path") is None
    assert load_embedding(vec_file, cache_home=cache, cache=False).__dict__.get("cache_path") is None
    # an edited file (new content, new mtime) is parsed again and gets its own fingerprint
    lines = vec_file.read_bytes().split(b"\n")
    vec_file.write_bytes(b"\n".join([b"1761 10"] + lines[1:-2] + [b""]))
    st = os.stat(vec_file)
    os.utime(vec_file, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    edited = load_embedding(vec_file, cache_home=cache)
    assert edited.__dict__.get("cache_path") is None and edited.info.vocab_size == 1761
    # same content under another path shares the stored entry
    copy = tmp_path / "copy.vec"
    shutil.copy(vec_file, copy)
    load_embedding(copy, cache_home=cache)
    assert len([p for p in (cache / "vectors").iterdir() if not p.name.startswith(".") and p.name != "keys"]) == 2


def test_cache_hit_describes_its_own_file_not_the_first_with_those_vectors(tmp_path):
    """Two files with the same vectors share an entry; before, a hit served the description of whichever file
    was parsed first (a GloVe text reported as 'word2vec-bin', a clean file as having dropped a duplicate)."""
    from gensim.models import KeyedVectors

    cache = tmp_path / "cache"
    kv = KeyedVectors(3)
    kv.add_vectors(["a", "b", "c"], np.arange(9, dtype=np.float32).reshape(3, 3) + 1)
    kv.save_word2vec_format(str(tmp_path / "v.bin"), binary=True)
    kv.save_word2vec_format(str(tmp_path / "text.txt"), binary=False, write_header=False)
    lines = (tmp_path / "text.txt").read_text().splitlines(keepends=True)
    (tmp_path / "dup.txt").write_text("".join(lines + lines[:1]))
    load_embedding(tmp_path / "v.bin", cache_home=cache)
    with pytest.warns(LoaderWarning, match="1 duplicate word"):
        load_embedding(tmp_path / "dup.txt", cache_home=cache)
    parsed = load_embedding(tmp_path / "text.txt", cache_home=cache)
    hit = load_embedding(tmp_path / "text.txt", cache_home=cache)
    assert hit.cache_path is not None and parsed.info.fingerprint == hit.info.fingerprint
    assert hit.info == parsed.info
    own = hashlib.sha256((tmp_path / "text.txt").read_bytes()).hexdigest()  # its own file's, not v.bin's
    assert (hit.info.format, hit.info.name) == ("glove", "text")
    assert dict(hit.info.parameters) == {"encoding_errors": "strict", "file_sha256": own}
    dup_hit = load_embedding(tmp_path / "dup.txt", cache_home=cache)
    assert dup_hit.cache_path is not None and dup_hit.info.parameters["duplicates_dropped"] == 1
    assert load_embedding(tmp_path / "v.bin", cache_home=cache).info.format == "word2vec-bin"


def test_damaged_cache_entry_is_a_miss(vec_file, tmp_path):
    cache = tmp_path / "cache"
    load_embedding(vec_file, cache_home=cache)
    hit = load_embedding(vec_file, cache_home=cache)
    (Path(hit.cache_path) / "words.txt").write_text("only\nthree\nwords", encoding="utf-8")
    with pytest.warns(CacheWarning, match="words.txt has 16 bytes"):
        again = load_embedding(vec_file, cache_home=cache)
    assert again.info.vocab_size == 1762 and again.__dict__.get("cache_path") is None


def _overwrite_row0(entry: Path, values) -> None:
    """Change the first row of a cached vectors.npy in place, keeping its size (what the user audit did)."""
    header_len = np.load(entry / "vectors.npy", mmap_mode="r").offset
    with open(entry / "vectors.npy", "r+b") as fh:
        fh.seek(header_len)
        fh.write(np.asarray(values, dtype="<f4").tobytes())


def test_corrupted_cached_matrix_is_detected_warned_once_and_rebuilt(vec_file, tmp_path):
    cache = tmp_path / "cache"
    original = load_embedding(vec_file, cache_home=cache)
    entry = Path(load_embedding(vec_file, cache_home=cache).cache_path)
    dim = original.dim
    _overwrite_row0(entry, [9.0] * dim)
    with pytest.warns(CacheWarning, match="vectors.npy does not match its checksum") as caught:
        served = load_embedding(vec_file, cache_home=cache)
    assert len([w for w in caught if issubclass(w.category, CacheWarning)]) == 1
    assert served.__dict__.get("cache_path") is None  # parsed from the source, not served from the entry
    np.testing.assert_array_equal(served.vectors[0], original.vectors[0])
    # the entry was rebuilt: the next load is a verified hit with the original row 0, and no new warning
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        rebuilt = load_embedding(vec_file, cache_home=cache)
    assert rebuilt.cache_path == str(entry)
    np.testing.assert_array_equal(rebuilt.vectors, original.vectors)
    assert rebuilt.info.fingerprint == original.info.fingerprint


def test_damage_is_warned_once_per_entry_per_process(vec_file, tmp_path):
    cache = tmp_path / "cache"
    load_embedding(vec_file, cache_home=cache)
    entry = Path(load_embedding(vec_file, cache_home=cache).cache_path)
    import wordeval.embeddings.vector_cache as vector_cache
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(2):
            _overwrite_row0(entry, [7.0] * 10)
            assert vector_cache.lookup(vec_file, format="fasttext-vec", options={"encoding_errors": "strict"},
                                       cache_home=cache) is None
    assert len([w for w in caught if issubclass(w.category, CacheWarning)]) == 1


def test_old_entries_without_checksums_are_rebuilt(vec_file, tmp_path):
    import json
    cache = tmp_path / "cache"
    load_embedding(vec_file, cache_home=cache)
    entry = Path(load_embedding(vec_file, cache_home=cache).cache_path)
    meta = json.loads((entry / "meta.json").read_text())
    del meta["files"]
    meta["cache_version"] = 1
    (entry / "meta.json").write_text(json.dumps(meta))
    with pytest.warns(CacheWarning):
        assert load_embedding(vec_file, cache_home=cache).__dict__.get("cache_path") is None
    assert load_embedding(vec_file, cache_home=cache).cache_path == str(entry)

def test_newer_cache_versions_entry_is_kept_not_called_damaged(vec_file, tmp_path):
    """Two wordevals sharing a cache (a cluster's nodes, two venvs): the older one took the newer one's entry
    for damaged and replaced it, and the newer one then replaced the older one's, a warning and a parse on
    every switch. The older one keeps its entry beside the newer one's instead."""
    import json
    import warnings
    from wordeval.embeddings.vector_cache import CACHE_VERSION
    cache = tmp_path / "cache"
    load_embedding(vec_file, cache_home=cache)
    first = load_embedding(vec_file, cache_home=cache)
    entry = Path(first.cache_path)
    meta = json.loads((entry / "meta.json").read_text())
    meta["cache_version"] = CACHE_VERSION + 1  # what a newer wordeval wrote there
    (entry / "meta.json").write_text(json.dumps(meta))
    newer = {f.name: f.read_bytes() for f in entry.iterdir()}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parsed = load_embedding(vec_file, cache_home=cache)
        again = load_embedding(vec_file, cache_home=cache)
    assert [str(w.message) for w in caught if issubclass(w.category, CacheWarning)] == []
    assert {f.name: f.read_bytes() for f in entry.iterdir()} == newer
    assert parsed.__dict__.get("cache_path") is None
    assert again.cache_path == f"{entry}.v{CACHE_VERSION}"
    assert again.words == first.words
    np.testing.assert_array_equal(again.vectors, first.vectors)


def test_split_label_and_builder_args(tmp_path):
    assert split_label("mine=vectors.txt") == ("mine", "vectors.txt")
    assert split_label("word2vec:corpus=news,window=5") == (None, "word2vec:corpus=news,window=5")
    odd = tmp_path / "a=b.txt"
    odd.write_text("x 1 2\n")
    assert split_label(str(odd)) == (None, str(odd))
    assert parse_builder_args("type-level") == ("type-level", {})
    assert parse_builder_args("corpus=news,window=5") == (None, {"corpus": "news", "window": "5"})
    with pytest.raises(ConfigError):
        parse_builder_args("a,b")


def test_label_names_a_file_embedding(vec_file, tmp_path):
    emb = load_embedding(f"my vectors={vec_file}", cache_home=tmp_path / "c")
    assert emb.info.name == "my vectors"
    assert load_embedding(f"again={vec_file}", cache_home=tmp_path / "c").info.name == "again"


def test_builder_spec_passes_variant_kwargs_and_label(monkeypatch):
    REGISTRY.names("embedding")  # load the catalogs before adding a test entry
    monkeypatch.setitem(REGISTRY._entries["embedding"], "echo-builder",
                        Entry("embedding", "echo-builder", "builtins:dict"))
    assert load_embedding("lbl=echo-builder:type-level,corpus=news") == \
        {"variant": "type-level", "corpus": "news", "name": "lbl"}
    assert load_embedding("echo-builder") == {}


def test_registered_id_with_label():
    emb = load_embedding("g=glove-6b-50d")
    assert emb.info.name == "g" and emb.info.vocab_size == 400_000 and emb.info.dim == 50


def test_unknown_names_and_missing_files():
    with pytest.raises(UnknownNameError, match="did you mean 'glove-6b-50d'"):
        load_embedding("glove-6b-5od")
    with pytest.raises(MissingFileError, match="no such embedding file"):
        load_embedding("vectors/glove.txt")


@pytest.mark.parametrize("offset", range(0, 128))
def test_any_damaged_byte_of_a_cached_npy_header_is_a_rebuilt_miss(vec_file, tmp_path, offset):
    """Five header bytes (its length, the shape's parenthesis) made numpy's parser raise tokenize.TokenError: a
    traceback on every later load, never rebuilt."""
    cache = tmp_path / "cache"
    original = load_embedding(vec_file, cache_home=cache)
    entry = Path(load_embedding(vec_file, cache_home=cache).cache_path)
    raw = bytearray((entry / "vectors.npy").read_bytes())
    raw[offset] ^= 0xFF
    (entry / "vectors.npy").write_bytes(bytes(raw))
    with pytest.warns(CacheWarning):
        served = load_embedding(vec_file, cache_home=cache)
    np.testing.assert_array_equal(served.vectors, original.vectors)


def test_an_edited_file_given_its_old_mtime_back_is_parsed_again(tmp_path):
    """``touch -d`` after an edit of the same size: the key (path, size, mtime) was the old one and the old
    vectors were served. The oracle is gensim's load of the edited file."""
    from gensim.models import KeyedVectors

    path = tmp_path / "v.txt"
    path.write_text("cat 0.1 0.2 0.3\ndog 0.2 0.1 0.0\n", encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    cache = tmp_path / "cache"
    load_embedding(path, cache_home=cache)
    assert load_embedding(path, cache_home=cache).cache_path  # a hit before the edit
    time.sleep(0.05)  # past the kernel's coarse timestamp tick, so the edit moves the ctime
    path.write_text("cat 0.9 0.2 0.3\ndog 0.2 0.1 0.0\n", encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    again = load_embedding(path, cache_home=cache)
    oracle = KeyedVectors.load_word2vec_format(str(path), binary=False, no_header=True)
    np.testing.assert_array_equal(again.vectors[again.words.index("cat")], oracle["cat"])
