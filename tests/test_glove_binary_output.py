"""GloVe's vectors.bin given as an embedding is refused in one line naming its layout and the text output to give.

The layout is glove.c's save_params (stanfordnlp/GloVe, src/glove.c): with -binary 1 or 2 it writes the parameter
array W as ``2 * vocab_size * (vector_size + 1)`` raw doubles (``typedef double real``), the word vectors with their
biases and then the context vectors with theirs, and nothing else: the words are in vocab.txt. It was taken for a
fastText model from before the magic number ("got dim 1982596815 ...") or 'unrecognised binary data'.
"""
from __future__ import annotations

import subprocess
import sys
import struct

import numpy as np
import pytest

from wordeval.embeddings.load import load_file
from wordeval.errors import InputFormatError

WORDS, DIM = 40, 10
GOT = ("got GloVe's binary output (raw float64 values: word and context vectors with their biases, no header and "
       "no words){fit}: give the text output instead, vectors.txt, which glove writes with -binary 0 or 2 (with "
       "-write-header 1 it starts with a word2vec header, without it is GloVe text; either is read)")


def _glove_bin(path, *, scale: float = 0.4, seed: int = 0) -> None:
    """save_params' layout: W, 2 * vocab_size * (vector_size + 1) doubles."""
    rng = np.random.default_rng(seed)
    (rng.standard_normal(2 * WORDS * (DIM + 1)) * scale).astype("<f8").tofile(path)


@pytest.mark.parametrize("name", ["vectors.bin", "vectors.dat"])  # -save-file names the file, .bin appended
@pytest.mark.parametrize("scale", [0.4, 0.5 / DIM])  # trained, and as initialize_parameters draws them
def test_glove_binary_output_is_named(tmp_path, name, scale):
    path = tmp_path / name
    _glove_bin(path, scale=scale)
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    assert str(exc.value) == (f"{path}: expected an embedding file (text vectors, word2vec/fastText .bin, .npy, "
                              f".kv), " + GOT.format(fit=""))


def test_the_vocabulary_beside_it_gives_the_dimension(tmp_path):
    path = tmp_path / "vectors.bin"
    _glove_bin(path)
    (tmp_path / "vocab.txt").write_text("".join(f"w{i} {1000 - i}\n" for i in range(WORDS)))  # vocab_count's
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    assert str(exc.value).endswith(GOT.format(fit=f"; with the {WORDS} words of vocab.txt beside it, vectors of "
                                                   f"dimension {DIM}"))


def test_the_cli_refuses_it_in_one_line_with_exit_2(tmp_path):
    path = tmp_path / "vectors.bin"
    _glove_bin(path)
    run = subprocess.run([sys.executable, "-m", "wordeval", "info", str(path)], capture_output=True, text=True,
                         cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "GloVe's binary output" in run.stderr


@pytest.mark.parametrize("head", [
    # an old fastText .bin (no magic number): int32 args read as doubles are denormal
    struct.pack("<12i", 100, 5, 5, 5, 5, 1, 1, 1, 2000000, 3, 6, 100) + struct.pack("<d", 1e-4),
    # raw float32 values in [-1, 1] read as doubles are below 0.008
    np.random.default_rng(1).uniform(-1, 1, 64).astype("<f4").tobytes(),
])
def test_other_binary_data_is_not_called_glove(tmp_path, head):
    path = tmp_path / "model.bin"
    path.write_bytes(head * 8)
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    assert "GloVe" not in str(exc.value)
