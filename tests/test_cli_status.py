"""`wordeval status STORE`: the runs that wrote a store and each planned cell's state, read without writing.

Before it, runs in progress, killed runs and cells not computed were said only inside compare's and report's
output. The oracle here is the store each test builds by hand: which runs it registered, which it killed (a
dead pid, or a remote host whose heartbeat is older than the timeout) and which records it stored."""
from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import wordeval
from tests._records import dead_pid, pos_record
from wordeval.cli import main
from wordeval.results import store_clock
from wordeval.results.run_log import HEARTBEAT_TIMEOUT, registered
from wordeval.results.store import ResultStore, skip_key

PLAN = [("A", "pos/toy", seed, "cfg") for seed in (0, 1)]



def _status(capsys, store, *extra):
    code = main(["status", str(store), "--json", *extra])
    out = json.loads(capsys.readouterr().out)
    return code, out


def _states(out):
    return [(c["embedding"], c["task"], c["seed"], c["state"]) for c in out["cells"]]


def test_finished_killed_and_running_runs_give_their_cells_states_and_exit_codes(tmp_path, capsys):
    with ResultStore(tmp_path / "s") as store, registered(store, PLAN):
        store.put(pos_record("A", 0))
        store.put(pos_record("A", 1))
    code, out = _status(capsys, tmp_path / "s")
    assert code == 0 and [r["state"] for r in out["runs"]] == ["finished"]
    assert _states(out) == [("A", "pos/toy", 0, "stored"), ("A", "pos/toy", 1, "stored")]

    plan_b = [("B", "pos/toy", seed, "cfg") for seed in (0, 1)]
    with ResultStore(tmp_path / "s") as store:
        with registered(store, plan_b) as killed:
            store.put(pos_record("B", 0))
            # alive while its block is open (its pid is this process): the unstored seed is in progress
            code, out = _status(capsys, tmp_path / "s")
            assert code == 4 and [r["state"] for r in out["runs"]] == ["finished", "running"]
            assert ("B", "pos/toy", 1, "in progress") in _states(out)
            store._db.execute("UPDATE runs SET pid = ? WHERE run_id = ?", (dead_pid(), killed))
            code, out = _status(capsys, tmp_path / "s")
            assert code == 5 and [r["state"] for r in out["runs"]] == ["finished", "killed"]
            assert out["runs"][1]["judged_by"] == "judged by its pid on this host"
            assert ("B", "pos/toy", 1, "not computed") in _states(out)
            assert out["summary"] == {"stored": 3, "in_progress": 0, "not_computed": 1, "skipped": 0, "cells": 4,
                                      "planned": 4,
                                      "runs": {"finished": 1, "killed": 1}}
            assert main(["status", str(tmp_path / "s")]) == 5
            text = capsys.readouterr().out
            assert "Cells not computed (the run that planned it" in text and "  pos/toy: B (seed 1)" in text
            assert text.rstrip().endswith("Summary: 4 cell(s): 3 stored, 0 in progress, 1 not computed, "
                                          "0 skipped; 2 run(s): 1 finished, 1 killed")


class _Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


