"""spaCy en_core_web_md vectors read without spaCy: the string hash, the key -> row map, and equality with
spaCy's own ``nlp.vocab`` (those oracle tests skip when spaCy is not installed)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from wordeval.embeddings.base import WordLookup
from wordeval.embeddings.spacy_vectors import load_spacy_vectors, murmurhash64a
from wordeval.errors import InputFormatError, NotAvailableError


def test_hash_matches_spacys_published_value():
    # spaCy's documentation ("Vocab, hashes and lexemes"): nlp.vocab.strings["coffee"] -> 3197928453018144401
    assert int(murmurhash64a(["coffee"])[0]) == 3197928453018144401


def test_hash_matches_spacy_on_every_length_and_unicode():
    spacy_strings = pytest.importorskip("spacy.strings", reason="spaCy not installed: install wordeval[spacy]")
    words = ["", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "x" * 16, "y" * 17, "Naïve café", "日本語",
             "\t\u0085", "emoji 🙂 mixed", "a\u200bb"] + ["z" * n for n in range(30)]
    assert murmurhash64a(words).tolist() == [spacy_strings.hash_string(w) for w in words]


@pytest.fixture(scope="module")
def md():
    from wordeval.registry import REGISTRY
    return REGISTRY.resolve("embedding", "spacy-md")()


def test_spacy_md_shape_metadata_and_lookup(md):
    assert isinstance(md, WordLookup)
    assert md.vectors.shape == (20000, 300) and len(md.words) == 20000
    p = md.info.parameters
    assert p["keys"] == 684830 and p["keys_resolved"] + p["keys_unresolved"] == 684830
    assert p["keys_unresolved"] < 100
    assert p["vectors_license"] == "CC0" and p["model_version"] == "3.8.0"
    assert "Honnibal" in md.info.citation and md.info.vocab_size == p["keys_resolved"]
    vecs, found = md.lookup(["coffee", "Coffee", "qwzxv-not-a-word"])
    assert found.tolist() == [True, True, False] and not vecs[2].any()
    # every row has a distinct owner label, and the owner resolves to its own row
    assert len(set(md.words)) == 20000
    assert (md.rows(md.words[:500]) == np.arange(500)).all()
    with pytest.raises(ValueError):
        md.vectors[0, 0] = 1.0


def test_spacy_md_row_owners_are_the_kept_keys_and_pruned_words_share_them(md):
    # Oracle: the raw key2row map, read with msgpack, and spaCy's published hash of "coffee" (test above).
    # The first 20,000 entries are the kept keys, key at position r -> row r; the remaining 664,830 keys
    # were pruned onto a kept row. Hand-checked facts about en_core_web_md 3.8.0 that explain its near-zero
    # analogy accuracy: the frequent words are pruned onto rows owned by rarer ones.
    msgpack = pytest.importorskip("msgpack")
    from wordeval.embeddings.spacy_vectors import spacy_md_model_dir

    raw = msgpack.unpackb((spacy_md_model_dir() / "vocab" / "key2row").read_bytes(), strict_map_key=False)
    first = list(raw.items())[:20000]
    assert [r for _, r in first] == list(range(20000))
    assert murmurhash64a(md.words[:50]).tolist() == [k for k, _ in first[:50]]
    assert md.info.parameters["row_labels"].startswith("key created with the row")
    for pruned, owner in [("king", "evil"), ("paris", "asia"), ("the", "lower"), ("queen", "bitch")]:
        assert md.index[pruned] == md.index[owner] and md.words[md.index[pruned]] == owner


def test_spacy_md_equals_spacy_vocab(md):
    spacy = pytest.importorskip("spacy", reason="spaCy not installed: install wordeval[spacy]")
    from wordeval.embeddings.spacy_vectors import spacy_md_model_dir

    nlp = spacy.load(spacy_md_model_dir(), exclude=["tok2vec", "tagger", "parser", "senter", "attribute_ruler",
                                                    "lemmatizer", "ner"])
    np.testing.assert_array_equal(np.asarray(nlp.vocab.vectors.data), md.vectors)
    rng = np.random.default_rng(0)
    keys = list(md.index)
    sample = [keys[i] for i in rng.choice(len(keys), 300, replace=False)] + ["the", "The", "THE", "dog", "Berlin"]
    vecs, found = md.lookup(sample)
    assert found.all()
    for w, v in zip(sample, vecs):
        np.testing.assert_array_equal(nlp.vocab[w].vector, v)
    assert not nlp.vocab["qwzxv-not-a-word"].has_vector


def test_vocab_order_is_stable_and_spec_label_names_it(md):
    from wordeval.embeddings.load import load_embedding

    again = load_embedding("md=spacy-md")
    assert again.info.name == "md"
    assert again.words == md.words and again.info.fingerprint == md.info.fingerprint
    # a label keeps the key table: renamed() made a plain embedding of the 20,000 row words, so the demo's
    # "spaCy-md" covered 2,990 of MEN's 3,000 pairs where "spacy-md" covers them all ('cops' is a pruned key)
    words = ["cops", "Canal", "bags", "coffee"]
    assert md.renamed("md").rows(words).tolist() == md.rows(words).tolist()
    assert (md.rows(words) >= 0).all() and "cops" not in md.words


def _write_model(folder, strings, key2row, vectors):
    msgpack = pytest.importorskip("msgpack")
    vocab = folder / "vocab"
    vocab.mkdir(parents=True)
    with open(vocab / "vectors", "wb") as fh:
        np.save(fh, np.asarray(vectors, dtype=np.float32))
    (vocab / "key2row").write_bytes(msgpack.packb(key2row))
    (vocab / "strings.json").write_text(json.dumps(strings), encoding="utf-8")
    return folder


def test_tiny_model_folder_aliases_and_lowercase(tmp_path):
    strings = ["Apple", "apple", "pear", "PEAR", "plum"]
    h = dict(zip(strings, murmurhash64a(strings).tolist()))
    key2row = {h["apple"]: 0, h["pear"]: 1, h["Apple"]: 0, h["PEAR"]: 1}
    vec = np.arange(6, dtype=np.float32).reshape(2, 3)
    emb = load_spacy_vectors(_write_model(tmp_path / "m", strings, key2row, vec))
    assert emb.words == ["apple", "pear"]
    out, found = emb.lookup(["Apple", "PEAR", "plum"])
    assert found.tolist() == [True, True, False]
    np.testing.assert_array_equal(out[:2], vec)
    assert emb.lookup_lowercased(["APPLE"])[1].all()
    vec_before = vec.copy()
    emb.lookup(["apple"])
    np.testing.assert_array_equal(vec, vec_before)


def test_bad_model_folders(tmp_path):
    with pytest.raises(NotAvailableError, match="vocab/vectors"):
        load_spacy_vectors(tmp_path)
    # strings that do not hash to the keys: a wrong hash or a mismatched folder must not pass silently
    folder = _write_model(tmp_path / "wrong", ["a", "b"], {123: 0, 456: 1}, np.zeros((2, 3)))
    with pytest.raises(InputFormatError, match="unresolved"):
        load_spacy_vectors(folder)
    folder = _write_model(tmp_path / "broken", ["a"], {}, np.zeros((1, 3)))
    (folder / "vocab" / "key2row").write_bytes(b"\xc1\xc1")
    with pytest.raises(InputFormatError, match="key2row"):
        load_spacy_vectors(folder)
    a = int(murmurhash64a(["a"])[0])
    folder = _write_model(tmp_path / "row", ["a"], {a: 5}, np.zeros((1, 3)))
    with pytest.raises(InputFormatError, match="row 5"):
        load_spacy_vectors(folder)
