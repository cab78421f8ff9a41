"""atomic_directory: a folder appears whole or not at all, also when another process places the same path."""
from __future__ import annotations

import errno
import os

import pytest

from wordeval import atomic_write
from wordeval.atomic_write import atomic_directory
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


def test_other_process_places_the_folder_before_the_rename(tmp_path, monkeypatch):
    """The path is free at the check and taken at the rename (os.replace onto a non-empty folder fails): the
    other process's folder is moved aside and this one placed, without an error or leftovers."""
    target = tmp_path / "entry"
    real = os.replace
    raced = []

    def replace(src, dst):
        if os.fspath(dst) == os.fspath(target) and not raced:
            raced.append(True)
            target.mkdir()
            _write(target, "other process")
        return real(src, dst)

    monkeypatch.setattr(atomic_write.os, "replace", replace)
    with atomic_directory(target) as tmp:
        _write(tmp, "this process")
    assert raced and (target / "data.txt").read_text() == "this process"
    assert _leftovers(tmp_path, "entry") == []


def test_other_process_moves_the_old_folder_aside_first(tmp_path, monkeypatch):
    target = tmp_path / "entry"
    with atomic_directory(target) as tmp:
        _write(tmp, "old")
    real = os.replace
    raced = []

    def replace(src, dst):
        if os.fspath(src) == os.fspath(target) and not raced:  # the other process takes it away first
            raced.append(True)
            aside = tmp_path / ".other-old"
            real(target, aside)
            for p in aside.iterdir():
                p.unlink()
            aside.rmdir()
        return real(src, dst)

    monkeypatch.setattr(atomic_write.os, "replace", replace)
    with atomic_directory(target) as tmp:
        _write(tmp, "new")
    assert raced and (target / "data.txt").read_text() == "new"
    assert _leftovers(tmp_path, "entry") == []


def test_a_rename_that_fails_for_another_reason_still_fails(tmp_path, monkeypatch):
    target = tmp_path / "entry"

    def replace(src, dst):
        raise PermissionError(errno.EACCES, "denied", os.fspath(dst))

    monkeypatch.setattr(atomic_write.os, "replace", replace)
    with pytest.raises(OutputError, match="permission denied"):
        with atomic_directory(target) as tmp:
            _write(tmp, "never placed")
    assert not target.exists() and _leftovers(tmp_path, "entry") == []
