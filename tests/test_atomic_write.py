"""atomic_directory: a folder appears whole or not at all, also when another process places the same path."""
from __future__ import annotations

import errno
import os
import signal
import threading

import pytest

from wordeval import atomic_write
from wordeval.atomic_write import atomic_directory, place_once
from wordeval.errors import OutputError


def _write(folder, text):
    (folder / "data.txt").write_text(text, encoding="utf-8")


def _leftovers(parent, name):
    return sorted(p.name for p in parent.iterdir() if p.name != name)


def test_new_and_replaced_folder(tmp_path):
    target = tmp_path / "entry"
    with atomic_directory(target) as tmp:
        _write(tmp, "first")
    assert (target / "data.txt").read_text() == "first"
    with atomic_directory(target) as tmp:
        _write(tmp, "second")
    assert (target / "data.txt").read_text() == "second"
    assert sorted(p.name for p in target.iterdir()) == ["data.txt"]
    assert _leftovers(tmp_path, "entry") == []


def test_failed_block_leaves_the_old_folder(tmp_path):
    target = tmp_path / "entry"
    with atomic_directory(target) as tmp:
        _write(tmp, "kept")
    with pytest.raises(RuntimeError):
        with atomic_directory(target) as tmp:
            _write(tmp, "half")
            raise RuntimeError("interrupted")
    assert (target / "data.txt").read_text() == "kept"
    assert _leftovers(tmp_path, "entry") == []


def _race_once(monkeypatch, at, other_process):
    """Run ``other_process()`` once, just before the first ``os.replace`` for which ``at(src, dst)`` holds."""
    real, raced = os.replace, []

    def replace(src, dst):
        if not raced and at(os.fspath(src), os.fspath(dst)):
            raced.append(True)
            other_process()
        return real(src, dst)

    monkeypatch.setattr(atomic_write.os, "replace", replace)
    return raced


def test_other_process_places_the_folder_before_the_rename(tmp_path, monkeypatch):
    """The path is free at the check and taken at the rename (os.replace onto a non-empty folder fails): the
    other process's folder is moved aside and this one placed, without an error or leftovers."""
    target = tmp_path / "entry"

    def place_other():
        target.mkdir()
        _write(target, "other process")

    raced = _race_once(monkeypatch, lambda src, dst: dst == os.fspath(target), place_other)
    with atomic_directory(target) as tmp:
        _write(tmp, "this process")
    assert raced and (target / "data.txt").read_text() == "this process"
    assert _leftovers(tmp_path, "entry") == []


def test_other_process_moves_the_old_folder_aside_first(tmp_path, monkeypatch):
    target = tmp_path / "entry"
    with atomic_directory(target) as tmp:
        _write(tmp, "old")

    def take_away():
        (target / "data.txt").unlink()
        target.rmdir()

    raced = _race_once(monkeypatch, lambda src, dst: src == os.fspath(target), take_away)
    with atomic_directory(target) as tmp:
        _write(tmp, "new")
    assert raced and (target / "data.txt").read_text() == "new"
    assert _leftovers(tmp_path, "entry") == []


def test_place_once_keeps_a_complete_entry_and_replaces_an_incomplete_one(tmp_path, monkeypatch):
    """Content-addressed entries (fetched artifacts, built models): the first complete one stays, also when it
    lands between the check and the rename; a folder without the marker is replaced."""
    entry = tmp_path / "entry"

    def finished(text):
        folder = tmp_path / f".tmp-{text}"
        folder.mkdir()
        _write(folder, text)
        (folder / "DONE").write_text("")
        return folder

    assert place_once(finished("first"), entry, "DONE") is True
    assert place_once(finished("second"), entry, "DONE") is False
    assert (entry / "data.txt").read_text() == "first"
    (entry / "DONE").unlink()  # incomplete: replaced
    assert place_once(finished("third"), entry, "DONE") is True
    assert (entry / "data.txt").read_text() == "third"
    raced_entry = tmp_path / "raced"

    def other_finishes():
        os.rename(finished("other"), raced_entry)

    raced = _race_once(monkeypatch, lambda src, dst: dst == os.fspath(raced_entry), other_finishes)
    assert place_once(finished("late"), raced_entry, "DONE") is False
    assert raced and (raced_entry / "data.txt").read_text() == "other"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("what", ["link to a folder", "dangling link", "file"])
def test_place_once_over_a_link_or_a_file_replaces_it_and_never_touches_what_a_link_points_to(tmp_path, what):
    """A cache entry's name held a link (a user's shared copy elsewhere, without the entry's marker) or a
    file: shutil.rmtree refused both with a traceback. The link goes; the folder it pointed to stays whole."""
    mine = tmp_path / "elsewhere"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    entry = tmp_path / "entry"
    if what == "file":
        entry.write_text("stray")
    else:
        entry.symlink_to(mine if what == "link to a folder" else tmp_path / "gone")
    new = tmp_path / ".tmp-new"
    new.mkdir()
    _write(new, "new")
    (new / "DONE").write_text("")
    assert place_once(new, entry, "DONE") is True
    assert not entry.is_symlink() and (entry / "data.txt").read_text() == "new"
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"] and (mine / "notes.txt").read_text() == "mine"


