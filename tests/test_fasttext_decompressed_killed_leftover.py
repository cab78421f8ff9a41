"""A compressed fastText .bin is decompressed into the temporary folder for gensim's reader. A load killed
outright there (SIGKILL, the OOM killer: a full model is several GB) left ``wordeval-fasttext-XXXXXXXX/``
with the whole decompressed model in it for good. It is now a folder that names its process, and the next
such load on the host removes it once that process is gone. The load is killed by itself right after the
decompression (fault injection, not timing); the oracle is the listing of TMPDIR."""
from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOAD = """
import os, signal, sys
from wordeval.embeddings import fasttext

def read(plain, **kwargs):
    if sys.argv[2] == "kill":
        os.kill(os.getpid(), signal.SIGKILL)  # the decompressed model is on disk: no exit handler runs
    raise SystemExit(0)  # the model's own reading is not what is tested here

fasttext._load_plain = read
fasttext.load_fasttext_bin(sys.argv[1])
"""


def _load(tmp_path, model: Path, how: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path / "tmp")}
    return subprocess.run([sys.executable, "-c", LOAD, str(model), how], capture_output=True, text=True,
                          env=env, timeout=60)


def test_a_killed_loads_decompressed_model_is_removed_by_the_next_load(tmp_path):
    (tmp_path / "tmp").mkdir()
    model = tmp_path / "model.bin.gz"
    model.write_bytes(gzip.compress(b"\x00" * 4096))
    killed = _load(tmp_path, model, "kill")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert len(os.listdir(tmp_path / "tmp")) == 1  # the killed load's folder, the model in it

    again = _load(tmp_path, model, "read")
    assert again.returncode == 0, again.stderr
    assert os.listdir(tmp_path / "tmp") == []  # was wordeval-fasttext-XXXXXXXX/model.bin, kept for good
