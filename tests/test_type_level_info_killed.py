"""The type-level vector cache's ``info.json`` (what the encoder was: its name, model, dim) is written once,
beside ``vectors.npz``, and never again while it exists. It was written in place, so a run killed outright
(SIGKILL, the OOM killer) while writing it left it cut for good. Each child is killed in the middle of its
write, half of its bytes out (fault injection, not timing); the next run that adds words must leave a whole
info.json and no temporary beside it. The fake encoder of test_type_level_cache_faults computes its features
by hand: they are the oracle of the vectors."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.test_type_level_cache_faults import _Encoder, _features

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import builtins, io, os, signal, sys
from pathlib import Path

from tests.test_type_level_cache_faults import _Encoder
from wordeval.embeddings.bert_types import BertTypeVectors

cache_home, words, cut = Path(sys.argv[1]), sys.argv[2].split(","), sys.argv[3] == "cut"
real_open = builtins.open


class _DiesHalfway:
    def __init__(self, fh):
        self.fh = fh

    def write(self, data):
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


def dying_open(file, mode="r", *args, **kwargs):
    fh = real_open(file, mode, *args, **kwargs)
    name = os.path.basename(os.fspath(file)) if isinstance(file, (str, os.PathLike)) else ""
    if cut and any(m in mode for m in "wax") and name.lstrip(".").startswith("info.json"):
        return _DiesHalfway(fh)
    return fh


builtins.open = io.open = dying_open
BertTypeVectors(_Encoder(), cache_home=cache_home).lookup(words)
"""


def _child(cache_home, words, cut):
    return subprocess.run([sys.executable, "-c", CHILD, str(cache_home), ",".join(words), cut], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_run_killed_while_writing_info_json_leaves_no_cut_file(tmp_path):
    killed = _child(tmp_path, ["cat", "dog"], "cut")
    assert killed.returncode == -signal.SIGKILL, killed.stderr  # it died in the middle of writing info.json
    (folder,) = (tmp_path / "bert-type-vectors").iterdir()
    if (folder / "info.json").exists():
        json.loads((folder / "info.json").read_text(encoding="utf-8"))  # whole, or not there at all

    later = _child(tmp_path, ["zebra"], "whole")  # a later run adding a word writes it
    assert later.returncode == 0, later.stderr
    info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
    assert (info["dim"], info["format"]) == (_Encoder.dim, "bert-type")
    assert sorted(p.name for p in folder.iterdir()) == [".vectors.lock", "info.json", "vectors.npz"]
    with np.load(folder / "vectors.npz", allow_pickle=False) as z:
        got = dict(zip(z["words"].tolist(), z["vectors"]))
    assert sorted(got) == ["cat", "dog", "zebra"]
    for word, vector in got.items():
        np.testing.assert_array_equal(vector, np.array(_features(word), dtype=np.float32))
