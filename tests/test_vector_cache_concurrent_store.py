"""Two runs that parse one vector file at once (a job array on one cache) both store its entry. The second to
finish moved aside and removed the entry the first had placed meanwhile, even though it was complete: a
third run reading that entry lost its files mid-read and took it for damaged (a warning, a parse again).
A complete entry another process placed while this one wrote is now kept."""
from __future__ import annotations

import os
import shutil
import warnings

from wordeval.embeddings import vector_cache
from wordeval.embeddings.load import load_file

_OPTIONS = {"encoding_errors": "strict"}


def test_an_entry_placed_by_another_process_while_this_one_writes_is_kept(tmp_path, monkeypatch):
    source = tmp_path / "v.txt"
    source.write_text("king 1 0\nqueen 0 1\nman 1 1\n", encoding="utf-8")
    cache = tmp_path / "cache"
    emb = load_file(source, cache=False)
    entry = vector_cache.store(source, emb, format="glove", options=_OPTIONS, cache_home=cache)
    theirs = tmp_path / "theirs"  # the other process's complete entry, placed while this one writes its own
    shutil.copytree(entry, theirs)
    shutil.rmtree(entry)
    placed = {}
    write_entry = vector_cache._write_entry

    def write_while_another_places(folder, embedding):
        write_entry(folder, embedding)
        shutil.copytree(theirs, entry)
        placed["inode"] = os.stat(entry).st_ino
        placed["words"] = open(entry / "words.txt", "rb")  # a run reading it now

    monkeypatch.setattr(vector_cache, "_write_entry", write_while_another_places)
    vector_cache.store(source, emb, format="glove", options=_OPTIONS, cache_home=cache)
    with placed["words"] as reader:
        assert os.stat(entry).st_ino == placed["inode"]
        assert (entry / "words.txt").is_file() and reader.read().split(b"\n") == [b"king", b"queen", b"man"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hit = vector_cache.lookup(source, format="glove", options=_OPTIONS, cache_home=cache)
    assert hit is not None and hit.words == ["king", "queen", "man"]
    assert hit.vectors.tolist() == [[1, 0], [0, 1], [1, 1]]
    assert sorted(p.name for p in entry.parent.iterdir()) == sorted([entry.name, "keys"])
