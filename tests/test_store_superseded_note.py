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


def test_the_note_decodes_only_the_cells_own_earlier_record(tmp_path, monkeypatch):
    """superseded_note decoded every record of the label and task, all seeds, for each record a run stored:
    quadratic in the seeds of a long run. Now SQLite leaves out the other seeds and the newest fitting record
    is the only one decoded; the message is the same (its wording: test above)."""
    from dataclasses import replace

    from tests._records import make_record
    from wordeval.results.superseded import superseded_note

    def pos(seed, oov="skip", time="2024-01-01"):
        items = {"id": [0, 1, 2], "correct": [1, 2, 3], "total": [3, 3, 3]}
        rec = make_record("A", "pos/toy", items, seed=seed, time=time)
        return replace(rec, config={"oov": oov})

    with ResultStore(tmp_path / "s") as store:
        for seed in range(30):
            store.put(pos(seed))
        store.put(pos(7, oov="unk", time="2024-02-01"))  # the newest earlier record of seed 7
        decoded = []
        real = ResultStore._decode
        monkeypatch.setattr(ResultStore, "_decode", lambda self, *a: decoded.append(a[0]) or real(self, *a))
        note = superseded_note(store, pos(7, oov="zero"))
        assert note == (" (computed again: the store's earlier record of this cell differs in oov; it stays "
                        "stored, and compare and report use this one)")
        assert len(decoded) == 1
        decoded.clear()
        assert superseded_note(store, pos(30)) == "" and decoded == []


def test_a_cell_recomputed_on_a_changed_data_file_says_its_earlier_record_stays(tmp_path, caplog):
    """A user's data file corrected under the same spec version: the request key holds the file's sha256, so
    the cell is computed again, but the record key does not, so the new record replaced the earlier one; the
    run said only 'stored ...'. The earlier record now stays (tests/test_store_data_change_keeps_both.py).
    Oracle: the file's sha256 from hashlib."""
    import hashlib

    vectors, spec = write_small_task(tmp_path)
    wordeval.run([f"v={vectors}"], [str(spec)], out=str(tmp_path / "s"))
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(pairs.read_text(encoding="utf-8").replace("7.35", "2.5"), encoding="utf-8")
    caplog.set_level(logging.INFO, logger="wordeval")
    caplog.clear()
    wordeval.run([f"v={vectors}"], [str(spec)], out=str(tmp_path / "s"))
    (line,) = _stored_lines(caplog)
    assert "computed again" in line and "differs in the data (other sha256)" in line and "it stays stored" in line
    records, _ = load_records(str(tmp_path / "s"))
    assert records[-1].dataset_sha256["test"] == hashlib.sha256(pairs.read_bytes()).hexdigest()


def test_a_spec_named_like_a_built_in_task_is_not_said_to_be_an_older_wordevals(tmp_path, caplog):
    """A user's spec named ws353 run into a store holding the built-in similarity/ws353's record was said to
    differ in 'the task's spec file (the earlier record has no sha256 of it: stored by an older wordeval)'.
    Such a spec is refused now (tests/test_spec_builtin_name.py), but a store of an older wordeval may hold its
    record: the built-in task run into that store says what the earlier record is."""
    vectors, spec = write_small_task(tmp_path)
    wordeval.run([f"v={vectors}"], [str(spec)], out=str(tmp_path / "fresh"))
    (record,), _ = load_records(str(tmp_path / "fresh"))
    old = record.to_dict()  # as an older wordeval stored a spec named ws353
    old["task"], old["dataset"] = "similarity/ws353", {**old["dataset"], "name": "ws353"}
    store = ResultStore(tmp_path / "R", create=True)
    store.put(ResultRecord.from_dict(old), request="0" * 24)
    store.close()
    caplog.set_level(logging.INFO, logger="wordeval")
    caplog.clear()
    wordeval.run([f"v={vectors}"], ["similarity/ws353"], out=str(tmp_path / "R"))
    (line,) = _stored_lines(caplog)
    assert "older wordeval" not in line and (f"the task's declaration (the earlier record is of the spec {spec}, "
                                             f"this one of the built-in task)") in line, line


def test_a_record_that_does_not_say_where_its_task_was_declared_is_not_called_a_users_spec(tmp_path):
    """A record without declared_in (a hand-made or API-built record) beside one of the built-in task was said
    to be 'of the spec ' (no name), a declaration it does not have: only records that both say where their
    task was declared are told apart, as compare's note on built-in names already does (report.cells)."""
    from wordeval.results.superseded import _differing

    vectors, spec = write_small_task(tmp_path)
    wordeval.run([f"v={vectors}"], [str(spec)], out=str(tmp_path / "fresh"))
    (record,), _ = load_records(str(tmp_path / "fresh"))
    new = record.to_dict()
    new["dataset"] = {**new["dataset"], "declared_in": "builtin:similarity/ws353"}
    old = {**new, "dataset": {k: v for k, v in new["dataset"].items() if k != "declared_in"}}
    names = _differing(ResultRecord.from_dict(old), ResultRecord.from_dict(new))
    assert not any("declaration" in n for n in names), names
