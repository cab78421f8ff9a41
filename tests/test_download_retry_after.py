"""A server on 127.0.0.1 that answers 429 or 503 with Retry-After: the one-line error says how long the server
asked to wait (seconds, or the HTTP date as sent), for a dataset URL, a package index page and an artifact
file; nothing is kept. Without it the user was told only 'Too Many Requests' and retried at once."""
from __future__ import annotations

import hashlib
import os

import pytest

from tests._loopback import QuietHandler, offline_switches_off, serving, short_retry_waits
from wordeval.artifacts import PackageArtifact, artifact_root
from wordeval.datasets.sources import download
from wordeval.errors import NotAvailableError

SHA = hashlib.sha256(b"never served").hexdigest()
DATE = "Wed, 21 Oct 2026 07:28:00 GMT"


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        if self.path == "/simple/trapdata/":  # the index page is fine; its file is rate-limited
            body = f'<a href="/busy/trapdata-1.0.tar.gz#sha256={SHA}">trapdata-1.0.tar.gz</a>'.encode()
            self.send_head_for(body)
            self.wfile.write(body)
            return
        self.send_response(503 if self.path.startswith("/down") else 429)
        self.send_header("Retry-After", DATE if self.path.startswith("/down") else "120")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture
def pip_index(monkeypatch):
    offline_switches_off(monkeypatch)
    short_retry_waits(monkeypatch)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    for var in ("PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX"):
        monkeypatch.delenv(var, raising=False)
    return lambda url: monkeypatch.setenv("PIP_INDEX_URL", url)


@pytest.mark.parametrize("path, said", [("/busy/x.txt", "retry after 120 s"),
                                        ("/down/x.txt", f"retry after {DATE}")])
def test_a_dataset_download_says_when_to_retry(server, tmp_path, monkeypatch, path, said):
    offline_switches_off(monkeypatch)
    short_retry_waits(monkeypatch)
    with pytest.raises(NotAvailableError) as err:
        download(server + path, sha256=SHA, dest=tmp_path / "d" / "x.txt")
    assert said in str(err.value) and "\n" not in str(err.value)
    assert not (tmp_path / "d" / "x.txt").exists()


@pytest.mark.parametrize("index, said", [("/simple", "retry after 120 s"),
                                         ("/down/simple", f"retry after {DATE}")])
def test_an_artifact_fetch_says_when_to_retry(server, pip_index, tmp_path, index, said):
    pip_index(server + index)  # /simple: its file answers 429; /down/simple: the page itself answers 503
    artifact = PackageArtifact("trapdata", "1.0", "trapdata-1.0.tar.gz", SHA, "trapdata", installed_ok=False)
    with pytest.raises(NotAvailableError) as err:
        artifact_root(artifact, cache_home=tmp_path / "cache")
    assert said in str(err.value) and "\n" not in str(err.value)
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []
