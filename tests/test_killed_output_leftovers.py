"""What a run killed outright (SIGKILL, a lost node) leaves in its output folder is still wordeval's: the next
run resumes there. Each test builds the folder exactly as the kill leaves it (fault injection at the moment of
death), and checks that a user's folder is still refused."""
from __future__ import annotations

import sqlite3

import pytest

from wordeval.errors import OutputError
from wordeval.output_paths import MARKER, check_output, write_marker
from wordeval.results.store import ResultStore


def _killed_while_writing_the_marker(folder):
    """atomic_write's temporary file, as a kill between its write and its rename leaves it."""
    folder.mkdir()
    (folder / f".{MARKER}.k2j3_x.tmp").write_text('{"kind": "store"', encoding="utf-8")


def _killed_after_the_first_table(folder):
    """The marker, and a results.sqlite whose creation stopped after its first CREATE TABLE."""
    folder.mkdir()
    write_marker(folder, "store")
    db = sqlite3.connect(folder / "results.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.close()


def _killed_as_sqlite_created_the_file(folder):
    folder.mkdir()
    write_marker(folder, "store")
    (folder / "results.sqlite").write_bytes(b"")


@pytest.mark.parametrize("killed", [_killed_while_writing_the_marker, _killed_after_the_first_table,
                                    _killed_as_sqlite_created_the_file])
def test_a_store_folder_left_by_a_killed_run_is_resumed(tmp_path, killed):
    folder = tmp_path / "store"
    killed(folder)
    assert check_output(folder, "store") == folder.resolve()
    with ResultStore(folder) as store:
        assert len(store) == 0 and store.check() == []


def test_a_marker_leftover_beside_a_users_file_is_still_refused(tmp_path):
    folder = tmp_path / "mine"
    _killed_while_writing_the_marker(folder)
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="did not write"):
        check_output(folder, "store")


def test_another_programs_database_in_a_marked_folder_is_still_refused(tmp_path):
    folder = tmp_path / "store"
    folder.mkdir()
    write_marker(folder, "store")
    db = sqlite3.connect(folder / "results.sqlite")
    db.execute("CREATE TABLE invoices (id INTEGER)")
    db.commit()
    db.close()
    with pytest.raises(OutputError, match="not a wordeval result store"):
        check_output(folder, "store")


@pytest.mark.parametrize("killed", [_killed_after_the_first_table, _killed_as_sqlite_created_the_file])
def test_a_store_file_left_by_a_killed_run_is_resumed(tmp_path, killed):
    """--out R/mine.sqlite names the store's file, with no marker beside it: a creation cut short was refused
    as 'not a wordeval result store' for good."""
    killed(tmp_path / "R")
    (tmp_path / "R" / MARKER).unlink()
    store_file = (tmp_path / "R" / "results.sqlite").rename(tmp_path / "R" / "mine.sqlite")
    assert check_output(store_file, "store") == store_file.resolve()
    with ResultStore(store_file) as store:
        assert len(store) == 0 and store.check() == []


def test_another_programs_database_named_as_a_store_file_is_still_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "mine.sqlite")
    db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta VALUES ('owner', 'someone else')")
    db.commit()
    db.close()
    with pytest.raises(OutputError, match="not a wordeval result store"):
        check_output(tmp_path / "mine.sqlite", "store")
