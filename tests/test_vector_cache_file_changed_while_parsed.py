"""A file written while it is parsed is not cached under its new state.

The cache key was taken after the parse: vectors read from the earlier content were stored under the state of
the content written meanwhile (a training job saving its vectors to the path being evaluated), and every later
load of the new file was served the old vectors, silently.
"""
from __future__ import annotations

import os

import numpy as np

from wordeval.embeddings import text_format
from wordeval.embeddings.load import load_embedding


def test_vectors_parsed_before_a_write_are_not_served_for_the_written_file(tmp_path, monkeypatch, caplog):
    path = tmp_path / "v.txt"
    path.write_text("a 1 2\nb 3 4\n", encoding="utf-8")
    parse = text_format.load_glove_text

    def parse_then_rewritten(p, **kwargs):
        emb = parse(p, **kwargs)
        tmp = tmp_path / "new.txt"  # what a writer saving atomically does, while the parse is ending
        tmp.write_text("a 5 6\nb 7 8\n", encoding="utf-8")
        os.replace(tmp, path)
        return emb

    monkeypatch.setattr(text_format, "load_glove_text", parse_then_rewritten)
    first = load_embedding(path, cache_home=tmp_path / "cache")
    assert first.vectors.tolist() == [[1, 2], [3, 4]]
    assert any("changed while it was read" in r.getMessage() for r in caplog.records)
    monkeypatch.setattr(text_format, "load_glove_text", parse)
    again = load_embedding(path, cache_home=tmp_path / "cache")
    np.testing.assert_array_equal(again.vectors, [[5, 6], [7, 8]])
