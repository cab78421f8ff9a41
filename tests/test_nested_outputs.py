"""An output inside another wordeval output (``report R/ --out R/report``) is refused before any work: it was
written into the store's folder, where it is a file the store did not write, so --force could no longer
replace that folder."""
from __future__ import annotations

import json

import pytest

from tests._records import small_store
from wordeval.cli import main
from wordeval.errors import OutputError
from wordeval.output_paths import MARKER, check_output


@pytest.fixture
def store(tmp_path):
    return small_store(tmp_path / "R")


@pytest.mark.parametrize("inside", ["report", "a/b"])
def test_a_report_inside_the_store_folder_is_refused(store, capsys, inside):
    before = sorted(p.name for p in store.iterdir())
    assert main(["--quiet", "report", str(store), "--out", str(store / inside), "--n-boot", "20"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: --out") and "inside the wordeval store" in err and "\n" not in err
    assert sorted(p.name for p in store.iterdir()) == before


def test_a_store_or_predictions_inside_a_report_is_refused(store, tmp_path):
    report = tmp_path / "rep"
    assert main(["--quiet", "report", str(store), "--out", str(report), "--n-boot", "20"]) == 0
    with pytest.raises(OutputError, match="inside the wordeval report"):
        check_output(report / "store", "store")
    with pytest.raises(OutputError, match="inside the wordeval store"):
        check_output(store / "preds", "predictions", option="--save-predictions")


def test_a_store_named_by_its_file_in_its_own_folder_still_resumes(store):
    assert check_output(store / "results.sqlite", "store") == (store / "results.sqlite").resolve()


@pytest.mark.parametrize("inside", ["report", "predictions", "store"])
def test_a_store_file_inside_another_output_is_refused_before_any_work(store, tmp_path, capsys, inside):
    """`run --out REPORT/mine.sqlite` wrote a store file into the report folder, whose next report was then
    refused as holding files wordeval did not write; only R/results.sqlite of a store folder R is its own."""
    from tests._small_task import write_small_task

    vectors, spec = write_small_task(tmp_path)
    folder = {"store": store, "report": tmp_path / "rep", "predictions": tmp_path / "preds"}[inside]
    if inside == "report":
        assert main(["--quiet", "report", str(store), "--out", str(folder), "--n-boot", "20"]) == 0
    elif inside == "predictions":
        folder.mkdir()
        (folder / MARKER).write_text(json.dumps({"kind": "predictions"}) + "\n")
    capsys.readouterr()
    before = sorted(p.name for p in folder.iterdir())
    assert main(["--quiet", "run", str(vectors), "--tasks", str(spec), "--out", str(folder / "mine.sqlite")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"wordeval: error: --out {folder / 'mine.sqlite'}: inside the wordeval {inside} {folder}; name a "
                   f"folder outside it")
    assert sorted(p.name for p in folder.iterdir()) == before
