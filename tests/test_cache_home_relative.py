"""A relative WORDEVAL_CACHE was resolved against whatever folder each command ran in: a `cd` gave another cache
(artifacts fetched and models trained again), as a relative XDG_CACHE_HOME did. It is refused, one line naming
the variable and the absolute path meant, exit 2, before anything is written."""
from __future__ import annotations

import os

import pytest

from wordeval.cli import main
from tests._small_task import write_small_task


@pytest.mark.parametrize("command", ["run", "info", "datasets"])
def test_a_relative_wordeval_cache_is_refused_in_one_line(monkeypatch, tmp_path, capsys, command):
    vectors, spec = write_small_task(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("WORDEVAL_CACHE", "relcache")
    argv = {"run": ["run", f"A={vectors}", "--tasks", str(spec), "--out", str(tmp_path / "out")],
            "info": ["info", str(vectors)], "datasets": ["datasets", "list"]}[command]
    assert main(["--quiet", *argv]) == 2
    err = capsys.readouterr().err
    assert err == (f"wordeval: error: WORDEVAL_CACHE='relcache': expected an absolute path (a relative one names "
                   f"another cache in each folder a command runs in), e.g. WORDEVAL_CACHE={work / 'relcache'}\n")
    assert os.listdir(work) == [] and not (tmp_path / "out").exists()


def test_an_absolute_or_home_wordeval_cache_is_taken(monkeypatch, tmp_path):
    from wordeval.paths import cache_home

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WORDEVAL_CACHE", "~/c")
    assert cache_home(create=False) == tmp_path / "home" / "c"
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "abs"))
    assert cache_home(create=False) == tmp_path / "abs"
