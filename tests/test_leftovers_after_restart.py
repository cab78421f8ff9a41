"""A writer cut off by a restart of its host (a reboot, a lost node) left its writer-named temporaries
(``.NAME.wordeval-PID-HOST.*``) beside the path. After the restart its pid may name another process (pids
start again from 1): the sweep asked only whether that pid runs, took the leftovers for a live writer's and kept
them while that process lived, the earlier report that a swap had moved aside included (nothing at its path).
Pid 1 stands here for the pid another process took since, and the host's start is moved after the leftover, as
a restart since the cut would have it (as in tests/test_older_leftovers.py)."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import wordeval.older_leftovers as older
from wordeval import atomic_write
from wordeval.atomic_write import sweep_abandoned
from wordeval.output_paths import MARKER, write_marker

REUSED_PID = 1  # always running: the pid the cut writer had, given to another process after the restart


def _named_as(path: Path, pid: int, *, old: bool = False) -> str:
    prefix = atomic_write.writer_prefix(path, old=old)
    mine = f"wordeval-{os.getpid()}-"
    assert mine in prefix
    return prefix.replace(mine, f"wordeval-{pid}-") + "abcd1234"


def _earlier_report(folder: Path) -> Path:
    folder.mkdir()
    write_marker(folder, "report")
    (folder / "report.md").write_text("earlier", encoding="utf-8")
    return folder


@pytest.fixture
def restarted_since(monkeypatch, tmp_path):
    if not older.on_local_file_system(tmp_path):
        pytest.skip("the test folder is not on a local file system")
    monkeypatch.setattr(older, "host_started_at", lambda: time.time() + 60)


def test_an_earlier_report_moved_aside_before_a_restart_comes_back(tmp_path, restarted_since):
    target = tmp_path / "R"
    aside = _earlier_report(tmp_path / _named_as(target, REUSED_PID, old=True))
    sweep_abandoned(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R"]
    assert (target / "report.md").read_text(encoding="utf-8") == "earlier"
    assert not aside.exists()


def test_a_temporary_file_of_a_writer_cut_by_a_restart_goes(tmp_path, restarted_since):
    folder = tmp_path / "P"
    folder.mkdir()
    write_marker(folder, "predictions")
    target = folder / "a__b.tsv"
    (folder / (_named_as(target, REUSED_PID) + ".tmp")).write_text("half", encoding="utf-8")
    atomic_write.atomic_write_text(target, "whole\n")
    assert sorted(p.name for p in folder.iterdir()) == [MARKER, "a__b.tsv"]


def test_a_live_writers_temporary_written_since_the_restart_stays(tmp_path):
    # the host started long before it: the pid may well be its writer's, at work now
    target = tmp_path / "R"
    aside = _earlier_report(tmp_path / _named_as(target, REUSED_PID, old=True))
    sweep_abandoned(target)
    assert aside.is_dir() and not target.exists()
