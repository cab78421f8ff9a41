"""A folder in the working directory named like a registered embedding (a downloaded ``minilm`` model, a
``glove-6b-50d`` data folder) hides the id: the error says so, where it said "expected an embedding file,
got a directory" for a spec the user typed as an id."""
from __future__ import annotations

import pytest

from wordeval.cli import main
from wordeval.embeddings.load import load_embedding
from wordeval.errors import MissingFileError


@pytest.mark.parametrize("argv", [["info", "glove-6b-50d"],
                                  ["intrinsic", "mine=glove-6b-50d", "--tasks", "similarity/ws353", "--out", "out"]])
def test_a_folder_named_like_a_registered_id_is_named_as_hiding_it(tmp_path, monkeypatch, capsys, argv):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glove-6b-50d").mkdir()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "glove-6b-50d: a folder of this name in the working directory hides the registered embedding " \
           "'glove-6b-50d'" in err
    assert not (tmp_path / "out").exists()


def test_the_api_says_it_too_and_a_folder_given_as_a_path_is_still_a_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "minilm").mkdir()
    with pytest.raises(MissingFileError, match="hides the registered embedding 'minilm'.*bert:model=./minilm$"):
        load_embedding("minilm")
    with pytest.raises(MissingFileError, match="expected an embedding file, got a directory$"):
        load_embedding("./minilm")
