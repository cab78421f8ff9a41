"""An output that is an input folder under another name. On a case-insensitive file system (macOS APFS,
Windows) ``r`` is ``R``, but a resolved path keeps the case it was written in, so comparing resolved names
let ``wordeval report R --out r --force`` replace the store it was reading. Simulated here: ``r`` is a link
to ``R`` and path resolution keeps names as written (what a case-insensitive lookup does), so only the file
system's identity of the two folders can tell they are one."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests._records import small_store
from wordeval.cli import main

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def store_under_two_names(tmp_path, monkeypatch):
    store = small_store(tmp_path / "R")
    (tmp_path / "r").symlink_to(store)
    monkeypatch.setattr(os.path, "realpath", lambda path, strict=False: os.path.abspath(path))
    assert Path(tmp_path / "r").resolve() != store.resolve()  # the names differ, as on APFS
    return store, tmp_path / "r"


def _refused(capsys, *args) -> str:
    assert main(["--quiet", "report", *map(str, args), "--n-boot", "20", "--force"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    return err


def test_report_out_naming_the_input_store_otherwise_is_refused(store_under_two_names, capsys):
    store, other = store_under_two_names
    before = _tree(store)
    err = _refused(capsys, store, "--out", other)
    assert err == f"wordeval: error: --out {other}: is (or contains) the input {store}; name another folder"
    assert _tree(store) == before


def test_report_out_naming_the_folder_of_an_input_file_otherwise_is_refused(store_under_two_names, capsys):
    store, other = store_under_two_names
    before = _tree(store)
    err = _refused(capsys, other / "results.sqlite", "--out", store)
    assert "is (or contains) the input" in err
    assert _tree(store) == before


def test_report_out_naming_the_current_folder_otherwise_is_refused(store_under_two_names, capsys,
                                                                     monkeypatch):
    store, other = store_under_two_names
    before = _tree(store)
    monkeypatch.chdir(store)
    err = _refused(capsys, "results.sqlite", "--out", other)
    assert "refusing to write over the current directory" in err
    assert _tree(store) == before
