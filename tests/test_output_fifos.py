"""A FIFO where an output is checked (`mkfifo f.sqlite`, or a store folder's results.sqlite or marker made by
mkfifo) is refused in one line, exit 2: SQLite's open of it, or the marker's read, waited for a writer, and
`run --out f.sqlite` hung before any work, deaf to SIGTERM (Python retries the interrupted open)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests._small_task import write_small_task
from wordeval.output_paths import MARKER

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def _fifo_file(tmp_path):
    os.mkfifo(tmp_path / "f.sqlite")
    return "f.sqlite", "f.sqlite: exists and is not a wordeval result store; name a new file or folder"


def _fifo_in_store_folder(tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / MARKER).write_text(json.dumps({"kind": "store"}) + "\n")
    os.mkfifo(tmp_path / "s" / "results.sqlite")
    return "s", "s: results.sqlite exists and is not a wordeval result store; name a new folder"


def _fifo_marker(tmp_path):
    (tmp_path / "m").mkdir()
    os.mkfifo(tmp_path / "m" / MARKER)
    return "m", (f"m: exists and holds files wordeval did not write (its {MARKER} is not one wordeval wrote); name "
                 f"a new or empty folder")


def _fifo_legacy_store(tmp_path):
    (tmp_path / "l").mkdir()
    os.mkfifo(tmp_path / "l" / "results.sqlite")
    os.mkfifo(tmp_path / "l" / "x.sqlite")
    return "l", f"l: exists and holds files wordeval did not write (no {MARKER} marker); name a new or empty folder"


@pytest.mark.parametrize("make", [_fifo_file, _fifo_in_store_folder, _fifo_marker, _fifo_legacy_store])
def test_a_fifo_at_the_output_is_refused_without_being_opened(tmp_path, make):
    vectors, spec = write_small_task(tmp_path)
    out, said = make(tmp_path)
    before = sorted(os.listdir(tmp_path / out)) if (tmp_path / out).is_dir() else None
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-m", "wordeval", "--quiet", "run", str(vectors), "--tasks", str(spec),
                           "--out", out], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert (done.returncode, done.stderr) == (2, f"wordeval: error: --out {said}\n")
    assert (sorted(os.listdir(tmp_path / out)) if (tmp_path / out).is_dir() else None) == before
