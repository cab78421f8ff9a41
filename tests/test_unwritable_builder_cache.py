"""A builder cache that cannot be written (a read-only WORDEVAL_CACHE, a full disk) stopped the run with an
OSError traceback once the model was trained. The model is now kept in memory for the process (trained once
however often it is loaded), with one warning, and it is the model a writable cache would have served."""
from __future__ import annotations

import logging

import numpy as np

from wordeval.embeddings import builders


def _unwritable(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    return blocker / "cache"  # cannot be created: a file is in the way


def test_a_model_is_trained_once_and_served_without_the_cache(tmp_path, tiny_corpus, monkeypatch, caplog):
    trained = []
    real_train = builders._train
    monkeypatch.setattr(builders, "_train", lambda *a, **k: trained.append(1) or real_train(*a, **k))
    cache = _unwritable(tmp_path)
    with caplog.at_level(logging.WARNING):
        first = builders.build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6")
        second = builders.build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6", name="again")
    assert len(trained) == 1
    assert second.info.name == "again" and first.info.name != "again"
    said = [r.getMessage() for r in caplog.records if "builder cache" in r.getMessage()]
    assert len(said) == 1 and str(cache.parent) in said[0]

    served = builders.build("lsa", corpus=str(tiny_corpus), cache_home=tmp_path / "cache", dim="6")
    assert served.words == first.words
    np.testing.assert_array_equal(served.vectors, first.vectors)
    assert served.info.to_dict() == first.info.to_dict()


def test_brown_clusters_go_on_without_the_cache(tmp_path, tiny_corpus):
    from wordeval.embeddings.brown import build_brown

    cache = _unwritable(tmp_path)
    ours = build_brown(corpus=str(tiny_corpus), clusters="4", cache_home=cache)
    oracle = build_brown(corpus=str(tiny_corpus), clusters="4", cache=False)
    assert (ours.words, ours.paths) == (oracle.words, oracle.paths)
    assert build_brown(corpus=str(tiny_corpus), clusters="4", cache_home=cache, name="b").info.name == "b"
