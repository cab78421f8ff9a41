"""`wordeval datasets fetch` against a local HTTP server: what it prints and what an interrupted download
leaves in the dataset cache."""
from __future__ import annotations

import hashlib
import importlib
import socket
import subprocess
import sys
import time

import pytest

from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.cli import main
from wordeval.datasets.spec import DataFile, DatasetSpec, Source

PAYLOAD = b"".join(f"w{i}\tv{i}\t{i % 10}.5\n".encode() for i in range(2000))
SHA = hashlib.sha256(PAYLOAD).hexdigest()


SEEN_MID_TRANSFER: list[list[tuple[str, bool]]] = []  # what the dataset's cache folder held halfway through a download
WATCHED: list[Path] = []


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        self.send_head_for(PAYLOAD)
        self.wfile.write(PAYLOAD[: len(PAYLOAD) // 2])
        self.wfile.flush()
        time.sleep(0.3)  # the client has written the first half to its partial file by now
        if WATCHED:
            SEEN_MID_TRANSFER.append(sorted((p.name, (p / ".wordeval-writing").is_file()) for p in WATCHED[0].iterdir()))
        self.wfile.write(PAYLOAD[len(PAYLOAD) // 2:])


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture
def served_spec(server, monkeypatch, tmp_path):
    """`datasets fetch loopback-pairs` downloads from the server into a cache of its own."""
    offline_switches_off(monkeypatch)
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    spec = DatasetSpec(name="loopback-pairs", version="1", family="similarity", description="test",
                       counts={"test": 2000}, licence="test", citation="", canonical=f"{server}/pairs.txt",
                       sources=(Source("url", {"pairs": DataFile("pairs.txt", SHA, url=f"{server}/pairs.txt")},
                                       "pairs"),))
    loader = importlib.import_module("wordeval.datasets.load")
    monkeypatch.setattr(loader, "get_spec", lambda name: spec)
    return tmp_path / "cache"


def test_fetch_with_quiet_prints_no_progress_bar(served_spec, capsys):
    assert main(["--quiet", "datasets", "fetch", "loopback-pairs"]) == 0
    out, err = capsys.readouterr()
    assert SHA in out
    assert err == "", err  # pooch's bar was drawn into a log or a pipe, -q or not


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_a_download_killed_outright_leaves_only_what_the_next_one_sweeps(served_spec, capsys):
    """SIGKILL mid-transfer: pooch's partial file (``tmpXXXXXXXX``) stayed beside the cached files for good.
    It is now inside a folder that names its process, and the next download removes it."""
    folder = served_spec / "datasets" / "loopback-pairs"
    folder.mkdir(parents=True)
    abandoned = folder / ".pairs.txt.fetch-killed"
    abandoned.mkdir()
    (abandoned / ".wordeval-writing").write_text(f"{socket.gethostname()} {_dead_pid()}\n", encoding="utf-8")
    (abandoned / "tmpkilled0").write_bytes(PAYLOAD[:100])
    WATCHED[:] = [folder]
    SEEN_MID_TRANSFER.clear()
    try:
        assert main(["--quiet", "datasets", "fetch", "loopback-pairs"]) == 0
    finally:
        WATCHED.clear()
    assert sorted(p.name for p in folder.iterdir()) == ["pairs.txt"]
    assert (folder / "pairs.txt").read_bytes() == PAYLOAD
    (mid_transfer,) = SEEN_MID_TRANSFER
    # killed at that moment, the download would have left only folders that name their writer
    assert mid_transfer and all(name.startswith(".pairs.txt.") and marked for name, marked in mid_transfer), mid_transfer
