"""A pickle that is not a gensim object (a {word: vector} dict, the usual hand-rolled save) given with
--allow-pickle: it was refused as gensim's own "AttributeError: 'dict' object has no attribute '_load_specials'",
which named neither what the file holds nor what reads it. It is now named as a pickled dict."""
from __future__ import annotations

import pickle

import numpy as np

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
