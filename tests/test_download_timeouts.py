"""A server on 127.0.0.1 that stops sending, before its headers or in the middle of the body: README names how
long a download waits (30 s for a dataset URL, pip's timeout for an artifact); each is one line naming the
URL, and nothing is kept. The waits are shortened here through the settings README's figures come from."""
from __future__ import annotations

import hashlib
import os
import time

import pytest

from tests._loopback import QuietHandler, offline_switches_off, serving, short_retry_waits
from wordeval import download_limits
from wordeval.datasets.sources import download
from wordeval.errors import NotAvailableError
from wordeval.package_index import IndexConfig, Offer, fetch, index_config

BODY = b"w1\tw2\t1.5\n" * 100
SHA = hashlib.sha256(BODY).hexdigest()
STALL = 3.0  # how long the server keeps silent; the client waits less


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        if self.path == "/before-headers":
            time.sleep(STALL)
            return
        self.send_head_for(BODY)
        self.wfile.write(BODY[:10])
        self.wfile.flush()
        time.sleep(STALL)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


def _files(folder):
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


@pytest.mark.parametrize("path", ["/before-headers", "/mid-body"])
def test_a_silent_server_fails_a_dataset_download_in_one_line(server, tmp_path, monkeypatch, path):
    offline_switches_off(monkeypatch)
    short_retry_waits(monkeypatch)
    monkeypatch.setattr(download_limits, "SILENT_SECONDS", 0.5)
    with pytest.raises(NotAvailableError) as err:
        download(server + path, sha256=SHA, dest=tmp_path / "d" / "x.txt")
    message = str(err.value)
    assert "\n" not in message and server + path in message and "timed out" in message
    assert _files(tmp_path / "d") == []


@pytest.mark.parametrize("path", ["/before-headers", "/mid-body"])
def test_a_silent_server_fails_an_artifact_fetch_in_one_line(server, tmp_path, monkeypatch, path):
    short_retry_waits(monkeypatch)
    config = IndexConfig(index_urls=(), find_links=(), timeout=0.5)
    with pytest.raises(NotAvailableError) as err:
        fetch(Offer(server + path, "x-1.0-py3-none-any.whl", None, server), tmp_path / "x.whl", SHA, config)
    message = str(err.value)
    assert "\n" not in message and server + path in message and "timed out" in message
    assert _files(tmp_path) == []


def test_readme_names_the_waits_the_code_uses(monkeypatch):
    from tests.test_readme_claims import PROSE

    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    for var in ("PIP_TIMEOUT", "PIP_DEFAULT_TIMEOUT"):
        monkeypatch.delenv(var, raising=False)
    pip_default = index_config().timeout
    assert (f"A server that sends nothing for {download_limits.SILENT_SECONDS:.0f} s" in PROSE
            and f"an artifact's fetch waits pip's `timeout`, {pip_default:.0f} s when pip sets none" in PROSE)
