"""A record names the commit that computed it, and says when the package code differed from that commit."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests._git_repos import two_repositories
from wordeval import provenance

ROOT = Path(provenance.__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
def test_git_revision_is_head_and_dirty_exactly_when_package_code_changed():
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    changed = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "--",
                              "wordeval"], capture_output=True, text=True).stdout.strip()
    provenance.git_revision.cache_clear()
    assert provenance.git_revision() == head + ("+dirty" if changed else "")


def test_a_modified_package_file_makes_the_revision_dirty(tmp_path, monkeypatch):
    """In a throwaway repository laid out like a checkout: clean, then one package file edited."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pkg = tmp_path / "wordeval"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("x = 1\n")
    (tmp_path / "notes.md").write_text("n\n")
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@t", "-c", "user.name=t"]
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "c"]):
        subprocess.run(git + cmd, check=True, capture_output=True)
    head = subprocess.run(git + ["rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    monkeypatch.setattr(provenance.wordeval, "__file__", str(pkg / "__init__.py"))
    provenance.git_revision.cache_clear()
    assert provenance.git_revision() == head
    (tmp_path / "notes.md").write_text("edited\n")  # outside the package: results unchanged
    provenance.git_revision.cache_clear()
    assert provenance.git_revision() == head
    (pkg / "__init__.py").write_text("x = 2\n")
    provenance.git_revision.cache_clear()
    assert provenance.git_revision() == head + "+dirty"
    provenance.git_revision.cache_clear()


@pytest.mark.parametrize("variable", ["GIT_DIR", "GIT_WORK_TREE"])
def test_git_variables_of_the_environment_do_not_name_another_repository(tmp_path, monkeypatch, variable):
    """A run started where GIT_DIR or GIT_WORK_TREE is set (inside a git hook, or a shell that exported it):
    git obeys them over -C, and the record named the other repository's HEAD (GIT_DIR) or "+dirty" from the
    files of the other work tree (GIT_WORK_TREE), not the commit that computed it."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repos = two_repositories(tmp_path, "wordeval")
    other = tmp_path / "other"
    monkeypatch.setenv(variable, str(other / ".git" if variable == "GIT_DIR" else other))
    monkeypatch.setattr(provenance.wordeval, "__file__", str(tmp_path / "checkout" / "wordeval" / "__init__.py"))
    provenance.git_revision.cache_clear()
    try:
        assert provenance.git_revision() == repos["checkout"]
    finally:
        provenance.git_revision.cache_clear()
