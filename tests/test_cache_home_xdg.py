"""Where the cache goes without WORDEVAL_CACHE. A relative XDG_CACHE_HOME was taken as given, so each folder a
command ran in got a cache of its own (artifacts fetched again, the demo's store elsewhere); the XDG Base
Directory spec says such a value is invalid and is to be ignored."""
from __future__ import annotations

from pathlib import Path


def _env(monkeypatch, tmp_path, xdg):
    monkeypatch.delenv("WORDEVAL_CACHE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def test_an_absolute_xdg_cache_home_is_used(monkeypatch, tmp_path):
    from wordeval.paths import cache_home

    _env(monkeypatch, tmp_path, str(tmp_path / "xdg"))
    assert cache_home() == tmp_path / "xdg" / "wordeval"


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path):
    from wordeval.paths import cache_home

    work = _env(monkeypatch, tmp_path, "relcache")
    assert cache_home() == tmp_path / "home" / ".cache" / "wordeval"
    assert not (work / "relcache").exists()


def test_without_xdg_cache_home_the_home_cache(monkeypatch, tmp_path):
    from wordeval.paths import cache_home

    _env(monkeypatch, tmp_path, "")
    assert cache_home(create=False) == Path(tmp_path / "home" / ".cache" / "wordeval")


def test_a_blank_wordeval_cache_is_unset_not_a_folder_named_blank(monkeypatch, tmp_path):
    """WORDEVAL_CACHE=' ' (a shell line such as `WORDEVAL_CACHE=" $X"` with X unset) made a folder named ' ' in
    whatever folder the command ran in."""
    from wordeval.paths import cache_home

    work = _env(monkeypatch, tmp_path, None)
    for blank in (" ", "\t"):
        monkeypatch.setenv("WORDEVAL_CACHE", blank)
        assert cache_home() == tmp_path / "home" / ".cache" / "wordeval"
    assert list(work.iterdir()) == []
