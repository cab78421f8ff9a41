"""A Ctrl-C or SIGTERM that lands while the store commits a record, under ``--save-predictions``: the record
and its prediction files are kept together. The handler ran as SQLite's commit returned, so the record was
stored and its pending files dropped; the resume ("run the same command again") found the cell stored and
wrote none, only a warning to use a new --out. The signal is sent by the process itself right after the
commit of a record (fault injection, not timing). Oracle: the store's record keys read with sqlite3, and the
``record_key`` of the sidecar .json beside each prediction file."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests._small_task import write_small_task

ROOT = Path(__file__).resolve().parent.parent

SIGNAL_AFTER_COMMIT = """
import os, signal, sys
from wordeval.results import store

write = store.ResultStore._write

def write_then_signal(self, steps):
    write(self, steps)
    if any(sql.startswith("INSERT OR REPLACE INTO records") for sql, _ in steps):
        os.kill(os.getpid(), signal.{signame})  # handled as the commit's call returns into Python

store.ResultStore._write = write_then_signal
import wordeval.cli as cli
sys.argv = ["wordeval", *{argv!r}]
cli.command_line()
"""


def _env(tmp_path) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(tmp_path / "cache")}


def _stored_keys(store: Path) -> set[str]:
    with sqlite3.connect(f"file:{store / 'results.sqlite'}?mode=ro", uri=True) as db:
        return {key for (key,) in db.execute("SELECT key FROM records")}


def _predicted_keys(folder: Path) -> set[str]:
    keys = set()
    for sidecar in folder.glob("*.json"):
        if sidecar.with_suffix("").is_file():
            keys.add(json.loads(sidecar.read_text(encoding="utf-8"))["record_key"])
    return keys


@pytest.mark.parametrize("signame,code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_signal_in_commit_keeps_the_records_predictions(tmp_path, signame, code):
    vectors, spec = write_small_task(tmp_path)
    store, predictions = tmp_path / "store", tmp_path / "predictions"
    argv = ["intrinsic", str(vectors), "--tasks", str(spec), "--out", str(store),
            "--save-predictions", str(predictions)]
    script = tmp_path / "signal_after_commit.py"
    script.write_text(SIGNAL_AFTER_COMMIT.format(signame=signame, argv=argv), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=_env(tmp_path),
                          timeout=120, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    stored = _stored_keys(store)
    assert len(stored) == 1
    assert _predicted_keys(predictions) == stored  # was: set(), the files dropped with the interrupt

    again = subprocess.run([sys.executable, "-m", "wordeval", *argv], capture_output=True, text=True,
                           env=_env(tmp_path), timeout=120)
    assert again.returncode == 0, again.stderr
    assert "without predictions" not in again.stderr
    assert _stored_keys(store) == stored and _predicted_keys(predictions) == stored
