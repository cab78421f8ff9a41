"""A rerun on a store that holds an older record of a cell made with other settings (a store of an older
wordeval, or an option changed since) computed the cell again and said only 'stored ...', as if it had never
been computed; compare then left the earlier record out with a note. The run now says why it recomputed."""
from __future__ import annotations

import logging

import wordeval
from wordeval.results.record import ResultRecord
from wordeval.results.store import ResultStore, load_records

from tests._small_task import write_small_task


def _stored_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("stored ")]


def _an_old_store(tmp_path, vectors, spec) -> ResultStore:
    """A store as an older run left it: this cell's record made with n_boot 500, under another request key."""
    wordeval.run([f"v={vectors}"], [str(spec)], out=str(tmp_path / "fresh"))
    (record,), _ = load_records(str(tmp_path / "fresh"))
    old = record.to_dict()
    old["config"] = {**old["config"], "n_boot": 500}
    old["run"] = {**old["run"], "time": "2020-01-01T00:00:00+00:00"}
    store = ResultStore(tmp_path / "old", create=True)
    store.put(ResultRecord.from_dict(old), request="0" * 24)
    store.close()
    return store


def test_a_recomputed_cell_says_what_its_earlier_record_differs_in(tmp_path, caplog):
    vectors, spec = write_small_task(tmp_path)
    _an_old_store(tmp_path, vectors, spec)
    caplog.set_level(logging.INFO, logger="wordeval")
    caplog.clear()
    wordeval.run([f"v={vectors}"], [str(spec)], out=str(tmp_path / "old"))
    (line,) = _stored_lines(caplog)
    assert "computed again" in line and "differs in n_boot" in line, line
    caplog.clear()
    wordeval.run([f"v={vectors}"], [str(spec)], out=str(tmp_path / "old"))  # now stored: nothing recomputed
    assert _stored_lines(caplog) == []


def test_a_first_computation_is_only_stored(tmp_path, caplog):
    vectors, spec = write_small_task(tmp_path)
    caplog.set_level(logging.INFO, logger="wordeval")
    wordeval.run([f"v={vectors}"], [str(spec)], out=str(tmp_path / "new"))
    (line,) = _stored_lines(caplog)
    assert "computed again" not in line
