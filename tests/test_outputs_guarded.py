"""Outputs the API and a marked folder could still write into: prediction folders given to ``wordeval.run`` /
``evaluate`` / ``Task.score``, and a store folder whose results.sqlite is not a store this wordeval writes."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

import wordeval
from wordeval.cli import main

WORDS = ["cat", "dog", "tiger", "car", "bus", "king", "queen", "man", "woman", "paris"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("wordeval: error: ") and "\n" not in err and "Traceback" not in err, err
    return err


@pytest.fixture
def vectors_file(tmp_path):
    rng = np.random.default_rng(0)
    path = tmp_path / "vectors.txt"
    path.write_text("".join(f"{w} {' '.join(f'{x:.4f}' for x in rng.standard_normal(4))}\n" for w in WORDS),
                    encoding="utf-8")
    return path


@pytest.fixture
def foreign(tmp_path):
    folder = tmp_path / "paper"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep", encoding="utf-8")
    return folder


def test_api_predictions_never_go_into_a_foreign_folder(vectors_file, foreign, tmp_path):
    """``wordeval.run(..., predictions=)`` and ``evaluate(..., predictions=)`` wrote their files into any folder,
    where ``--save-predictions`` refuses it; refused now before any work, the folder untouched."""
    with pytest.raises(wordeval.WordevalError, match="did not write"):
        wordeval.run([f"v={vectors_file}"], ["similarity/ws353"], out=tmp_path / "S", predictions=foreign)
    assert not (tmp_path / "S").exists()
    with pytest.raises(wordeval.WordevalError, match="did not write"):
        wordeval.evaluate((WORDS, np.eye(len(WORDS))), "similarity/ws353", name="eye", predictions=foreign)
    with pytest.raises(wordeval.WordevalError, match="did not write"):
        wordeval.get_task("similarity/ws353").score((WORDS, np.eye(len(WORDS))), predictions=foreign)
    assert _tree(foreign) == {"notes.txt": b"keep"}


def test_api_predictions_folder_is_marked_as_the_cli_marks_it(vectors_file, tmp_path):
    preds = tmp_path / "P"
    wordeval.run([f"v={vectors_file}"], ["similarity/ws353"], out=tmp_path / "S", predictions=preds)
    wordeval.evaluate((WORDS, np.eye(len(WORDS))), "similarity/ws353", name="eye", predictions=preds)
    from wordeval.output_paths import marker_kind
    assert marker_kind(preds) == "predictions"
    assert len(list(preds.glob("*.tsv"))) == 2  # both calls wrote theirs beside each other


def _marked_store_folder(tmp_path: Path, build) -> Path:
    folder = tmp_path / "R"
    folder.mkdir()
    (folder / ".wordeval-output").write_text('{"kind": "store"}\n', encoding="utf-8")
    db = sqlite3.connect(folder / "results.sqlite")
    build(db)
    db.commit()
    db.close()
    return folder


def test_a_marked_folder_holding_another_programs_database_is_refused(vectors_file, tmp_path, capsys):
    """Before, the marker was enough: wordeval's tables were added to the database found there."""
    folder = _marked_store_folder(tmp_path, lambda db: db.execute("CREATE TABLE users (x)"))
    before = _tree(folder)
    assert main(["--quiet", "run", f"v={vectors_file}", "--tasks", "similarity/ws353", "--out", str(folder)]) == 2
    assert "not a wordeval result store" in _one_error_line(capsys)
    assert _tree(folder) == before
    with pytest.raises(wordeval.WordevalError, match="another program's"):
        wordeval.ResultStore(folder)
    assert _tree(folder) == before


def test_a_store_of_another_store_schema_is_refused_up_front(vectors_file, tmp_path, capsys, monkeypatch):
    """Before: planned (every embedding parsed), then 'cannot open the result store: no such column ... (disk
    full, read-only or locked?)'."""
    def future(db):
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('store_schema', '2')")
        db.execute("CREATE TABLE records (key TEXT PRIMARY KEY, body BLOB)")

    folder = _marked_store_folder(tmp_path, future)
    before = _tree(folder)
    import wordeval.runner as runner
    monkeypatch.setattr(runner, "plan", lambda *a, **k: pytest.fail("planned before refusing the store"))
    assert main(["--quiet", "run", f"v={vectors_file}", "--tasks", "similarity/ws353", "--out", str(folder)]) == 2
    err = _one_error_line(capsys)
    assert "store schema 2" in err and "disk full" not in err
    assert main(["--quiet", "run", f"v={vectors_file}", "--tasks", "similarity/ws353", "--out",
                 str(folder / "results.sqlite")]) == 2
    assert "store schema 2" in _one_error_line(capsys)
    with pytest.raises(wordeval.WordevalError, match="store schema 2"):
        wordeval.ResultStore(folder)
    assert _tree(folder) == before


KILLED_WRITER = """
import os, sys
from tests._records import toy_records
from wordeval.results.store import ResultStore
store = ResultStore(sys.argv[1])
store._db.execute("PRAGMA wal_autocheckpoint=0")  # every commit stays in the WAL, as in a short killed run
for i, rec in enumerate(toy_records()):
    store.put(rec, request=f"req{i}")
os._exit(0)  # killed: never closed, so never checkpointed
"""


