"""The benchmark reports' revision line is read as the toolkit's records read theirs: git obeys GIT_DIR and
GIT_WORK_TREE over -C, so a benchmark run where one was set (inside a git hook, a shell that exported it)
named another repository's HEAD, or "+dirty" with another work tree's changed files."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _repos(tmp_path):
    heads = {}
    for name in ("checkout", "other"):
        root = tmp_path / name
        (root / "pkg").mkdir(parents=True)
        (root / "pkg" / "__init__.py").write_text(f"x = {name!r}\n")
        git = ["git", "-C", str(root), "-c", "user.email=t@t", "-c", "user.name=t"]
        for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", name]):
            subprocess.run(git + cmd, check=True, capture_output=True)
        heads[name] = subprocess.run(git + ["rev-parse", "--short=12", "HEAD"], capture_output=True,
                                     text=True).stdout.strip()
    assert heads["checkout"] != heads["other"]
    return heads


@pytest.mark.parametrize("variable", ["GIT_DIR", "GIT_WORK_TREE"])
def test_the_benchmark_revision_ignores_git_variables_of_the_environment(tmp_path, monkeypatch, variable):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    heads = _repos(tmp_path)
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import harness
    monkeypatch.setattr(harness, "ROOT", tmp_path / "checkout")
    other = tmp_path / "other"
    monkeypatch.setenv(variable, str(other / ".git" if variable == "GIT_DIR" else other))
    # the checkout is clean at its own HEAD: nothing changed, and the revision is that HEAD
    assert harness.changed_files() == []
    assert harness.git_revision() == heads["checkout"]
