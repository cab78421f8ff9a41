"""`wordeval status` and `results_frame` decoded every record of the store whole, per-item columns included,
which neither reads: on a store of 8,000 records that was 3.8 s and 528 MB for status. They now read the
records without those columns. What is counted is what ``_decode`` is given (no per-item column, each record
once); the oracle is the same status and frame computed from the records decoded whole."""
from __future__ import annotations

import json
import sqlite3

import pytest

import wordeval
import wordeval.results.store as store_module
from tests._records import make_record, pos_record
from wordeval.results.run_log import registered
from wordeval.results.store import ResultStore, load_records
from wordeval.results.store_status import store_status


def _store(folder):
    """Several seeds, a record superseded by a later one of its cell, a cell left out (the label's embedding
    replaced), skips of a cell and of a task, and a planned cell with no record (not computed)."""
    ids = list(range(12))
    sim = {"id": ids, "gold": [float(i) for i in ids], "pred": [float(i % 5) for i in ids]}
    plan = [("A", "pos/toy", 0, "cfg"), ("A", "pos/toy", 1, "cfg"), ("A", "pos/toy", 2, "cfg")]
    with ResultStore(folder) as store, registered(store, plan):
        store.put(pos_record("A", 0))
        store.put(pos_record("A", 1))
    with ResultStore(folder) as store:
        later = pos_record("A", 1)  # the same cell, later, with other counts: supersedes the first
        later.run = {**later.run, "time": "2024-02-01"}
        later.per_item = {**later.per_item, "correct": [0] * 30}
        later.scores = {"accuracy": 0.0}
        later.config = {"oov": "skip", "n_boot": 10}
        store.put(later)
        store.put(make_record("L", "similarity/toy", sim, fingerprint="fp-old", time="2024-01-01"))
        store.put(make_record("L", "pos/toy", pos_record("x", 3).per_item, fingerprint="fp-old",
                              time="2024-01-01"))
        store.put(make_record("L", "similarity/toy", sim, fingerprint="fp-new", time="2024-01-02"))
        store.put_task_skipped("similarity/other", ["L"], "no data")
        store.put_skipped("B|pos/toy|0", task="pos/toy", embedding_name="B", reason="failed: an error")
    return folder


def _whole_decode(monkeypatch):
    """Every store read decodes its records whole, as before."""
    records = ResultStore.records
    monkeypatch.setattr(ResultStore, "records", lambda self, **_: records(self))


def _decoded(monkeypatch) -> list[str]:
    texts: list[str] = []
    decode = ResultStore._decode
    monkeypatch.setattr(ResultStore, "_decode",
                        lambda self, key, text: texts.append(text) or decode(self, key, text))
    return texts


def _without_run_clock(status):
    # a run's heartbeat age is measured from now: it moves between two reads
    return {**status, "runs": [{k: v for k, v in r.items() if k != "heartbeat_age_s"} for r in status["runs"]]}


def test_status_decodes_no_per_item_column_and_says_what_the_whole_decode_says(tmp_path, monkeypatch):
    path = _store(tmp_path / "R")
    with monkeypatch.context() as m:
        _whole_decode(m)
        whole = store_status(path)
    states = {(c["embedding"], c["task"], c["seed"]): c["state"] for c in whole["cells"]}
    assert states[("A", "pos/toy", 2)] == "not computed" and states[("B", "pos/toy", 0)] == "skipped"
    assert any(c["reason"].startswith("left out") for c in whole["cells"])
    texts = _decoded(monkeypatch)
    lean = store_status(path)
    assert len(texts) == whole["records"] == 6  # each record once
    assert not any('"per_item"' in t for t in texts)
    assert json.dumps(_without_run_clock(lean)) == json.dumps(_without_run_clock(whole))


@pytest.mark.parametrize("per_seed", [False, True])
def test_results_frame_decodes_no_per_item_column_and_equals_the_frame_of_whole_records(tmp_path, monkeypatch,
                                                                                        per_seed):
    path = _store(tmp_path / "R")
    whole, _ = load_records(path)
    assert all(r.per_item for r in whole)
    expected = wordeval.results_frame(whole, per_seed=per_seed).to_csv()
    texts = _decoded(monkeypatch)
    assert wordeval.results_frame(path, per_seed=per_seed).to_csv() == expected
    assert len(texts) == 6 and not any('"per_item"' in t for t in texts)


def test_records_left_whole_where_sqlite_cannot_cut_them(tmp_path, monkeypatch):
    """An SQLite without its JSON functions, or a record it cannot parse (NaN, which Python's json reads):
    the records are decoded whole, per_item left empty, and status says the same."""
    path = _store(tmp_path / "R")
    with ResultStore(path) as store:
        key, text = store._db.execute("SELECT key, json FROM records WHERE task = 'similarity/toy'").fetchone()
        store._db.execute("UPDATE records SET json = ? WHERE key = ?",
                          (text.replace('"n_boot": 10', '"n_boot": NaN', 1) if '"n_boot": 10' in text
                           else text.replace('"config": {', '"config": {"x": NaN, ', 1), key))
    with ResultStore(path, readonly=True) as store, pytest.raises(sqlite3.OperationalError):
        store._db.execute(f"SELECT {store_module._WITHOUT_ITEMS} FROM records").fetchall()
    with monkeypatch.context() as m:
        _whole_decode(m)
        whole = store_status(path)
    for cut in (store_module._WITHOUT_ITEMS, "no_such_function(json)"):
        monkeypatch.setattr(store_module, "_WITHOUT_ITEMS", cut)
        with ResultStore(path, readonly=True) as store:
            records = list(store.records(per_item=False))
        assert len(records) == 6 and all(r.per_item == {} for r in records)
        assert json.dumps(_without_run_clock(store_status(path))) == json.dumps(_without_run_clock(whole))
