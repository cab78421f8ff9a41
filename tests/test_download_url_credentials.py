"""A URL that carries a login (pip's ``index-url = https://user:token@host/simple``, a spec's private mirror)
against servers on 127.0.0.1: the login is sent as Basic auth to that host only, and no message, nor the
source recorded with a dataset, shows it. Also: a redirect to a scheme no downloader serves is a failed
download, not a checksum mismatch."""
from __future__ import annotations

import base64
import hashlib
import os

import pytest

from tests._archives import tar_gz
from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.artifacts import PackageArtifact, artifact_root
from wordeval.datasets.sources import download
from wordeval.datasets.spec import DataFile, Source
from wordeval.errors import ChecksumError, NotAvailableError

SECRET = "s3cr3t-t0ken"
BASIC = "Basic " + base64.b64encode(f"user:{SECRET}".encode()).decode()  # RFC 7617, computed here
SDIST = tar_gz({"trapdata-1.0/trapdata/data/words.txt": b"alpha\nbeta\n"})
SHA = hashlib.sha256(SDIST).hexdigest()
SEEN: list[tuple[str, str | None]] = []  # (host:port path, Authorization) of every request, both servers
ELSEWHERE: list[str] = []  # the second server's base URL: another origin on 127.0.0.1


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        SEEN.append((f"{self.server.server_address[1]}{self.path}", self.headers.get("Authorization")))
        if self.path.startswith("/private/") and self.headers.get("Authorization") != BASIC:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="index"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path in ("/private/simple/trapdata/", "/moved/simple/trapdata/"):
            files = "/private/files/" if self.path.startswith("/private/") else "/redirect/"
            body = f'<a href="{files}trapdata-1.0.tar.gz#sha256={SHA}">trapdata-1.0.tar.gz</a>'.encode()
        elif self.path.endswith("/trapdata-1.0.tar.gz") and not self.path.startswith("/redirect/"):
            body = SDIST
        else:
            target = {"/redirect/trapdata-1.0.tar.gz": f"{ELSEWHERE[0]}/files/trapdata-1.0.tar.gz",
                      "/to-file": "file:///etc/hostname", "/to-ftp": "ftp://127.0.0.1/x"}.get(self.path)
            self.send_response(302 if target else 404)
            if target:
                self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_head_for(body)
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture(scope="module")
def other_origin():
    for url in serving(_Handler):
        ELSEWHERE[:] = [url]
        yield url


@pytest.fixture
def pip_index(monkeypatch, tmp_path):
    offline_switches_off(monkeypatch)
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    for var in ("PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX"):
        monkeypatch.delenv(var, raising=False)
    SEEN.clear()
    return lambda url: monkeypatch.setenv("PIP_INDEX_URL", url)


def _artifact():
    return PackageArtifact("trapdata", "1.0", "trapdata-1.0.tar.gz", SHA, "trapdata", installed_ok=False)


def _with_login(base: str, password: str = SECRET) -> str:
    return base.replace("http://", f"http://user:{password}@")


def test_an_index_url_login_is_sent_as_basic_auth_to_its_host(server, pip_index, tmp_path):
    pip_index(_with_login(server) + "/private/simple")
    root = artifact_root(_artifact(), cache_home=tmp_path / "cache")
    assert (root / "trapdata/data/words.txt").read_bytes() == b"alpha\nbeta\n"
    assert [auth for _, auth in SEEN] == [BASIC, BASIC]  # the page, then the file it links to on its host


def test_a_refused_index_login_is_not_printed(server, pip_index, tmp_path):
    pip_index(_with_login(server, "wrong-pass") + "/private/simple")
    with pytest.raises(NotAvailableError) as err:
        artifact_root(_artifact(), cache_home=tmp_path / "cache")
    assert "401" in str(err.value) and "wrong-pass" not in str(err.value)
    assert "user:" not in str(err.value)


def test_a_redirect_to_another_origin_gets_no_login(server, other_origin, pip_index, tmp_path):
    pip_index(_with_login(server) + "/moved/simple")
    artifact_root(_artifact(), cache_home=tmp_path / "cache")
    port = other_origin.rsplit(":", 1)[1]
    assert [auth for where, auth in SEEN if where.startswith(port + "/")] == [None]


def test_a_failed_download_does_not_print_the_url_s_login(server, tmp_path, monkeypatch):
    offline_switches_off(monkeypatch)
    with pytest.raises(NotAvailableError) as err:
        download(_with_login(server) + "/missing.txt", sha256=SHA, dest=tmp_path / "d" / "x.txt")
    assert "404" in str(err.value) and SECRET not in str(err.value)
    assert not (tmp_path / "d" / "x.txt").exists()


def test_a_password_holding_a_raw_at_sign_is_hidden_whole(server, tmp_path, monkeypatch):
    """'user:s3cr3t@t0ken@host': requests and urllib3 send the password up to the host's '@' (the last
    one); the messages hid only 'user:s3cr3t' and printed 't0ken@host'."""
    offline_switches_off(monkeypatch)
    url = _with_login(server, "s3cr3t@t0ken") + "/missing.txt"
    with pytest.raises(NotAvailableError) as err:
        download(url, sha256=SHA, dest=tmp_path / "d" / "x.txt")
    message = str(err.value)
    assert "404" in message and "s3cr3t" not in message and "t0ken" not in message
    assert server.replace("http://", "http://***@") + "/missing.txt" in message
    source = Source("url", {"x": DataFile("x.txt", SHA, url=url)}, "pairs")
    assert source.describe() == "url:" + server.replace("http://", "http://***@") + "/missing.txt"


def test_the_recorded_source_of_a_url_dataset_has_no_login(server):
    source = Source("url", {"x": DataFile("x.txt", SHA, url=_with_login(server) + "/x.txt")}, "pairs")
    assert SECRET not in source.describe()
    assert source.describe() == "url:" + server.replace("http://", "http://***@") + "/x.txt"


def test_the_offline_advice_for_a_url_dataset_has_no_login(server, tmp_path, monkeypatch):
    from wordeval.datasets.sources import SourceUnavailable, locate_url

    monkeypatch.setenv("WORDEVAL_OFFLINE", "1")
    source = Source("url", {"x": DataFile("x.txt", SHA, url=_with_login(server) + "/x.txt")}, "pairs")
    for allowed in (True, False):  # `datasets list` prints these reasons as they are
        with pytest.raises(SourceUnavailable) as err:
            locate_url(source, "x", cache_home=tmp_path, allow_download=allowed)
        assert "/x.txt" in str(err.value) and SECRET not in str(err.value)


@pytest.mark.parametrize("path", ["/to-file", "/to-ftp"])
def test_a_redirect_to_another_scheme_is_a_failed_download_not_a_checksum_error(server, tmp_path, monkeypatch,
                                                                                  path):
    offline_switches_off(monkeypatch)
    with pytest.raises(NotAvailableError) as err:
        download(server + path, sha256=SHA, dest=tmp_path / "d" / "x.txt")
    assert not isinstance(err.value, ChecksumError)
    assert "could not download" in str(err.value) and path[len("/to-"):] + "://" in str(err.value)
    assert not (tmp_path / "d").exists() or not any((tmp_path / "d").iterdir())
