"""An artifact fetch killed outright (SIGKILL) after its tree was renamed into place, before its temporary folder
(holding the whole downloaded archive) was removed: every later run found the tree complete and returned before
the sweep of abandoned temporaries, so the archive stayed for good. Killed between the download and the rename,
the next run fetches again and sweeps it. Either way a temporary of a process still running is left alone. The
child fetches from a server on 127.0.0.1 and kills itself at the named step; the oracle is the served bytes."""
from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests._archives import tar_gz
from tests._loopback import QuietHandler, serving

ROOT = Path(__file__).resolve().parent.parent
WORDS = b"".join(f"w{i} {i % 7}.25\n".encode() for i in range(2000))
SDIST = tar_gz({"killdata-1.0/PKG-INFO": b"x", "killdata-1.0/killdata/data/words.txt": WORDS})
SDIST_SHA = hashlib.sha256(SDIST).hexdigest()
PAIRS = b"king\tqueen\t8.5\ncat\tdog\t6.0\ncar\ttree\t1.0\n"
PAIRS_ARCHIVE = tar_gz({"data/pairs.txt": PAIRS})


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        if self.path.endswith("pairs.tar.gz"):
            body = PAIRS_ARCHIVE
        elif self.path == "/simple/killdata/":
            body = f'<a href="/files/killdata-1.0.tar.gz#sha256={SDIST_SHA}">killdata-1.0.tar.gz</a>'.encode()
        else:
            body = PAIRS if self.path.endswith("pairs.txt") else SDIST
        self.send_head_for(body)
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


# the child dies by SIGKILL at the step named by argv[1]: after place_once renamed the tree in, or once the
# archive is downloaded and checked, before it is unpacked
CHILD = """
import os, signal, sys
from wordeval import artifacts
from wordeval.artifacts import PackageArtifact, artifact_root
step, sha, cache = sys.argv[1:]
def killed_after(real):
    def step_then_die(*args, **kwargs):
        real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
    return step_then_die
if step == "placed":
    artifacts.place_once = killed_after(artifacts.place_once)
else:
    artifacts._download = killed_after(artifacts._download)
artifact_root(PackageArtifact("killdata", "1.0", "killdata-1.0.tar.gz", sha, "killdata", installed_ok=False),
              cache_home=cache)
"""


def _env(server: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "WORDEVAL_OFFLINE", "PIP_NO_INDEX")}
    env.update(PYTHONPATH=str(ROOT), PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL=f"{server}/simple")
    return env


