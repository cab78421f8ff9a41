"""Package artifacts are fetched as plain files from a PEP 503 index and never run: an sdist whose setup.py
(and package __init__) writes a marker file is fetched from a loopback HTTP index, a file:// index and a
find-links folder, and the marker is never written. A wrong pin, wrong bytes or an interrupted transfer
leave nothing in the cache; offline, a network index is never contacted."""
from __future__ import annotations

import functools
import hashlib
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests._archives import tar_gz, zip_of
from tests._loopback import short_retry_waits
from wordeval.artifacts import PackageArtifact, artifact_file, artifact_root, local_root
from wordeval.errors import ChecksumError, NotAvailableError
from wordeval.package_index import index_config

MEMBER = "trapdata/data/words.txt"
WORDS = b"alpha\nbeta\ngamma\n"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Index:
    """A PEP 503 tree: files/, simple/ (hashes advertised), nohash/, lying/ (advertises the pin, serves
    other bytes), drop/ (served by a handler that hangs up a third of the way)."""

    def __init__(self, root: Path):
        self.root = root
        self.marker = root / "MARKER"
        trap = f"import pathlib\npathlib.Path({str(self.marker)!r}).write_text('code ran')\n".encode()
        self.sdist = tar_gz({
            "trapdata-1.0/PKG-INFO": b"Metadata-Version: 2.1\nName: trapdata\nVersion: 1.0\n",
            "trapdata-1.0/setup.py": trap + b"from setuptools import setup\nsetup(name='trapdata', version='1.0')\n",
            "trapdata-1.0/trapdata/__init__.py": trap,
            "trapdata-1.0/" + MEMBER: WORDS})
        self.wheel = zip_of({"trapdata/__init__.py": trap, MEMBER: WORDS,
                           "trapdata-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: trapdata\nVersion: 1.0\n"})
        other = self.sdist[:-8] + b"\0" * 8  # same length, other bytes
        self.files = root / "files"
        (self.files / "other").mkdir(parents=True)
        (self.files / "trapdata-1.0.tar.gz").write_bytes(self.sdist)
        (self.files / "trapdata-1.0-py3-none-any.whl").write_bytes(self.wheel)
        (self.files / "other" / "trapdata-1.0.tar.gz").write_bytes(other)
        pin = _sha(self.sdist)
        pages = {
            "simple": [f"../../files/trapdata-1.0.tar.gz#sha256={pin}",
                       f"../../files/trapdata-1.0-py3-none-any.whl#sha256={_sha(self.wheel)}"],
            "nohash": ["../../files/trapdata-1.0.tar.gz"],
            "lying": [f"../../files/other/trapdata-1.0.tar.gz#sha256={pin}"],
            "drop": [f"/dropped/trapdata-1.0.tar.gz#sha256={pin}"]}
        for index, hrefs in pages.items():
            page = root / index / "trapdata" / "index.html"
            page.parent.mkdir(parents=True)
            anchors = "".join(f'<a href="{h}">{h.split("/")[-1].split("#")[0]}</a>\n' for h in hrefs)
            page.write_text(f"<!DOCTYPE html><html><body>\n{anchors}</body></html>\n")

    def artifact(self, *, sha256: str | None = None, wheel: bool = False) -> PackageArtifact:
        name = "trapdata-1.0-py3-none-any.whl" if wheel else "trapdata-1.0.tar.gz"
        pin = sha256 or _sha(self.wheel if wheel else self.sdist)
        return PackageArtifact("trapdata", "1.0", name, pin, "trapdata", installed_ok=False)


REQUESTS: list[str] = []


class _Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        REQUESTS.append(self.path)
        if self.path.startswith("/dropped/"):  # promise the whole file, send a third, hang up
            body = (Path(self.directory) / "files" / "trapdata-1.0.tar.gz").read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    return Index(tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="module")
