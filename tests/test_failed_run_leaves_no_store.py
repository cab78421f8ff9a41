"""A run that stops on an error before storing anything leaves no new store: one line, exit 2, and --out (with
--save-predictions) as it was. Errors that only a cell finds stopped the run after the store was created, and
--out kept a marker and an empty results.sqlite. A store that was there before keeps every record, and its run
log the line saying the run failed; one that another run opened is never removed.

Oracles: the files on disk, the store's rows read with sqlite3, and the error's own text (two vocabularies
written here share no word, so --common-vocab has no candidate set)."""
from __future__ import annotations

import socket
import sqlite3
import time

import numpy as np
import pytest

from wordeval.cli import main

WORDS = {"x": "a b c d e f g h", "z": "a b c d e f g h", "y": "p q r s t u v w"}  # y shares no word with x


def _inputs(tmp_path):
    rng = np.random.default_rng(5)
    paths = {}
    for name, words in WORDS.items():
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text("".join(f"{w} {' '.join(map(repr, rng.normal(size=5).tolist()))}\n"
                                       for w in words.split()), encoding="utf-8")
    (tmp_path / "q.txt").write_text("c d a b\nb a d c\ne f g h\n", encoding="utf-8")
    spec = tmp_path / "t.toml"
    spec.write_text('name = "t"\nfamily = "analogy"\n[files]\ntest = "q.txt"\n', encoding="utf-8")
    return paths, spec


def _rows(store, sql):
    db = sqlite3.connect(store / "results.sqlite")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _one_line(err, text):
    assert err.count("\n") == 1 and text in err and "Traceback" not in err, err


def test_the_spacy_refusal_comes_before_the_store(tmp_path, capsys):
    """The reproduction: refused while planning now (the registry says spaCy md's keys share rows), before
    anything is loaded or written."""
    out = tmp_path / "o"
    rc = main(["-q", "intrinsic", "glove-6b-50d", "spacy-md", "--tasks", "analogy/msr", "--common-vocab",
               "--restrict-vocab", "5000", "--set", "question_filter=vocabulary", "--out", str(out)])
    _one_line(capsys.readouterr().err,
              "question_filter = 'vocabulary' on a representation whose keys share rows")
    assert rc == 2 and not out.exists()


@pytest.mark.parametrize("command", ["intrinsic", "run"])
def test_a_cell_error_leaves_no_new_store(tmp_path, capsys, command):
    paths, spec = _inputs(tmp_path)
    out, predictions = tmp_path / "new" / "o", tmp_path / "p"
    rc = main(["-q", command, f"X={paths['x']}", f"Y={paths['y']}", "--tasks", str(spec), "--common-vocab",
               "--out", str(out), "--save-predictions", str(predictions)])
    _one_line(capsys.readouterr().err, "the compared embeddings share no word: no common candidate set")
    assert rc == 2
    assert not out.exists() and not out.parent.exists() and not predictions.exists()


def test_the_python_api_leaves_no_new_store(tmp_path):
    import wordeval
    from wordeval.errors import ConfigError

    paths, spec = _inputs(tmp_path)
    out = tmp_path / "o"
    with pytest.raises(ConfigError, match="share no word"):
        wordeval.run([f"X={paths['x']}", f"Y={paths['y']}"], [spec], out=out, common_vocabulary=True,
                     predictions=tmp_path / "p")
    assert not out.exists() and not (tmp_path / "p").exists()


def test_an_existing_store_keeps_everything(tmp_path, capsys):
    """Regression pin (passes before the fix too): what the removal must never touch."""
    paths, spec = _inputs(tmp_path)
    out = tmp_path / "o"
    assert main(["-q", "intrinsic", f"X={paths['x']}", f"Z={paths['z']}", "--tasks", str(spec),
                 "--common-vocab", "--out", str(out)]) == 0
    records = _rows(out, "SELECT key, json FROM records ORDER BY key")
    assert len(records) == 2
    capsys.readouterr()
    rc = main(["-q", "run", f"X={paths['x']}", f"Y={paths['y']}", "--tasks", str(spec), "--common-vocab",
               "--out", str(out)])
    assert rc == 2 and "share no word" in capsys.readouterr().err
    assert _rows(out, "SELECT key, json FROM records ORDER BY key") == records
    assert _rows(out, "SELECT outcome FROM runs ORDER BY rowid") == [("finished",), ("failed",)]


