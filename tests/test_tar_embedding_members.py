"""A tar archive given as an embedding names its first file and the command that extracts it.

BPEmb publishes each language's vectors as NAME.w2v.bin.tar.gz holding one file, data/LANG/NAME.w2v.bin, a word2vec
binary file: its own loader (bheinzerling/bpemb, bpemb/util.py) extracts the one member and reads it with gensim's
``load_word2vec_format(binary=True)``. The error said 'a tar archive (extract the vectors file from it)', naming
neither the file nor how. wordeval still does not read inside a tar (the message says what to extract); the
extracted file loads as gensim reads it. Archives written with Python's tarfile.
"""
from __future__ import annotations

import tarfile

import numpy as np
import pytest

from wordeval.embeddings.load import load_file
from wordeval.errors import InputFormatError

WORDS = ["▁the", "▁of", "s", "▁and"]
MEMBER = "data/en/en.wiki.bpe.vs10000.d4.w2v.bin"


def _keyed_vectors():
    from gensim.models import KeyedVectors

    kv = KeyedVectors(vector_size=4)
    kv.add_vectors(WORDS, np.random.default_rng(0).standard_normal((len(WORDS), 4)).astype(np.float32))
    return kv


def _archive(tmp_path, member_file, arcname: str, mode: str, name: str):
    path = tmp_path / name
    with tarfile.open(path, mode) as tar:
        tar.add(member_file, arcname=arcname)
    return path


def _error(path) -> str:
    with pytest.raises(InputFormatError) as exc:
        load_file(path, cache=False)
    return str(exc.value)


@pytest.mark.parametrize("mode,name", [("w:gz", "en.wiki.bpe.vs10000.d4.w2v.bin.tar.gz"),
                                       ("w", "vectors.tar"), ("w:xz", "vectors.tar.xz")])
def test_a_bpemb_archive_names_its_word2vec_file_and_the_extract_command(tmp_path, mode, name):
    from gensim.models import KeyedVectors

    member = tmp_path / "member.w2v.bin"
    _keyed_vectors().save_word2vec_format(member, binary=True)
    path = _archive(tmp_path, member, MEMBER, mode, name)
    assert _error(path) == (f"{path}: expected an embedding file, got a tar archive, which wordeval does not read; "
                            f"its first file is '{MEMBER}': extract it (tar -xf {name} {MEMBER}) and give that file")
    extracted = tmp_path / "extracted.w2v.bin"  # what the advice does
    with tarfile.open(path) as tar:
        extracted.write_bytes(tar.extractfile(MEMBER).read())
    ours = load_file(extracted, cache=False)
    theirs = KeyedVectors.load_word2vec_format(extracted, binary=True)  # BPEmb's own reading
    assert ours.words == list(theirs.index_to_key) == WORDS
    assert np.array_equal(ours.vectors, theirs.vectors)


def test_a_pickled_keyed_vectors_save_in_an_archive_is_said_to_be_one(tmp_path):
    member = tmp_path / "vectors.kv"
    _keyed_vectors().save(str(member))
    path = _archive(tmp_path, member, "data/vectors.kv", "w:gz", "vectors.kv.tar.gz")
    assert _error(path).endswith(
        "got a tar archive, which wordeval does not read; its first file is 'data/vectors.kv', a pickle (a gensim "
        "KeyedVectors save, which wordeval loads only with --allow-pickle; word2vec text or binary vectors need no "
        "pickle): extract it (tar -xf vectors.kv.tar.gz data/vectors.kv) and give that file")


def test_a_member_name_with_a_space_is_quoted_for_the_shell(tmp_path):
    member = tmp_path / "v.txt"
    member.write_text("2 2\na 1 2\nb 3 4\n")
    path = _archive(tmp_path, member, "my vectors.txt", "w:gz", "v.tar.gz")
    assert _error(path).endswith("its first file is 'my vectors.txt': extract it (tar -xf v.tar.gz 'my vectors.txt') "
                                 "and give that file")
