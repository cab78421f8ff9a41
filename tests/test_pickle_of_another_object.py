"""A pickle that is not a gensim object (a {word: vector} dict, the usual hand-rolled save) given with
--allow-pickle: it was refused as gensim's own "AttributeError: 'dict' object has no attribute '_load_specials'",
which named neither what the file holds nor what reads it. It is now named as a pickled dict."""
from __future__ import annotations

import pickle

import numpy as np
import pytest

from wordeval.cli import main


def _one_error(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1, captured.err
    return captured.err


def test_a_pickled_dict_of_vectors_is_named_with_what_reads_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "vectors.pkl"
    path.write_bytes(pickle.dumps({"cat": np.ones(3, np.float32), "dog": np.zeros(3, np.float32)}, protocol=4))
    assert main(["info", str(path), "--allow-pickle"]) == 2
    assert _one_error(capsys) == (f"wordeval: error: {path}: expected a gensim KeyedVectors file, got a pickled dict, "
                                  "not a gensim object (give the dict to wordeval.evaluate in Python, or save it "
                                  "as text vectors)\n")
    assert not (tmp_path / "cache").exists()


def test_another_pickled_object_is_named_by_its_type(tmp_path, capsys):
    path = tmp_path / "vectors.pkl"
    path.write_bytes(pickle.dumps([np.ones(3)], protocol=4))
    assert main(["info", str(path), "--allow-pickle"]) == 2
    assert _one_error(capsys) == (f"wordeval: error: {path}: expected a gensim KeyedVectors file, got a pickled list, "
                                  "not a gensim object\n")


class _MakesFolder:
    """Unpickling it makes a folder: the trace of a pickle that was run."""

    def __init__(self, folder):
        self.folder = str(folder)

    def __reduce__(self):
        import os
        return os.mkdir, (self.folder,)


def test_a_polyglot_tuple_is_refused_without_running_it(tmp_path, capsys):
    """Polyglot's polyglot-LANG.pkl is a pickled (words, matrix) tuple. It was refused as a gensim file that
    --allow-pickle would load, and with the flag it was unpickled, running what it held, to be refused then.
    Its opcodes say what it is: no flag is asked for, and nothing in it runs."""
    path = tmp_path / "polyglot-en.pkl"
    ran = tmp_path / "ran"
    held = (["the", "cat"], np.ones((2, 3), np.float32), _MakesFolder(ran))
    path.write_bytes(pickle.dumps(held, protocol=2))
    for flags in ([], ["--allow-pickle"]):
        assert main(["info", str(path), *flags]) == 2
        err = _one_error(capsys)
        assert err.startswith(f"wordeval: error: {path}: expected a gensim KeyedVectors file, got a pickled "
                              "tuple, not a gensim object (Polyglot's polyglot-LANG.pkl is a (words, matrix) "
                              "tuple")
        assert "allow_pickle" not in err
    assert not ran.exists()


def test_a_pickled_array_and_a_dict_are_named_without_the_flag(tmp_path, capsys):
    array = tmp_path / "m.pkl"
    array.write_bytes(pickle.dumps(np.ones((2, 3)), protocol=4))
    assert main(["info", str(array)]) == 2
    assert _one_error(capsys) == (f"wordeval: error: {array}: expected a gensim KeyedVectors file, got a "
                                  "pickled numpy.ndarray, not a gensim object\n")
    table = tmp_path / "d.pkl"
    table.write_bytes(pickle.dumps({"cat": np.ones(3, np.float32)}, protocol=2))
    assert main(["info", str(table)]) == 2
    assert "got a pickled dict, not a gensim object (give the dict" in _one_error(capsys)


_OLD = {"list": [np.ones(3)], "dict": {"cat": np.ones(3, np.float32)},
        "tuple": (["the", "cat"], np.ones((2, 3), np.float32)), "numpy.ndarray": np.ones((2, 3))}


@pytest.mark.parametrize("protocol", [0, 1])
@pytest.mark.parametrize("kind", sorted(_OLD))
def test_a_pickle_of_protocol_0_or_1_is_refused_as_a_pickle(tmp_path, capsys, protocol, kind):
    """Protocols 0 and 1 write no PROTO byte: '(lp0', '(dp0', 'cnumpy...' or ']q\\x00' were read as text
    vectors ("expected a word followed by numbers, got '(lp0'") or as unrecognised binary data."""
    path = tmp_path / "vectors.pkl"
    path.write_bytes(pickle.dumps(_OLD[kind], protocol=protocol))
    assert main(["info", str(path)]) == 2
    err = _one_error(capsys)
    assert err.startswith(f"wordeval: error: {path}: expected a gensim KeyedVectors file, got a pickled "
                          f"{kind}, not a gensim object"), err


@pytest.mark.parametrize("protocol", [0, 1])
def test_a_gensim_file_of_protocol_0_or_1_is_a_gensim_file(tmp_path, capsys, protocol):
    """Protocols 0 and 1 wrap the object in copy_reg._reconstructor: the class named next is gensim's. The
    oracle is gensim's own load of the file."""
    from gensim.models import KeyedVectors

    kv = KeyedVectors(3)
    kv.add_vectors(["cat", "dog"], np.arange(6, dtype=np.float32).reshape(2, 3))
    path = tmp_path / "old.kv"
    kv.save(str(path), pickle_protocol=protocol)
    assert main(["info", str(path)]) == 2
    err = _one_error(capsys)
    assert "expected allow_pickle=True (--allow-pickle) to load a gensim KeyedVectors file" in err
    from wordeval.embeddings.gensim_kv import load_gensim_kv

    loaded = load_gensim_kv(path, allow_pickle=True)
    assert loaded.info.format == "gensim-kv"
    vectors, found = loaded.lookup(["cat", "dog"])
    assert found.all() and np.array_equal(vectors, KeyedVectors.load(str(path))[["cat", "dog"]])


def test_a_pickled_object_of_protocol_0_is_named_by_its_class(tmp_path, capsys):
    path = tmp_path / "obj.pkl"
    path.write_bytes(pickle.dumps(_Plain(), protocol=0))
    assert main(["info", str(path)]) == 2
    assert f"got a pickled {__name__}._Plain, not a gensim object" in _one_error(capsys)


class _Plain:
    pass


@pytest.mark.parametrize("first", ["(", "cat", "]", "}", ")", "(lp0", "cnumpy"])
def test_vectors_whose_first_word_opens_a_pickle_are_still_vectors(tmp_path, first):
    from wordeval.embeddings.detect import detect_format

    path = tmp_path / "v.txt"
    path.write_text(f"{first} 0.5 0.25\ndog 1.0 2.0\nthe 0.1 0.2\n", encoding="utf-8")
    assert detect_format(path) == "glove"


@pytest.mark.parametrize("rows", ["cat 0.5 0.25\ndog 1.0 2.0\n. 0.1 0.2\n", "cat 0.5 0.25\n( 1.0 2.0\n. 0.1 0.2\n"])
def test_a_full_stop_row_after_a_c_word_is_no_pickles_stop(tmp_path, rows):
    """'c' is GLOBAL, which takes the next two lines as module and class: 'cat 0.5 0.25' and 'dog 1.0 2.0'
    were read as such and GloVe's '.' row as STOP, so the vectors were refused as a pickle."""
    from wordeval.embeddings.detect import detect_format

    path = tmp_path / "v.txt"
    path.write_text(rows, encoding="utf-8")
    assert detect_format(path) == "glove"