def server(index):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(index.root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def pip_env(monkeypatch, index):
    """Only the indexes a test names: pip's config files are ignored (PIP_CONFIG_FILE=os.devnull)."""
    def configure(index_url: str | None = None, find_links: str | None = None, offline: str | None = None):
        monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
        for var in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX",
                    "HF_HUB_OFFLINE", "WORDEVAL_OFFLINE"):
            monkeypatch.delenv(var, raising=False)
        if index_url:
            monkeypatch.setenv("PIP_INDEX_URL", index_url)
        else:
            monkeypatch.setenv("PIP_NO_INDEX", "1")
        if find_links:
            monkeypatch.setenv("PIP_FIND_LINKS", find_links)
        if offline:
            monkeypatch.setenv(offline, "1")
        REQUESTS.clear()
        index.marker.unlink(missing_ok=True)
    return configure


def _leftovers(cache: Path) -> list[str]:
    return sorted(str(p.relative_to(cache)) for p in cache.rglob("*") if p.is_file() or ".fetch" in p.name)


def test_the_marker_is_real_pip_download_of_the_sdist_runs_its_setup_py(index, pip_env, tmp_path):
    """Control: the fixture does catch code execution (the reason artifacts no longer use pip download)."""
    pip_env(index.root.joinpath("simple").as_uri())
    res = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-build-isolation", "-q",
                          "--no-binary", ":all:", "-d", str(tmp_path), "trapdata==1.0"],
                         capture_output=True, text=True, timeout=300)
    assert index.marker.exists(), res.stderr[-2000:]


def test_http_index_sdist_is_fetched_as_a_file_and_never_run(index, server, pip_env, tmp_path):
    pip_env(f"{server}/simple")
    path = artifact_file(index.artifact(), MEMBER, cache_home=tmp_path)
    assert path.read_bytes() == WORDS
    assert (path.parent.parent.parent / "setup.py").is_file()  # unpacked as data ...
    assert not index.marker.exists()  # ... and never executed
    assert REQUESTS == ["/simple/trapdata/", "/files/trapdata-1.0.tar.gz"]
    REQUESTS.clear()
    assert artifact_file(index.artifact(), MEMBER, cache_home=tmp_path) == path  # from the cache
    assert REQUESTS == []


@pytest.mark.parametrize("offline", [None, "HF_HUB_OFFLINE", "WORDEVAL_OFFLINE"])
def test_file_index_works_and_is_not_network(index, pip_env, tmp_path, offline):
    pip_env(index.root.joinpath("simple").as_uri(), offline=offline)
    for wheel in (False, True):
        path = artifact_file(index.artifact(wheel=wheel), MEMBER, cache_home=tmp_path / str(wheel))
        assert path.read_bytes() == WORDS
    assert not index.marker.exists()


def test_find_links_folder_without_any_index(index, pip_env, tmp_path):
    pip_env(find_links=str(index.files), offline="WORDEVAL_OFFLINE")
    assert artifact_file(index.artifact(), MEMBER, cache_home=tmp_path).read_bytes() == WORDS
    assert not index.marker.exists()


def test_wrong_pin_is_a_checksum_error_before_any_download(index, server, pip_env, tmp_path):
    pip_env(f"{server}/simple")
    wrong = "0" * 64
    with pytest.raises(ChecksumError) as err:
        artifact_root(index.artifact(sha256=wrong), cache_home=tmp_path)
    assert wrong in str(err.value) and "\n" not in str(err.value)
    assert REQUESTS == ["/simple/trapdata/"]  # the index advertised another sha256: not downloaded
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("page", ["nohash", "lying"])
def test_downloaded_bytes_that_differ_from_the_pin_leave_nothing(index, server, pip_env, tmp_path, page):
    pip_env(f"{server}/{page}")
    art = index.artifact() if page == "lying" else index.artifact(sha256=_sha(b"something else"))
    with pytest.raises(ChecksumError) as err:
        artifact_root(art, cache_home=tmp_path)
    assert art.sha256 in str(err.value) and "\n" not in str(err.value)
    assert any(r.startswith("/files/") for r in REQUESTS)  # it was downloaded, then refused unopened
    assert _leftovers(tmp_path) == [] and local_root(art, cache_home=tmp_path) is None
    assert not index.marker.exists()


