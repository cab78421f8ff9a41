"""A store folder of one's own holding a results.sqlite one may not write (another user wrote it, or it was
made read-only): the folder passed --out's check, and the run planned, opened the store and failed with
"attempt to write a readonly database (disk full, ulimit -f, read-only or locked?): free disk space". It is
now one line before any work, naming the store file, exit 2, the store unchanged. Root writes whatever the
mode, so the real chmod runs only as another user; the root-runnable test plays the refusal with os.access."""
from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main


def _stored_once(tmp_path, capsys):
    vectors, spec = write_small_task(tmp_path)
    out = tmp_path / "R"
    assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(out)]) == 0
    capsys.readouterr()
    return vectors, spec, out


def _assert_refused(capsys, argv, out, before):
    assert main(["--quiet", *argv]) == 2
    captured = capsys.readouterr()
    store = out / "results.sqlite"
    assert captured.err == (f"wordeval: error: --out {out}: its store {store} is not writable "
                            f"(permission denied or read-only file system); name a new folder, or make it "
                            f"writable\n")
    assert captured.out == ""
    assert (out / "results.sqlite").read_bytes() == before


@pytest.mark.parametrize("command", ["run", "intrinsic"])
def test_a_store_file_os_access_refuses_is_one_line(tmp_path, capsys, monkeypatch, command):
    vectors, spec, out = _stored_once(tmp_path, capsys)
    before = (out / "results.sqlite").read_bytes()
    access = os.access
    refused = os.fspath(out / "results.sqlite")
    monkeypatch.setattr(os, "access",
                        lambda path, mode, **kw: False if os.fspath(path) == refused and mode & os.W_OK
                        else access(path, mode, **kw))
    argv = [command, f"B={vectors}", "--tasks", str(spec), "--out", str(out)]
    _assert_refused(capsys, argv, out, before)


@pytest.mark.skipif(os.geteuid() == 0,
                    reason="root writes a file whatever its mode; the os.access test covers it")
def test_a_read_only_store_file_is_one_line(tmp_path, capsys):
    vectors, spec, out = _stored_once(tmp_path, capsys)
    before = (out / "results.sqlite").read_bytes()
    os.chmod(out / "results.sqlite", 0o444)
    try:
        _assert_refused(capsys, ["run", f"B={vectors}", "--tasks", str(spec), "--out", str(out)], out, before)
    finally:
        os.chmod(out / "results.sqlite", 0o644)


def _patched_access(monkeypatch, refused_path, refused_mode):
    access = os.access
    refused = os.fspath(refused_path)
    monkeypatch.setattr(os, "access",
                        lambda path, mode, **kw: False if os.fspath(path) == refused and mode & refused_mode
                        else access(path, mode, **kw))


def _assert_folder_refused(capsys, argv, store, before):
    assert main(["--quiet", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.err == (f"wordeval: error: --out {store}: its folder {store.parent} is not writable "
                            f"(permission denied or read-only file system), and SQLite writes its journal "
                            f"beside the store\n")
    assert captured.out == ""
    assert store.read_bytes() == before


def test_a_store_file_in_a_folder_os_access_refuses_is_one_line(tmp_path, capsys, monkeypatch):
    """--out R/mine.sqlite, the file writable, R not: SQLite could not make its journal there, and the run
    failed once the store was opened, told to free disk space."""
    vectors, spec = write_small_task(tmp_path)
    store = tmp_path / "R" / "mine.sqlite"
    assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(store)]) == 0
    capsys.readouterr()
    before = store.read_bytes()
    _patched_access(monkeypatch, store.parent, os.W_OK)
    _assert_folder_refused(capsys, ["run", f"B={vectors}", "--tasks", str(spec), "--out", str(store)],
                           store, before)


def test_a_store_file_sqlite_cannot_read_in_a_folder_os_access_refuses_is_said_not_writable(tmp_path, capsys,
                                                                                             monkeypatch):
    """--out R/mine.sqlite in a folder one may not write, a -wal left there by a killed run: SQLite cannot make
    the -shm it reads that -wal through, and the file was read before its folder was checked, so it was called
    damaged, or not a store. Root makes the -shm anywhere: SQLite's read-only open of the file fails here as it
    fails for that user ("unable to open database file"), and os.access refuses the folder."""
    vectors, spec = write_small_task(tmp_path)
    store = tmp_path / "R" / "mine.sqlite"
    assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(store)]) == 0
    capsys.readouterr()
    before = store.read_bytes()
    connect = sqlite3.connect

    def unreadable_here(where, *args, **kwargs):
        if os.fspath(where).startswith(f"{store.resolve().as_uri()}?mode=ro"):
            raise sqlite3.OperationalError("unable to open database file")
        return connect(where, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", unreadable_here)
    _patched_access(monkeypatch, store.parent, os.W_OK)
    _assert_folder_refused(capsys, ["run", f"B={vectors}", "--tasks", str(spec), "--out", str(store)],
                           store, before)


@pytest.mark.skipif(os.geteuid() == 0,
                    reason="root writes in a folder whatever its mode; the os.access test covers it")
def test_a_store_file_in_a_read_only_folder_is_one_line(tmp_path, capsys):
    vectors, spec = write_small_task(tmp_path)
    store = tmp_path / "R" / "mine.sqlite"
    assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(store)]) == 0
    capsys.readouterr()
    before = store.read_bytes()
    os.chmod(store.parent, 0o555)
    try:
        _assert_folder_refused(capsys, ["run", f"B={vectors}", "--tasks", str(spec), "--out", str(store)],
                               store, before)
    finally:
        os.chmod(store.parent, 0o755)


@pytest.mark.skipif(os.geteuid() == 0,
                    reason="root makes SQLite's -shm in any folder: the -wal is read, nothing to misname")
def test_a_read_only_store_folder_with_a_wal_left_is_said_not_writable(tmp_path, capsys):
    """A store folder one may not write (another user's), holding the -wal of a run killed before it closed
    the store: SQLite cannot read it there, and --out said the store was damaged or cut short."""
    vectors, spec, out = _stored_once(tmp_path, capsys)
    copy = tmp_path / "copy"
    copy.mkdir()
    live = sqlite3.connect(out / "results.sqlite", isolation_level=None)
    try:  # a write left in the -wal, as a killed run leaves it (no checkpoint: the connection stays open)
        live.execute("PRAGMA journal_mode=WAL")
        live.execute("PRAGMA wal_autocheckpoint=0")
        live.execute("CREATE TABLE probe(x)")
        for name in (".wordeval-output", "results.sqlite", "results.sqlite-wal"):
            shutil.copyfile(out / name, copy / name)
    finally:
        live.close()
    os.chmod(copy, 0o555)
    try:
        assert main(["--quiet", "run", f"B={vectors}", "--tasks", str(spec), "--out", str(copy)]) == 2
        captured = capsys.readouterr()
        assert captured.err == (f"wordeval: error: --out {copy}: not writable (permission denied or "
                                f"read-only file system)\n")
    finally:
        os.chmod(copy, 0o755)
