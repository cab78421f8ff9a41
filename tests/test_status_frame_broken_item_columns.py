"""status and results_frame read records without their per-item columns (01eab90), and so no longer said that
a record's columns were broken (of different lengths, not a JSON object, missing its scorer's column, per-seed
columns its seeds do not match), which compare refuses. SQLite now gives the columns' shape beside each cut
record; a record whose shape fails is decoded whole, and says what it said before 01eab90. The oracle is
compare's refusal of the same store (``load_records`` whole), message and exit code."""
from __future__ import annotations

import json

import pytest

import wordeval
from tests._records import make_record, pos_record
from wordeval.cli import main
from wordeval.errors import InputFormatError
from wordeval.results.store import ResultStore, load_records
from wordeval.results.store_status import store_status


def _store(folder):
    ids = list(range(12))
    with ResultStore(folder) as store:
        store.put(pos_record("A", 0))
        store.put(make_record("A", "similarity/toy", {"id": ids, "gold": [float(i) for i in ids],
                                                      "pred": [float(i % 5) for i in ids]}))
    return folder


def _break(folder, task, edit):
    with ResultStore(folder) as store:
        key, text = store._db.execute("SELECT key, json FROM records WHERE task = ?", (task,)).fetchone()
        d = json.loads(text)
        edit(d)
        store._db.execute("UPDATE records SET json = ? WHERE key = ?", (json.dumps(d), key))


def _pop_gold(d):
    d["per_item"]["gold"].pop()


def _list(d):
    d["per_item"] = [1, 2]


def _no_pred(d):
    del d["per_item"]["pred"]


def _seed_column(d):
    d["per_item"]["correct@1"] = d["per_item"]["correct"]


BROKEN = [("similarity/toy", _pop_gold, "columns (lists) of one length"),
          ("similarity/toy", _list, "per_item to be a JSON object"),
          ("similarity/toy", _no_pred, "per_item columns gold, pred for scorer 'spearman'"),
          ("pos/toy", _seed_column, "per-seed per-item columns (NAME@K)")]


@pytest.mark.parametrize("task, edit, said", BROKEN)
def test_status_and_results_frame_refuse_what_compare_refuses(tmp_path, capsys, task, edit, said):
    path = _store(tmp_path / "R")
    _break(path, task, edit)
    with pytest.raises(InputFormatError) as whole:
        load_records(path)
    assert said in str(whole.value)
    for read in (store_status, wordeval.results_frame):
        with pytest.raises(InputFormatError) as cut:
            read(path)
        assert str(cut.value) == str(whole.value)
    assert main(["status", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(whole.value) in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_sound_columns_are_read_without_their_items(tmp_path, monkeypatch):
    """The shape check decodes no record whole where the shapes are sound."""
    path = _store(tmp_path / "R")
    texts: list[str] = []
    decode = ResultStore._decode
    monkeypatch.setattr(ResultStore, "_decode",
                        lambda self, key, text: texts.append(text) or decode(self, key, text))
    assert store_status(path)["records"] == 2
    assert len(texts) == 2 and not any('"per_item"' in t for t in texts)
