"""A Ctrl-C while a run opens its result store (after SQLite switched it to WAL mode, before the run's `with`
holds it) closes the store as a finished run does: the CLI leaves by os._exit, which closes no connection,
and the store was left in WAL mode with results.sqlite-wal and -shm beside it, as if the run had been
killed (readers on a read-only file system then need its -shm file to read it)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OPEN_INTERRUPTED = """
import os, sys
import wordeval.results.store as store

create_tables = store._create_tables

def interrupted(*args, **kwargs):
    create_tables(*args, **kwargs)
    raise KeyboardInterrupt  # the last step of opening the store, after its journal mode is set

store._create_tables = interrupted
try:
    store.ResultStore(sys.argv[1])
except KeyboardInterrupt:
    os._exit(130)  # as the CLI leaves: no finaliser closes the connection
os._exit(1)
"""


def test_an_interrupt_while_the_store_opens_leaves_it_closed(tmp_path):
    script = tmp_path / "open.py"
    script.write_text(OPEN_INTERRUPTED, encoding="utf-8")
    out = tmp_path / "results"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, str(script), str(out)], capture_output=True, text=True, env=env,
                         timeout=60)
    assert res.returncode == 130, res.stderr
    assert sorted(p.name for p in out.iterdir()) == [".wordeval-output", "results.sqlite"]
    db = sqlite3.connect(f"file:{out / 'results.sqlite'}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        db.close()
