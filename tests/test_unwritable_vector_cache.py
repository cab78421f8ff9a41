"""A vector cache that cannot be written (a read-only WORDEVAL_CACHE, a full disk) must not stop a run, and
must not make it parse a file twice: a run loads each file in its plan and again for its cells, and each
load parsed it anew and printed its warnings (and the cache's) again."""
from __future__ import annotations

import logging
import warnings

import numpy as np

from tests._small_task import write_small_task
from wordeval.embeddings.vector_checks import LoaderWarning


def _with_a_duplicate(vectors):
    text = vectors.read_text(encoding="utf-8")
    vectors.write_text(text + text.splitlines()[0].split(" ", 1)[0] + " 9 9 9 9\n", encoding="utf-8")


def _scores(out):
    import wordeval
    frame = wordeval.results_frame(out)
    return sorted(zip(frame["score"], frame["value"]))


def test_an_unwritable_cache_parses_each_file_once_and_says_so_once(tmp_path, monkeypatch, caplog):
    import wordeval

    vectors, spec = write_small_task(tmp_path)
    _with_a_duplicate(vectors)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("WORDEVAL_CACHE", str(blocker / "cache"))  # cannot be created: a file is in the way
    with warnings.catch_warnings(record=True) as said, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        summary = wordeval.run([str(vectors)], [str(spec)], out=tmp_path / "R", progress=False)
    assert len(summary.computed) == 1 and not summary.failed
    duplicates = [w for w in said if issubclass(w.category, LoaderWarning) and "duplicate" in str(w.message)]
    assert len(duplicates) == 1, [str(w.message) for w in duplicates]
    cache_lines = [r for r in caplog.records if "vector cache" in r.getMessage()]
    assert len(cache_lines) == 1 and str(blocker) in cache_lines[0].getMessage()

    # the oracle: the same run with a writable cache gives the same numbers
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    wordeval.run([str(vectors)], [str(spec)], out=tmp_path / "R2", progress=False)
    ours, cached = _scores(tmp_path / "R"), _scores(tmp_path / "R2")
    assert [s for s, _ in ours] == [s for s, _ in cached]
    np.testing.assert_array_equal([v for _, v in ours], [v for _, v in cached])


def test_a_file_changed_after_its_uncached_parse_is_parsed_again(tmp_path, monkeypatch):
    import os

    from wordeval.embeddings.load import load_embedding

    vectors, _ = write_small_task(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    cache = blocker / "cache"
    first = load_embedding(str(vectors), cache_home=cache)
    lines = vectors.read_text(encoding="utf-8").splitlines()
    vectors.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    st = os.stat(vectors)
    os.utime(vectors, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    again = load_embedding(str(vectors), cache_home=cache)
    assert again.info.vocab_size == first.info.vocab_size - 1
