"""A --workers run whose local cluster cannot start (a user's preload that does not import) writes nothing
at --out: no new folder, marker or store; an existing store stays byte for byte as it was (no run row either),
and an output of another kind that --force would replace stays. Dask's log never goes into a file wordeval did
not write (refused, exit 2, before any work), and a Dask setting its schema refuses is one note naming it and
the log. Each case is the command line in a process of its own, on a real LocalCluster of 2 workers."""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests._small_task import write_small_task

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
NO_START = {"DASK_DISTRIBUTED__WORKER__PRELOAD": json.dumps(["no_such_preload_module"])}


def _run(tmp_path, out, *extra, env=()):
    vectors, spec = write_small_task(tmp_path)
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(tmp_path / "cache"),
           "TMPDIR": str(tmp_path / "tmp"), **dict(env)}
    return subprocess.run([sys.executable, "-m", "wordeval", "run", str(vectors), "--tasks", str(spec),
                           "--workers", "2", "--out", str(out), "-q", *extra],
                          capture_output=True, text=True, env=env, timeout=240, cwd=tmp_path)


def _failed_to_start(res) -> Path:
    """The one line of a cluster that did not start; the log file it names."""
    head, _, kept = res.stderr.strip().partition("; Dask's log: ")
    assert res.returncode == 2 and head == ("wordeval: error: the local Dask cluster did not start "
                                            "(ModuleNotFoundError: No module named 'no_such_preload_module')"
                                            ), res.stderr
    assert "Failed to initialize worker" in Path(kept).read_text(encoding="utf-8")
    return Path(kept)


def test_a_new_store_folder_is_not_left_behind(tmp_path):
    res = _run(tmp_path, tmp_path / "new" / "R", env=NO_START)
    log = _failed_to_start(res)
    assert not (tmp_path / "new").exists()  # neither R/ (its marker, store, log) nor the folder above it
    assert log.parent == tmp_path / "tmp"


def test_a_new_store_file_and_its_log_are_not_left_behind(tmp_path):
    res = _run(tmp_path, tmp_path / "x.db", env=NO_START)
    _failed_to_start(res)
    assert not (tmp_path / "x.db").exists() and not (tmp_path / "x.dask.log").exists()


def test_an_existing_store_is_left_as_it_was(tmp_path):
    first = _run(tmp_path, tmp_path / "R")
    assert first.returncode == 0, first.stderr
    store = tmp_path / "R" / "results.sqlite"
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    res = _run(tmp_path, tmp_path / "R", "--seed", "1", env=NO_START)  # a cell the store does not hold
    log = _failed_to_start(res)
    assert log == tmp_path / "R" / "results.dask.log"  # the store's own log: this run's section appended
    assert log.read_text(encoding="utf-8").count("=== wordeval run, pid ") == 2
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    with sqlite3.connect(store) as db:
        assert [o for (o,) in db.execute("SELECT outcome FROM runs")] == ["finished"]
    assert sorted(p.name for p in (tmp_path / "R").iterdir()) == [
        ".wordeval-output", "results.dask.log", "results.sqlite"]


def test_another_output_that_force_would_replace_stays(tmp_path):
    report = tmp_path / "Rep"
    report.mkdir()
    (report / ".wordeval-output").write_text('{"kind": "report", "wordeval": "0"}\n', encoding="utf-8")
    (report / "report.md").write_text("# kept\n", encoding="utf-8")
    res = _run(tmp_path, report, "--force", env=NO_START)
    _failed_to_start(res)
    assert sorted(p.name for p in report.iterdir()) == [".wordeval-output", "report.md"]
    assert (report / "report.md").read_text(encoding="utf-8") == "# kept\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no folder set aside is left


def test_a_file_at_the_logs_name_that_wordeval_did_not_write_is_refused_before_any_work(tmp_path):
    theirs = tmp_path / "x.dask.log"
    theirs.write_text("my notes\n", encoding="utf-8")
    res = _run(tmp_path, tmp_path / "x.db")
    assert res.returncode == 2
    assert res.stderr.splitlines() == [
        f"wordeval: error: --out {tmp_path / 'x.db'}: {theirs}, where a --workers run keeps Dask's log, "
        f"exists and was not written by wordeval; move it, or give another --out"], res.stderr
    assert theirs.read_text(encoding="utf-8") == "my notes\n" and not (tmp_path / "x.db").exists()


def test_a_dask_setting_its_schema_refuses_is_one_note_naming_it_and_the_log(tmp_path):
    res = _run(tmp_path, tmp_path / "x.db", env={"DASK_DISTRIBUTED__WORKER__MEMORY__TERMINATE": "bogus"})
    assert res.returncode == 0, res.stderr
    log = tmp_path / "x.dask.log"
    assert res.stderr.splitlines()[0] == (
        "wordeval: note: the Dask setting distributed.worker.memory.terminate = 'bogus' "
        "(DASK_DISTRIBUTED__WORKER__MEMORY__TERMINATE) is not a value Dask's config schema allows: Dask does "
        f"not use it as meant, and logs what it does instead to {log}"), res.stderr
    assert res.stderr.count("wordeval: note:") == 1
    assert log.read_text(encoding="utf-8").startswith("=== wordeval run, pid ")


@pytest.mark.parametrize("value, ok", [(0.95, True), (False, True), (1, True), ("bogus", False), (0, False),
                                       (1.5, False), (True, False)])
def test_the_schema_check_against_dasks_own_schema_node(value, ok):
    """Oracle: distributed-schema.yaml's node of distributed.worker.memory.terminate ((0, 1] or false)."""
    from wordeval.distributed.dask_settings import _child, _schema, allowed

    node = _schema()
    for key in "distributed.worker.memory.terminate".split("."):
        node = _child(node, key)
    assert allowed(node, value) is ok


def test_a_store_folder_holding_its_dask_log_is_replaced_with_force(tmp_path):
    """The log wordeval writes beside a store made that store 'hold files wordeval did not write' for
    --force."""
    from wordeval.output_paths import check_output

    store = tmp_path / "R"
    store.mkdir()
    (store / ".wordeval-output").write_text('{"kind": "store", "wordeval": "0"}\n', encoding="utf-8")
    (store / "results.dask.log").write_text("=== wordeval run, pid 1, 2026-01-01 00:00:00\n",
                                            encoding="utf-8")
    assert check_output(store, "report", force=True, force_option="--force") == store
