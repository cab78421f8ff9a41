"""A builder-cache write killed outright (SIGKILL, the OOM killer) left its temporary folder beside the entries
for good where the kill fell before the folder's owner file was written, or after it was removed for the
rename: ``.KEY.xxxxxxxx`` with the whole trained matrix in it, which no later write removed (its name did not
say whose it was). The same for a damaged entry being discarded. The next save of the key removes them now."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from wordeval.embeddings import builders

# the child: a save of KEY killed at one point; what it left must go at the next save of KEY
_CHILD = """
import os, signal, sys
import numpy as np
from wordeval.embeddings import builders
folder, point = sys.argv[1], sys.argv[2]
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if point == "before-mark":
    builders.mark_writer = die
elif point == "before-rename":
    builders.place_once = die
elif point == "discarding":
    builders.shutil.rmtree = die
    builders.discard_damaged(__import__("pathlib").Path(folder), ValueError("cut"))
builders.save_built(folder, ["a", "b"], np.eye(2, dtype=np.float32),
                    {"format": builders.BUILT_FORMAT, "spec": "lsa:corpus=c", "parameters": {}})
"""
_META = {"format": builders.BUILT_FORMAT, "spec": "lsa:corpus=c", "parameters": {}}


def _hidden(folder):
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("point", ["before-mark", "before-rename", "discarding"])
def test_a_killed_save_leaves_nothing_after_the_next_save(tmp_path, point):
    folder = tmp_path / "built" / "0123456789abcdef01234567"
    if point == "discarding":  # a damaged entry (a file cut by hand) that the killed process was discarding
        builders.save_built(folder, ["a", "b"], np.eye(2, dtype=np.float32), _META)
        (folder / "vectors.npy").write_bytes(b"cut")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run([sys.executable, "-W", "ignore", "-c", _CHILD, str(folder), point], env=env, timeout=120)
    assert proc.returncode == -9
    assert _hidden(folder), "the child was killed before it made its temporary folder"
    builders.save_built(folder, ["a", "b"], np.eye(2, dtype=np.float32), _META)
    assert _hidden(folder) == []
    assert builders.load_built(folder, cached=True).words == ["a", "b"]
