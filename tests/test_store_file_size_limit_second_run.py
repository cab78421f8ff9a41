"""Under `ulimit -f 16` (here RLIMIT_FSIZE) a first run fails naming the limit and leaves a store whose -shm the
limit cut at 16 KiB. A second run under the same limit was told 'results.sqlite exists and SQLite cannot read it
(disk I/O error: a store damaged or cut short ...); name a new folder': SQLite cannot grow the -shm it reads a
WAL store through, and the sound store was blamed. It now names the limit and says the same command resumes,
which it does once the limit is raised."""
from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

LIMIT = 16 * 1024  # bytes: below the 32 KiB a WAL store's -shm grows to


def _run(tmp_path, limited: bool):
    vectors = tmp_path / "v.txt"
    vectors.write_text("cat 0.1 0.2\ndog 0.1 0.3\n", encoding="utf-8")
    (tmp_path / "p.tsv").write_text("cat\tdog\t7\ncat\tcat\t10\n", encoding="utf-8")
    (tmp_path / "p.toml").write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "p.tsv"\n')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "wordeval", "-q", "intrinsic", str(vectors), "--tasks",
                           str(tmp_path / "p.toml"), "--out", str(tmp_path / "S")],
                          capture_output=True, text=True, env=env, timeout=120,
                          preexec_fn=(lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT)))
                          if limited else None)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_second_run_under_the_limit_names_it_and_says_to_resume(tmp_path):
    first = _run(tmp_path, limited=True)
    assert first.returncode == 2 and "ulimit -f" in first.stderr, first.stderr
    second = _run(tmp_path, limited=True)
    assert second.returncode == 2 and "Traceback" not in second.stderr, second.stderr
    (line,) = second.stderr.splitlines()
    assert line == (f"wordeval: error: --out {tmp_path / 'S'}: results.sqlite cannot be read (disk I/O error: the "
                    f"file-size limit (ulimit -f) of {LIMIT:,} bytes was reached); raise the limit, then run the "
                    f"same command again to resume"), line
    third = _run(tmp_path, limited=False)  # the advice holds: the store was sound
    assert third.returncode == 0, third.stderr
