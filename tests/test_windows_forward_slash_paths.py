"""On Windows a path may be written with '/' (os.altsep) as well as '\\' (os.sep), and users type '/' as often.
Whether a missing spec value named a path was asked of os.sep alone, so there ``models/mini`` and
``data/mycorpus`` were read as names: ``bert:model=models/mini`` passed the planning check of its folder (the
error came when its cell loaded it, after the store was created), and ``word2vec:corpus=data/mycorpus`` was
"unknown corpus ... expected one of news, ...", where Linux says that the file is missing. Simulated by giving
``os`` Windows' separators; the spellings with '\\' are checked as well."""
from __future__ import annotations

import os

import pytest

from wordeval.errors import MissingFileError
from wordeval.paths import has_separator


@pytest.fixture
def windows_separators(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "sep", "\\")
    monkeypatch.setattr(os, "altsep", "/")


def test_separators_of_either_kind_make_a_path_on_windows(windows_separators):
    assert has_separator("models/mini") and has_separator("models\\mini") and not has_separator("news")


def test_posix_has_one_separator(monkeypatch):
    monkeypatch.setattr(os, "sep", "/")
    monkeypatch.setattr(os, "altsep", None)
    assert has_separator("models/mini") and not has_separator("models\\mini")


@pytest.mark.parametrize("model", ["models/mini", "models\\mini"])
def test_a_missing_model_folder_is_refused_when_planned(windows_separators, model):
    from wordeval.runner import check_embedding_spec

    with pytest.raises(MissingFileError, match="model folder of .* not found"):
        check_embedding_spec(f"bert:model={model}")


@pytest.mark.parametrize("corpus", ["data/mycorpus", "data\\mycorpus"])
def test_a_missing_corpus_file_is_named_as_a_file_not_an_unknown_corpus(windows_separators, corpus):
    from wordeval.embeddings.corpus import _raw_corpus

    with pytest.raises(MissingFileError) as exc:
        _raw_corpus(corpus, None)
    assert "unknown corpus" not in str(exc.value) and "mycorpus" in str(exc.value)


@pytest.mark.parametrize("source", ["data/vecs", "data\\vecs"])
def test_a_missing_embedding_path_is_a_missing_file(windows_separators, source):
    from wordeval.embeddings.load import load_embedding

    with pytest.raises(MissingFileError, match="no such embedding file"):
        load_embedding(source)
