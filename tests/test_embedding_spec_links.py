"""The run's early check of an embedding spec decided "is it a file" with os.path.exists, the loader with
os.path.lexists: a link loop or a dangling link was called "no such embedding file, and not a registered
embedding id (unknown embedding ...; known: ...)" by intrinsic/extrinsic/run, while `info` and the loader
named the real cause. Oracle: the OS's own errno text (ELOOP) and FileNotFoundError wording."""
from __future__ import annotations

import errno
import os

import pytest

from wordeval.cli import main


@pytest.mark.parametrize("kind", ["loop", "dangling"])
def test_a_broken_link_is_named_for_what_it_is_before_anything_is_written(tmp_path, capsys, kind):
    link = tmp_path / "vectors.txt"
    os.symlink(link if kind == "loop" else tmp_path / "gone.txt", link)
    out = tmp_path / "out"
    assert main(["--quiet", "intrinsic", str(link), "--tasks", "similarity", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and str(link) in err
    assert "registered embedding id" not in err
    if kind == "loop":
        assert os.strerror(errno.ELOOP) in err
    else:
        assert "no such file or directory" in err
    assert not out.exists()
