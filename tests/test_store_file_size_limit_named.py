"""A store write refused by `ulimit -f` (here RLIMIT_FSIZE, in a real process): SQLite reports EFBIG as 'disk
I/O error', and the one line said 'could not store a record (disk I/O error)', the words of a failing disk,
not which limit to raise. It now names the limit; the store keeps every record put before, and the record
that failed is not half there."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

from tests._records import toy_records
from wordeval.results.store import ResultStore

PUT = """import sys
from wordeval.errors import OutputError
import json
from wordeval.results.record import ResultRecord
from wordeval.results.store import ResultStore
with ResultStore(sys.argv[1]) as store:
    for n, line in enumerate(open(sys.argv[2], encoding="utf-8")):
        try:
            store.put(ResultRecord.from_dict(json.loads(line)))
        except OutputError as exc:
            print(n, exc, sep="\\n")
            sys.exit(2)
"""
LIMIT = 160_000  # bytes: the store and its write-ahead log outgrow it after a few records


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_store_write_cut_by_the_file_size_limit_names_it(tmp_path):
    records = toy_records(n_sim=2000, n_pos=1000)
    lines = tmp_path / "records.jsonl"
    lines.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")
    with ResultStore(tmp_path / "s"):
        pass  # created without the limit: what is cut is a record's write

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    r = subprocess.run([sys.executable, "-c", PUT, str(tmp_path / "s"), str(lines)], capture_output=True,
                       text=True, env=env, timeout=120,
                       preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT)))
    assert r.returncode == 2, r.stdout + r.stderr
    failed, said = r.stdout.splitlines()
    assert 0 < int(failed) < len(records)
    assert said.startswith(f"{tmp_path / 's' / 'results.sqlite'}: could not store a record (disk I/O error: "
                           f"the file-size limit (ulimit -f) of {LIMIT:,} bytes was reached); the store is "
                           f"unchanged and consistent"), said
    with ResultStore(tmp_path / "s", readonly=True) as store:
        kept = sorted(json.loads(x.to_json())["embedding"]["name"] + x.task for x in store.records())
    assert kept == sorted(x.embedding["name"] + x.task for x in records[:int(failed)])


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize("text,named", [("disk I/O error", True), ("database is locked", False),
                                        ("database or disk is full", False)])
def test_the_limit_is_named_from_the_text_without_an_error_code(tmp_path, monkeypatch, text, named):
    # Python 3.10's sqlite3 errors carry no sqlite_errorcode (3.11+): the limit went unnamed there, and
    # test_a_store_write_cut_by_the_file_size_limit_names_it failed; an error made here has no code either
    import sqlite3

    from wordeval.results.store_write_errors import file_size_limit_hit

    store = tmp_path / "results.sqlite"
    store.write_bytes(b"\0" * 150_000)
    monkeypatch.setattr(resource, "getrlimit", lambda which: (LIMIT, resource.RLIM_INFINITY))
    exc = sqlite3.OperationalError(text)
    assert getattr(exc, "sqlite_errorcode", None) is None
    assert file_size_limit_hit(store, exc) == (LIMIT if named else None)