def test_a_store_another_run_opened_is_kept(tmp_path):
    """Regression pin (passes before the fix too): a store another run holds open, or whose row it wrote,
    stays."""
    from wordeval.results.store import ResultStore

    out = tmp_path / "o"
    first = ResultStore(out, run=True)
    other = ResultStore(out, run=True)  # a second writer of a job array, still open
    with pytest.raises(ValueError), first:
        raise ValueError("a cell's error")
    other.close()
    assert (out / "results.sqlite").exists()

    out = tmp_path / "o2"  # its row is there, its connection is not (killed while starting)
    with pytest.raises(ValueError), ResultStore(out, run=True) as store:
        with store.transaction() as db:
            db.execute("INSERT INTO runs VALUES ('another', ?, 1, ?, NULL, 'starting')",
                       (socket.gethostname(), time.time()))
        raise ValueError("a cell's error")
    assert _rows(out, "SELECT run_id FROM runs WHERE run_id = 'another'") == [("another",)]


def test_a_run_opening_the_store_as_it_goes_creates_it_anew(tmp_path, monkeypatch):
    """A second run connected (no statement yet) when the first removed the store: SQLite refuses its write
    to the moved file, and it creates the store again instead of failing, or writing into a removed file."""
    from wordeval.results.store import ResultStore

    out = tmp_path / "o"
    first = ResultStore(out, run=True)
    connect = sqlite3.connect

    def connected_then_removed(*args, **kwargs):
        db = connect(*args, **kwargs)
        monkeypatch.setattr(sqlite3, "connect", connect)
        with pytest.raises(ValueError), first:
            raise ValueError("a cell's error")
        assert not out.exists()
        return db

    monkeypatch.setattr(sqlite3, "connect", connected_then_removed)
    with ResultStore(out, run=True) as second:
        second.put_skipped("k", task="t", embedding_name="X", reason="why")
    assert _rows(out, "SELECT reason FROM skipped") == [("why",)]
    assert (out / ".wordeval-output").is_file()


def test_a_run_checking_the_store_as_another_removes_it_creates_it(tmp_path, capsys, monkeypatch):
    """Two runs started on one new --out (seen with real processes, 6 in 80): the first fails having stored
    nothing and removes the store while the second's --out check looks at it. The second was refused as
    "not writable (permission denied or read-only file system)" with nothing stored; it creates the store."""
    from wordeval import output_paths
    from wordeval.results.store import ResultStore

    paths, spec = _inputs(tmp_path)
    out = tmp_path / "new" / "o"
    first = ResultStore(out, run=True)
    look = output_paths.marker_kind

    def looked_at_then_removed(folder):
        found = look(folder)
        if first.made:
            with pytest.raises(ValueError), first:
                raise ValueError("a cell's error")
            first.made = {}
            assert not out.exists()
        return found

    monkeypatch.setattr(output_paths, "marker_kind", looked_at_then_removed)
    rc = main(["-q", "run", f"A={paths['x']}", f"B={paths['z']}", "--tasks", str(spec), "--common-vocab",
               "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 0 and "error" not in err and "2 computed" in err, err
    assert len(_rows(out, "SELECT key FROM records")) == 2 and (out / ".wordeval-output").is_file()


@pytest.mark.parametrize("folder_there", [False, True])
def test_a_run_finding_the_store_as_another_removes_it_creates_it(tmp_path, monkeypatch, folder_there):
    """The second run saw the store there, and the first removed it before the second connected: with its
    folder gone the second was told "unable to open database file (disk full, ulimit -f, read-only or
    locked?)"; in a folder that stays (the user's, empty) SQLite created a store without the marker."""
    from wordeval.results import store as store_module
    from wordeval.results.store import ResultStore

    out = tmp_path / "o"
    if folder_there:
        out.mkdir()
    first = ResultStore(out, run=True)
    identity = store_module.path_identity

    def removed_first(path):
        if first.made:
            with pytest.raises(ValueError), first:
                raise ValueError("a cell's error")
            first.made = {}
            assert not (out / "results.sqlite").exists() and out.exists() == folder_there
        return identity(path)

    monkeypatch.setattr(store_module, "path_identity", removed_first)
    with ResultStore(out, run=True) as second:
        second.put_skipped("k", task="t", embedding_name="X", reason="why")
    assert _rows(out, "SELECT reason FROM skipped") == [("why",)]
    assert (out / ".wordeval-output").is_file()
