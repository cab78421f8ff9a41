"""The type-level vector cache of an encoder (``minilm:type-level``): a cut or bit-flipped ``vectors.npz`` was
a BadZipFile/EOFError traceback on every later run, never rebuilt, and a cache that cannot be written (a
read-only WORDEVAL_CACHE) a traceback too. Now a damaged file is reported once and its words encoded again,
and an unwritable cache is a run without it. A fake encoder stands in for the model: its features are
computed by hand, which makes them the oracle."""
from __future__ import annotations

import hashlib
import logging
import warnings

import numpy as np
import pytest

from wordeval.embeddings.base import EmbeddingInfo
from wordeval.embeddings.vector_cache import CacheWarning

WORDS = ["cat", "dog", "zebra", "Paris"]


class _Tokenizer:
    @staticmethod
    def tokenize(text):
        return text.split()  # cased: "Hello World" and "hello world" differ


class _Encoder:
    dim = 3
    tokenizer = _Tokenizer()
    info = EmbeddingInfo(name="fake", source="fake", format="bert-token", dim=3, vocab_size=None,
                         fingerprint="sha256:" + "1" * 64)

    def __init__(self):
        self.encoded = 0

    def fingerprint_for(self, kind, **options):
        return "sha256:" + hashlib.sha256(repr((kind, sorted(options.items()))).encode()).hexdigest()

    def parameters(self, kind):
        return {"open_vocabulary": True}

    def encode_tokens(self, sentences):
        self.encoded += sum(len(s) for s in sentences)
        return [np.array([_features(w) for w in s], dtype=np.float32) for s in sentences]


def _features(word):
    return [len(word), ord(word[0]), ord(word[-1])]


def _type_vectors(cache_home):
    from wordeval.embeddings.bert_types import BertTypeVectors
    return BertTypeVectors(_Encoder(), cache_home=cache_home)


def _cache_file(cache_home):
    (path,) = (cache_home / "bert-type-vectors").glob("*/vectors.npz")
    return path


def _cut(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip_vector_bytes(path):
    data = bytearray(path.read_bytes())
    at = data.rindex(np.float32(ord("z")).tobytes())  # zebra's second feature, inside vectors.npy
    data[at] ^= 0x40
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_cut, _flip_vector_bytes], ids=["cut", "flipped vector bytes"])
def test_a_damaged_cache_file_is_reported_and_encoded_again(tmp_path, damage):
    _type_vectors(tmp_path).lookup(WORDS)
    damage(_cache_file(tmp_path))
    tv = _type_vectors(tmp_path)
    with pytest.warns(CacheWarning, match="damaged type-level vector cache"):
        vectors, _ = tv.lookup(WORDS)
    np.testing.assert_array_equal(vectors, np.array([_features(w) for w in WORDS], dtype=np.float32))
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)  # written anew, it reads back
        again = _type_vectors(tmp_path)
        np.testing.assert_array_equal(again.lookup(WORDS)[0], vectors)
    assert again.encoder.encoded == 0


def test_an_unwritable_cache_is_a_run_without_it(tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    tv = _type_vectors(blocker / "cache")  # cannot be created: a file is in the way
    with caplog.at_level(logging.WARNING):
        vectors, found = tv.lookup(WORDS)
        tv.lookup(["mouse"])
    assert found.all()
    np.testing.assert_array_equal(vectors, np.array([_features(w) for w in WORDS], dtype=np.float32))
    said = [r.getMessage() for r in caplog.records if "cache" in r.getMessage()]
    assert len(said) == 1 and str(blocker) in said[0]


def test_the_temporary_file_of_a_writer_killed_mid_write_is_removed_by_the_next_write(tmp_path):
    """A SIGKILL while np.savez filled '.vectors-XXXX.npz' left that file beside the cache for good, one more
    for every killed run (each the size of the cache). It is written under the cache's lock, so one found by
    the next writer (which holds the lock) is a dead writer's."""
    _type_vectors(tmp_path).lookup(WORDS)
    folder = _cache_file(tmp_path).parent
    left = folder / ".vectors-k2j3_x.npz"
    left.write_bytes(_cache_file(tmp_path).read_bytes()[:100])  # cut short as the kill left it
    _type_vectors(tmp_path).lookup(["mouse"])
    assert not left.exists()
    assert sorted(p.name for p in folder.iterdir()) == [".vectors.lock", "info.json", "vectors.npz"]


def test_a_forbidden_cache_is_said_in_the_other_caches_words(tmp_path, caplog, monkeypatch):
    """A cache folder this user may not write said "[Errno 13] Permission denied: '...'" and "this run goes on
    without it", where the vector and builder caches say "cannot write: permission denied" and which variable
    moves the cache. Root writes anywhere, so the temporary file's creation raises EACCES as a forbidden
    folder makes it."""
    import errno
    import os
    import tempfile

    def forbidden(*args, dir=None, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(dir))

    monkeypatch.setattr(tempfile, "mkstemp", forbidden)
    tv = _type_vectors(tmp_path)
    with caplog.at_level(logging.WARNING):
        vectors, found = tv.lookup(WORDS)
        tv.lookup(["mouse"])
    assert found.all()
    np.testing.assert_array_equal(vectors, np.array([_features(w) for w in WORDS], dtype=np.float32))
    said = [r.getMessage() for r in caplog.records if "cache" in r.getMessage()]
    assert len(said) == 1 and "[Errno" not in said[0], said
    (folder,) = (tmp_path / "bert-type-vectors").iterdir()
    assert said[0] == (f"the type-level vector cache cannot be written ({folder / 'vectors.npz'}: cannot "
                       f"write: permission denied ({os.strerror(errno.EACCES)})); the run carries on with "
                       f"encoded word vectors kept in memory; to keep them between runs, set WORDEVAL_CACHE "
                       f"to a writable folder")