def test_a_remote_run_is_judged_by_its_heartbeat_and_one_without_heartbeats_is_unknown(tmp_path, capsys,
                                                                                        monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(store_clock, "now", clock)
    monkeypatch.setattr(store_clock, "fs_time", lambda path: clock.now)
    with ResultStore(tmp_path / "s") as store, registered(store, PLAN) as run_id:
        store._db.execute("UPDATE runs SET host = 'node-17.cluster' WHERE run_id = ?", (run_id,))
        clock.now += HEARTBEAT_TIMEOUT - 1
        code, out = _status(capsys, tmp_path / "s")
        assert code == 4 and out["runs"][0]["state"] == "running"
        assert out["runs"][0]["heartbeat_age_s"] == HEARTBEAT_TIMEOUT - 1
        assert "store's file-system clock" in out["runs"][0]["judged_by"]
        assert out["heartbeat_clock"].startswith("by the store's file-system clock")
        clock.now += 2
        code, out = _status(capsys, tmp_path / "s")
        assert code == 5 and out["runs"][0]["state"] == "killed"
        store._db.execute("DELETE FROM heartbeats")
        code, out = _status(capsys, tmp_path / "s")
        assert code == 4 and out["runs"][0]["state"] == "unknown"


def _older_store(path, *, heartbeats: bool):
    """A store as an older wordeval left it: without any run tables, or with runs but without heartbeats and
    the tables that came after them."""
    with ResultStore(path) as store:
        with registered(store, PLAN) as run_id:
            store.put(pos_record("A", 0))
            store._db.execute("UPDATE runs SET pid = ? WHERE run_id = ?", (dead_pid(), run_id))
        drop = ("heartbeats", "cell_records", "overlaps", "clocks") + (() if heartbeats else ("runs", "planned"))
        for table in drop:
            store._db.execute(f"DROP TABLE {table}")


def test_stores_of_older_wordevals_are_read(tmp_path, capsys):
    _older_store(tmp_path / "none", heartbeats=False)
    code, out = _status(capsys, tmp_path / "none")
    assert code == 0 and out["runs"] == [] and _states(out) == [("A", "pos/toy", 0, "stored")]
    _older_store(tmp_path / "runs", heartbeats=True)
    code, out = _status(capsys, tmp_path / "runs")
    assert code == 5 and out["runs"][0]["recorded_cells"] is None
    assert _states(out) == [("A", "pos/toy", 0, "stored"), ("A", "pos/toy", 1, "not computed")]


def test_skipped_cells_carry_their_reason_and_exit_3(tmp_path, capsys):
    plan = PLAN + [("A", "pos/other", 0, "cfg")]
    with ResultStore(tmp_path / "s") as store, registered(store, plan):
        store.put(pos_record("A", 0))
        store.put_skipped(skip_key("pos/toy", "A", 1), task="pos/toy", embedding_name="A", reason="cannot do it")
        store.put_task_skipped("pos/other", ["A"], "no source could provide the files")
    code, out = _status(capsys, tmp_path / "s")
    assert code == 3
    assert [(c["task"], c["seed"], c["state"], c["reason"]) for c in out["cells"]] == [
        ("pos/other", 0, "skipped", "no source could provide the files"),
        ("pos/toy", 0, "stored", ""), ("pos/toy", 1, "skipped", "cannot do it")]


def _snapshot(folder):
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("killed", [False, True])
def test_status_writes_nothing_into_the_store(tmp_path, capsys, killed):
    """A copy of a closed store, and of one whose run was killed before closing it (records in its WAL):
    every file is byte for byte and time for time as it was, and no file is added. The WAL index (-shm) of
    the killed run's store is SQLite's shared memory, which every reader of a WAL updates, not the store."""
    script = ("import os, sys; sys.path[:0] = [sys.argv[2]]\n"
              "from tests._records import pos_record\nfrom tests.test_cli_status import PLAN\n"
              "from wordeval.results.store import ResultStore\n"
              "from wordeval.results.run_log import registered\n"
              "with ResultStore(sys.argv[1]) as s, registered(s, PLAN):\n"
              "    s.put(pos_record('A', 0))\n"
              "    if sys.argv[3] == 'kill': os._exit(9)\n")
    root = str(Path(wordeval.__file__).parents[1])
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "s"), root, "kill" if killed else "close"])
    assert done.returncode == (9 if killed else 0)
    shutil.copytree(tmp_path / "s", tmp_path / "copy")
    before = _snapshot(tmp_path / "copy")
    assert ("results.sqlite-wal" in before) == killed
    code, out = _status(capsys, tmp_path / "copy")
    assert code == 5 and _states(out) == [("A", "pos/toy", 0, "stored"), ("A", "pos/toy", 1, "not computed")]
    assert out["runs"][0]["state"] == ("killed" if killed else "finished")
    after = _snapshot(tmp_path / "copy")
    before.pop("results.sqlite-shm", None), after.pop("results.sqlite-shm", None)
    assert after == before


