"""Two processes parse one vector file at once and both store its cache entry. The store checked that no other
process had placed the entry since it looked, then renamed its own in: two steps, so an entry placed between
them was moved aside and removed though it was complete, and a run reading it lost its files (warned as
damaged, parsed again). Forced with two real processes and files as barriers: A stops after its check, B
stores the entry and holds its words file open, then A goes on. B's entry must stay, A's is dropped, both
runs give the vectors of the file (the oracle: the file's own numbers), and one verified entry remains."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
ROWS = {"king": [1.0, 0.5, -2.0], "queen": [0.25, 1.0, 3.0], "man": [-1.5, 0.0, 0.75]}

CHILD = """
import json, os, sys, time
from pathlib import Path
from wordeval import atomic_write
from wordeval.embeddings.load import load_file
role, source, cache, sync, out = sys.argv[1:]
sync = Path(sync)

def wait_for(name):
    end = time.monotonic() + 60
    while not (sync / name).exists():
        if time.monotonic() > end:
            sys.exit(f"{role}: no {name} within 60 s")
        time.sleep(0.01)

if role == "A":  # stops between its check and its rename until B has placed the entry
    real = atomic_write._put_in_place
    def paused(*args, **kwargs):
        (sync / "A-checked").touch()
        wait_for("B-placed")
        return real(*args, **kwargs)
    atomic_write._put_in_place = paused
else:
    wait_for("A-checked")
emb = load_file(source, cache_home=cache)
said = {"words": list(emb.words), "vectors": emb.vectors.tolist()}
if role == "B":
    entry = next(p for p in (Path(cache) / "vectors").iterdir() if p.name != "keys" and p.name[0] != ".")
    reader = open(entry / "words.txt", "rb")  # a run reading the entry B placed
    said["inode"] = os.stat(entry).st_ino
    (sync / "B-placed").touch()
    wait_for("A-done")
    said["still_there"] = (entry / "words.txt").exists() and os.path.samestat(os.fstat(reader.fileno()),
                                                                               os.stat(entry / "words.txt"))
else:
    (sync / "A-done").touch()
Path(out).write_text(json.dumps(said))
"""


def test_two_processes_storing_one_entry_keep_the_first_placed(tmp_path):
    from wordeval.embeddings import vector_cache

    source = tmp_path / "v.txt"
    source.write_text("".join(f"{w} {' '.join(map(str, v))}\n" for w, v in ROWS.items()), encoding="utf-8")
    cache, sync = tmp_path / "cache", tmp_path / "sync"
    sync.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = {role: subprocess.Popen([sys.executable, "-c", CHILD, role, str(source), str(cache), str(sync),
                                     str(tmp_path / f"{role}.json")], env=env, stderr=subprocess.PIPE)
             for role in "AB"}
    for role, proc in procs.items():
        assert proc.wait(120) == 0, (role, proc.stderr.read().decode())
    a, b = (json.loads((tmp_path / f"{role}.json").read_text()) for role in "AB")
    for run in (a, b):
        assert run["words"] == list(ROWS)
        np.testing.assert_array_equal(np.array(run["vectors"], dtype=np.float32),
                                      np.array(list(ROWS.values()), dtype=np.float32))
    assert b["still_there"], "the entry B placed and was reading was replaced by A's"
    entries = [p for p in (cache / "vectors").iterdir() if p.name != "keys"]
    assert len(entries) == 1 and os.stat(entries[0]).st_ino == b["inode"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a damaged entry would be warned about
        hit = vector_cache.lookup(source, format="glove", options={"encoding_errors": "strict"}, cache_home=cache)
    assert hit is not None and hit.words == list(ROWS)
    np.testing.assert_array_equal(hit.vectors, np.array(list(ROWS.values()), dtype=np.float32))
