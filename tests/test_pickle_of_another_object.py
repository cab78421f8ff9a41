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
