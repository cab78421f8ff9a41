"""Every loader against gensim on the same real file: same words in the same order, same float32 values."""
from __future__ import annotations

import bz2
import gzip
import importlib.util
import lzma
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from wordeval.embeddings.detect import detect_format
from wordeval.embeddings.fasttext import load_fasttext_bin
from wordeval.embeddings.gensim_kv import load_gensim_kv
from wordeval.embeddings.npy_format import load_npy
from wordeval.embeddings.text_format import (load_fasttext_vec, load_glove_text, load_text_vectors,
                                             load_word2vec_text)
from wordeval.embeddings.word2vec_binary import load_word2vec_binary
from wordeval.errors import ConfigError

GENSIM_DATA = Path(importlib.util.find_spec("gensim").submodule_search_locations[0]) / "test" / "test_data"


def gensim_kv(path, **kw):
    from gensim.models import KeyedVectors
    return KeyedVectors.load_word2vec_format(str(path), **kw)


def assert_same(emb, kv):
    assert emb.words == list(kv.index_to_key)
    np.testing.assert_array_equal(emb.vectors, kv.vectors.astype(np.float32))
    assert emb.info.vocab_size == len(kv.index_to_key) and emb.info.dim == kv.vector_size


@pytest.fixture(scope="module")
def glove_subset(glove50, tmp_path_factory):
    """The first 3,000 rows of the real GloVe 6B 50d, written as a GloVe text file with 6 significant digits."""
    path = tmp_path_factory.mktemp("glove") / "glove.6B.50d.head.txt"
    with open(path, "w", encoding="utf-8") as fh:
        for w, v in zip(glove50.words[:3000], glove50.vectors[:3000]):
            fh.write(w + " " + " ".join(f"{x:.6g}" for x in v) + "\n")
    return path


@pytest.mark.parametrize("name", ["test_glove.txt"])
def test_glove_text_equals_gensim(name):
    path = GENSIM_DATA / name
    emb = load_glove_text(path)
    assert_same(emb, gensim_kv(path, binary=False, no_header=True))
    assert emb.info.format == "glove" and detect_format(path) == "glove"


def test_glove_text_from_real_glove_vectors(glove_subset, glove50):
    emb = load_glove_text(glove_subset)
    assert_same(emb, gensim_kv(glove_subset, binary=False, no_header=True))
    np.testing.assert_allclose(emb.vectors, glove50.vectors[:3000], rtol=1e-5, atol=1e-6)
    # both tiers of the text parser agree, including the content fingerprint
    careful = load_text_vectors(glove_subset, header=False, format="glove", fast=False)
    assert careful.info.fingerprint == emb.info.fingerprint


@pytest.mark.parametrize("name", ["word2vec_pre_kv_c", "high_precision.kv.txt"])
def test_word2vec_text_equals_gensim(name):
    path = GENSIM_DATA / name
    assert detect_format(path) == "word2vec"
    assert_same(load_word2vec_text(path), gensim_kv(path, binary=False))


@pytest.mark.parametrize("name", ["euclidean_vectors.bin", "high_precision.kv.bin"])
def test_word2vec_binary_equals_gensim(name):
    path = GENSIM_DATA / name
    assert detect_format(path) == "word2vec-bin"
    assert_same(load_word2vec_binary(path), gensim_kv(path, binary=True))


def test_word2vec_binary_written_by_gensim(glove_subset, tmp_path):
    kv = gensim_kv(glove_subset, binary=False, no_header=True)
    out = tmp_path / "glove.w2v.bin"
    kv.save_word2vec_format(str(out), binary=True)
    assert detect_format(out) == "word2vec-bin"
    assert_same(load_word2vec_binary(out), gensim_kv(out, binary=True))


@pytest.mark.parametrize("name", ["lee_fasttext.vec", "crime-and-punishment.vec"])
def test_fasttext_vec_equals_gensim(name):
    path = GENSIM_DATA / name
    assert detect_format(path) == "fasttext-vec"
    assert_same(load_fasttext_vec(path), gensim_kv(path, binary=False))


