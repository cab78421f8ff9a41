"""The benchmark reports' revision line is read as the toolkit's records read theirs: git obeys GIT_DIR and
GIT_WORK_TREE over -C, so a benchmark run where one was set (inside a git hook, a shell that exported it)
named another repository's HEAD, or "+dirty" with another work tree's changed files."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests._git_repos import two_repositories

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("variable", ["GIT_DIR", "GIT_WORK_TREE"])
def test_the_benchmark_revision_ignores_git_variables_of_the_environment(tmp_path, monkeypatch, variable):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    heads = two_repositories(tmp_path, "pkg", short=True)
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import harness
    monkeypatch.setattr(harness, "ROOT", tmp_path / "checkout")
    other = tmp_path / "other"
    monkeypatch.setenv(variable, str(other / ".git" if variable == "GIT_DIR" else other))
    # the checkout is clean at its own HEAD: nothing changed, and the revision is that HEAD
    assert harness.changed_files() == []
    assert harness.git_revision() == heads["checkout"]
