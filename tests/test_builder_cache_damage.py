"""A damaged builder-cache entry was served as it was: bytes flipped in ``vectors.npy`` or a word changed in
``words.txt`` gave other scores without a word (MC-30 Spearman -0.081 instead of -0.044 for an LSA model),
and a cut file stopped every later run with an error about the cache's own file. Entries now record the size
and CRC-32 of their files; one that does not load or verify is reported (CacheWarning) and built again."""
from __future__ import annotations

import warnings

import numpy as np
import pytest

from wordeval.embeddings.builders import build, load_built
from wordeval.embeddings.vector_cache import CacheWarning
from wordeval.errors import InputFormatError


def _flip_data_bytes(folder):
    path = folder / "vectors.npy"
    data = bytearray(path.read_bytes())
    for offset in range(len(data) - 40, len(data), 7):  # inside the matrix, past the .npy header
        data[offset] ^= 0x55
    path.write_bytes(bytes(data))


def _truncate(name, size):
    def damage(folder):
        with open(folder / name, "r+b") as fh:
            fh.truncate(size)
    return damage


def _rename_a_word(folder):
    path = folder / "words.txt"
    words = path.read_text(encoding="utf-8").splitlines()
    words[3] = "zzzz"
    path.write_text("".join(w + "\n" for w in words), encoding="utf-8")


def _remove_words(folder):
    (folder / "words.txt").unlink()


DAMAGES = {"flipped matrix bytes": _flip_data_bytes, "cut matrix": _truncate("vectors.npy", 200),
           "renamed word": _rename_a_word, "cut meta.json": _truncate("meta.json", 50),
           "missing words.txt": _remove_words}


def _entry(cache):
    (folder,) = (p for p in (cache / "built").iterdir() if not p.name.startswith("."))
    return folder


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_damaged_entry_is_reported_and_built_again(tmp_path, tiny_corpus, damage):
    cache = tmp_path / "cache"
    oracle = build("lsa", corpus=str(tiny_corpus), cache=False, dim="6")  # trained, never read from a cache
    build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6")
    damage(_entry(cache))
    with pytest.warns(CacheWarning, match="damaged builder cache entry"):
        again = build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6")
    assert again.words == oracle.words
    np.testing.assert_array_equal(again.vectors, oracle.vectors)  # the same seeded training: bit for bit
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)  # the rebuilt entry verifies
        reread = build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6")
    np.testing.assert_array_equal(reread.vectors, oracle.vectors)


def test_a_damaged_built_folder_given_as_a_file_is_refused_naming_it(tmp_path, tiny_corpus):
    cache = tmp_path / "cache"
    build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6")
    folder = _entry(cache)
    _flip_data_bytes(folder)
    with pytest.raises(InputFormatError, match=r"vectors\.npy does not match the CRC-32"):
        load_built(folder)


def _drop_checksums(folder):
    import json

    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    del meta["files"]
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def test_an_entry_without_checksums_is_not_trusted_but_built_again(tmp_path, tiny_corpus):
    """An entry an older wordeval wrote records no checksums: a damaged one of those was served as it was."""
    cache = tmp_path / "cache"
    oracle = build("lsa", corpus=str(tiny_corpus), cache=False, dim="6")
    build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6")
    folder = _entry(cache)
    _drop_checksums(folder)
    _flip_data_bytes(folder)
    with pytest.warns(CacheWarning, match="written by an older wordeval"):
        again = build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6")
    np.testing.assert_array_equal(again.vectors, oracle.vectors)
    assert "files" in __import__("json").loads((_entry(cache) / "meta.json").read_text(encoding="utf-8"))


def test_a_user_s_built_folder_without_checksums_still_loads(tmp_path, tiny_corpus):
    cache = tmp_path / "cache"
    built = build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6")
    _drop_checksums(_entry(cache))
    np.testing.assert_array_equal(load_built(_entry(cache)).vectors, built.vectors)


def _flip_a_path_bit(folder):
    path = folder / "paths.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    bits, rest = lines[0].split("\t", 1)
    lines[0] = ("1" if bits[0] == "0" else "0") + bits[1:] + "\t" + rest  # still a valid paths line
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


BROWN_DAMAGES = {"flipped path bit": (_flip_a_path_bit, "damaged builder cache entry"),
                 "cut paths.txt": (_truncate("paths.txt", 7), "damaged builder cache entry"),
                 "no checksums": (lambda folder: (_drop_checksums(folder), _flip_a_path_bit(folder)),
                                  "written by an older wordeval")}


@pytest.mark.parametrize("damage, said", BROWN_DAMAGES.values(), ids=BROWN_DAMAGES.keys())
def test_a_damaged_brown_entry_is_reported_and_built_again(tmp_path, tiny_corpus, damage, said):
    """A Brown entry had no checksums at all: a flipped bit of a path was other clusters without a word, a
    cut line an error about the cache's own file on every later run."""
    from wordeval.embeddings.brown import build_brown

    cache = tmp_path / "cache"
    oracle = build_brown(corpus=str(tiny_corpus), clusters="4", cache=False)
    build_brown(corpus=str(tiny_corpus), clusters="4", cache_home=cache)
    damage(_entry(cache))
    with pytest.warns(CacheWarning, match=said):
        again = build_brown(corpus=str(tiny_corpus), clusters="4", cache_home=cache)
    assert (again.words, again.paths) == (oracle.words, oracle.paths)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        reread = build_brown(corpus=str(tiny_corpus), clusters="4", cache_home=cache)
    assert reread.paths == oracle.paths


@pytest.mark.parametrize("builder", ["lsa", "brown"])
def test_an_intact_entry_of_an_older_wordeval_is_said_to_be_old_not_damaged(tmp_path, tiny_corpus, builder):
    """A cache filled by a wordeval before checksums (Brown entries had none until b1ac8bd) was rebuilt entry
    by entry with the warning 'damaged builder cache entry', though nothing in it was damaged."""
    from wordeval.embeddings.brown import build_brown

    def make(**kw):
        if builder == "brown":
            return build_brown(corpus=str(tiny_corpus), clusters="4", **kw)
        return build("lsa", corpus=str(tiny_corpus), dim="6", **kw)

    cache = tmp_path / "cache"
    make(cache_home=cache)
    _drop_checksums(_entry(cache))  # as the older wordeval wrote it, files intact
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        make(cache_home=cache)
    said = [str(w.message) for w in caught if issubclass(w.category, CacheWarning)]
    assert len(said) == 1, said
    assert "written by an older wordeval" in said[0] and "damaged" not in said[0]
