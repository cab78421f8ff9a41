"""A home that cannot be written (a service account, a cluster's read-only home): every `wordeval report`
printed matplotlib's two warnings ("mkdir -p failed for path ~/.config/matplotlib", "... set the MPLCONFIGDIR
environment variable") and rebuilt matplotlib's font cache in a temporary folder each time. matplotlib now
gets ``matplotlib/`` in wordeval's cache folder there, and only there: a user's MPLCONFIGDIR stays theirs,
and a writable home keeps matplotlib's own folders.

Root can write anywhere, so the unwritable home is a path below a regular file: mkdir fails for root too."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests._records import small_store

ROOT = Path(__file__).resolve().parent.parent


def _env(tmp_path, home, **extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "MATPLOTLIBRC")}
    env.update(HOME=str(home), WORDEVAL_CACHE=str(tmp_path / "cache"), PYTHONPATH=str(ROOT), **extra)
    return env


def _unwritable_home(tmp_path) -> Path:
    (tmp_path / "a-file").write_text("not a folder\n")
    return tmp_path / "a-file" / "home"


def _report(tmp_path, env, out):
    return subprocess.run([sys.executable, "-m", "wordeval", "report", str(tmp_path / "store"), "--out", out],
                          env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)


def test_report_with_an_unwritable_home_says_nothing_of_matplotlib_and_keeps_its_font_cache(tmp_path):
    small_store(tmp_path / "store")
    env = _env(tmp_path, _unwritable_home(tmp_path))
    first = _report(tmp_path, env, "rep1")
    assert first.returncode == 0, first.stderr[-3000:]
    for said in ("mkdir -p failed", "MPLCONFIGDIR", "temporary cache directory", "not a writable directory"):
        assert said not in first.stderr, first.stderr
    fonts = list((tmp_path / "cache" / "matplotlib").glob("fontlist-*.json"))
    assert len(fonts) == 1, sorted(p.name for p in (tmp_path / "cache").rglob("*"))
    stamp = fonts[0].stat().st_mtime_ns

    second = _report(tmp_path, env, "rep2")
    assert second.returncode == 0, second.stderr[-3000:]
    assert "MPLCONFIGDIR" not in second.stderr and "mkdir -p failed" not in second.stderr, second.stderr
    assert fonts[0].stat().st_mtime_ns == stamp  # the font cache was read, not built again
    assert (tmp_path / "rep2" / "figures").is_dir()


_PROBE = """
import json, os
import wordeval.report.plots  # importing wordeval touches no environment: only drawing does
before = os.environ.get("MPLCONFIGDIR")
from wordeval.report.matplotlib_dirs import import_matplotlib
import_matplotlib()
import matplotlib
print(json.dumps([before, os.environ.get("MPLCONFIGDIR"), matplotlib.get_cachedir()]))
"""


@pytest.mark.parametrize("case", ["unwritable home", "unwritable home, MPLCONFIGDIR set", "writable home"])
def test_matplotlib_gets_wordevals_cache_only_where_its_own_folders_cannot_be_written(case, tmp_path):
    home = _unwritable_home(tmp_path) if case.startswith("unwritable") else tmp_path / "home"
    extra = {"MPLCONFIGDIR": str(tmp_path / "mine")} if "MPLCONFIGDIR" in case else {}
    res = subprocess.run([sys.executable, "-c", _PROBE], env=_env(tmp_path, home, **extra),
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "MPLCONFIGDIR" not in res.stderr and "mkdir -p failed" not in res.stderr, res.stderr
    before, after, cache = json.loads(res.stdout.strip().splitlines()[-1])
    expected = {"unwritable home": str(tmp_path / "cache" / "matplotlib"),
                "unwritable home, MPLCONFIGDIR set": str(tmp_path / "mine"),
                "writable home": None}[case]
    assert before == extra.get("MPLCONFIGDIR") and after == expected
    assert Path(cache) == (Path(expected) if expected else home / ".cache" / "matplotlib").resolve()
    if expected != str(tmp_path / "cache" / "matplotlib"):
        assert not (tmp_path / "cache" / "matplotlib").exists()
