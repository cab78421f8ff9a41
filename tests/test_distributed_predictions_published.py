"""--save-predictions on a cluster (`run --scheduler`): the worker published each cell's files (named, with
their .json and the earlier-name clean-up) in a temporary folder of its own and the client copied them all
after storing the unit's records. So a group (--intersection) whose one store write failed lost the files of
every record, also those the store held; the run ended even with --keep-going; and a file of the cell under
its earlier name was looked for in the worker's folder, so it stayed beside the new one. The rule is the
serial path's: prediction files are published, by the client, exactly for the records the store holds. The
oracle is the store (load_records) against the sidecars' record_key, and the serial run's outcome."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("distributed")

from tests._small_task import write_small_task  # noqa: E402
from tests.test_predictions_earlier_names import _as_older_wordeval_named_it  # noqa: E402
from tests.test_predictions_wait_for_the_store import _put_fails_at  # noqa: E402
from wordeval.cli import main  # noqa: E402
from wordeval.results.store import load_records  # noqa: E402


@pytest.fixture(scope="module")
def address():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))


def _run(tmp_path, address, *extra, labels=("v", "w")):
    vectors, spec = write_small_task(tmp_path)
    return main(["--quiet", "run", *(f"{label}={vectors}" for label in labels), "--tasks", str(spec),
                 "--out", str(tmp_path / "R"), "--save-predictions", str(tmp_path / "P"), "--scheduler", address,
                 *extra])


def _named_keys(folder):
    return {json.loads(p.read_text(encoding="utf-8"))["record_key"] for p in folder.glob("*.json")}


def test_keep_going_stores_and_publishes_the_others_of_a_group_whose_one_write_failed(tmp_path, address, monkeypatch,
                                                                                      capsys):
    calls = _put_fails_at(monkeypatch, 1)  # v's write fails (disk full), w's goes through
    assert _run(tmp_path, address, "--intersection", "--keep-going") == 3
    err = capsys.readouterr().err
    assert calls == ["v", "w"]
    stored, _ = load_records(tmp_path / "R")
    assert [r.label for r in stored] == ["w"]
    assert _named_keys(tmp_path / "P") == {stored[0].cache_key()}
    assert len(list((tmp_path / "P").glob("*.tsv"))) == 1
    assert "1 computed, " in err and ", 1 failed;" in err
    assert "skipped similarity/mine on v: error: " in err and "skipped similarity/mine on w" not in err


def test_a_failed_write_ends_the_run_with_the_files_of_the_records_stored_before_it(tmp_path, address, monkeypatch,
                                                                                   capsys):
    calls = _put_fails_at(monkeypatch, 2)  # v stored, then w's write fails: the serial run stops there
    assert _run(tmp_path, address, "--intersection") == 2
    err = capsys.readouterr().err
    assert "database or disk is full" in err
    assert calls == ["v", "w"]  # each record written once (the drain wrote the group's records again)
    stored, _ = load_records(tmp_path / "R")
    assert [r.label for r in stored] == ["v"]
    assert _named_keys(tmp_path / "P") == {stored[0].cache_key()}
    assert len(list((tmp_path / "P").glob("*.tsv"))) == 1


def test_a_recomputed_cell_replaces_its_file_of_the_earlier_name(tmp_path, address):
    assert _run(tmp_path, address, labels=["GloVe"]) == 0
    folder = tmp_path / "P"
    (name,) = [p.name for p in folder.glob("*.tsv")]
    earlier = f"similarity__mine__GloVe__{name.rpartition('__')[2]}"
    _as_older_wordeval_named_it(folder, name, earlier, "GloVe")
    (folder / name).unlink(), (folder / f"{name}.json").unlink()
    (tmp_path / "R").rename(tmp_path / "R0")  # a new store computes the cell again
    assert _run(tmp_path, address, labels=["GloVe"]) == 0
    assert sorted(p.name for p in folder.glob("*.tsv*")) == [name, f"{name}.json"]


def test_cells_found_stored_are_said_to_have_no_files_in_a_new_folder(tmp_path, address, caplog):
    """As the serial run says (runner.execute): the cluster run was silent, the folder left empty."""
    vectors, spec = write_small_task(tmp_path)
    argv = ["--quiet", "run", f"v={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "R"), "--scheduler",
            address]
    assert main(argv) == 0
    caplog.clear()
    assert main([*argv, "--save-predictions", str(tmp_path / "P")]) == 0
    assert not list((tmp_path / "P").glob("*.tsv"))
    said = [r.getMessage() for r in caplog.records if "--save-predictions" in r.getMessage()]
    assert len(said) == 1 and "nothing written for 1 cell(s) already in the store" in said[0], said
