"""`datasets check PATH` (and `--tasks PATH`) with a folder, a FIFO or a device: one line saying what PATH is
and what goes there, exit 2; it was "unknown task" followed by every built-in name, as for a typo."""
from __future__ import annotations

import os

import pytest

from wordeval.cli import main
from wordeval.errors import ConfigError
from wordeval.tasks.task import get_task


def _bats_like(root):
    (root / "1_Inflectional_morphology").mkdir(parents=True)
    (root / "1_Inflectional_morphology" / "I01 [noun - plural_reg].txt").write_text("cat\tcats\ndog\tdogs\n")
    return root


@pytest.mark.parametrize("kind", ["plain folder", "analogy folder", "empty folder", "fifo", "device"])
def test_datasets_check_names_what_the_path_is(kind, tmp_path, capsys):
    if kind == "plain folder":
        path = tmp_path / "notes"
        path.mkdir()
        (path / "a.csv").write_text("x,y\n")
        expected = "a folder, not a task"
    elif kind == "analogy folder":
        path, expected = _bats_like(tmp_path / "BATS_3.0"), "a folder, not a task"
    elif kind == "empty folder":
        path, expected = tmp_path / "empty", "a folder, not a task"
        path.mkdir()
    elif kind == "fifo":
        path, expected = tmp_path / "pipe", "a FIFO/pipe, not a task"
        os.mkfifo(path)
    else:
        path, expected = "/dev/null", "a character device, not a task"
    assert main(["datasets", "check", str(path)]) == 2
    captured = capsys.readouterr()
    err = captured.err
    assert err.count("\n") == 1 and err.startswith(f"wordeval: error: {path}: {expected}")
    assert "Traceback" not in err and "unknown task" not in err and not captured.out
    assert "a task spec (a .toml file" in err and "analogy folder" in err
    with pytest.raises(ConfigError, match=expected):
        get_task(str(path))


def test_run_tasks_folder_refused_before_anything_is_written(tmp_path, capsys):
    out = tmp_path / "res"
    folder = _bats_like(tmp_path / "mine")
    assert main(["intrinsic", "glove-6b-50d", "--tasks", str(folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{folder}: a folder, not a task" in err
    assert not out.exists()

