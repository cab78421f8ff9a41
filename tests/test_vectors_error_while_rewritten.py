"""A file rewritten while it is parsed, where the parse fails: the error named a line of the earlier content
(``v.txt:3: expected a word and 2 numbers``) that the file as it now is holds intact, and said nothing of the
write, so the user looked for a fault that was not there."""
from __future__ import annotations

import os

import pytest

from wordeval.embeddings import text_format
from wordeval.embeddings.load import load_embedding
from wordeval.errors import InputFormatError


def _rewritten_during_parse(tmp_path, monkeypatch, new_content: str):
    path = tmp_path / "v.txt"
    path.write_text("a 1 2\nb 3 4\nc 5\n", encoding="utf-8")  # line 3 short: the parse fails there
    parse = text_format.load_glove_text

    def parse_while_rewritten(p, **kwargs):
        tmp = tmp_path / "new.txt"  # a writer saving atomically while the parse runs
        tmp.write_text(new_content, encoding="utf-8")
        try:
            return parse(p, **kwargs)
        finally:
            os.replace(tmp, path)

    monkeypatch.setattr(text_format, "load_glove_text", parse_while_rewritten)
    return path


def test_a_parse_error_in_a_file_written_meanwhile_says_the_file_changed(tmp_path, monkeypatch):
    path = _rewritten_during_parse(tmp_path, monkeypatch, "a 1 2\nb 3 4\nc 5 6\n")
    with pytest.raises(InputFormatError) as info:
        load_embedding(path, cache_home=tmp_path / "cache")
    message = str(info.value)
    assert message.startswith(f"{path}:3: expected a word and 2 numbers")
    assert "got 1 numbers" in message and "the file changed while it was read" in message
    assert "\n" not in message
    assert not list((tmp_path / "cache").rglob("*.npy"))  # nothing cached of it


def test_a_parse_error_in_an_unchanged_file_says_nothing_of_changes(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("a 1 2\nb 3 4\nc 5\n", encoding="utf-8")
    with pytest.raises(InputFormatError) as info:
        load_embedding(path, cache_home=tmp_path / "cache")
    assert str(info.value).startswith(f"{path}:3: expected a word and 2 numbers")
    assert "changed" not in str(info.value)
