"""Every edit of a vector file left its old cache key (keys/<sha256>.json) behind, never to be hit again: a
cache shared by a long project only grew. Storing a file's key now removes the keys of its earlier states,
and nothing else: keys of the same state under other options, keys of other files, keys written before keys
recorded their state, and files that are not named as keys all stay."""
from __future__ import annotations

import json
import os

from wordeval.embeddings.load import load_embedding
from wordeval.embeddings import vector_cache


def _write(path, rows):
    path.write_text("".join(f"w{i} {i % 7} {i % 5} 1\n" for i in range(rows)), encoding="utf-8")


def _keys(cache):
    return sorted(p.name for p in (cache / "vectors" / "keys").iterdir())


def test_an_edited_file_leaves_one_key_per_option_and_nothing_else_is_touched(tmp_path):
    cache, vec, other = tmp_path / "cache", tmp_path / "v.txt", tmp_path / "other.txt"
    _write(vec, 20)
    _write(other, 30)
    load_embedding(other, cache_home=cache)
    load_embedding(vec, cache_home=cache)
    load_embedding(vec, cache_home=cache, encoding_errors="replace")  # the same state, another option
    keys = cache / "vectors" / "keys"
    legacy = keys / ("e" * 64 + ".json")  # a key of an older wordeval: no state recorded
    legacy.write_text(json.dumps({"fingerprint": "sha256:0", "path": os.path.realpath(vec), "info": {}}))
    foreign = [keys / "README.json", keys / "notes.txt", keys / ("f" * 64 + ".json.bak")]
    for f in foreign:
        f.write_text(json.dumps({"state": {"path": os.path.realpath(vec)}}))
    before = set(_keys(cache))
    assert len(before) == 3 + 1 + len(foreign)

    _write(vec, 25)  # edited: its two keys are now of an earlier state
    emb = load_embedding(vec, cache_home=cache)
    now = vector_cache.file_key(vec, format="glove", options={"encoding_errors": "strict"})
    after = set(_keys(cache))
    gone = before - after
    assert len(gone) == 2 and f"{now}.json" in after
    assert {f.name for f in foreign} | {legacy.name} <= after
    assert len(after) == len(before) - 2 + 1
    assert emb.vectors.shape == (25, 3)
    again = load_embedding(vec, cache_home=cache)  # the current key is served
    assert again.cache_path is not None and again.words == emb.words
    assert load_embedding(other, cache_home=cache).cache_path is not None  # another file's key kept


def test_the_cleanup_reads_at_most_its_limit(tmp_path):
    keys = tmp_path / "keys"
    keys.mkdir()
    state = {"path": "/data/v.txt", "size": 2, "mtime_ns": 2, "ctime_ns": 2, "inode": 2}
    for i in range(5):
        (keys / f"{i:064x}.json").write_text(json.dumps({"state": {**state, "size": 1}}))
    assert vector_cache.remove_outdated_keys(keys, state, limit=3) == 3
    assert len(list(keys.iterdir())) == 2
