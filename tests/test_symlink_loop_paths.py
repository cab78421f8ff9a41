"""A path given on the command line that is a symbolic link loop (a -> b -> a, or a folder under one): --out,
--save-predictions, report's --out, --data-home (or WORDEVAL_DATA) and a task spec file were each a traceback
(Python before 3.13: Path.resolve() raises RuntimeError "Symlink loop") asking to report a bug. Each is one line
naming the path and what it was given as, exit 2, nothing written."""
from __future__ import annotations

import os

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main


def _loop_named(folder, first, second):
    (folder / first).symlink_to(folder / second)
    (folder / second).symlink_to(folder / first)
    return folder / first


def _loop(folder):
    return _loop_named(folder, "loop-a", "loop-b")


@pytest.mark.parametrize("where", ["out", "out-inside", "predictions", "report", "data-home", "variable", "spec"])
def test_a_symlink_loop_is_one_line_naming_it(tmp_path, capsys, monkeypatch, where):
    vectors, spec = write_small_task(tmp_path)
    loop = _loop(tmp_path)
    store = tmp_path / "store"
    run = ["run", f"A={vectors}", "--tasks", str(spec), "--out", str(store)]
    if where == "report":
        assert main(["--quiet", *run]) == 0
        capsys.readouterr()
    argv, named, given_as = {
        "out": (run[:-1] + [str(loop)], loop, "--out"),
        "out-inside": (run[:-1] + [str(loop / "s")], loop / "s", "--out"),
        "predictions": (run + ["--save-predictions", str(loop)], loop, "--save-predictions"),
        "report": (["report", str(store), "--out", str(loop), "--n-boot", "10"], loop, "--out"),
        "data-home": (run + ["--data-home", str(loop)], loop, "data home (--data-home)"),
        "variable": (run, loop, "data home (WORDEVAL_DATA)"),
        "spec": (["run", f"A={vectors}", "--tasks", str(tmp_path / "loop-a.toml"), "--out", str(store)],
                 tmp_path / "loop-a.toml", "task spec file"),
    }[where]
    if where == "variable":
        monkeypatch.setenv("WORDEVAL_DATA", str(loop))
    if where == "spec":
        _loop_named(tmp_path, "loop-a.toml", "loop-b.toml")
    before = sorted(os.listdir(tmp_path))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: {named}: {given_as} is a symbolic link loop (too many levels of symbolic "
                   f"links); point it at a real path\n")
    assert sorted(os.listdir(tmp_path)) == before


def test_a_symlink_loop_given_to_report_as_its_input_is_one_line(tmp_path, capsys):
    """report LOOP --out R: the check that R is not its input resolved LOOP by hand, a traceback."""
    loop = _loop(tmp_path)
    before = sorted(os.listdir(tmp_path))
    assert main(["report", str(loop), "--out", str(tmp_path / "rep"), "--n-boot", "10"]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: {loop}: input is a symbolic link loop (too many levels of symbolic links); "
                   f"point it at a real path\n")
    assert sorted(os.listdir(tmp_path)) == before
