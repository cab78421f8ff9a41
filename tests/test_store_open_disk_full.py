"""A store whose disk fills while it is created (here RLIMIT_FSIZE, as `ulimit -f` or `prlimit --fsize` sets
it): the one-line error told the run to 'free space or open it read-only' (a run cannot write read-only) and
not that the same command resumes; the folder it leaves is completed by that command once there is room."""
from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

from wordeval.results.store import ResultStore

OPEN = """import sys
from wordeval.errors import OutputError
from wordeval.results.store import ResultStore
try:
    ResultStore(sys.argv[1]).close()
except OutputError as exc:
    print(exc)
    sys.exit(2)
"""


def _small_files():
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_store_created_on_a_full_disk_says_to_free_space_and_run_again(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    r = subprocess.run([sys.executable, "-c", OPEN, str(tmp_path / "s")], capture_output=True, text=True,
                       env=env, preexec_fn=_small_files, timeout=120)
    assert r.returncode == 2, r.stderr
    line = r.stdout.strip()
    assert "\n" not in line
    assert line.startswith(f"{tmp_path / 's' / 'results.sqlite'}: cannot open the result store for writing")
    assert "run the same command again" in line and "open it read-only" not in line
    # the file-size limit, not the disk, refused the write: raising it is what lets the run resume
    assert "the file-size limit (ulimit -f) of 8,192 bytes was reached: raise it" in line
    assert "free disk space" not in line
    with ResultStore(tmp_path / "s") as store:  # with room again: the folder left behind is resumed
        assert len(store) == 0
