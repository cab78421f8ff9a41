"""A vector (or builder) cache that cannot be written is said in one line: what failed, that the run carries on,
what to set. The line quoted the whole error, advice included, then gave its own: "... (X: cannot create the
cache folder (...); set WORDEVAL_CACHE to a writable folder); parsed files are kept in memory for this run
instead (set WORDEVAL_CACHE to a writable folder to keep them between runs)"."""
from __future__ import annotations

import errno
import logging
import pickle

import pytest

from wordeval.embeddings import vector_cache
from wordeval.embeddings.load import load_file


def _said(caplog, what: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if what in r.getMessage()]


def _one_clear_line(line: str, failed: str, todo: str) -> None:
    assert "\n" not in line and line.count("WORDEVAL_CACHE") == 1, line
    assert failed in line and "the run carries on" in line and line.endswith(todo), line


@pytest.mark.parametrize("cause", ["a file where the cache goes", "a read-only file system", "a file in the cache"])
def test_an_unwritable_vector_cache_is_one_line_naming_wordeval_cache_once(tmp_path, monkeypatch, caplog, cause):
    source = tmp_path / "v.txt"
    source.write_text("king 1 0\nqueen 0 1\n", encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    cache, failed, todo = blocker / "cache", f"{blocker / 'cache'}: cannot create the cache folder", \
        "set WORDEVAL_CACHE to a writable folder"
    if cause == "a read-only file system":
        def refused(folder, embedding):
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr(vector_cache, "_write_entry", refused)
        cache, failed = tmp_path / "cache", "cannot write: the file system is read-only"
    elif cause == "a file in the cache":
        cache = tmp_path / "cache"
        (cache / "vectors").mkdir(parents=True)
        (cache / "vectors" / "keys").write_text("", encoding="utf-8")  # not a folder: no key can go in
        # it was "[Errno 17] File exists: '.../keys'", which said neither what was wrong nor what to do
        failed = f"{cache / 'vectors' / 'keys'} is a file, not a folder"
        todo = "move that file away or set WORDEVAL_CACHE to another folder"
    with caplog.at_level(logging.WARNING):
        emb = load_file(source, cache_home=cache)
    assert emb.words == ["king", "queen"] and emb.vectors.tolist() == [[1, 0], [0, 1]]
    lines = _said(caplog, "vector cache")
    assert len(lines) == 1
    _one_clear_line(lines[0], failed, todo)


def test_an_unwritable_builder_cache_is_one_line_naming_wordeval_cache_once(tmp_path, tiny_corpus, caplog):
    from wordeval.embeddings import builders

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        builders.build("lsa", corpus=str(tiny_corpus), cache_home=blocker / "cache", dim="6")
    lines = _said(caplog, "builder cache")
    assert len(lines) == 1
    # it was "[Errno 20] Not a directory: '.../not-a-folder/cache/built'"
    _one_clear_line(lines[0], f"{blocker} is a file, not a folder",
                    "move that file away or set WORDEVAL_CACHE to another folder")


def test_a_file_named_built_in_the_cache_is_one_line_naming_it(tmp_path, tiny_corpus, caplog):
    """It was "[Errno 17] File exists: '.../built'" (or "Not a directory"), which said neither what was wrong
    nor what to do."""
    from wordeval.embeddings import builders

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "built").write_text("", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        model = builders.build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6")
    assert model.vectors.shape[1] == 6  # the run carried on
    lines = _said(caplog, "builder cache")
    assert len(lines) == 1 and "Errno" not in lines[0]
    _one_clear_line(lines[0], f"{cache / 'built'}: a file where the cache needs a folder",
                    "move that file away or set WORDEVAL_CACHE to another folder")


def test_a_cache_error_survives_a_pickle_round_trip():
    from wordeval.errors import CacheError

    error = CacheError("/c: cannot write: the disk is full (No space left on device)",
                       "free space there or set WORDEVAL_CACHE to another folder", "; it is wordeval's cache: ")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is CacheError and str(back) == str(error) and back.__dict__ == error.__dict__
    assert str(error) == ("/c: cannot write: the disk is full (No space left on device); it is wordeval's cache: "
                          "free space there or set WORDEVAL_CACHE to another folder")
