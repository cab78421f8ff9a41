"""Temporaries of a wordeval from before the writer-named ones (``.NAME.XXXXXXXX.tmp``, ``.NAME.old.XXXXXXXX``,
``.NAME.XXXXXXXX``) were never swept. They are now, but only when provably wordeval's (a marked output, or a
file inside one) and provably abandoned (unchanged since this host started, on a local file system): the
host's start is moved after the leftover here, as a restart since the kill would have it."""
from __future__ import annotations

import time

import pytest

import wordeval.older_leftovers as older
from wordeval.atomic_write import atomic_directory, atomic_write_text, sweep_abandoned
from wordeval.output_paths import MARKER, write_marker


@pytest.fixture
def restarted_since(monkeypatch, tmp_path):
    if not older.on_local_file_system(tmp_path):
        pytest.skip("the test folder is not on a local file system")
    monkeypatch.setattr(older, "host_started_at", lambda: time.time() + 60)


def _earlier_report(folder, text="earlier"):
    folder.mkdir()
    write_marker(folder, "report")
    (folder / "report.md").write_text(text, encoding="utf-8")
    return folder


def test_a_file_temporary_in_a_wordeval_output_is_removed_after_a_restart(tmp_path, restarted_since):
    folder = tmp_path / "P"
    folder.mkdir()
    write_marker(folder, "predictions")
    leftover = folder / ".a__b.tsv.k2j3x_9q.tmp"
    leftover.write_text("half", encoding="utf-8")
    atomic_write_text(folder / "a__b.tsv", "whole\n")
    assert sorted(p.name for p in folder.iterdir()) == [MARKER, "a__b.tsv"]


def test_an_earlier_folder_moved_aside_comes_back_when_nothing_took_its_place(tmp_path, restarted_since):
    aside = _earlier_report(tmp_path / ".R.old.abcd_123")
    sweep_abandoned(tmp_path / "R")
    assert (tmp_path / "R" / "report.md").read_text(encoding="utf-8") == "earlier"
    assert not aside.exists()


def test_an_earlier_folder_moved_aside_goes_when_the_new_one_is_in_place(tmp_path, restarted_since):
    _earlier_report(tmp_path / ".R.old.abcd_123")
    _earlier_report(tmp_path / ".R.zz9_abcd", text="half-written")  # a folder being filled
    with atomic_directory(tmp_path / "R") as tmp:
        (tmp / "report.md").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R"]
    assert (tmp_path / "R" / "report.md").read_text(encoding="utf-8") == "new"


def test_what_is_not_provably_wordevals_stays(tmp_path, restarted_since):
    (tmp_path / ".R.old.abcd_123").mkdir()  # no marker: a user's folder of that shape
    (tmp_path / ".notes.txt.abcd_123.tmp").write_text("mine", encoding="utf-8")  # in a folder of the user's
    sweep_abandoned(tmp_path / "R")
    atomic_write_text(tmp_path / "notes.txt", "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".R.old.abcd_123", ".notes.txt.abcd_123.tmp",
                                                          "notes.txt"]


def test_what_changed_since_this_host_started_stays(tmp_path):
    # a writer of an older wordeval may still be at work on it: its name does not say which process it is
    aside = _earlier_report(tmp_path / ".R.old.abcd_123")
    sweep_abandoned(tmp_path / "R")
    assert aside.is_dir() and not (tmp_path / "R").exists()


def test_on_a_file_system_other_hosts_write_nothing_is_provably_abandoned(tmp_path, restarted_since,
                                                                           monkeypatch):
    monkeypatch.setattr(older, "on_local_file_system", lambda path: False)
    aside = _earlier_report(tmp_path / ".R.old.abcd_123")
    sweep_abandoned(tmp_path / "R")
    assert aside.is_dir() and not (tmp_path / "R").exists()


def test_force_replaces_a_predictions_folder_holding_an_older_temporary_of_its_files(tmp_path):
    from wordeval.errors import OutputError
    from wordeval.output_paths import check_output

    folder = tmp_path / "P"
    folder.mkdir()
    write_marker(folder, "predictions")
    (folder / ".mine__sim.tsv.abcd1234.tmp").write_text("half", encoding="utf-8")
    assert check_output(folder, "report", force=True) == folder.resolve()
    (folder / ".notes.txt.abcd1234.tmp").write_text("mine", encoding="utf-8")  # not a file predictions write
    with pytest.raises(OutputError, match="did not write"):
        check_output(folder, "report", force=True)
