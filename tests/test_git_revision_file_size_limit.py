"""Asking git for the revision a record names must not write into the checkout. ``git status`` refreshes the
index and rewrites it under ``.git/index.lock``; under `ulimit -f` (here RLIMIT_FSIZE, in a real process)
below the index's size git died of SIGXFSZ (subprocess gives its children the default action back) and left
index.lock behind: every later git command in the user's checkout failed ('Unable to create index.lock: File
exists') after the wordeval run. git now runs without its optional locks (GIT_OPTIONAL_LOCKS=0)."""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time

import pytest

ASK = """import sys
import wordeval
from wordeval import provenance
wordeval.__file__ = sys.argv[1]
print(provenance.git_revision())
"""
LIMIT = 4096  # bytes: well below the index of the repository below


def _limited():
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


@pytest.mark.skipif(shutil.which("git") is None or sys.platform == "win32", reason="git and RLIMIT_FSIZE")
def test_the_revision_under_a_file_size_limit_leaves_the_index_unlocked(tmp_path):
    pkg = tmp_path / "wordeval"
    pkg.mkdir()
    for i in range(200):
        (pkg / f"m{i}.py").write_text(f"x = {i}\n")
    (pkg / "__init__.py").write_text("")
    git = ["git", "-C", str(tmp_path), "-c", "user.email=t@t", "-c", "user.name=t"]
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "c"]):
        subprocess.run(git + cmd, check=True, capture_output=True)
    head = subprocess.run(git + ["rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert (tmp_path / ".git" / "index").stat().st_size > 2 * LIMIT
    later = time.time() + 10  # same content, other stat data: the index is stale, and git status refreshes it
    for f in pkg.iterdir():
        os.utime(f, (later, later))

    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    r = subprocess.run([sys.executable, "-c", ASK, str(pkg / "__init__.py")], capture_output=True, text=True,
                       env=env, preexec_fn=_limited, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == head  # the content is the commit's: not dirty
    assert not (tmp_path / ".git" / "index.lock").exists()
    assert subprocess.run(git + ["status", "--porcelain"], capture_output=True, text=True).returncode == 0