def _hidden(artifacts: Path) -> list[str]:
    return sorted(p.name for p in artifacts.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("step", ["placed", "downloaded"])
def test_a_fetch_killed_around_its_rename_leaves_nothing_for_good(server, tmp_path, monkeypatch, step):
    from wordeval.artifacts import PackageArtifact, artifact_file
    from wordeval.atomic_write import OWNER, writer_prefix

    cache = tmp_path / "cache"
    child = subprocess.run([sys.executable, "-c", CHILD, step, SDIST_SHA, str(cache)], env=_env(server),
                           capture_output=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    artifacts = cache / "artifacts"
    left = _hidden(artifacts)
    assert len(left) == 1 and ".fetch-" in left[0]  # the killed fetch's temporary folder
    assert (artifacts / "killdata-1.0-sdist").exists() == (step == "placed")

    # a fetch of the same artifact running now in another process: its folder must stay
    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        theirs = artifacts / f"{writer_prefix(artifacts / 'killdata-1.0-sdist')}fetch-live"
        theirs = theirs.with_name(theirs.name.replace(f"-{os.getpid()}-", f"-{live.pid}-"))
        theirs.mkdir()
        (theirs / OWNER).write_text(f"{socket.gethostname()} {live.pid}\n", encoding="utf-8")

        for key in ("HF_HUB_OFFLINE", "WORDEVAL_OFFLINE", "PIP_NO_INDEX"):
            monkeypatch.delenv(key, raising=False)
        monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
        monkeypatch.setenv("PIP_INDEX_URL", f"{server}/simple")
        artifact = PackageArtifact("killdata", "1.0", "killdata-1.0.tar.gz", SDIST_SHA, "killdata",
                                   installed_ok=False)
        assert artifact_file(artifact, "killdata/data/words.txt", cache_home=cache).read_bytes() == WORDS
        assert _hidden(artifacts) == [theirs.name]  # the killed one's archive is gone, the live one's kept
    finally:
        live.stdin.close()
        live.wait(30)


# the child dies by SIGKILL right after the rename that places the file named by argv[1]; argv[2]: the member
# to take out of the download, or "" for a plain file
DATASET = """
import os, signal, sys
from pathlib import Path
from wordeval.datasets import sources
from wordeval.datasets.load import load
from wordeval.datasets.spec import DataFile, DatasetSpec, Source
killed_at, member, url, sha, cache = sys.argv[1:]
real_replace = os.replace
def replace_then_die(src, dst):
    real_replace(src, dst)
    if Path(dst).name == killed_at:
        os.kill(os.getpid(), signal.SIGKILL)
sources.os.replace = replace_then_die
load(DatasetSpec(name="killed", version="1", family="similarity", description="t", counts={"test": 3},
                 licence="t", citation="", canonical=url,
                 sources=(Source("url", {"pairs": DataFile("pairs.txt", sha, url=url, member=member or None)},
                                 "pairs"),)),
     cache_home=cache)
"""


def test_a_dataset_download_killed_after_its_rename_leaves_nothing_for_good(server, tmp_path, monkeypatch):
    """The same for a dataset file downloaded from its URL: the leftover is its marked folder."""
    from wordeval.datasets.load import load
    from wordeval.datasets.spec import DataFile, DatasetSpec, Source

    cache, url, sha = tmp_path / "cache", f"{server}/pairs.txt", hashlib.sha256(PAIRS).hexdigest()
    child = subprocess.run([sys.executable, "-c", DATASET, "pairs.txt", "", url, sha, str(cache)],
                           env=_env(server), capture_output=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    folder = cache / "datasets" / "killed"
    assert len(_hidden(folder)) == 1 and (folder / "pairs.txt").read_bytes() == PAIRS
    for key in ("HF_HUB_OFFLINE", "WORDEVAL_OFFLINE"):
        monkeypatch.delenv(key, raising=False)
    spec = DatasetSpec(name="killed", version="1", family="similarity", description="t", counts={"test": 3},
                       licence="t", citation="", canonical=url,
                       sources=(Source("url", {"pairs": DataFile("pairs.txt", sha, url=url)}, "pairs"),))
    assert load(spec, cache_home=cache).files == {"pairs.txt": sha}
    assert _hidden(folder) == [] and (folder / "pairs.txt").read_bytes() == PAIRS


@pytest.mark.parametrize("next_run", ["takes the member out", "finds the member put there by hand"])
def test_a_dataset_archive_download_killed_after_its_rename_leaves_nothing_for_good(server, tmp_path, monkeypatch,
                                                                                      next_run):
    """The same for an archive a dataset file is a member of: killed once the archive is in place, before its
    member is taken out, the next run takes the member out of the archive kept (or finds the member a user put
    there, as the offline message invites), without downloading (where the download's own sweep is), so the
    archive's marked folder stayed for good."""
    from wordeval.datasets.load import load
    from wordeval.datasets.spec import DataFile, DatasetSpec, Source

    cache, url, sha = tmp_path / "cache", f"{server}/pairs.tar.gz", hashlib.sha256(PAIRS).hexdigest()
    child = subprocess.run([sys.executable, "-c", DATASET, "pairs.tar.gz", "data/pairs.txt", url, sha, str(cache)],
                           env=_env(server), capture_output=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    archives = cache / "datasets" / "killed" / "archives"
    assert len(_hidden(archives)) == 1 and (archives / "pairs.tar.gz").read_bytes() == PAIRS_ARCHIVE
    assert not (cache / "datasets" / "killed" / "pairs.txt").exists()  # killed before the member was taken out
    if next_run == "finds the member put there by hand":
        (cache / "datasets" / "killed" / "pairs.txt").write_bytes(PAIRS)
    for key in ("HF_HUB_OFFLINE", "WORDEVAL_OFFLINE"):
        monkeypatch.delenv(key, raising=False)
    spec = DatasetSpec(name="killed", version="1", family="similarity", description="t", counts={"test": 3},
                       licence="t", citation="", canonical=url,
                       sources=(Source("url", {"pairs": DataFile("pairs.txt", sha, url=url, member="data/pairs.txt")},
                                       "pairs"),))
    assert load(spec, cache_home=cache).files == {"pairs.txt": sha}
    assert (cache / "datasets" / "killed" / "pairs.txt").read_bytes() == PAIRS
    assert _hidden(archives) == []