def test_invalid_utf8_in_real_vec_replaced_like_gensim():
    path = GENSIM_DATA / "pang_lee_polarity_fasttext.vec"  # real fastText output with a cp1252 byte
    emb = load_fasttext_vec(path, encoding_errors="replace")
    assert_same(emb, gensim_kv(path, binary=False, unicode_errors="replace"))
    assert "\ufffd" in emb.words


@pytest.mark.parametrize("name", ["lee_fasttext.bin", "crime-and-punishment.bin"])
def test_fasttext_bin_equals_gensim_including_oov(name):
    from gensim.models.fasttext import load_facebook_vectors

    path = GENSIM_DATA / name
    assert detect_format(path) == "fasttext-bin"
    emb = load_fasttext_bin(path)
    kv = load_facebook_vectors(str(path))
    assert_same(emb, kv)
    words = [kv.index_to_key[0], "unseenwordxyz", "governmentalism", "a"]
    vectors, found = emb.lookup(words)
    assert found[:3].all()  # in-vocabulary, and two OOV words composed from their n-grams
    for w, v, f in zip(words, vectors, found):
        if f:
            np.testing.assert_allclose(v, kv[w], rtol=1e-5, atol=1e-6)
    assert emb.info.parameters["oov"].startswith("composed")


def test_fasttext_bin_trained_and_saved_by_gensim(tmp_path):
    from gensim.models import FastText
    from gensim.models.fasttext import load_facebook_vectors, save_facebook_model

    text = (GENSIM_DATA / "lee_background.cor").read_text(encoding="utf-8").split("\n")[:150]
    model = FastText(vector_size=12, min_count=2, epochs=1, bucket=2000, seed=1, workers=1)
    sentences = [line.lower().split() for line in text if line.strip()]
    model.build_vocab(corpus_iterable=sentences)
    model.train(corpus_iterable=sentences, total_examples=len(sentences), epochs=1)
    out = tmp_path / "tiny.bin"
    save_facebook_model(model, str(out))
    emb = load_fasttext_bin(out)
    kv = load_facebook_vectors(str(out))
    assert_same(emb, kv)
    vec, found = emb.lookup(["gouvernmentx"])
    assert found[0]
    np.testing.assert_allclose(vec[0], kv["gouvernmentx"], rtol=1e-5, atol=1e-6)
    # lowercasing composes the lowercased word too
    vec_l, found_l = emb.lookup_lowercased(["GOUVERNMENTX"])
    np.testing.assert_allclose(vec_l[0], vec[0], rtol=1e-6)


def _zip_open(path, mode):
    import zipfile

    class _Member:  # zipfile.ZipFile.open(name, "w") inside a context manager, closing the archive too
        def __enter__(self):
            self.zf = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
            self.fh = self.zf.open("vectors", "w")
            return self.fh

        def __exit__(self, *exc):
            self.fh.close()
            self.zf.close()
    return _Member()


COMPRESSORS = {"gz": (gzip.open, "gzip"), "bz2": (bz2.open, "bz2"), "xz": (lzma.open, "xz"), "zip": (_zip_open, "zip")}


@pytest.mark.parametrize("suffix", sorted(COMPRESSORS))
@pytest.mark.parametrize("name,loader", [("test_glove.txt", load_glove_text), ("lee_fasttext.vec", load_fasttext_vec),
                                         ("euclidean_vectors.bin", load_word2vec_binary),
                                         ("lee_fasttext.bin", load_fasttext_bin)])
def test_compressed_variants_equal_plain(tmp_path, suffix, name, loader):
    compress, kind = COMPRESSORS[suffix]
    out = tmp_path / (name + "." + suffix)
    with open(GENSIM_DATA / name, "rb") as src, compress(out, "wb") as dst:
        shutil.copyfileobj(src, dst)
    plain, packed = loader(GENSIM_DATA / name), loader(out)
    assert packed.words == plain.words and packed.info.fingerprint == plain.info.fingerprint
    assert packed.info.parameters["compression"] == kind
    assert detect_format(out) == detect_format(GENSIM_DATA / name)
    renamed = tmp_path / name  # detected by magic bytes, not by the suffix
    out.rename(renamed)
    assert loader(renamed).info.fingerprint == plain.info.fingerprint


