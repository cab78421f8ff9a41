"""pip's ``proxy`` option (``PIP_PROXY``, ``proxy =`` in pip.conf) carries the artifact fetch, as it carries
``pip download``: a loopback proxy on 127.0.0.1 serves an index whose own address has nothing listening, and
the proxy's login reaches it as Proxy-Authorization without being printed. Before, the option was ignored and
the fetch went straight to the index (refused)."""
from __future__ import annotations

import base64
import hashlib
import os
import socket

import pytest

from tests._archives import tar_gz
from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.artifacts import PackageArtifact, artifact_root
from wordeval.errors import NotAvailableError

SDIST = tar_gz({"trapdata-1.0/trapdata/data/words.txt": b"alpha\nbeta\n"})
SHA = hashlib.sha256(SDIST).hexdigest()
LOGIN = "Basic " + base64.b64encode(b"proxyuser:pr0xy-s3cret").decode()  # RFC 7617, computed here
PROXIED: list[tuple[str, str | None]] = []  # (absolute URL asked for, Proxy-Authorization)


class _Proxy(QuietHandler):
    """Answers absolute-form requests (RFC 9112 3.2.2) as the index they name would."""

    def do_GET(self):  # noqa: N802 (http.server API)
        PROXIED.append((self.path, self.headers.get("Proxy-Authorization")))
        if self.headers.get("Proxy-Authorization") != LOGIN:
            self.send_response(407)
            self.send_header("Proxy-Authenticate", 'Basic realm="proxy"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = (SDIST if self.path.endswith(".tar.gz")
                else f'<a href="../../files/trapdata-1.0.tar.gz#sha256={SHA}">x</a>'.encode())
        self.send_head_for(body)
        self.wfile.write(body)


@pytest.fixture(scope="module")
def proxy():
    yield from serving(_Proxy)


@pytest.fixture
def unreachable_index(monkeypatch):
    """An index URL on 127.0.0.1 where nothing listens: only the proxy can answer for it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    offline_switches_off(monkeypatch)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    for var in ("PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX", "PIP_PROXY",
                "http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PIP_INDEX_URL", f"http://127.0.0.1:{port}/simple")
    PROXIED.clear()
    return f"http://127.0.0.1:{port}"


def _artifact():
    return PackageArtifact("trapdata", "1.0", "trapdata-1.0.tar.gz", SHA, "trapdata", installed_ok=False)


def test_pip_s_proxy_option_carries_the_fetch(proxy, unreachable_index, monkeypatch, tmp_path):
    monkeypatch.setenv("PIP_PROXY", proxy.replace("http://", "http://proxyuser:pr0xy-s3cret@"))
    root = artifact_root(_artifact(), cache_home=tmp_path / "cache")
    assert (root / "trapdata/data/words.txt").read_bytes() == b"alpha\nbeta\n"
    assert PROXIED == [(f"{unreachable_index}/simple/trapdata/", LOGIN),
                       (f"{unreachable_index}/files/trapdata-1.0.tar.gz", LOGIN)]


def test_a_refused_proxy_login_is_one_line_without_the_password(proxy, unreachable_index, monkeypatch,
                                                                 tmp_path):
    monkeypatch.setenv("PIP_PROXY", proxy.replace("http://", "http://proxyuser:wrong-pass@"))
    with pytest.raises(NotAvailableError) as err:
        artifact_root(_artifact(), cache_home=tmp_path / "cache")
    message = str(err.value)
    assert "407" in message and "wrong-pass" not in message and "\n" not in message
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []
