"""Two runs sharing a cache that build the same Brown key at once: the one finishing second keeps the complete
entry the first placed, as every other builder's cache does (``place_once``). Moving the entry aside to rename
its own in (a report folder's ``atomic_directory``) left a gap in which a third run found no entry, warned that
it was damaged and trained again. Oracle: the first entry's bytes and that ``meta.json`` is there throughout."""
from __future__ import annotations

import os
import warnings

from wordeval.embeddings.brown import build_brown, load_brown, save_brown


def _files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_the_second_save_of_a_key_keeps_the_first_entry_and_leaves_no_gap(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("a b c a b\nc a b d a\n" * 20, encoding="utf-8")
    first = build_brown(corpus=str(corpus), clusters="2", min_count="1", cache_home=tmp_path / "cache")
    (folder,) = (tmp_path / "cache" / "built").iterdir()
    before = _files(folder)

    real_replace = os.replace
    seen_missing = []

    def watching_replace(src, dst):  # what a third run reading the key would find, at every rename
        seen_missing.append(not (folder / "meta.json").is_file())
        real_replace(src, dst)
        seen_missing.append(not (folder / "meta.json").is_file())

    monkeypatch.setattr(os, "replace", watching_replace)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        save_brown(folder, list(first.words), ["1"] * len(first.words), [9] * len(first.words),
                   {"format": "wordeval-brown", "spec": "other", "parameters": {}})
    monkeypatch.setattr(os, "replace", real_replace)
    assert not any(seen_missing)
    assert _files(folder) == before
    assert sorted(p.name for p in folder.parent.iterdir()) == [folder.name]  # no temporary folder left
    again = load_brown(folder, cached=True)
    assert again.paths == first.paths and again.info.fingerprint == first.info.fingerprint


def test_an_unfinished_folder_under_the_key_is_replaced(tmp_path):
    folder = tmp_path / "built" / "key"
    folder.mkdir(parents=True)
    (folder / "paths.txt").write_text("half", encoding="utf-8")  # no meta.json: not a complete entry
    save_brown(folder, ["a", "b"], ["0", "1"], [3, 2], {"format": "wordeval-brown", "spec": "brown:x",
                                                        "parameters": {}})
    loaded = load_brown(folder, cached=True)
    assert loaded.words == ["a", "b"] and loaded.paths == ["0", "1"]
