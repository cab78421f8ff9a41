"""Two GloVe lines run together, their newline lost or flipped into another byte ('J' is 0x0A with one bit
flipped), were read as one word, 'king 0.1 0.2 0.3Jqueen', holding the first line's vector, and the second
line's vector: GloVe text has no header count to notice, so the file loaded with both words misread. gensim
(the oracle) refuses the same file. A word with spaces (GloVe 840B's '. . .', 'new york') still loads."""
from __future__ import annotations

import numpy as np
import pytest
from gensim.models import KeyedVectors

from wordeval.cli import main
from wordeval.embeddings.load import load_file

LINES = [b"king 0.1 0.2 0.3", b"queen 0.4 0.5 0.6", b"man 0.7 0.8 0.9", b"woman 1.0 1.1 1.2"]


@pytest.mark.parametrize("joint", [b"J", b"*", b""], ids=["flipped-to-J", "flipped-to-star", "deleted"])
def test_lines_run_together_are_refused(tmp_path, capsys, monkeypatch, joint):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "vectors.txt"
    path.write_bytes(LINES[0] + b"\n" + LINES[1] + b"\n" + LINES[2] + joint + LINES[3] + b"\n")
    with pytest.raises(ValueError):
        KeyedVectors.load_word2vec_format(str(path), no_header=True)
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "vectors.txt:3: expected a word and 3 numbers" in err
    assert "two lines run together" in err
    assert not list((tmp_path / "cache").glob("vectors/*/*"))


def test_words_with_spaces_still_load(tmp_path):
    path = tmp_path / "vectors.txt"
    path.write_bytes(b"new york 0.1 0.2 0.3\n. . . 0.4 0.5 0.6\nroute 6a 0.7 0.8 0.9\nman 1 2 3\n")
    with pytest.warns(UserWarning, match="3 word"):  # said since de8fe0c (tests/test_loaders_oracle.py)
        emb = load_file(path, cache=False)
    assert emb.words == ["new york", ". . .", "route 6a", "man"]
    np.testing.assert_array_equal(emb.vectors[1], np.array([0.4, 0.5, 0.6], dtype=np.float32))
