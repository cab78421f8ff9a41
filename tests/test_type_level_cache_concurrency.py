"""Two processes adding words to one type-level vector cache at once: each read the file, merged its own
words and replaced it, so the last to replace it dropped the other's words (last writer wins). Process A is
held inside its write until B has finished (or 3 s have passed); every word of both must be in the file.
The fake encoder of test_type_level_cache_faults computes the vectors by hand: they are the oracle."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np

from tests.test_type_level_cache_faults import _cache_file, _features
from wordeval.embeddings.bert_types import _read_npz

ROOT = Path(__file__).resolve().parents[1]

CHILD = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    import numpy as np
    from tests.test_type_level_cache_faults import _type_vectors

    home, flags, role, words = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4:]
    savez = np.savez

    def held_savez(*args, **kwargs):  # A, between reading the file and replacing it
        (flags / "a_writing").touch()
        deadline = time.monotonic() + 3.0
        while not (flags / "b_done").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        return savez(*args, **kwargs)

    if role == "a":
        np.savez = held_savez
    else:
        while not (flags / "a_writing").exists():
            time.sleep(0.02)
    _type_vectors(home).lookup(words)
    if role == "b":
        (flags / "b_done").touch()
""")


def test_two_processes_adding_words_at_once_keep_both_sides_words(tmp_path):
    home, flags = tmp_path / "cache", tmp_path / "flags"
    flags.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    words = {"a": ["cat", "dog"], "b": ["zebra", "Paris"]}
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, str(home), str(flags), role, *ws], env=env)
             for role, ws in words.items()]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    cached = _read_npz(_cache_file(home))
    assert sorted(cached) == sorted(words["a"] + words["b"])
    for w, vec in cached.items():
        np.testing.assert_array_equal(vec, np.asarray(_features(w), dtype=np.float32))