def test_no_store_is_a_one_line_error(tmp_path, capsys):
    assert main(["status", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no wordeval result store here" in err
    (tmp_path / "x.sqlite").write_text("not a database")
    assert main(["status", str(tmp_path / "x.sqlite")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "x.sqlite" in err and "Traceback" not in err
    assert not (tmp_path / "missing").exists()
    con = sqlite3.connect(tmp_path / "y.sqlite")
    con.execute("CREATE TABLE t (a)")
    con.close()
    assert main(["status", str(tmp_path / "y.sqlite")]) == 2
    assert "without its tables" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["status", "compare", "cite", "report"])
def test_a_folder_holding_a_store_of_another_name_names_it(tmp_path, capsys, command):
    """README: `--out R/mine.sqlite` writes a store of that name. `status R/` then said R/results.sqlite is
    no store, and compare, cite and report that R/ is "neither a result store ...": nothing said that the
    store the user wrote is there, under its own name, and is read by naming it."""
    with ResultStore(tmp_path / "R" / "mine.sqlite") as store:
        store.put(pos_record("A", 0))
    extra = ["--out", str(tmp_path / "rep")] if command == "report" else []
    assert main([command, str(tmp_path / "R"), *extra]) == 2
    err = capsys.readouterr().err
    store_file = tmp_path / "R" / "mine.sqlite"
    assert err.count("\n") == 1 and err.endswith(f"; name the store file it holds: {store_file}\n")
    assert main([command, str(tmp_path / "R" / "mine.sqlite"), *extra]) in (0, 5)


@pytest.mark.parametrize("name", ["typo", "typo.json", "typo.sqlite"])
def test_a_path_that_does_not_exist_is_named_as_given(tmp_path, capsys, name):
    """status named "typo/results.sqlite", a file the user never wrote, as if a store folder had lost it."""
    assert main(["status", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err == f"wordeval: error: {tmp_path / name}: no such folder or file (no wordeval result store here)\n"
    assert not (tmp_path / name).exists()


def test_a_seed_skipped_on_an_error_does_not_hide_the_next_seed_a_killed_run_never_computed(tmp_path, capsys):
    """--keep-going recorded seed 0's error as a skipped cell, then the run was killed before seed 1: the skip
    was matched on (label, task) alone, so seed 1 was neither listed as not computed by compare nor by status."""
    with ResultStore(tmp_path / "s") as store:
        with registered(store, PLAN) as run_id:
            store.put_skipped(skip_key("pos/toy", "A", 0), task="pos/toy", embedding_name="A", reason="bad value")
        # as SIGKILL leaves it: never closed, its pid gone
        store._db.execute("UPDATE runs SET pid = ?, finished = NULL, outcome = 'running' WHERE run_id = ?",
                          (dead_pid(), run_id))
    code, out = _status(capsys, tmp_path / "s")
    assert code == 5 and _states(out) == [("A", "pos/toy", 0, "skipped"), ("A", "pos/toy", 1, "not computed")]
    from wordeval.results.store import load_records
    assert [(s["seeds"], s["state"]) for s in load_records(tmp_path / "s")[1] if "state" in s] == [
        ([1], "not computed")]


def test_a_record_file_or_a_report_folder_is_named_as_what_it_is(tmp_path, capsys):
    """They were looked for as PATH/results.sqlite, and the error named that path ("rep/results.json/
    results.sqlite: no wordeval result store here"), which the user never gave."""
    from wordeval.output_paths import write_marker

    (tmp_path / "results.json").write_text("[]")
    assert main(["status", str(tmp_path / "results.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "results.json: not a result store" in err and "compare and report" in err
    (tmp_path / "rep").mkdir()
    write_marker(tmp_path / "rep", "report")
    assert main(["status", str(tmp_path / "rep")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rep: a wordeval report folder, not a result store" in err


def test_compare_on_a_store_of_a_killed_run_says_not_computed_rather_than_skipped(tmp_path, capsys):
    """Its one line said 'they record 2 skipped cell(s)', as if data or the representation had ruled them out."""
    with ResultStore(tmp_path / "s") as store:
        with registered(store, PLAN) as run_id:
            pass
        store._db.execute("UPDATE runs SET pid = ?, finished = NULL, outcome = 'running' WHERE run_id = ?",
                          (dead_pid(), run_id))
    assert main(["compare", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "skipped" not in err
    assert "they record 2 planned cell-seed(s) not stored (2 not computed): pos/toy on A (first reason: seeds 0, 1 " \
           "not computed: the run that planned it" in err


@pytest.mark.parametrize("command", ["status", "cite", "compare"])
def test_a_store_of_another_store_schema_is_one_line_for_its_readers(tmp_path, capsys, command):
    """A run refuses a store of another store schema (a newer wordeval's) up front; the read-only commands
    read it as this one and stopped on a traceback ("no such column: json", exit 1) at its first query."""
    from tests._records import toy_records

    with ResultStore(tmp_path / "s") as store:
        for record in toy_records():
            store.put(record)
    newer = tmp_path / "newer"
    newer.mkdir()
    shutil.copy(tmp_path / "s" / ".wordeval-output", newer)
    db = sqlite3.connect(newer / "results.sqlite")  # a layout this wordeval never wrote, as a newer one may
    db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta VALUES ('store_schema', '2')")
    db.execute("CREATE TABLE records (key TEXT PRIMARY KEY, body BLOB)")
    db.commit()
    db.close()
    assert main([command, str(newer)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "store schema 2" in err and "Traceback" not in err
    # the same records under schema 1 are read as before
    shutil.copy(tmp_path / "s" / "results.sqlite", newer / "results.sqlite")
    assert main([command, str(newer)]) in (0, 3)


@pytest.mark.parametrize("command", ["cite", "compare"])
def test_the_readers_of_record_files_name_a_missing_path_as_missing(tmp_path, capsys, command):
    """A typo was "neither a result store, a folder of .json records, nor a .json/.jsonl record file", as if
    it were some other thing; an existing folder that holds none of them still reads so."""
    assert main([command, str(tmp_path / "typo")]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: {tmp_path / 'typo'}: no such folder or file (expected a "
                                       f"result store or record files)\n")
    (tmp_path / "empty").mkdir()
    assert main([command, str(tmp_path / "empty")]) == 2
    assert "neither a result store" in capsys.readouterr().err


def test_a_run_that_found_its_cells_stored_says_served_not_computed(tmp_path, capsys):
    """'recorded 2' was said alike of the run that computed two cells and of a rerun that computed nothing and
    served both from the store. The oracle: which run put each record, and which only found it."""
    a0, a1 = pos_record("A", 0), pos_record("A", 1)
    with ResultStore(tmp_path / "s") as store:
        with registered(store, PLAN):
            store.put(a0)
            store.put(a1)
        with registered(store, PLAN):  # a rerun: both found stored (the runner's store.found)
            store.found(a0, "request-a0")
            store.found(a1, "request-a1")
        with registered(store, PLAN):  # --force on seed 0: computed again, seed 1 found
            store.put(a0)
            store.found(a1, "request-a1")
    code, out = _status(capsys, tmp_path / "s")
    counts = [(r["planned_cells"], r["recorded_cells"], r["computed_cells"], r["served_cells"])
              for r in out["runs"]]
    # the seed-0 record the first two runs recorded was rewritten by the third: neither run's own any more
    assert code == 0 and counts == [(2, 2, 1, 0), (2, 2, 0, 1), (2, 2, 1, 1)]
    assert main(["status", str(tmp_path / "s")]) == 0
    lines = capsys.readouterr().out.splitlines()[2:5]
    assert "planned 2 cell(s): 1 computed, 0 served from the store (already stored), 1 recorded and since " \
        "replaced by a later run; written" in lines[0]
    assert "planned 2 cell(s): 0 computed, 1 served from the store (already stored), 1 recorded and since " \
        "replaced by a later run; written" in lines[1]
    assert "planned 2 cell(s): 1 computed, 1 served from the store (already stored); written" in lines[2]


def test_a_store_file_that_is_a_folder_is_named_as_one(tmp_path, capsys):
    """status said of a folder in the store file's place 'cannot read the result store: disk I/O error (locked
    by another program, or unreadable?)': one line naming it as a folder, exit 2, nothing written."""
    (tmp_path / "s" / "results.sqlite").mkdir(parents=True)
    for given in (tmp_path / "s", tmp_path / "s" / "results.sqlite"):
        before = sorted(p.name for p in tmp_path.rglob("*"))
        assert main(["status", str(given)]) == 2
        err = capsys.readouterr().err
        file = tmp_path / "s" / "results.sqlite"
        assert err == f"wordeval: error: {file}: expected a wordeval result store (an SQLite file), got a " \
                      f"folder\n", err
        assert sorted(p.name for p in tmp_path.rglob("*")) == before
