"""Under LC_ALL=C with PYTHONUTF8=0 (an ASCII file system encoding) a store in a folder with a non-ASCII name
('out_é/') was a UnicodeEncodeError traceback (exit 1) as the run registered: the store file's (device, inode)
was taken with os.stat on the name SQLite gives back, UTF-8 text, which that locale cannot encode. Oracle: the
run computes its one cell (exit 0), and the same command again finds it stored, as under a UTF-8 locale."""
from __future__ import annotations

import os
import subprocess
import sys

from tests._small_task import write_small_task


def _c_locale() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "PYTHONIOENCODING")}
    return {**env, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def test_a_store_in_a_non_ascii_folder_under_the_c_locale(tmp_path):
    env = {**_c_locale(), "WORDEVAL_CACHE": str(tmp_path / "cache")}
    probe = subprocess.run([sys.executable, "-c", "import sys; print(sys.getfilesystemencoding())"], env=env,
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "ascii"  # the locale this is about
    vectors, spec = write_small_task(tmp_path)
    out = tmp_path / "out_é"
    argv = [sys.executable, "-m", "wordeval", "intrinsic", f"m={vectors}", "--tasks", str(spec), "--out", str(out)]
    first = subprocess.run(argv, env=env, capture_output=True, text=True, errors="replace", timeout=300)
    assert first.returncode == 0, first.stderr
    assert "1 computed, 0 already stored" in first.stderr
    again = subprocess.run(argv, env=env, capture_output=True, text=True, errors="replace", timeout=300)
    assert again.returncode == 0, again.stderr
    assert "0 computed, 1 already stored" in again.stderr
    status = subprocess.run([sys.executable, "-m", "wordeval", "status", str(out)], env=env, capture_output=True,
                            text=True, errors="replace", timeout=300)
    assert status.returncode == 0, status.stderr