def test_a_rename_that_fails_for_another_reason_still_fails(tmp_path, monkeypatch):
    target = tmp_path / "entry"

    def replace(src, dst):
        raise PermissionError(errno.EACCES, "denied", os.fspath(dst))

    monkeypatch.setattr(atomic_write.os, "replace", replace)
    with pytest.raises(OutputError, match="permission denied"):
        with atomic_directory(target) as tmp:
            _write(tmp, "never placed")
    assert not target.exists() and _leftovers(tmp_path, "entry") == []


def test_a_folder_left_by_a_killed_writer_is_removed_by_the_next_write(tmp_path):
    """SIGKILL mid-report left '.rep.xxxxxxxx' beside the report for ever. The next write of the same path
    removes such a folder once its writer (on this host) is gone; a live writer's folder and folders that are
    not ours stay."""
    import signal
    import socket
    import subprocess
    import sys
    from pathlib import Path

    out = tmp_path / "rep"
    script = ("import sys, time\nfrom wordeval.atomic_write import atomic_directory\n"
              "with atomic_directory(sys.argv[1]) as tmp:\n    (tmp / 'report.md').write_text('half')\n"
              "    print(tmp, flush=True)\n    time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(out)], stdout=subprocess.PIPE, text=True)
    left = Path(proc.stdout.readline().strip())
    live = tmp_path / ".rep.alive123"  # another writer, still running: this process
    live.mkdir()
    (live / ".wordeval-writing").write_text(f"{socket.gethostname()} {os.getpid()}\n")
    foreign = tmp_path / ".rep.mine"
    foreign.mkdir()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert left.is_dir() and (left / "report.md").read_text() == "half"
    with atomic_directory(out) as tmp:
        (tmp / "report.md").write_text("whole")
    assert not left.exists() and live.is_dir() and foreign.is_dir()
    assert sorted(p.name for p in out.iterdir()) == ["report.md"]


def test_files_written_atomically_have_the_usual_mode(tmp_path):
    """mkstemp's 0600 made a report's files and a shared cache's files private to their writer."""
    from wordeval.atomic_write import atomic_write_text, current_umask

    mask = os.umask(0o022)
    os.umask(mask)
    assert current_umask() == mask
    path = atomic_write_text(tmp_path / "report.md", "x")
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_between_the_two_renames_keeps_a_whole_folder(tmp_path, monkeypatch, signum):
    """The earlier report is moved aside, then the new one renamed in: a Ctrl-C (or SIGTERM, raised as an
    interrupt by the command line) that landed between the two removed the earlier folder with the new one,
    and 'an earlier output is as it was' left nothing at the path. The swap now finishes first."""
    target = tmp_path / "entry"
    with atomic_directory(target) as tmp:
        _write(tmp, "old")
    real_replace = os.replace

    def replace(src, dst):
        if os.fspath(dst) == os.fspath(target):  # the old folder is aside: the signal lands now
            os.kill(os.getpid(), signum)
        return real_replace(src, dst)

    def raise_interrupt(*_):
        raise KeyboardInterrupt

    # a process holds other threads (torch's, a run's heartbeat): a signal blocked in the main thread alone
    # is taken by one of them, and the main thread still runs the handler mid-swap
    other_thread = threading.Thread(target=threading.Event().wait, args=(5,), daemon=True)
    other_thread.start()
    monkeypatch.setattr(atomic_write.os, "replace", replace)
    previous = signal.signal(signum, raise_interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            with atomic_directory(target) as tmp:
                _write(tmp, "new")
    finally:
        signal.signal(signum, previous)
    assert (target / "data.txt").read_text() in ("old", "new")
    assert _leftovers(tmp_path, "entry") == []


def test_a_rename_that_fails_after_the_old_folder_was_moved_aside_puts_it_back(tmp_path, monkeypatch):
    target = tmp_path / "entry"
    with atomic_directory(target) as tmp:
        _write(tmp, "old")
    real_replace = os.replace

    def replace(src, dst):
        if os.fspath(dst) == os.fspath(target) and ".old-" not in os.fspath(src):
            raise PermissionError(errno.EACCES, "denied", os.fspath(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(atomic_write.os, "replace", replace)
    with pytest.raises(OutputError, match="permission denied"):
        with atomic_directory(target) as tmp:
            _write(tmp, "never placed")
    assert (target / "data.txt").read_text() == "old"
    assert _leftovers(tmp_path, "entry") == []