def test_a_store_whose_records_are_in_its_wal_is_not_read_as_empty_where_it_cannot_be_written(tmp_path,
                                                                                              monkeypatch):
    """On a read-only file system the store was read with immutable=1, which ignores the WAL: the records a
    killed run had committed were missing, silently or as 'an SQLite file without its tables'."""
    import os
    import subprocess
    import sys

    import wordeval.results.store as store_module
    from tests._records import toy_records

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(tmp_path / "R")], cwd=root, env=env, check=True,
                   timeout=60)
    assert (tmp_path / "R" / "results.sqlite-wal").stat().st_size > 0
    records, _ = wordeval.load_records(tmp_path / "R")  # a writable folder: SQLite reads the WAL
    assert len(records) == len(toy_records())

    real_connect = sqlite3.connect

    def read_only_file_system(database, *args, **kwargs):  # mode=ro where the WAL index cannot be made
        if "immutable" not in str(database):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(store_module.sqlite3, "connect", read_only_file_system)
    with pytest.raises(wordeval.WordevalError, match="results.sqlite-wal"):
        wordeval.load_records(tmp_path / "R")


@pytest.mark.parametrize("kind, name", [("predictions", "mine__notes.tsv"), ("report", "report.md"),
                                        ("store", "results.sqlite-wal")])
def test_a_users_folder_named_like_an_outputs_file_stops_the_replacement(tmp_path, kind, name):
    """Only names were checked: a user's folder under a name an output's file has (a prediction file's
    ``LABEL__TASK.tsv``) passed for wordeval's, and replacing the output (--force, or a report written again)
    removed the folder and what it held."""
    from wordeval.errors import OutputError
    from wordeval.output_paths import check_output, write_marker

    out = tmp_path / "out"
    (out / name).mkdir(parents=True)
    (out / name / "data.csv").write_text("mine")
    write_marker(out, kind)
    before = _tree(out)
    with pytest.raises(OutputError, match=f"also holds files wordeval did not write \\({name}\\)"):
        check_output(out, "report", force=True)
    assert _tree(out) == before


def test_a_store_cut_short_on_disk_is_named_as_damaged_not_as_another_programs(vectors_file, tmp_path, capsys):
    """A marked store whose results.sqlite was cut to half its size (a truncated copy) was refused as 'not a
    wordeval result store', while compare and status said SQLite found it malformed."""
    folder = tmp_path / "R"
    run = ["--quiet", "run", f"v={vectors_file}", "--tasks", "similarity/ws353", "--out"]
    assert main([*run, str(folder)]) == 0
    capsys.readouterr()
    db = folder / "results.sqlite"
    db.write_bytes(db.read_bytes()[:db.stat().st_size // 2])
    before = _tree(folder)
    for out, tail, name in ((folder, "results.sqlite exists", "name a new folder"),
                      (db, "exists", "name a new file or folder")):
        assert main([*run, str(out)]) == 2
        err = _one_error_line(capsys)
        assert err.startswith(f"wordeval: error: --out {out}: {tail} and SQLite cannot read it (") and err.endswith(
            f": a store damaged or cut short, or no database), so a run cannot resume it; {name}"), err
        assert _tree(folder) == before
    assert main(["--quiet", "compare", str(folder)]) == 2
    assert "expected a wordeval result store (SQLite), got " in _one_error_line(capsys)


# killed writers whose -wal adds nothing to the main file: argv[2] says how
WAL_ADDING_NOTHING = """
import os, sys
from tests._records import toy_records
from wordeval.results.store import ResultStore
store = ResultStore(sys.argv[1])
store._db.execute("PRAGMA wal_autocheckpoint=0")
for i, rec in enumerate(toy_records()):
    store.put(rec, request=f"req{i}")
store._db.execute("PRAGMA wal_checkpoint(PASSIVE)")  # every frame copied back, the -wal kept as it was
if sys.argv[2] == "cut short":  # then a transaction killed before its commit, its pages spilled to the -wal
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store._db.execute("PRAGMA cache_size=1")
    store._db.execute("BEGIN")
    store._db.execute("CREATE TABLE spill (x BLOB)")
    store._db.execute("INSERT INTO spill SELECT randomblob(4000) FROM (SELECT 1 UNION SELECT 2 UNION "
                      "SELECT 3)")
os._exit(0)
"""


@pytest.mark.parametrize("how", ["checkpointed", "cut short"])
def test_a_wal_that_adds_nothing_does_not_refuse_the_store_where_it_cannot_be_written(tmp_path, monkeypatch,
                                                                                      how):
    """A -wal file of a killed run that holds no commit the main file lacks (its frames checkpointed, or only
    a transaction's uncommitted pages) made a read-only store 'some of its records are still in
    results.sqlite-wal', exit 2, where every record was in the main file. The oracle is SQLite's own read of
    the store in a writable folder (it reads the -wal): the same records."""
    import os
    import subprocess
    import sys

    import wordeval.results.store as store_module

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", WAL_ADDING_NOTHING, str(tmp_path / "R"), how], cwd=root, env=env,
                   check=True, timeout=60)
    assert (tmp_path / "R" / "results.sqlite-wal").stat().st_size > 0
    import shutil
    shutil.copytree(tmp_path / "R", tmp_path / "copy")  # SQLite's read may recover the -wal: on a copy
    expected = sorted(r.to_json() for r in wordeval.load_records(tmp_path / "copy")[0])
    real_connect = sqlite3.connect

    def read_only_file_system(database, *args, **kwargs):  # mode=ro where the WAL index cannot be made
        if "immutable" not in str(database):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(store_module.sqlite3, "connect", read_only_file_system)
    assert sorted(r.to_json() for r in wordeval.load_records(tmp_path / "R")[0]) == expected
    assert len(expected) > 0
