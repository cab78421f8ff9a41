"""A GloVe text file whose first word holds a control byte ('a\\x01b', an ESC sequence), or that is named
``.bin``, is text: gensim's ``no_header`` reading gives its words and values, and so does wordeval's, as it
did for the same word on any later line. Before, the first line alone made it 'unrecognised binary data', and
a ``.bin`` name made it a fastText model that 'ends early'."""
from __future__ import annotations

import numpy as np
import pytest
from gensim.models import KeyedVectors

from wordeval.cli import main
from wordeval.embeddings.detect import detect_format
from wordeval.embeddings.load import load_file


@pytest.mark.parametrize("name, data", [
    ("ctrl.txt", b"a\x01b 0.5 -1\nc 3 4.25\n"),
    ("esc.txt", b"\x1b[0m 1 2\nc 3 4\n"),
    ("glove.bin", b"king 0.5 -1\nqueen 3 4.25\n"),
    ("ctrl.bin", b"a\x1fb 0.5 -1\nc 3 4.25\n"),
])
def test_glove_text_read_as_gensim_reads_it(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    kv = KeyedVectors.load_word2vec_format(str(path), binary=False, no_header=True)
    assert detect_format(path) == "glove"
    emb = load_file(path, cache=False)
    assert emb.words == list(kv.index_to_key)
    np.testing.assert_array_equal(emb.vectors, kv.vectors)


def test_binary_data_is_still_refused_in_one_line(tmp_path, capsys):
    path = tmp_path / "blob.dat"
    path.write_bytes(b"\x01\x02\x03 \x04xyz\nmore\x00\x05\n")
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "blob.dat:1: expected an embedding file" in err
    assert "unrecognised binary data" in err
