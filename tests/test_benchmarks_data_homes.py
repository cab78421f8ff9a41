"""The benchmark scripts read WORDEVAL_DATA as wordeval does: an os.pathsep-separated list of data homes, not one
folder (README, "Environment variables"). They took the whole value for one path, so WORDEVAL_DATA=A:B, which
every wordeval command accepts, made `bench_large.py --smoke` fail on a folder named "A:B"."""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.test_benchmarks_smoke import _cache_sharing_artifacts

ROOT = Path(__file__).resolve().parent.parent


def _harness(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import harness
    return harness


def _parser(harness):
    parser = argparse.ArgumentParser()
    harness.data_home_argument(parser, "folder")
    return parser


def test_default_is_the_homes_wordeval_reads(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    monkeypatch.setenv("WORDEVAL_DATA", f"{a}{os.pathsep}{b}")
    harness = _harness(monkeypatch)
    homes = _parser(harness).parse_args([]).data_home
    from wordeval.paths import data_homes  # the oracle: the toolkit's own reading of the variable
    assert [Path(h).resolve() for h in homes] == data_homes() == [a.resolve(), b.resolve()]
    # passed on to a wordeval command as one --data-home each
    assert harness.data_home_cli(homes) == ["--data-home", str(a), "--data-home", str(b)]


def test_data_home_options_replace_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_DATA", f"x{os.pathsep}y")
    parser = _parser(_harness(monkeypatch))
    assert parser.parse_args(["--data-home", "c"]).data_home == ["c"]
    assert parser.parse_args(["--data-home", "c", "--data-home", "d"]).data_home == ["c", "d"]
    monkeypatch.setenv("WORDEVAL_DATA", "")
    assert _parser(_harness(monkeypatch)).parse_args([]).data_home == []


def test_no_script_reads_the_variable_itself():
    # one reading of the variable (wordeval.paths, through the harness), not a copy per script
    for script in sorted((ROOT / "benchmarks").glob("*.py")):
        assert not re.search(r"environ(\.get\(|\[)\s*['\"]WORDEVAL_DATA", script.read_text()), script.name


def test_smoke_run_with_two_data_homes(tmp_path):
    extra = tmp_path / "extra"
    extra.mkdir()
    data = os.environ.get("WORDEVAL_DATA", "").split(os.pathsep)[0] or str(tmp_path / "none")
    Path(data).mkdir(exist_ok=True)
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_large.py"), "--smoke",
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=600, cwd=tmp_path,
                          env={**os.environ, "WORDEVAL_DATA": f"{data}{os.pathsep}{extra}",
                               "WORDEVAL_CACHE": str(_cache_sharing_artifacts(tmp_path))})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / "large.md").is_file()
