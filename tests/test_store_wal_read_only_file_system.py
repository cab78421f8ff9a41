"""A store whose run was killed before closing it, read on a read-only file system (a tmpfs remounted read-only,
in a mount namespace of its own: ``unshare``, so nothing is left mounted). Its newest records are in
``results.sqlite-wal``. SQLite (3.22 or later, https://sqlite.org/wal.html, read-only databases) reads them
there through the ``results.sqlite-shm`` the killed run left beside it; without that file it cannot build the
WAL index and wordeval refuses the store with one line saying to copy the folder. README said it was refused
either way. Oracle: SQLite's read of the same files in a writable folder."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import wordeval
from tests.test_outputs_guarded import KILLED_WRITER
from wordeval.results.wal_frames import wal_adds_to

ROOT = Path(__file__).resolve().parent.parent

READ = """
import json, sys
import wordeval
print(json.dumps(sorted(r.to_json() for r in wordeval.load_records(sys.argv[1])[0])))
"""

# run as root of a new user and mount namespace: the mount ends with it
IN_NAMESPACE = r"""
set -u
mount -t tmpfs tmpfs "$MNT" || exit 90
for kind in with_shm without_shm; do
    mkdir "$MNT/$kind" && cp "$SRC/.wordeval-output" "$SRC/results.sqlite" "$SRC/results.sqlite-wal" "$MNT/$kind/"
done
cp "$SRC/results.sqlite-shm" "$MNT/with_shm/"
mount -o remount,ro "$MNT" || exit 91
if touch "$MNT/with_shm/probe" 2>/dev/null; then exit 92; fi
"$PY" -c "$READ" "$MNT/with_shm" > "$OUT/with_shm.json" 2> "$OUT/with_shm.err"
echo $? > "$OUT/with_shm.rc"
"$PY" -m wordeval status "$MNT/without_shm" > /dev/null 2> "$OUT/without_shm.err"
echo $? > "$OUT/without_shm.rc"
"""


def _namespace_available(tmp_path: Path) -> str | None:
    """Why a private read-only mount cannot be made here, or None."""
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return "needs Linux's unshare"
    probe = tmp_path / "probe"
    probe.mkdir()
    done = subprocess.run(["unshare", "-rm", "sh", "-c", f"mount -t tmpfs tmpfs '{probe}'"], capture_output=True,
                          text=True, timeout=60)
    return None if done.returncode == 0 else f"no user and mount namespace here ({done.stderr.strip()})"


def test_a_killed_store_on_a_read_only_file_system(tmp_path):
    if (why := _namespace_available(tmp_path)) is not None:
        pytest.skip(why)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    src = tmp_path / "R"
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(src)], cwd=ROOT, env=env, check=True, timeout=60)
    assert {p.name for p in src.iterdir()} >= {"results.sqlite-wal", "results.sqlite-shm"}  # as a kill leaves it
    assert wal_adds_to(src / "results.sqlite", src / "results.sqlite-wal")  # records the main file lacks
    shutil.copytree(src, tmp_path / "copy")  # SQLite's read in a writable folder may fold the WAL in: a copy
    expected = sorted(r.to_json() for r in wordeval.load_records(tmp_path / "copy")[0])
    assert expected

    mnt, out = tmp_path / "mnt", tmp_path / "out"
    mnt.mkdir()
    out.mkdir()
    done = subprocess.run(["unshare", "-rm", "sh", "-c", IN_NAMESPACE], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={**env, "MNT": str(mnt), "SRC": str(src), "OUT": str(out),
                                            "PY": sys.executable, "READ": READ})
    assert done.returncode == 0, (done.returncode, done.stderr)

    assert (out / "with_shm.rc").read_text().strip() == "0", (out / "with_shm.err").read_text()
    assert json.loads((out / "with_shm.json").read_text()) == expected  # the WAL's records, read in place

    store = mnt / "without_shm" / "results.sqlite"
    assert (out / "without_shm.rc").read_text().strip() == "2"
    assert (out / "without_shm.err").read_text() == (
        f"wordeval: error: {store}: some of its records are still in results.sqlite-wal (the run that wrote it "
        f"was stopped before closing it), which SQLite cannot read where the folder is not writable: copy the "
        f"folder, that file included, to a writable place and read it there\n")
