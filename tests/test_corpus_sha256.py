"""A representation trained on a user's corpus file names the file's sha256, the one `sha256sum FILE` prints
(``corpus_fingerprint`` also hashes the tokeniser settings, so no one can check it against the file)."""
from __future__ import annotations

import gzip
import hashlib
import json

import pytest

from wordeval.embeddings.builders import build


@pytest.mark.parametrize("builder, params", [("lsa", {"dim": 4}), ("brown", {"clusters": 8})])
def test_a_trained_representation_names_its_corpus_file_s_sha256(tmp_path, tiny_corpus, builder, params):
    if builder == "brown":
        from wordeval.embeddings.brown import build_brown as make
    else:
        def make(**kw):
            return build(builder, **kw)
    model = make(corpus=str(tiny_corpus), cache_home=tmp_path / "cache", **params)
    info = model.info
    assert info.parameters["corpus_sha256"] == hashlib.sha256(tiny_corpus.read_bytes()).hexdigest()


def test_a_gzipped_corpus_names_the_sha256_of_its_text(tmp_path, tiny_corpus):
    packed = tmp_path / "corpus.txt.gz"
    packed.write_bytes(gzip.compress(tiny_corpus.read_bytes()))
    info = build("lsa", corpus=str(packed), cache=False, dim=4).info
    assert info.parameters["corpus_sha256"] == hashlib.sha256(tiny_corpus.read_bytes()).hexdigest()


def test_an_entry_cached_before_the_sha256_was_recorded_still_names_it(tmp_path, tiny_corpus):
    cache = tmp_path / "cache"
    build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim=4)
    (meta_path,) = (cache / "built").glob("*/meta.json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    del meta["parameters"]["corpus_sha256"]
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    info = build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim=4).info
    assert info.parameters["corpus_sha256"] == hashlib.sha256(tiny_corpus.read_bytes()).hexdigest()
