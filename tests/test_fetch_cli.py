"""`wordeval datasets fetch` against a local HTTP server: what it prints and what an interrupted download
leaves in the dataset cache."""
from __future__ import annotations

import hashlib
import importlib

import pytest

from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.cli import main
from wordeval.datasets.spec import DataFile, DatasetSpec, Source

PAYLOAD = b"".join(f"w{i}\tv{i}\t{i % 10}.5\n".encode() for i in range(2000))
SHA = hashlib.sha256(PAYLOAD).hexdigest()


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        self.send_head_for(PAYLOAD)
        self.wfile.write(PAYLOAD)


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
