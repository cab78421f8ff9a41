"""The `.complete` marker of an unpacked artifact names the folder the archive unpacked to. It was written and
read in the locale's encoding: on Windows (cp1252) a top folder named outside cp1252 could not be written at
all, and a cache shared between a UTF-8 and a cp1252 machine read another name. The child turns Python's
EncodingWarning (an ``open`` without ``encoding=``) into an error while it places and then finds the copy;
the oracle is the unpacked file's bytes."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from tests._archives import tar_gz

ROOT = Path(__file__).resolve().parent.parent
TOP = "données-数据-1.0"  # not encodable in cp1252
WORDS = b"king 0.5\nqueen 0.25\n"
SDIST = tar_gz({f"{TOP}/PKG-INFO": b"x", f"{TOP}/enc/data/words.txt": WORDS})

CHILD = """
import sys
from wordeval.artifacts import PackageArtifact, artifact_root, local_root
sha, cache = sys.argv[1:]
art = PackageArtifact("encdata", "1.0", "encdata-1.0.tar.gz", sha, "encdata", installed_ok=False)
placed = artifact_root(art, cache_home=cache)
found = local_root(art, cache_home=cache, allow_installed=False)
assert placed == found, (placed, found)
sys.stdout.buffer.write((found / "enc" / "data" / "words.txt").read_bytes())
"""


def test_the_complete_marker_is_utf8_whatever_the_locale(tmp_path):
    cache = tmp_path / "cache"
    (cache / "artifacts").mkdir(parents=True)
    (cache / "artifacts" / "encdata-1.0.tar.gz").write_bytes(SDIST)  # a dropped archive: no network
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-X", "warn_default_encoding", "-W", "error::EncodingWarning",
                           "-c", CHILD, hashlib.sha256(SDIST).hexdigest(), str(cache)],
                          capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert done.stdout == WORDS
    marker = next((cache / "artifacts").glob("*/.complete"))
    assert marker.read_bytes().decode("utf-8") == TOP
