"""What a writer killed outright (SIGKILL, a lost node) leaves beside the path it wrote: a single file's
temporary name, or a folder swap cut between its two renames (the earlier folder aside, nothing at the path).
The next write of that path recovers: the earlier folder back, or the temporaries gone, and nothing else.
Each kill is fault injection in a child process at a fixed step (the rename that would have completed it)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wordeval.atomic_write import atomic_directory, atomic_write_text, sweep_abandoned, writer_prefix
from wordeval.output_paths import check_output, write_marker

ROOT = Path(__file__).resolve().parent.parent

KILLED = """
import os, shutil, signal, sys
from pathlib import Path
import wordeval.atomic_write as aw

target, step = Path(sys.argv[1]), sys.argv[2]
real_replace, real_rmtree = os.replace, shutil.rmtree

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def replace(src, dst):
    moving_aside = os.fspath(src) == os.fspath(target)
    if step == "file" and os.fspath(dst) == os.fspath(target):
        die()  # the temporary file written, not yet renamed
    if step == "between renames" and os.fspath(dst) == os.fspath(target) and not moving_aside:
        die()  # the earlier folder aside, the new one not yet in place
    return real_replace(src, dst)

def rmtree(path, *args, **kwargs):
    if step == "removing the old" and ".old" in Path(path).name:
        die()  # the new folder in place, the earlier one not yet removed
    return real_rmtree(path, *args, **kwargs)

aw.os.replace = replace
aw.shutil.rmtree = rmtree
if step == "file":
    aw.atomic_write_text(target, "new\\n")
else:
    with aw.atomic_directory(target) as tmp:
        (tmp / "data.txt").write_text("new", encoding="utf-8")
"""


def _killed_writing(target: Path, step: str) -> None:
    res = subprocess.run([sys.executable, "-c", KILLED, str(target), step], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert res.returncode == -9, res.stderr


def _siblings(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name != target.name)


def test_a_killed_file_writes_temporary_is_swept_by_the_next_write_and_nothing_else(tmp_path):
    target = tmp_path / "key.json"
    atomic_write_text(target, "old\n")
    _killed_writing(target, "file")
    left = _siblings(target)
    assert len(left) == 1 and left[0].startswith(f".{target.name}.wordeval-"), left
    live = tmp_path / f"{writer_prefix(target)}live.tmp"  # this process's: a write in progress
    live.write_text("")
    other_host = tmp_path / f".{target.name}.wordeval-1-00000000.abc.tmp"
    other_host.write_text("")
    users = tmp_path / f".{target.name}.mine.tmp"
    users.write_text("")
    atomic_write_text(target, "newer\n")
    assert target.read_text() == "newer\n"
    assert _siblings(target) == sorted([live.name, other_host.name, users.name])


def test_a_killed_writers_temporary_does_not_stop_force_on_a_predictions_folder(tmp_path):
    folder = tmp_path / "pred"
    folder.mkdir()
    write_marker(folder, "predictions")
    written = folder / "pos__mine__seed0__cfg0123abcd.tsv"
    atomic_write_text(written, "a\tDET\tDET\n")
    _killed_writing(written, "file")
    assert check_output(folder, "report", force=True) == folder.resolve()
    atomic_write_text(written, "b\tDET\tDET\n")
    assert sorted(p.name for p in folder.iterdir()) == [".wordeval-output", written.name]


@pytest.mark.parametrize("step,kept", [("between renames", "old"), ("removing the old", "new")])
def test_a_folder_swap_cut_by_a_kill_is_recovered_by_the_next_write(tmp_path, step, kept):
    target = tmp_path / "entry"
    with atomic_directory(target) as tmp:
        (tmp / "data.txt").write_text("old", encoding="utf-8")
    _killed_writing(target, step)
    assert _siblings(target), "the kill left nothing to recover"
    sweep_abandoned(target)  # what every write of the path does first
    assert (target / "data.txt").read_text() == kept
    assert _siblings(target) == []
    with atomic_directory(target) as tmp:
        (tmp / "data.txt").write_text("newer", encoding="utf-8")
    assert (target / "data.txt").read_text() == "newer" and _siblings(target) == []