def test_interrupted_download_leaves_nothing_that_looks_complete(index, server, pip_env, tmp_path, monkeypatch):
    short_retry_waits(monkeypatch)
    pip_env(f"{server}/drop")
    with pytest.raises(NotAvailableError) as err:
        artifact_root(index.artifact(), cache_home=tmp_path)
    assert "interrupted" in str(err.value) and "\n" not in str(err.value)
    assert _leftovers(tmp_path) == [] and local_root(index.artifact(), cache_home=tmp_path) is None
    pip_env(f"{server}/simple")  # a later fetch starts clean
    assert artifact_file(index.artifact(), MEMBER, cache_home=tmp_path).read_bytes() == WORDS


@pytest.mark.parametrize("switch", ["WORDEVAL_OFFLINE", "HF_HUB_OFFLINE"])
def test_offline_never_contacts_a_network_index(index, server, pip_env, tmp_path, switch):
    pip_env(f"{server}/simple", offline=switch)
    with pytest.raises(NotAvailableError) as err:
        artifact_root(index.artifact(), cache_home=tmp_path)
    message = str(err.value)
    assert REQUESTS == []
    assert "\n" not in message and switch in message and "trapdata-1.0.tar.gz" in message
    assert str(tmp_path / "artifacts") in message  # where to put it
    assert _leftovers(tmp_path) == []


def test_an_archive_put_in_the_cache_folder_is_used_offline_after_its_sha256(index, pip_env, tmp_path):
    pip_env(offline="WORDEVAL_OFFLINE")
    (tmp_path / "artifacts").mkdir()
    dropped = tmp_path / "artifacts" / "trapdata-1.0.tar.gz"
    dropped.write_bytes(index.sdist[:-1] + b"!")
    with pytest.raises(ChecksumError, match=str(dropped)):
        artifact_root(index.artifact(), cache_home=tmp_path)
    assert local_root(index.artifact(), cache_home=tmp_path) is None
    dropped.write_bytes(index.sdist)
    assert artifact_file(index.artifact(), MEMBER, cache_home=tmp_path).read_bytes() == WORDS
    assert not index.marker.exists()


def test_unsafe_zip_member_is_refused(pip_env, tmp_path):
    evil = zip_of({"trapdata/ok.txt": b"x", "../escaped.txt": b"x"})
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "trapdata-1.0-py3-none-any.whl").write_bytes(evil)
    pip_env(find_links=str(folder))
    art = PackageArtifact("trapdata", "1.0", "trapdata-1.0-py3-none-any.whl", _sha(evil), "trapdata", installed_ok=False)
    with pytest.raises(ChecksumError, match="unsafe member"):
        artifact_root(art, cache_home=tmp_path / "cache")
    assert not (tmp_path / "cache" / "escaped.txt").exists() and not (tmp_path / "escaped.txt").exists()
    assert _leftovers(tmp_path / "cache") == []


def test_index_config_is_pips(monkeypatch, tmp_path):
    conf = tmp_path / "pip.conf"
    conf.write_text("[global]\nindex-url = https://a.example/simple\nextra-index-url =\n  file:///b\n  file:///c\n"
                    "[download]\nfind-links = /d\n")
    for var in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PIP_CONFIG_FILE", str(conf))
    config = index_config()
    assert config.index_urls == ("https://a.example/simple", "file:///b", "file:///c")
    assert config.find_links == ("/d",)
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", "file:///e")  # the environment wins, as in pip
    assert index_config().index_urls == ("https://a.example/simple", "file:///e")
    monkeypatch.setenv("PIP_NO_INDEX", "yes")
    assert index_config().index_urls == ()
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.delenv("PIP_NO_INDEX")
    assert index_config().index_urls == ("https://pypi.org/simple", "file:///e")  # pip's default index
