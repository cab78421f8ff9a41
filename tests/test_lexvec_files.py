"""LexVec's published files: its word vectors as text (``lexvec.*.vectors``, gzipped for download) and its subword
model (``lexvec.commoncrawl.ngramsubwords.300d.W.pos.bin``). Both are written here as LexVec's model.go writes
them: ``writeVectors`` prints a ``count dim`` header and each word followed by `` %f`` per value (no trailing
space); ``saveBinaryModel`` writes uint32 magic 0xbea25956, version 1, vocabulary size, matrix rows, dim, minn,
maxn, then each word as a uint32 length and its bytes, then the float64 matrix."""
from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest

from wordeval.cli import main
from wordeval.embeddings.load import load_file

WORDS = ["the", ",", "new-york", "café", "</s>"]


def _vectors(dim: int = 4) -> np.ndarray:
    return np.random.default_rng(7).standard_normal((len(WORDS), dim))


def _lexvec_text(matrix: np.ndarray) -> bytes:
    lines = [f"{len(WORDS)} {matrix.shape[1]}"]
    lines += [word + "".join(f" {v:f}" for v in row) for word, row in zip(WORDS, matrix)]
    return ("\n".join(lines) + "\n").encode()


def _lexvec_model(matrix: np.ndarray, buckets: int = 3) -> bytes:
    rows = len(WORDS) + buckets
    out = struct.pack("<7I", 0xBEA25956, 1, len(WORDS), rows, matrix.shape[1], 3, 6)
    for word in WORDS:
        out += struct.pack("<I", len(word.encode())) + word.encode()
    full = np.vstack([matrix, np.ones((buckets, matrix.shape[1]))])
    return out + full.astype("<f8").tobytes()


@pytest.mark.parametrize("compress", [False, True])
def test_lexvec_vectors_text_equals_gensim(tmp_path, compress):
    """Oracle: gensim's load_word2vec_format (text, with header) on the same file."""
    from gensim.models import KeyedVectors

    data = _lexvec_text(_vectors())
    path = tmp_path / ("lexvec.enwiki+newscrawl.300d.W.pos.vectors" + (".gz" if compress else ""))
    path.write_bytes(gzip.compress(data) if compress else data)
    emb = load_file(path, cache=False)
    kv = KeyedVectors.load_word2vec_format(str(path), binary=False)
    assert emb.info.format == "word2vec"
    assert emb.words == list(kv.index_to_key) == WORDS
    np.testing.assert_array_equal(emb.vectors, kv.vectors)


@pytest.mark.parametrize("compress", [False, True])
def test_lexvec_subword_model_is_named_as_one(tmp_path, capsys, monkeypatch, compress):
    """It has no fastText magic number, so its .bin suffix made it a fastText model from before the magic number,
    refused as "got dim -1096656554, bucket ...: is this a fastText file?". One line names it and what to give."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("WORDEVAL_CACHE", str(cache))
    data = _lexvec_model(_vectors())
    path = tmp_path / ("lexvec.commoncrawl.ngramsubwords.300d.W.pos.bin" + (".gz" if compress else ""))
    path.write_bytes(gzip.compress(data) if compress else data)
    assert main(["info", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"wordeval: error: {path}: expected an embedding file (text vectors, word2vec/fastText "
                            ".bin, .npy, .kv), got a LexVec subword model (.bin), which wordeval does not read: give "
                            "its word vectors, the text .vectors file LexVec writes and publishes beside it\n")
    assert not cache.exists()
