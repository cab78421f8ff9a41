"""The Python API given what it cannot load (a number, a list, None) or objects without a name: a one-line
ConfigError naming what was expected, and a label of each unnamed object's own."""
from __future__ import annotations

import numpy as np
import pytest

import wordeval
from wordeval.errors import ConfigError


@pytest.mark.parametrize("value", [123, [1, 2], None, 1.5])
def test_load_embedding_of_a_non_spec_is_a_config_error_naming_what_it_takes(value):
    expected = r"load_embedding: expected a spec \(a path, a registered id"
    with pytest.raises(ConfigError, match=expected) as info:
        wordeval.load_embedding(value)
    assert "\n" not in str(info.value)
    assert type(value).__name__ in str(info.value)


def _keyed_vectors(seed: int):
    from gensim.models import KeyedVectors

    kv = KeyedVectors(4)
    rows = np.random.default_rng(seed).standard_normal((4, 4)).astype(np.float32)
    kv.add_vectors(["x", "y", "z", "w"], rows)
    return kv


def test_two_unnamed_keyed_vectors_get_two_labels_and_both_reach_a_comparison(tmp_path):
    pytest.importorskip("gensim")
    (tmp_path / "pairs.tsv").write_text("x\ty\t1.0\ny\tz\t2.0\nx\tz\t3.0\nx\tw\t0.5\ny\tw\t2.5\n")
    (tmp_path / "tiny.toml").write_text('name = "tiny"\nfamily = "similarity"\n[files]\ntest = "pairs.tsv"\n')
    kvs = [_keyed_vectors(0), _keyed_vectors(1)]
    records = [wordeval.evaluate(kv, str(tmp_path / "tiny.toml"), config={"n_boot": 10}) for kv in kvs]
    labels = [r.embedding["name"] for r in records]
    assert labels[0] != labels[1]
    # the label says what it is and which one (its fingerprint's first hex digits)
    for label, record in zip(labels, records):
        assert label == "keyedvectors-" + record.embedding["fingerprint"].split(":", 1)[1][:8]
    frame = wordeval.compare(records, n_boot=10).to_frame()
    assert sorted(frame["representation"]) == sorted(labels)


def test_unnamed_dicts_and_pairs_get_labels_of_their_own_and_a_given_name_is_kept():
    a = wordeval.as_embedding({"x": [1.0, 0.0], "y": [0.0, 1.0]})
    b = wordeval.as_embedding({"x": [1.0, 0.0], "y": [1.0, 1.0]})
    assert a.info.name.startswith("dict-") and b.info.name.startswith("dict-") and a.info.name != b.info.name
    m = wordeval.as_embedding((["x", "y"], np.eye(2, dtype=np.float32)))
    assert m.info.name.startswith("matrix-")
    assert wordeval.as_embedding({"x": [1.0, 0.0]}, name="mine").info.name == "mine"


@pytest.mark.parametrize("call, what", [
    (lambda tmp: wordeval.run(["glove-6b-50d"], ["similarity/ws353"], out=None), "out"),
    (lambda tmp: wordeval.run(["glove-6b-50d"], ["similarity/ws353"], out=5), "out"),
    (lambda tmp: wordeval.run(["glove-6b-50d"], 5, out=str(tmp / "s")), "tasks"),
    (lambda tmp: wordeval.ResultStore(5), "result store"),
    (lambda tmp: wordeval.evaluate("glove-6b-50d", "similarity/ws353", predictions=5), "predictions"),
    (lambda tmp: wordeval.evaluate("glove-6b-50d", "similarity/ws353", data_home=5), "data_home"),
    (lambda tmp: wordeval.load_spec_file(5), "task spec file"),
])
def test_a_number_or_none_where_the_api_takes_a_path_is_a_config_error_naming_the_argument(tmp_path, call,
                                                                                         what):
    """They were os.fspath's or iter's TypeError ("expected str, bytes or os.PathLike object, not int"),
    naming no argument."""
    with pytest.raises(ConfigError, match=rf"^{what}: expected a") as info:
        call(tmp_path)
    assert "\n" not in str(info.value)
    assert not (tmp_path / "s").exists()


def test_a_pathlib_path_to_an_embedding_file_is_a_representation_as_its_string_is(tmp_path):
    """wordeval.run took a Path for a task and refused one for a representation ("got a PosixPath")."""
    (tmp_path / "v.txt").write_text("x 1 0\ny 0 1\nz 1 1\nw 1 -1\n", encoding="utf-8")
    (tmp_path / "p.tsv").write_text("x\ty\t1\nx\tz\t3\ny\tz\t2\nz\tw\t0.5\n", encoding="utf-8")
    (tmp_path / "s.toml").write_text('name = "s"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n',
                                     encoding="utf-8")
    from wordeval.runner import plan

    by_path = plan([tmp_path / "v.txt"], [tmp_path / "s.toml"])
    by_text = plan([str(tmp_path / "v.txt")], [str(tmp_path / "s.toml")])
    assert [c.rep for c in by_path.cells] == [c.rep for c in by_text.cells]
    one = plan(tmp_path / "v.txt", tmp_path / "s.toml")
    assert [c.rep.name for c in one.cells] == [str(tmp_path / "v.txt")]


def _fasttext_kv(ngram_shift: float):
    from gensim.models import FastText

    words = ["cat", "dog", "tiger", "lion"]
    model = FastText(vector_size=4, min_count=1, epochs=1, workers=1, seed=1, bucket=50)
    model.build_vocab([words])
    model.train([words], total_examples=1, epochs=1)
    model.wv.vectors_ngrams += ngram_shift
    return model.wv


def test_fasttext_keyed_vectors_differing_only_in_n_grams_get_labels_of_their_own_fingerprints():
    a, b = _fasttext_kv(0.0), _fasttext_kv(1.0)
    # gensim's own kv[word] composes an unseen word otherwise
    assert np.array_equal(a.vectors, b.vectors) and not np.allclose(a["tigress"], b["tigress"])
    ea, eb = wordeval.as_embedding(a), wordeval.as_embedding(b)
    assert ea.info.fingerprint != eb.info.fingerprint and ea.info.name != eb.info.name
    for emb in (ea, eb):
        assert emb.info.name == "keyedvectors-" + emb.info.fingerprint.split(":")[1][:8]
        assert emb.info.parameters["class"] == "FastTextKeyedVectors"


def test_a_keyed_vectors_record_names_its_class():
    assert wordeval.as_embedding(_keyed_vectors(0)).info.parameters["class"] == "KeyedVectors"
