"""Property: for any vocabulary and values, both text tiers and the binary reader give what was written."""
from __future__ import annotations

import struct

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wordeval.embeddings.text_format import load_text_vectors
from wordeval.embeddings.word2vec_binary import load_word2vec_binary

WORD = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=8)


@st.composite
def embeddings(draw):
    dim = draw(st.integers(1, 6))
    words = draw(st.lists(WORD, min_size=1, max_size=12, unique=True))
    values = draw(st.lists(st.lists(st.floats(-1e3, 1e3, width=32, allow_subnormal=False), min_size=dim,
                                    max_size=dim), min_size=len(words), max_size=len(words)))
    matrix = np.array(values, dtype=np.float32).reshape(len(words), dim)
    matrix[~matrix.any(axis=1), 0] = 1.0  # all-zero rows only warn; keep this property about parsing
    return words, matrix


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(emb=embeddings(), header=st.booleans(), trailing=st.booleans(), crlf=st.booleans())
def test_text_tiers_roundtrip(tmp_path, emb, header, trailing, crlf):
    words, matrix = emb
    end = (" " if trailing else "") + ("\r\n" if crlf else "\n")
    body = "".join(w + " " + " ".join(repr(float(x)) for x in row) + end for w, row in zip(words, matrix))
    path = tmp_path / "v.txt"
    path.write_text((f"{len(words)} {matrix.shape[1]}{end}" if header else "") + body, encoding="utf-8", newline="")
    fmt = "word2vec" if header else "glove"
    fast = load_text_vectors(path, header=header, format=fmt, fast=True)
    careful = load_text_vectors(path, header=header, format=fmt, fast=False)
    for emb_ in (fast, careful):
        assert emb_.words == words
        np.testing.assert_array_equal(emb_.vectors, matrix)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(emb=embeddings(), newline=st.booleans())
def test_binary_roundtrip(tmp_path, emb, newline):
    words, matrix = emb
    dim = matrix.shape[1]
    data = f"{len(words)} {dim}\n".encode() + b"".join(
        w.encode() + b" " + struct.pack(f"<{dim}f", *row) + (b"\n" if newline else b"") for w, row in zip(words, matrix))
    path = tmp_path / "v.bin"
    path.write_bytes(data)
    emb_ = load_word2vec_binary(path)
    assert emb_.words == words
    np.testing.assert_array_equal(emb_.vectors, matrix)
