"""Two processes fetch one artifact into a shared cache at once. Placing the unpacked tree looked for a complete
one, then removed whatever was at the name and renamed its own in: a tree the other process placed between the
look and the removal was removed though complete, under a run reading it. The rename itself is the check now:
it cannot land on a folder holding files. Forced with two real processes and files as barriers: B stops after
its look, A places its tree, then B goes on. Exactly one tree is placed and stays, and both runs read the
archive's bytes (the oracle)."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from tests._archives import tar_gz

ROOT = Path(__file__).resolve().parent.parent
WORDS = b"".join(f"w{i} {i % 5}.5\n".encode() for i in range(500))
SDIST = tar_gz({"racedata-1.0/PKG-INFO": b"x", "racedata-1.0/racedata/data/words.txt": WORDS})

CHILD = """
import json, os, sys, time
from pathlib import Path
from wordeval import artifacts, atomic_write
from wordeval.artifacts import PackageArtifact, artifact_file
role, sha, cache, sync, out = sys.argv[1:]
sync, final = Path(sync), Path(cache) / "artifacts" / "racedata-1.0-sdist"

def wait_for(*names):
    end = time.monotonic() + 60
    while not any((sync / name).exists() for name in names):
        if time.monotonic() > end:
            sys.exit(f"{role}: none of {names} within 60 s")
        time.sleep(0.01)

placed = {}
real_place = artifacts.place_once
def place(tmp, path, marker):
    if role == "A":  # places once B has looked at the name (or, never looking first, has finished)
        wait_for("B-looked", "B-done")
    placed["placed"] = real_place(tmp, path, marker)
    placed["inode"] = os.stat(path).st_ino
    if role == "A":
        (sync / "A-placed").touch()
    return placed["placed"]
artifacts.place_once = place
if role == "B":  # stops the first time it looks whether the name is taken, until A has placed its tree
    real_occupied = atomic_write._occupied
    def occupied(path):
        if Path(path) == final and not (sync / "B-looked").exists():
            (sync / "B-looked").touch()
            wait_for("A-placed")
        return real_occupied(path)
    atomic_write._occupied = occupied
got = artifact_file(PackageArtifact("racedata", "1.0", "racedata-1.0.tar.gz", sha, "racedata", installed_ok=False),
                    "racedata/data/words.txt", cache_home=cache).read_bytes()
(sync / f"{role}-done").touch()
Path(out).write_text(json.dumps({**placed, "sha256": __import__("hashlib").sha256(got).hexdigest()}))
"""


def test_two_processes_placing_one_artifact_keep_the_first_tree(tmp_path):
    links, cache, sync = tmp_path / "links", tmp_path / "cache", tmp_path / "sync"
    links.mkdir()
    sync.mkdir()
    (links / "racedata-1.0.tar.gz").write_bytes(SDIST)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PYTHONPATH=str(ROOT), PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_FIND_LINKS=str(links))
    sha = hashlib.sha256(SDIST).hexdigest()
    procs = {role: subprocess.Popen([sys.executable, "-c", CHILD, role, sha, str(cache), str(sync),
                                     str(tmp_path / f"{role}.json")], env=env, stderr=subprocess.PIPE)
             for role in "AB"}
    for role, proc in procs.items():
        assert proc.wait(120) == 0, (role, proc.stderr.read().decode())
    runs = [json.loads((tmp_path / f"{role}.json").read_text()) for role in "AB"]
    assert [run["sha256"] for run in runs] == [hashlib.sha256(WORDS).hexdigest()] * 2
    placers = [run for run in runs if run["placed"]]
    assert len(placers) == 1, runs  # the second rename removed the first tree and put its own there
    final = cache / "artifacts" / "racedata-1.0-sdist"
    assert os.stat(final).st_ino == placers[0]["inode"]
    assert [p.read_bytes() for p in final.rglob("words.txt")] == [WORDS]
    assert sorted(p.name for p in (cache / "artifacts").iterdir()) == ["racedata-1.0-sdist"]
