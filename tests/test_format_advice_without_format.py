"""A loader error advised "--format X, or no --format to detect it" whether or not the user had given a
--format: a file read under the format it was detected as told its user to drop an option never passed. The
advice now follows what was typed: no --format, pass one; a --format, the other choice or none."""
from __future__ import annotations

import struct

import pytest

from wordeval.cli import main

NUL_TEXT = b"cat 0.1 0.2 0.3\ndog 0.2 0.1 0.4\nca\0r 0.9 0.1 0.0\ntree 0.3 0.3 0.3\n"
# fastText's layout from before its magic number: dim, ws, 10 int32 arguments, t (a double), then vocab_size,
# nwords and nlabels (here 1, which an unsupervised model cannot have)
OLD_FASTTEXT = (struct.pack("@2i", 3, 5) + struct.pack("@10i", *[1] * 10) + struct.pack("@d", 1e-4)
                + struct.pack("@3i", 2, 2, 1) + bytes(100))


def _error(capsys, args) -> str:
    assert main(["--quiet", "info", *args, "--no-cache"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("name, data, given, forced_advice, detected_advice", [
    ("v.txt", NUL_TEXT, "glove", "--format word2vec-bin or fasttext-bin, or no --format to detect it",
     "no --format was given, and the format detected may be wrong: pass --format word2vec-bin or fasttext-bin"),
    ("v.bin", OLD_FASTTEXT, "fasttext-bin", "no --format detects the format",
     "taken for one from before the magic number by its .bin suffix: pass --format naming its format"),
])
def test_format_advice_matches_what_was_typed(tmp_path, capsys, monkeypatch, name, data, given, forced_advice,
                                              detected_advice):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / name
    path.write_bytes(data)
    detected = _error(capsys, [str(path)])
    assert detected_advice in detected, detected
    assert "or no --format" not in detected and "no --format detects" not in detected, detected
    forced = _error(capsys, [str(path), "--format", given])
    assert forced_advice in forced, forced


def test_a_parser_called_directly_keeps_the_advice_for_a_chosen_format(tmp_path):
    from wordeval.embeddings.text_format import load_glove_text
    from wordeval.errors import InputFormatError

    path = tmp_path / "v.txt"
    path.write_bytes(NUL_TEXT)
    with pytest.raises(InputFormatError, match="or no --format to detect it"):
        load_glove_text(path)
