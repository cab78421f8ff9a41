"""A corpus-trained representation's record names the settings its builder fixes without exposing them
(``parameters["fixed"]``): gensim's learning rate and its decay, the SVD's power iterations, GloVe's AdaGrad
start. The records named only the options, so "word2vec trained on the same corpus" could not be reproduced
from them. Each test reads what the library was actually called with (a spy, or the model's attributes)."""
from __future__ import annotations

import inspect
import json

import numpy as np
import pytest

from wordeval.embeddings.builder_settings import fixed_settings
from wordeval.embeddings.builders import build

TINY = {"dim": "10"}


def test_word2vec_records_what_gensim_trained_with(tmp_path, tiny_corpus, monkeypatch):
    gensim_models = pytest.importorskip("gensim.models")
    from gensim.models.word2vec import MAX_WORDS_IN_BATCH

    built = []
    real = gensim_models.Word2Vec

    class Spy(real):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(gensim_models, "Word2Vec", Spy)
    emb = build("word2vec", corpus=str(tiny_corpus), cache_home=tmp_path / "cache", epochs="1", **TINY)
    (model,) = built
    fixed = emb.info.parameters["fixed"]
    assert {k: getattr(model, k) for k in fixed if k != "sentence_piece_words"} == {
        k: v for k, v in fixed.items() if k != "sentence_piece_words"}
    assert fixed["sentence_piece_words"] == MAX_WORDS_IN_BATCH
    # every argument gensim takes is an option, recorded as fixed, or one that cannot move the vectors
    options = {"vector_size", "window", "min_count", "sample", "seed", "sg", "negative", "epochs"}
    inert = {"self", "sentences", "corpus_file", "hashfxn", "trim_rule", "compute_loss", "callbacks",
             "comment"}
    unnamed = set(inspect.signature(real.__init__).parameters) - options - inert - set(fixed)
    assert not unnamed


@pytest.mark.parametrize("builder", ["lsa", "lsa-tfidf"])
def test_lsa_records_the_svd_it_was_called_with(tmp_path, tiny_corpus, monkeypatch, builder):
    from wordeval.embeddings import stable_svd

    calls = []
    real = stable_svd.randomized_svd

    def spy(*args, **kwargs):
        bound = inspect.signature(real).bind(*args, **kwargs)
        bound.apply_defaults()
        calls.append(bound.arguments)
        return real(*args, **kwargs)

    monkeypatch.setattr(stable_svd, "randomized_svd", spy)
    emb = build(builder, corpus=str(tiny_corpus), cache_home=tmp_path / "cache", **TINY)
    (call,) = calls
    fixed = emb.info.parameters["fixed"]
    assert (fixed["svd_n_iter"], fixed["svd_n_oversamples"]) == (call["n_iter"], call["n_oversamples"])


def test_lsa_tfidf_records_the_vectorizer_it_was_called_with(tmp_path, tiny_corpus, monkeypatch):
    from sklearn.feature_extraction import text

    seen = []

    class Spy(text.TfidfVectorizer):
        def fit_transform(self, raw_documents, y=None):
            seen.append(self.get_params())
            return super().fit_transform(raw_documents, y)

    monkeypatch.setattr(text, "TfidfVectorizer", Spy)
    emb = build("lsa-tfidf", corpus=str(tiny_corpus), cache_home=tmp_path / "cache", **TINY)
    (params,) = seen
    fixed = emb.info.parameters["fixed"]
    assert {k: params[k] for k in ("norm", "use_idf", "smooth_idf")} == {
        k: fixed[f"tfidf_{k}"] for k in ("norm", "use_idf", "smooth_idf")}


def test_glove_records_its_adagrad_start_and_initial_scale(tmp_path, tiny_corpus, monkeypatch):
    torch = pytest.importorskip("torch")

    fills = []
    real = torch.full_like

    def spy(tensor, value, *args, **kwargs):
        fills.append((tuple(tensor.shape), value))
        return real(tensor, value, *args, **kwargs)

    monkeypatch.setattr(torch, "full_like", spy)
    # lr 1e-30 leaves every float32 parameter where it started: the vectors are the initial W + C
    emb = build("glove", corpus=str(tiny_corpus), cache_home=tmp_path / "cache", epochs="1", lr="1e-30",
                device="cpu", seed="3", **TINY)
    fixed = emb.info.parameters["fixed"]
    vocab, dim = emb.info.vocab_size, emb.info.dim
    assert fills == [((2 * vocab, dim + 2), fixed["adagrad_initial_accumulator"])]
    h = fixed["init_uniform_half_width_times_dim"]
    start = (torch.rand(2 * vocab, dim + 2, generator=torch.Generator().manual_seed(3)) - h) / dim
    expected = (start[:vocab, :dim] + start[vocab:, :dim]).numpy()
    words, vectors = emb.words, emb.lookup(emb.words)[0]
    assert len(words) == vocab
    np.testing.assert_array_equal(vectors, expected)


@pytest.mark.parametrize("builder, params", [("word2vec", {"epochs": "1"}), ("lsa", {})])
def test_an_entry_written_before_records_held_them_reports_them_at_its_version_only(tmp_path, tiny_corpus,
                                                                                    builder, params):
    cache = tmp_path / "cache"
    first = build(builder, corpus=str(tiny_corpus), cache_home=cache, **TINY, **params)
    (entry,) = (cache / "built").iterdir()
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    assert "fixed" not in meta["cache_key"]  # the key is unchanged: entries trained before are still found
    del meta["parameters"]["fixed"]  # as the builder wrote it before
    (entry / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    again = build(builder, corpus=str(tiny_corpus), cache_home=cache, **TINY, **params)
    assert again.info.fingerprint == first.info.fingerprint
    assert again.info.parameters["fixed"] == fixed_settings(builder) == first.info.parameters["fixed"]
    # an entry of an older builder version may have trained otherwise: it does not claim today's settings
    meta["parameters"]["builder_version"] -= 1
    (entry / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    old = build(builder, corpus=str(tiny_corpus), cache_home=cache, **TINY, **params)
    assert "fixed" not in old.info.parameters
