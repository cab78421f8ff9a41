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
    assert "6 record(s) appear in more than one input (the same record: same key and time) and are counted once." \
        in comp.notes
    assert comp.representations == compare(load_records([store])[0], n_boot=20).representations