def test_compressed_npy_equals_plain(glove50, tmp_path):
    matrix = glove50.vectors[:500].astype(np.float64)
    np.save(tmp_path / "g.npy", matrix)
    with open(tmp_path / "g.npy", "rb") as src, lzma.open(tmp_path / "g.npy.xz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    for name in ("g.vocab",):
        (tmp_path / name).write_text("\n".join(glove50.words[:500]) + "\n", encoding="utf-8")
    plain, packed = load_npy(tmp_path / "g.npy"), load_npy(tmp_path / "g.npy.xz")
    assert packed.words == plain.words == glove50.words[:500]
    np.testing.assert_array_equal(packed.vectors, matrix.astype(np.float32))
    assert packed.info.fingerprint == plain.info.fingerprint


def test_npy_with_vocabulary(glove50, tmp_path):
    np.save(tmp_path / "g.npy", glove50.vectors[:2000])
    (tmp_path / "g.vocab").write_text("\n".join(glove50.words[:2000]) + "\n", encoding="utf-8")
    assert detect_format(tmp_path / "g.npy") == "npy"
    emb = load_npy(tmp_path / "g.npy")
    assert emb.words == glove50.words[:2000]
    np.testing.assert_array_equal(emb.vectors, glove50.vectors[:2000])
    assert emb.info.parameters["vocab"].endswith("g.vocab")


def test_gensim_kv_needs_allow_pickle(tmp_path):
    kv = gensim_kv(GENSIM_DATA / "test_glove.txt", binary=False, no_header=True)
    out = tmp_path / "vectors.kv"
    kv.save(str(out))
    assert detect_format(out) == "gensim-kv"
    with pytest.raises(ConfigError, match="allow_pickle"):
        load_gensim_kv(out)
    assert_same(load_gensim_kv(out, allow_pickle=True), kv)


def test_gensim_kv_loads_without_gensim_info_lines(tmp_path, caplog):
    """The command line shows the INFO of libraries: each .kv load printed gensim's "loading KeyedVectors
    object from ..." and its lifecycle event (date, platform), also before the one-line error of a pickle that
    is not KeyedVectors. gensim is kept at WARNING there, as around fastText .bin loads and word2vec training."""
    import logging
    import pickle

    from wordeval.errors import InputFormatError

    kv = gensim_kv(GENSIM_DATA / "test_glove.txt", binary=False, no_header=True)
    kv.save(str(tmp_path / "vectors.kv"))
    (tmp_path / "other.pkl").write_bytes(pickle.dumps((["a"], np.ones((1, 2))), protocol=2))
    caplog.set_level(logging.INFO)
    assert_same(load_gensim_kv(tmp_path / "vectors.kv", allow_pickle=True), kv)
    with pytest.raises(InputFormatError, match="expected a gensim KeyedVectors file"):
        load_gensim_kv(tmp_path / "other.pkl", allow_pickle=True)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("gensim")] == []


