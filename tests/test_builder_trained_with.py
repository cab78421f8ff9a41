"""A corpus-trained representation names the library versions that trained it. Its cache entry is reused by
later runs whatever their versions (the key holds the builder's version, not gensim's or scikit-learn's), and a
record's ``run.packages`` are those of the run that evaluated it: a word2vec entry trained under one gensim and
scored under another was recorded as the other's."""
from __future__ import annotations

import json
from importlib import metadata

import pytest

from wordeval.embeddings.brown import build_brown
from wordeval.embeddings.builders import build


def _installed(*names):
    return {n: metadata.version(n) for n in names}


@pytest.mark.parametrize("builder, params", [("lsa", {"dim": "4"}), ("word2vec", {"dim": "4", "epochs": "1"}),
                                             ("brown", {"clusters": "5"})])
def test_the_versions_that_trained_an_entry_are_in_its_parameters_when_reused(tmp_path, tiny_corpus, builder,
                                                                               params):
    load = build if builder != "brown" else (lambda _b, **kw: build_brown(**kw))
    cache = tmp_path / "cache"
    first = load(builder, corpus=str(tiny_corpus), cache_home=cache, **params)
    trained = first.info.parameters["trained_with"]
    assert {k: trained[k] for k in ("numpy", "scikit-learn", "gensim")} == _installed("numpy", "scikit-learn",
                                                                                    "gensim")
    (entry,) = (cache / "built").iterdir()
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    older = {**trained, "gensim": "3.8.3", "scikit-learn": "0.24.2"}  # as an earlier install wrote the entry
    meta["parameters"]["trained_with"] = older
    (entry / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    again = load(builder, corpus=str(tiny_corpus), cache_home=cache, **params)
    assert again.info.fingerprint == first.info.fingerprint
    assert again.info.parameters["trained_with"] == older


def test_an_entry_written_before_parameters_held_them_takes_them_from_its_meta(tmp_path, tiny_corpus):
    cache = tmp_path / "cache"
    build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="4")
    (entry,) = (cache / "built").iterdir()
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    del meta["parameters"]["trained_with"]
    meta["versions"] = {"numpy": "1.26.4", "scikit-learn": "1.4.2"}
    (entry / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    again = build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="4")
    assert again.info.parameters["trained_with"] == {"numpy": "1.26.4", "scikit-learn": "1.4.2"}


def test_glove_names_the_device_it_trained_on_not_auto(tmp_path, tiny_corpus):
    """``device=auto`` (the default, and what the cache key holds) trains on CUDA where there is one: the record
    said "auto" whichever device's rounding the vectors have."""
    torch = pytest.importorskip("torch")

    emb = build("glove", corpus=str(tiny_corpus), cache_home=tmp_path / "cache", dim="4", epochs="1")
    assert emb.info.parameters["device"] == "auto"
    assert emb.info.parameters["trained_on"] == ("cuda" if torch.cuda.is_available() else "cpu")
    again = build("glove", corpus=str(tiny_corpus), cache_home=tmp_path / "cache", dim="4", epochs="1")
    assert again.info.parameters["trained_on"] == emb.info.parameters["trained_on"]


@pytest.mark.parametrize("builder, params", [("lsa", {"dim": "4"}), ("brown", {"clusters": "5"})])
def test_the_record_names_the_python_and_for_brown_the_numba_that_trained_it(tmp_path, tiny_corpus, builder,
                                                                             params):
    """Brown's merges are scored by numba kernels, yet ``trained_with`` named neither numba nor the interpreter:
    an entry reused under another numba or Python did not say what computed it."""
    import platform

    load = build if builder != "brown" else (lambda _b, **kw: build_brown(**kw))
    cache = tmp_path / "cache"
    trained = load(builder, corpus=str(tiny_corpus), cache_home=cache, **params).info.parameters["trained_with"]
    assert trained["python"] == platform.python_version()
    if builder == "brown":
        assert trained["numba"] == metadata.version("numba")
    else:  # LSA imports no numba: naming it would claim a dependency its numbers do not have
        assert "numba" not in trained
    (entry,) = (cache / "built").iterdir()
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    assert meta["versions"] == trained
    assert "python" not in meta["cache_key"] and "numba" not in meta["cache_key"]  # existing entries still found


def test_the_record_names_the_wordeval_revision_that_trained_it(tmp_path, tiny_corpus, monkeypatch):
    """wordeval's version number is the same across commits and entries outlive checkouts: an LSA trained by
    uncommitted code ("+dirty") was served to later runs with nothing in its record to say so."""
    from wordeval import provenance

    monkeypatch.setattr(provenance, "git_revision", lambda: "0123abc+dirty")
    cache = tmp_path / "cache"
    first = build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="4")
    assert first.info.parameters["trained_with"]["git_revision"] == "0123abc+dirty"
    monkeypatch.setattr(provenance, "git_revision", lambda: "4567def")
    again = build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="4")  # the entry, reused
    assert again.info.parameters["trained_with"]["git_revision"] == "0123abc+dirty"
