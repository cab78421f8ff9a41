"""--save-predictions wrote a cell's prediction file and its .json (which names the record: record_key) as the
cell was scored, before the store wrote the record; a store write that failed then (disk full, ulimit -f)
left files naming a record the store does not hold. The files are now published after the store's write,
and not at all when it fails. The failure is injected into ResultStore.put; the oracle is the store itself
(load_records) against the sidecars' record_key."""
from __future__ import annotations

import json
import sqlite3

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main
from wordeval.results.store import ResultStore, load_records


def _run(tmp_path, *extra):
    write_small_task(tmp_path)
    return main(["--quiet", "intrinsic", f"v={tmp_path / 'v.txt'}", f"w={tmp_path / 'v.txt'}", "--tasks",
                 str(tmp_path / "mine.toml"), "--out", str(tmp_path / "R"), "--save-predictions",
                 str(tmp_path / "P"), *extra])


def _named_keys(folder):
    return {json.loads(p.read_text(encoding="utf-8"))["record_key"] for p in folder.glob("*.json")}


class _FullDisk:
    """The store's connection, whose record INSERT fails as SQLite's does on a full disk."""

    def __init__(self, db):
        self.db = db

    def __enter__(self):
        return self.db.__enter__()

    def __exit__(self, *exc):
        return self.db.__exit__(*exc)

    def execute(self, sql, args=()):
        if sql.startswith("INSERT OR REPLACE INTO records"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.db.execute(sql, args)


def _put_fails_at(monkeypatch, n: int) -> list:
    """ResultStore.put with its n-th call's INSERT failing as on a full disk; the labels put, in order."""
    put = ResultStore.put
    calls = []

    def failing(self, record, **kw):
        calls.append(record.label)
        if len(calls) != n:
            return put(self, record, **kw)
        db, self._db = self._db, _FullDisk(self._db)
        try:
            return put(self, record, **kw)
        finally:
            self._db = db

    monkeypatch.setattr(ResultStore, "put", failing)
    return calls


@pytest.mark.parametrize("together", [(), ("--intersection",)], ids=["one by one", "scored together"])
def test_a_failed_store_write_leaves_no_prediction_file_naming_its_record(tmp_path, monkeypatch, capsys, together):
    calls = _put_fails_at(monkeypatch, 2)
    assert _run(tmp_path, *together) == 2
    assert "database or disk is full" in capsys.readouterr().err
    assert len(calls) == 2
    stored, _ = load_records(tmp_path / "R")
    assert [r.label for r in stored] == calls[:1]
    assert _named_keys(tmp_path / "P") == {r.cache_key() for r in stored}
    assert len(list((tmp_path / "P").glob("*.tsv"))) == 1


def test_with_every_store_write_done_each_cell_has_its_files(tmp_path):
    assert _run(tmp_path) == 0
    stored, _ = load_records(tmp_path / "R")
    assert len(stored) == 2 and _named_keys(tmp_path / "P") == {r.cache_key() for r in stored}


def test_keep_going_stores_the_other_records_of_cells_scored_together(tmp_path, monkeypatch, capsys):
    """--intersection scores v and w together; v's store write fails (disk full). The loop storing the group's
    records ended there: w was neither stored nor reported (the closing line counted 1 failed of 2 cells, none
    computed) and its prediction files stayed pending. Oracle: the store holds w alone, the files name it, and
    the closing line counts one computed and one failed, v."""
    calls = _put_fails_at(monkeypatch, 1)
    assert _run(tmp_path, "--intersection", "--keep-going") == 3
    err = capsys.readouterr().err
    assert calls == ["v", "w"]
    stored, _ = load_records(tmp_path / "R")
    assert [r.label for r in stored] == ["w"]
    assert _named_keys(tmp_path / "P") == {stored[0].cache_key()}
    assert "1 computed, " in err and ", 1 failed;" in err
    assert "skipped similarity/mine on v: error: " in err and "skipped similarity/mine on w" not in err


def test_a_staged_record_left_behind_does_not_lend_its_files_to_a_later_one(monkeypatch):
    """Files were keyed by id(record) alone: a record staged and never stored, once freed, could hand its id to a
    later record, whose publish() then wrote the earlier cell's predictions under its own name."""
    from wordeval.results import predictions as pred

    published = []
    monkeypatch.setattr(pred, "_publish", lambda folder, name, data, record: published.append(name))
    pending = pred.PendingPredictions("unused")

    class Record:
        pass

    left = Record()
    pending.stage(left, [("left_behind.tsv", b"x")])
    freed = id(left)
    del left
    later = [Record() for _ in range(200)]  # CPython hands a freed object's memory to the next of its size
    same = [r for r in later if id(r) == freed]
    for record in same or later[:1]:
        pending.publish(record)
    assert published == []
