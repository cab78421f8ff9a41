"""Corpus-trained builders as a user requests them: which corpus file a record names, conflicting spec
arguments, how a corpus file's lines are read, and what an interrupted build leaves in the cache."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from wordeval.embeddings.builders import build


@pytest.mark.parametrize("builder,params", [("lsa", {"dim": "4"}), ("brown", {"clusters": "5"})])
def test_a_cached_entry_names_the_requested_corpus_file(tmp_path, tiny_corpus, monkeypatch, builder, params):
    """The cache is keyed by the corpus's bytes: a copy of the corpus elsewhere is served the entry trained on
    the original. The representation must still name the file this run was given (the original may since
    have been edited or removed), not the path of whichever run trained the entry."""
    from wordeval.embeddings import brown, builders

    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    shutil.copyfile(tiny_corpus, copy)
    cache = tmp_path / "cache"
    load = build if builder != "brown" else (lambda _b, **kw: brown.build_brown(**kw))
    first = load(builder, corpus=str(tiny_corpus), cache_home=cache, **params)
    monkeypatch.setattr(builders, "_train", lambda *a, **k: pytest.fail("retrained despite the cache"))
    monkeypatch.setattr("wordeval.embeddings.brown_train.brown_clusters",
                        lambda *a, **k: pytest.fail("retrained despite the cache"))
    second = load(builder, corpus=str(copy), cache_home=cache, **params)
    assert second.info.fingerprint == first.info.fingerprint
    assert second.info.parameters["corpus_source"] == str(copy.resolve())
    assert second.info.parameters["corpus"] == "copy.txt"
    assert f"corpus={copy}," in second.info.source and str(tiny_corpus) not in second.info.source
    assert second.info.name == second.info.source
    assert len(list((cache / "built").iterdir())) == 1
