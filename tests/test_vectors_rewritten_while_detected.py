"""A file rewritten while its format is detected: the state that tells a rewrite was taken after detection
had read the file, so an error of the content detection saw (or of the parse, under the format detected from
the earlier content) was reported without the "changed while it was read" wording, naming a line the file as
it now is holds intact."""
from __future__ import annotations

import os

import pytest

from wordeval.embeddings import detect
from wordeval.embeddings.load import load_embedding
from wordeval.errors import InputFormatError

CHANGED = "the file changed while it was read"


def _rewritten_while_detected(tmp_path, monkeypatch, old: bytes, new: str):
    path = tmp_path / "v.txt"
    path.write_bytes(old)
    detect_format = detect.detect_format

    def detect_while_rewritten(p):
        tmp = tmp_path / "new.txt"  # a writer saving atomically while the format is detected
        tmp.write_text(new, encoding="utf-8")
        try:
            return detect_format(p)
        finally:
            os.replace(tmp, path)

    monkeypatch.setattr(detect, "detect_format", detect_while_rewritten)
    return path


def test_an_error_of_detection_in_a_file_written_meanwhile_says_the_file_changed(tmp_path, monkeypatch):
    # the writer had preallocated the file (zeros) when detection read it
    path = _rewritten_while_detected(tmp_path, monkeypatch, bytes(16), "a 1 2\nb 3 4\n")
    with pytest.raises(InputFormatError) as info:
        load_embedding(path, cache_home=tmp_path / "cache")
    message = str(info.value)
    assert message.startswith(f"{path}:1: expected an embedding file")
    assert "unrecognised binary data" in message
    assert CHANGED in message
    assert "\n" not in message


def test_a_parse_error_under_the_format_of_the_earlier_content_says_the_file_changed(tmp_path, monkeypatch):
    # detected as GloVe (no header), then rewritten as word2vec text, whose "2 2" header GloVe's parse refuses
    path = _rewritten_while_detected(tmp_path, monkeypatch, b"a 1 2\nb 3 4\n", "2 2\na 1 2\nb 3 4\n")
    with pytest.raises(InputFormatError) as info:
        load_embedding(path, cache_home=tmp_path / "cache")
    assert CHANGED in str(info.value)
    assert not list((tmp_path / "cache").rglob("*.npy"))


def test_an_unchanged_file_that_detection_refuses_says_nothing_of_changes(tmp_path):
    path = tmp_path / "v.txt"
    path.write_bytes(bytes(16))
    with pytest.raises(InputFormatError) as info:
        load_embedding(path, cache_home=tmp_path / "cache")
    message = str(info.value)
    assert message.startswith(f"{path}:1: expected an embedding file") and CHANGED not in message
