"""An --out whose folder the file system will not create, though os.access says it may (root everywhere, anyone
on /proc and /sys): `report --out /proc/x` was a traceback (FileNotFoundError, exit 1) after the report was
computed, `run`/`intrinsic` the same once the store was opened, and `demo --out /proc/x` ran the whole demo
first. Each is now one line naming the option, the path and the folder that takes no new entry, exit 2,
before any work; a path under a regular file is said as such."""
from __future__ import annotations

import os
import sys

import pytest

from wordeval.cli import main
from tests._small_task import write_small_task

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or not os.path.isdir("/proc/self"),
                                reason="needs Linux's /proc")


def _argv(command: str, tmp_path, out: str) -> list[str]:
    vectors, spec = write_small_task(tmp_path)
    if command == "report":
        store = tmp_path / "store"
        assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(store)]) == 0
        return ["report", str(store), "--out", out, "--n-boot", "10"]
    if command == "predictions":
        return ["run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "o"), "--save-predictions", out]
    return [command, f"A={vectors}", "--tasks", str(spec), "--out", out]


@pytest.mark.parametrize("command", ["report", "run", "intrinsic", "predictions"])
@pytest.mark.parametrize("out, parent", [("/proc/x", "/proc"), ("/proc/x/y", "/proc")])
def test_an_output_the_file_system_will_not_create_is_one_line(tmp_path, capsys, command, out, parent):
    argv = _argv(command, tmp_path, out)
    capsys.readouterr()
    assert main(["--quiet", *argv]) == 2
    captured = capsys.readouterr()
    option = "--save-predictions" if command == "predictions" else "--out"
    assert captured.err.startswith(f"wordeval: error: {option} {out}: cannot create it: {parent} "), captured.err
    assert captured.err.count("\n") == 1 and captured.out == ""
    assert not (tmp_path / "o").exists()


def test_an_output_under_a_regular_file_is_one_line(tmp_path, capsys):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    argv = _argv("report", tmp_path, str(tmp_path / "f" / "x"))
    capsys.readouterr()
    assert main(["--quiet", *argv]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: --out {tmp_path / 'f' / 'x'}: cannot create it: "
                                       f"{tmp_path / 'f'} is a file, not a folder\n")
