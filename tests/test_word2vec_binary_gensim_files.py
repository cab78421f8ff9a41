"""word2vec binary files as gensim writes them (``KeyedVectors.save_word2vec_format(binary=True)``: no
newline after a vector, unlike the C tool), plain and gzipped: gensim 4 is the oracle.

- Oracle cross-check (a regression pin: these read right before): words with non-ASCII letters load as
  gensim loads them, and the vectors are bit-identical to those written and to gensim's, subnormal floats
  and -0.0 included (compared as raw bytes: ``==`` on floats would take -0.0 for 0.0).
- The fix: gensim writes a word with a space as it is ('new york' + a space + the floats), which no reader
  can split; without newlines to check, the word was read as 'new', its vector from 'york ' on, and the next
  word with the vector's last bytes before it: gensim and wordeval loaded ['king', 'new',
  '=\\x0f\\x06/?paris', 'rome'] without a word. wordeval now refuses it, naming the record and the whole word.
"""
from __future__ import annotations

import numpy as np
import pytest
from gensim.models import KeyedVectors

from wordeval.embeddings.load import load_file
from wordeval.errors import InputFormatError

WORDS = ["the", "café", "naïve", "Straße", "東京", "Ελλάδα", "😀", "ſ", "-0", "x\u00a0y", "żółw"]
DIM = 6


def _vectors() -> np.ndarray:
    vectors = np.random.default_rng(0).standard_normal((len(WORDS), DIM)).astype(np.float32)
    tiny = np.finfo(np.float32).smallest_subnormal
    vectors[1] = [tiny, -tiny, -0.0, 0.0, tiny * 7, np.float32(1e-39)]  # 1e-39: subnormal in float32
    vectors[2, 0] = -0.0
    f32 = np.finfo(np.float32)
    vectors[3] = [f32.max, f32.min, f32.tiny, -1.0, 1.0, 2.5]
    return vectors


def _save(path, words, vectors) -> None:
    kv = KeyedVectors(vectors.shape[1])
    kv.add_vectors(words, vectors)
    kv.save_word2vec_format(str(path), binary=True)


@pytest.mark.parametrize("name", ["v.bin", "v.bin.gz"])
def test_gensim_binary_loads_the_same_words_and_bit_identical_vectors(tmp_path, name):
    path = tmp_path / name
    vectors = _vectors()
    assert np.signbit(vectors[1, 2]) and 0 < vectors[1, 0] < np.finfo(np.float32).tiny  # -0.0, a subnormal
    _save(path, WORDS, vectors)
    assert path.read_bytes()[:2] == (b"\x1f\x8b" if name.endswith(".gz") else b"11")
    emb = load_file(path, cache=False)
    oracle = KeyedVectors.load_word2vec_format(str(path), binary=True)
    assert emb.info.format == "word2vec-bin"
    assert emb.words == oracle.index_to_key == WORDS
    written = vectors.astype("<f4").tobytes()
    assert np.asarray(emb.vectors, "<f4").tobytes() == written == np.asarray(oracle.vectors, "<f4").tobytes()
    assert np.array_equal(np.asarray(emb.vectors).view(np.uint32), vectors.view(np.uint32))


@pytest.mark.parametrize("name", ["s.bin", "s.bin.gz"])
@pytest.mark.parametrize("seed", range(4))
def test_gensim_binary_with_a_word_with_a_space_is_refused_at_its_record(tmp_path, name, seed):
    """By hand: the header '4 6\\n' (4 bytes), 'king ' + 24 float bytes: 'new york' is record 2, at byte
    33."""
    path = tmp_path / name
    vectors = np.random.default_rng(seed).standard_normal((4, DIM)).astype(np.float32)
    _save(path, ["king", "new york", "paris", "rome"], vectors)
    # what gensim reads (its strict decoding fails where the float bytes before 'paris' are not UTF-8)
    oracle = KeyedVectors.load_word2vec_format(str(path), binary=True, unicode_errors="replace")
    assert "new" in oracle.key_to_index and "new york" not in oracle.key_to_index
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    of = " of the uncompressed data" if name.endswith(".gz") else ""
    assert str(exc.value) == (f"{path}: record 2 at byte offset 33{of}: expected a word without spaces (in "
                              "word2vec binary a word ends at its first space); join its parts with '_' or "
                              "write the vectors as text, got the word 'new york'")


def test_a_word_with_a_space_at_the_end_of_a_decoding_batch(tmp_path):
    """The reader decodes words 65,536 at a time: the word after 'new york' starts the next batch."""
    n = 65_540
    words = [f"w{i}" for i in range(n)]
    words[65_535] = "new york"
    vectors = np.random.default_rng(1).standard_normal((n, 2)).astype(np.float32)
    path = tmp_path / "big.bin"
    _save(path, words, vectors)
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    offset = len(f"{n} 2\n") + sum(len(w) + 1 + 8 for w in words[:65_535])
    assert str(exc.value).startswith(f"{path}: record 65,536 at byte offset {offset:,}: expected a word "
                                     "without spaces")
    assert str(exc.value).endswith("got the word 'new york'")
