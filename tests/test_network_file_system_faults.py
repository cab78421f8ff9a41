"""A rename or write that a network file system fails (EIO, ESTALE, EBUSY) ended a report with a traceback and
'this is a bug in wordeval'; it is the machine's error, as a full disk is: one line naming the output, exit 2,
and neither the report nor a temporary left behind. The failure is injected with monkeypatch."""
from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

import wordeval.atomic_write as atomic_write
from wordeval.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from _small_task import write_small_task  # noqa: E402


@pytest.mark.parametrize("code", [errno.EIO, errno.ESTALE, errno.EBUSY])
def test_a_rename_the_file_system_fails_is_one_line_exit_2(tmp_path, monkeypatch, capsys, code):
    monkeypatch.chdir(tmp_path)
    vectors, spec = write_small_task(tmp_path)
    assert main(["run", f"mine={vectors.name}", "--tasks", spec.name, "--out", "store"]) == 0
    before = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()

    def replace(src, dst):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic_write.os, "replace", replace)
    assert main(["report", "store", "--out", "rep"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rep: cannot write" in err and os.strerror(code) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before
