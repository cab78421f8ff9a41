"""A command whose working directory was removed after it started (a scratch folder cleaned up under a job): the
run with absolute paths was a traceback (FileNotFoundError from the check of --out against the current
directory), and a relative --out, --data-home or spec file the same. The run with absolute paths now runs and
records no working directory; a relative path is one line saying the directory is gone, exit 2."""
from __future__ import annotations

import json
import sqlite3
import sys

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a removed cwd is a POSIX case")


@pytest.fixture
def removed_cwd(tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()


def test_absolute_paths_run_and_record_no_working_directory(tmp_path, capsys, removed_cwd):
    vectors, spec = write_small_task(tmp_path)
    store = tmp_path / "store"
    assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(store)]) == 0
    with sqlite3.connect(store / "results.sqlite") as db:
        record = json.loads(db.execute("SELECT json FROM records").fetchone()[0])
    assert record["run"]["cwd"] is None
    assert main(["report", str(store), "--out", str(tmp_path / "rep"), "--n-boot", "10"]) == 0


@pytest.mark.parametrize("which", ["--out", "--data-home", "spec"])
def test_a_relative_path_is_one_line(tmp_path, capsys, removed_cwd, which):
    vectors, spec = write_small_task(tmp_path)
    argv = ["run", f"A={vectors}", "--tasks", "t.toml" if which == "spec" else str(spec),
            "--out", "s" if which == "--out" else str(tmp_path / "store")]
    if which == "--data-home":
        argv += ["--data-home", "d"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a relative path, but the current directory has been removed" in err
    assert not (tmp_path / "store").exists()


def test_local_workers_are_refused_before_the_store(tmp_path, capsys, removed_cwd):
    """Dask's local worker processes start in the working directory: --workers from a removed one was a
    traceback ('Nanny failed to start') after the store had been created."""
    pytest.importorskip("distributed")
    vectors, spec = write_small_task(tmp_path)
    assert main(["run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "store"), "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert err == ("wordeval: error: --workers: the working directory has been removed, and the local workers are "
                   "processes started in it; run from an existing directory\n")
    assert not (tmp_path / "store").exists()