def test_words_with_spaces_take_last_dim_fields(tmp_path):
    path = tmp_path / "spaces.txt"
    path.write_text("the 0.5 1 2\nnew york 1 2 3\n. . . 4 5 6\nend 7 8 9\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="2 word"):
        emb = load_glove_text(path)
    assert emb.words == ["the", "new york", ". . .", "end"]
    np.testing.assert_array_equal(emb.vectors[2], [4, 5, 6])


def test_words_with_spaces_are_counted_and_said(glove_subset, tmp_path, monkeypatch, capsys):
    """GloVe 840B's 301- to 304-field lines ('at name@domain.com', '. . .'; stanfordnlp/GloVe#191): gensim
    refuses the file, so the other rows are checked against gensim on the file without those lines, and the
    load says how many words it read with a space, as `wordeval info` does (from the cache too)."""
    from wordeval.cli import main
    from wordeval.embeddings import vector_cache

    rows = glove_subset.read_bytes().splitlines(keepends=True)[:20]
    spaced = [b"at name@domain.com " + rows[3].split(b" ", 1)[1], b". . . " + rows[4].split(b" ", 1)[1]]
    path, plain = tmp_path / "glove.840B.head.txt", tmp_path / "plain.txt"
    path.write_bytes(b"".join(rows[:3] + spaced + rows[5:] + [spaced[1]]))  # '. . .' twice: counted once
    plain.write_bytes(b"".join(rows[:3] + rows[5:]))
    with pytest.raises(ValueError):
        gensim_kv(path, no_header=True)
    with pytest.warns(UserWarning) as said:
        emb = load_glove_text(path)
    kv = gensim_kv(plain, no_header=True)
    assert emb.words == kv.index_to_key[:3] + ["at name@domain.com", ". . ."] + kv.index_to_key[3:]
    np.testing.assert_array_equal(np.delete(emb.vectors, [3, 4], axis=0), kv.vectors)
    head = gensim_kv(glove_subset, no_header=True).vectors  # the rows the spaced words were given
    np.testing.assert_array_equal(emb.vectors[3:5], head[3:5])
    assert emb.info.parameters["words_with_spaces"] == 2
    texts = [str(w.message) for w in said]
    assert any("2 word(s) holding a space (first: 'at name@domain.com' at line 4)" in t for t in texts), texts
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    for _ in range(2):  # parsed, then served by the vector cache (as to a new process, which says it again)
        monkeypatch.setattr(vector_cache, "_said", set())
        assert main(["info", str(path)]) == 0
        out, err = capsys.readouterr()
        assert re.search(r"\n +words_with_spaces +2\n", out) and "2 word(s) holding a space" in err, (out, err)


def test_trailing_spaces_crlf_and_blank_lines_match_gensim(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes(b"3 2\r\nthe 0.25 -1 \r\nof 2e-3 4 \r\nand 1 0.5 \r\n")
    emb = load_word2vec_text(path)
    assert_same(emb, gensim_kv(path, binary=False))
    path2 = tmp_path / "blank.txt"
    path2.write_bytes(b"the 1 2\n\nof 3 4\n\n")
    assert load_glove_text(path2).words == ["the", "of"]


@pytest.mark.parametrize("name", ["lee_fasttext.vec", "lee_fasttext.vec.gz"])
def test_small_and_compressed_text_files_never_import_pyarrow(tmp_path, name):
    """pyarrow costs ~90 MB of RSS whatever the file (bench_loading): below ARROW_MIN_MATRIX_BYTES, and for any
    compressed file (the arrow tier reads plain files only), the loader must not even import it."""
    import subprocess
    import sys
    path = tmp_path / name
    with open(GENSIM_DATA / "lee_fasttext.vec", "rb") as src, (gzip.open if name.endswith(".gz") else open)(path, "wb") as dst:
        shutil.copyfileobj(src, dst)
    # the compressed file even with the arrow tier asked for (fast=True): it cannot read it, so it is not imported
    fast = "True" if name.endswith(".gz") else "None"
    code = ("import sys; from wordeval.embeddings.text_format import load_text_vectors; "
            f"e = load_text_vectors({str(path)!r}, header=True, format='fasttext-vec', fast={fast}); "
            "assert e.info.vocab_size == 1762; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyarrow', 'scipy', 'sklearn', 'numba', 'torch')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_fasttext_bin_similarity_composes_oov_words_as_gensim_does():
    """The record says a fastText .bin composes OOV words from n-grams (found=True), but similarity resolved words
    by vocabulary row only, and a labelled (renamed) fastText embedding lost its n-grams: OOV pairs were skipped.
    Oracle: scipy's Spearman/Pearson over gensim's own ``similarity`` of every pair, OOV words composed."""
    from gensim.models.fasttext import load_facebook_vectors
    from scipy import stats

    from wordeval.datasets.types import WordPair
    from wordeval.intrinsic.similarity import score_pairs

    path = GENSIM_DATA / "lee_fasttext.bin"
    kv = load_facebook_vectors(str(path))
    vocab = kv.index_to_key
    words = [vocab[5], vocab[40], vocab[90], vocab[200], "unseenwordxyz", "governmentalism", "hospitalised", vocab[7]]
    assert sum(w in kv.key_to_index for w in words) == 5
    pairs = [WordPair(a, b, float(s)) for s, (a, b) in enumerate(zip(words, words[1:] + words[:1]))]
    cos = [float(kv.similarity(p.word1, p.word2)) for p in pairs]
    gold = [p.score for p in pairs]
    emb = load_fasttext_bin(path)
    for e in (emb, emb.renamed("labelled")):
        out = score_pairs(pairs, e, config={"case": "exact", "n_boot": 10})
        assert out["n_used"] == len(pairs)
        eps = 8 * float(np.finfo(np.float32).eps)
        np.testing.assert_allclose(out["per_item"]["pred"], cos, atol=eps)
        assert out["scores"]["spearman"] == pytest.approx(stats.spearmanr(gold, cos)[0], abs=eps)
        assert out["scores"]["pearson"] == pytest.approx(stats.pearsonr(gold, cos)[0], abs=eps)


def test_fasttext_bin_fingerprint_differs_from_its_vec_and_covers_the_ngrams(tmp_path):
    """The .bin composes OOV words, its .vec does not: equal fingerprints let a store serve the .vec's similarity
    record for the .bin. The n-gram vectors take part: another bucket matrix is another fingerprint."""
    from gensim.models.fasttext import load_facebook_vectors

    from wordeval.embeddings.base import content_fingerprint
    from wordeval.embeddings.fasttext import subword_fingerprint
    from wordeval.embeddings.text_format import load_fasttext_vec

    path = GENSIM_DATA / "lee_fasttext.bin"
    kv = load_facebook_vectors(str(path))
    kv.save_word2vec_format(str(tmp_path / "lee.vec"))
    vec, binary = load_fasttext_vec(tmp_path / "lee.vec"), load_fasttext_bin(path)
    np.testing.assert_array_equal(vec.vectors, binary.vectors)
    assert vec.info.fingerprint == content_fingerprint(vec.words, vec.vectors) != binary.info.fingerprint
    ngrams = np.asarray(kv.vectors_ngrams, dtype=np.float32)
    assert binary.info.fingerprint == subword_fingerprint(binary.words, binary.vectors, ngrams, kv.min_n, kv.max_n,
                                                          kv.bucket)
    changed = ngrams.copy()
    changed[-1, -1] += 1
    assert subword_fingerprint(binary.words, binary.vectors, changed, kv.min_n, kv.max_n, kv.bucket) \
        != binary.info.fingerprint


def test_gensim_fasttext_keyedvectors_compose_oov_words_as_gensim_does(tmp_path):
    """A FastTextKeyedVectors (evaluate(model.wv, ...) or a saved .kv) was read as its vocabulary alone: the
    words gensim's own kv.similarity composes from n-grams were OOV. Oracle: gensim's kv[word]."""
    from gensim.models.fasttext import load_facebook_vectors

    import wordeval
    from wordeval.embeddings.load import load_embedding

    kv = load_facebook_vectors(str(GENSIM_DATA / "lee_fasttext.bin"))
    kv.save(str(tmp_path / "lee.kv"))
    words = [kv.index_to_key[3], "unseenwordxyz", "governmentalism"]
    for emb in (wordeval.as_embedding(kv, name="ft"), load_embedding(tmp_path / "lee.kv", allow_pickle=True)):
        vectors, found = emb.lookup(words)
        assert found.all() and emb.info.parameters["oov"].startswith("composed")
        for w, v in zip(words, vectors):
            np.testing.assert_allclose(v, kv[w], rtol=1e-5, atol=1e-6)
    plain = wordeval.as_embedding((list(kv.index_to_key), kv.vectors))
    assert plain.info.fingerprint != emb.info.fingerprint  # the n-grams are part of what is evaluated
