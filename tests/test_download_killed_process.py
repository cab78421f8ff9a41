"""A download killed outright (SIGKILL) in the middle of its transfer, then run again: the rerun starts from a
clean slate, and the half-written file is neither used, nor kept, nor mistaken for the download. A child
process fetches from a server on 127.0.0.1 that sends half the file and then waits; it is killed once the
half is on disk. The oracle is the served bytes and their hashlib sha256."""
from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests._archives import tar_gz
from tests._loopback import QuietHandler, serving

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = b"".join(f"w{i}\tv{i}\t{i % 10}.5\n".encode() for i in range(20000))
SHA = hashlib.sha256(PAYLOAD).hexdigest()
# incompressible and 3 MB: an artifact is read in 1 MiB blocks, so half of it puts a block on disk
WORDS = random.Random(0).randbytes(3 << 20)
SDIST = tar_gz({"trapdata-1.0/trapdata/data/words.txt": WORDS})
SDIST_SHA = hashlib.sha256(SDIST).hexdigest()
STALL = threading.Event()  # set: the server sends half of a file and then waits for RELEASE
RELEASE = threading.Event()


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        if self.path == "/simple/trapdata/":
            page = f'<a href="/files/trapdata-1.0.tar.gz#sha256={SDIST_SHA}">trapdata-1.0.tar.gz</a>'.encode()
            self.send_head_for(page)
            self.wfile.write(page)
            return
        body = SDIST if self.path.endswith(".tar.gz") else PAYLOAD
        self.send_head_for(body)
        if STALL.is_set():
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            RELEASE.wait(30)
            return
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture
def stalling():
    STALL.set()
    RELEASE.clear()
    yield
    STALL.clear()
    RELEASE.set()


DATASET = """
import sys
from wordeval.datasets.load import load
from wordeval.datasets.spec import DataFile, DatasetSpec, Source
url, sha, cache = sys.argv[1:]
spec = DatasetSpec(name="killed", version="1", family="similarity", description="t", counts={"test": 20000},
                   licence="t", citation="", canonical=url,
                   sources=(Source("url", {"pairs": DataFile("pairs.txt", sha, url=url)}, "pairs"),))
load(spec, cache_home=cache)
"""
ARTIFACT = """
import sys
from wordeval.artifacts import PackageArtifact, artifact_root
sha, cache = sys.argv[1:]
artifact_root(PackageArtifact("trapdata", "1.0", "trapdata-1.0.tar.gz", sha, "trapdata", installed_ok=False),
              cache_home=cache)
"""


def _env(index: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "WORDEVAL_OFFLINE")}
    env.update(PYTHONPATH=str(ROOT), PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="" if index else "1")
    if index:
        env["PIP_INDEX_URL"] = index
    return env


def _kill_mid_transfer(args: list[str], env: dict, cache: Path, size: int) -> list[Path]:
    """Run ``args``, SIGKILL it once a file of a quarter of ``size`` bytes is in ``cache`` (half is sent, not all of
    it written yet: the client reads in blocks); the files then."""
    proc = subprocess.Popen([sys.executable, "-c", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        end = time.monotonic() + 60
        while time.monotonic() < end and proc.poll() is None:
            files = [p for p in cache.rglob("*") if p.is_file()] if cache.exists() else []
            if any(p.stat().st_size >= size // 4 for p in files):
                break
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()
        proc.kill()
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    return [p for p in cache.rglob("*") if p.is_file()]


def _files(cache: Path) -> list[str]:
    return sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file())


def test_a_dataset_download_killed_mid_transfer_is_redone_whole(server, tmp_path, monkeypatch, stalling):
    from tests._loopback import offline_switches_off
    from wordeval.datasets.load import load
    from wordeval.datasets.spec import DataFile, DatasetSpec, Source

    cache, url = tmp_path / "cache", f"{server}/pairs.txt"
    partial = _kill_mid_transfer([DATASET, url, SHA, str(cache)], _env(), cache, len(PAYLOAD))
    assert partial and not (cache / "datasets" / "killed" / "pairs.txt").exists()  # half written, not placed
    STALL.clear()
    offline_switches_off(monkeypatch)
    spec = DatasetSpec(name="killed", version="1", family="similarity", description="t", counts={"test": 20000},
                       licence="t", citation="", canonical=url,
                       sources=(Source("url", {"pairs": DataFile("pairs.txt", SHA, url=url)}, "pairs"),))
    ds = load(spec, cache_home=cache)
    assert ds.files == {"pairs.txt": SHA}
    assert (cache / "datasets" / "killed" / "pairs.txt").read_bytes() == PAYLOAD
    assert _files(cache) == ["datasets/killed/pairs.txt"]  # the killed download's partial file is gone


def test_an_artifact_fetch_killed_mid_transfer_is_redone_whole(server, tmp_path, monkeypatch, stalling):
    from wordeval.artifacts import PackageArtifact, artifact_file

    cache = tmp_path / "cache"
    env = _env(f"{server}/simple")
    partial = _kill_mid_transfer([ARTIFACT, SDIST_SHA, str(cache)], env, cache, len(SDIST))
    assert partial and not (cache / "artifacts" / "trapdata-1.0-sdist").exists()
    STALL.clear()
    for key in ("HF_HUB_OFFLINE", "WORDEVAL_OFFLINE", "PIP_NO_INDEX"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_INDEX_URL", f"{server}/simple")
    artifact = PackageArtifact("trapdata", "1.0", "trapdata-1.0.tar.gz", SDIST_SHA, "trapdata", installed_ok=False)
    assert artifact_file(artifact, "trapdata/data/words.txt", cache_home=cache).read_bytes() == WORDS
    assert not [name for name in _files(cache) if not name.startswith("artifacts/trapdata-1.0-sdist/")]
    assert not [p.name for p in (cache / "artifacts").iterdir() if p.name.startswith(".")]
