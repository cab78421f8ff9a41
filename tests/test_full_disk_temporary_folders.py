"""A disk that fills up as a temporary folder is marked with its writer: the folder goes with the error. It
stayed (``.REPORT.wordeval-PID-HOST.*`` beside a report, ``.NAME.fetch-*`` in the data cache, this one holding
an empty mark that names no process, so no later download swept it) after the one-line 'disk is full' error."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tests._loopback import offline_switches_off
from wordeval.atomic_write import OWNER, atomic_directory
from wordeval.datasets.sources import download
from wordeval.errors import OutputError


@pytest.fixture
def full_disk_at_the_mark(monkeypatch):
    """The mark's file is created, and writing its line fails as a full disk fails it."""
    write_text = Path.write_text

    def full(self, *args, **kwargs):
        if self.name == OWNER:
            self.touch()
            raise OSError(errno.ENOSPC, "No space left on device")
        return write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full)


def test_a_report_folder_that_cannot_be_marked_leaves_nothing(tmp_path, full_disk_at_the_mark):
    with pytest.raises(OutputError, match="disk is full"):
        with atomic_directory(tmp_path / "report"):
            pass
    assert list(tmp_path.iterdir()) == []


def test_a_download_folder_that_cannot_be_marked_leaves_nothing(tmp_path, monkeypatch, full_disk_at_the_mark):
    offline_switches_off(monkeypatch)
    cache = tmp_path / "cache"
    with pytest.raises(OutputError, match="disk is full"):
        download("http://127.0.0.1:9/pairs.txt", sha256=None, dest=cache / "pairs.txt")
    assert list(cache.iterdir()) == []
