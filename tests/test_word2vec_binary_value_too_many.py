"""A word2vec binary file with one record holding a value too many (a vector of dim + 1 floats in the middle):
the next record's word is read with the extra float's 4 bytes before it. Where those bytes are valid UTF-8
(vectors of float16 origin: 0.5 is 00 00 00 3f) the file was accepted with a word '\\x00\\x00\\x00?w5001' and
without 'w5001'. No writer puts a NUL in a word (the C tool's words are C strings), so such a word is now an
error naming its record and that record's byte offset. Oracle: gensim reads the intact
file, and the shifted word, as hand-laid below."""
from __future__ import annotations

import struct

import numpy as np
import pytest
from gensim.models import KeyedVectors

from wordeval.embeddings.load import load_embedding
from wordeval.errors import InputFormatError

DIM, N = 4, 5200


def _records(extra_after: int | None = None) -> bytes:
    out = [b"%d %d\n" % (N, DIM)]
    for i in range(N):
        vec = np.full(DIM, 0.25 * (i % 8 + 1), dtype="<f4").tobytes()
        if i == extra_after:
            vec += struct.pack("<f", 0.5)
        out.append(b"w%d " % i + vec)
    return b"".join(out)


def test_the_intact_file_reads_as_gensim_reads_it(tmp_path):
    path = tmp_path / "v.bin"
    path.write_bytes(_records())
    emb = load_embedding(path, cache_home=tmp_path / "cache")
    kv = KeyedVectors.load_word2vec_format(str(path), binary=True)
    assert list(emb.words) == list(kv.index_to_key)
    np.testing.assert_array_equal(emb.vectors, kv.vectors)


def test_a_record_with_a_value_too_many_is_refused_at_the_next_record(tmp_path):
    path = tmp_path / "v.bin"
    path.write_bytes(_records(extra_after=5000))
    kv = KeyedVectors.load_word2vec_format(str(path), binary=True)  # what was accepted: the shifted word
    assert "\x00\x00\x00?w5001" in kv.key_to_index and "w5001" not in kv.key_to_index
    with pytest.raises(InputFormatError) as info:
        load_embedding(path, cache_home=tmp_path / "cache")
    message = str(info.value)
    # by hand: the header '5200 4\n', records 'wK ' + 16 float bytes (no newline) up to w5000; the shifted
    # word of record 5,002 starts with w5000's 4 extra bytes
    offset = 7 + sum(len(b"w%d " % k) + 16 for k in range(5001))
    assert offset == 108_919
    assert message.startswith(f"{path}: record 5,002 at byte offset {offset:,}: expected a word followed by "
                              "a space and the vector")
    assert "NUL" in message and f"more than {DIM} values" in message and "\n" not in message
    assert not list((tmp_path / "cache").rglob("*.npy"))
