"""The same store or record file named twice (``compare R/ R/``, ``compare R/ R/results.sqlite``) is read once:
read twice, its records were reported as 'older record(s) ... superseded by the latest one'."""
from __future__ import annotations

import json

import pytest

from tests._records import cli_records, small_store
from wordeval.report.compare import compare
from wordeval.results.store import load_records


@pytest.fixture
def store(tmp_path):
    return small_store(tmp_path / "R")


@pytest.mark.parametrize("second", ["R", "R/results.sqlite", "R/../R"])
def test_a_store_named_twice_is_read_once(store, tmp_path, second):
    once, _ = load_records([store])
    with pytest.warns(UserWarning, match="the same file as"):
        twice, _ = load_records([store, tmp_path / second])
    assert len(twice) == len(once) == 6  # 3 representations x 2 tasks, put by the fixture
    notes = compare(twice, n_boot=20).notes
    assert not any("superseded" in n for n in notes), notes


def test_a_record_file_named_twice_is_read_once(tmp_path):
    path = tmp_path / "records.json"
    path.write_text(json.dumps([r.to_dict() for r in cli_records(n_sim=30, n_doc=30)]), encoding="utf-8")
    with pytest.warns(UserWarning, match="read once"):
        records, _ = load_records([path, tmp_path / "." / "records.json", tmp_path])
    assert len(records) == 6


def test_the_same_records_in_two_stores_are_counted_once_not_called_superseded(tmp_path):
    """A store and its copy (or a report's results.json beside its store): each record came twice and the
    notes said '6 older record(s) ... were superseded by the latest one'."""
    import shutil

    store = small_store(tmp_path / "R")
    shutil.copytree(store, tmp_path / "copy")
    records, _ = load_records([store, tmp_path / "copy"])
    assert len(records) == 12
    comp = compare(records, n_boot=20)
    assert not any("superseded" in n for n in comp.notes), comp.notes
    assert "6 record(s) appear in more than one input (the same record) and are counted once." \
        in comp.notes
    assert comp.representations == compare(load_records([store])[0], n_boot=20).representations


def test_records_on_two_versions_of_the_data_in_the_same_second_are_not_taken_for_one():
    """Two records with the same key and the same time (whole seconds) but computed on two versions of a user's
    data file were taken for one record read twice: the old one was kept and the new one dropped."""
    import dataclasses

    old = next(r for r in cli_records(n_sim=30, n_doc=30) if r.task == "similarity/toy" and r.label == "A")
    new = dataclasses.replace(old, dataset_sha256={"test": "sha256:" + "1" * 64},
                              scores={**old.scores, old.main_score: 0.123}, dataset={**old.dataset,
                                                                                    "declared_in": "/u/p.toml"})
    old = dataclasses.replace(old, dataset={**old.dataset, "declared_in": "/u/p.toml"})
    assert new.cache_key() == old.cache_key() and new.run["time"] == old.run["time"]
    # read from stores, records carry their commit time: on a run.time tie the later commit is the new data,
    # in either input order (the latest input won before, which made the result depend on the order)
    old.stored_at, new.stored_at = 1_700_000_000.25, 1_700_000_000.75
    for records in ([old, new], [new, old]):
        comp = compare(records, n_boot=20)
        (cell,) = comp.cells.values()
        assert cell["value"] == 0.123
        assert not any("counted once" in n for n in comp.notes), comp.notes
        assert any("another version of the task or its data" in n for n in comp.notes), comp.notes
