"""Both text tiers round a decimal as gensim and numpy do: to float64, then to float32.

pyarrow's float32 parser rounds once, straight to float32. For a value just above a midpoint between two
float32s (what ``repr`` writes for a float64 average of two float32s, exactly such a midpoint) the two
roundings differ by one float32 step, so the arrow tier (files over ARROW_MIN_MATRIX_BYTES) read other vectors,
and another fingerprint, than the numpy tier and gensim on the same text.
"""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.embeddings.text_format import load_text_vectors
from wordeval.errors import InputFormatError


def test_midpoint_text_reads_as_gensim_in_both_tiers(tmp_path):
    from gensim.models import KeyedVectors

    rng = np.random.default_rng(0)
    a, b = (rng.standard_normal((200, 8)).astype(np.float32) for _ in range(2))
    means = (a.astype(np.float64) + b.astype(np.float64)) / 2  # exact in float64, often a float32 midpoint
    texts = [[repr(float(x)) for x in row] for row in means]
    path = tmp_path / "means.txt"
    path.write_text("".join(f"w{i} {' '.join(row)}\n" for i, row in enumerate(texts)), encoding="utf-8")
    oracle = np.array([[np.float32(float(t)) for t in row] for row in texts], dtype=np.float32)
    kv = KeyedVectors.load_word2vec_format(str(path), binary=False, no_header=True)
    np.testing.assert_array_equal(kv.vectors.view(np.uint32), oracle.view(np.uint32))
    for fast in (False, True):
        emb = load_text_vectors(path, header=False, format="glove", fast=fast)
        assert emb.words == [f"w{i}" for i in range(200)]
        np.testing.assert_array_equal(emb.vectors.view(np.uint32), oracle.view(np.uint32), err_msg=f"fast={fast}")


def test_hand_midpoint():
    """1 + 2**-24 is the midpoint of 1 and the next float32; '1.0000000596046448' (repr of it) lies a little
    above, and rounds to 1 + 2**-24 in float64, then to even: 1.0."""
    assert float("1.0000000596046448") == 1 + 2 ** -24


@pytest.mark.parametrize("fast", [False, True])
def test_hand_midpoint_both_tiers(tmp_path, fast):
    path = tmp_path / "v.txt"
    path.write_text("a 1.0000000596046448 0.5\nb 0.25 -1\n", encoding="utf-8")
    emb = load_text_vectors(path, header=False, format="glove", fast=fast)
    assert emb.vectors[0].tolist() == [1.0, 0.5]


def test_float32_overflow_in_arrow_tier_names_the_line(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("2 2\na 1 2\nb 1e39 0.5\n", encoding="utf-8")
    with pytest.raises(InputFormatError) as info:
        load_text_vectors(path, header=True, format="word2vec", fast=True)
    assert info.value.line == 3 and "inf" in str(info.value)
