"""Size caps on what a download may write, against a local HTTP server on 127.0.0.1. A url source's archive is
not pinned (only its member is), and its member was inflated to the disk with no limit before the sha256
check: a decompression bomb filled the disk. A server that sent without end (or a gzip-encoded body that
inflates) did the same to a plain download and to a package artifact's fetch. Now each stops at its cap with
one line naming the URL (and member), exit code 2, and nothing kept."""
from __future__ import annotations

import gzip
import hashlib
import importlib
import zipfile

import pytest

from tests._archives import zip_of
from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval import download_limits
from wordeval.cli import main
from wordeval.datasets.load import load
from wordeval.datasets.sources import download
from wordeval.datasets.spec import DataFile, DatasetSpec, Source
from wordeval.errors import NotAvailableError
from wordeval.package_index import IndexConfig, Offer, fetch

PAIRS = b"".join(f"w{i}\tv{i}\t{i % 10}.5\n".encode() for i in range(50))
SHA = hashlib.sha256(PAIRS).hexdigest()
MEMBER = "set/pairs.txt"
BOMB_BYTES = 4 << 20  # zeros: deflate packs them about 1,000 to 1


def _bomb_zip() -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MEMBER, b"\0" * BOMB_BYTES)
    return buf.getvalue()


BOMB = _bomb_zip()
ENDLESS = 3 << 20  # what /endless and /gzip send; the tests cap downloads at 1 MiB


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        if self.path.endswith("bomb.zip"):
            body = BOMB
        elif self.path.endswith("good.zip"):
            body = zip_of({MEMBER: PAIRS})
        elif self.path == "/gzip":  # 3 MiB of zeros in a few kB, sent as Content-Encoding: gzip
            body = gzip.compress(b"\0" * ENDLESS)
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        elif self.path == "/announced":  # says it will send 3 MiB: refused before a byte is read
            self.send_response(200)
            self.send_header("Content-Length", str(ENDLESS))
            self.end_headers()
            self.wfile.write(b"\0" * 1024)
            return
        else:  # /endless: no Content-Length, bytes until the client hangs up
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(ENDLESS >> 16):
                    self.wfile.write(b"\0" * (1 << 16))
            except OSError:
                pass
            return
        self.send_head_for(body)
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture(autouse=True)
def online(monkeypatch):
    offline_switches_off(monkeypatch)
    monkeypatch.setattr(download_limits, "MAX_DOWNLOAD_BYTES", 1 << 20)


def _spec(url: str) -> DatasetSpec:
    return DatasetSpec(name="caps", version="1", family="similarity", description="test", counts={"test": 50},
                       licence="test", citation="", canonical=url,
                       sources=(Source("url", {"pairs": DataFile("pairs.txt", SHA, url=url, member=MEMBER)}, "pairs"),))


def _files(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_a_decompression_bomb_member_is_stopped_at_its_cap_and_removed(server, tmp_path):
    assert len(BOMB) * download_limits.MAX_EXPANSION < BOMB_BYTES  # a bomb by the cap's measure
    with pytest.raises(NotAvailableError) as err:
        load(_spec(f"{server}/x/bomb.zip"), cache_home=tmp_path)
    message = str(err.value)
    assert "\n" not in message and f"{server}/x/bomb.zip" in message and MEMBER in message
    assert "unpacks to more than" in message
    assert _files(tmp_path / "datasets") == []  # neither the archive nor any part of the member


def test_the_member_is_hashed_before_it_is_placed(server, tmp_path, monkeypatch):
    """A member that is not the pinned one never appears at its cache path, not even for a moment."""
    import wordeval.datasets.sources as sources

    seen = []
    original = sources.os.replace
    monkeypatch.setattr(sources.os, "replace", lambda a, b: (seen.append(str(b)), original(a, b))[1])
    wrong = DataFile("pairs.txt", "0" * 64, url=f"{server}/x/good.zip", member=MEMBER)
    spec = DatasetSpec(name="caps", version="1", family="similarity", description="test", counts={"test": 50},
                       licence="test", citation="", canonical=wrong.url, sources=(Source("url", {"pairs": wrong}, "pairs"),))
    with pytest.raises(Exception, match="sha256"):
        load(spec, cache_home=tmp_path)
    assert not [p for p in seen if p.endswith("pairs.txt")]
    assert len(load(_spec(f"{server}/x/good.zip"), cache_home=tmp_path / "ok").items()) == 50


@pytest.mark.parametrize("path", ["/endless", "/gzip"])
def test_a_download_past_its_cap_is_stopped_and_leaves_nothing(server, tmp_path, path):
    with pytest.raises(NotAvailableError) as err:
        download(f"{server}{path}", sha256=SHA, dest=tmp_path / "d" / "pairs.txt")
    message = str(err.value)
    assert "\n" not in message and f"{server}{path}" in message and "more than 1,048,576 bytes" in message
    assert _files(tmp_path / "d") == []


def test_a_download_announcing_more_than_its_cap_is_refused_before_a_byte(server, tmp_path, monkeypatch):
    """README: 'a larger announced Content-Length is refused before any byte'; a dataset download wrote the
    body until the cap (1 GiB) before it stopped, or here until the server hung up, and said neither."""
    import wordeval.datasets.url_downloader as url_downloader

    written = []
    capped = url_downloader.CappedWriter
    monkeypatch.setattr(url_downloader, "CappedWriter",
                        lambda fh, cap: written.append(capped(fh, cap)) or written[-1])
    with pytest.raises(NotAvailableError) as err:
        download(f"{server}/announced", sha256=SHA, dest=tmp_path / "d" / "pairs.txt")
    message = str(err.value)
    assert "\n" not in message and f"{server}/announced" in message
    assert f"announces {ENDLESS:,} bytes" in message and "1,048,576" in message
    assert sum(w.written for w in written) == 0
    assert _files(tmp_path / "d") == []


@pytest.mark.parametrize("path", ["/endless", "/announced"])
def test_an_artifact_fetch_past_its_cap_is_stopped_and_leaves_nothing(server, tmp_path, path):
    offer = Offer(f"{server}{path}", "x-1.0-py3-none-any.whl", None, server)
    config = IndexConfig(index_urls=(), find_links=(), timeout=10)
    with pytest.raises(NotAvailableError) as err:
        fetch(offer, tmp_path / "x.whl", "0" * 64, config)
    assert f"{server}{path}" in str(err.value) and "1,048,576" in str(err.value)
    assert _files(tmp_path) == []


def test_the_cli_says_it_in_one_line_with_exit_code_2(server, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(importlib.import_module("wordeval.datasets.load"), "get_spec",
                        lambda name: _spec(f"{server}/x/bomb.zip"))
    assert main(["--quiet", "datasets", "fetch", "caps"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "bomb.zip" in err and MEMBER in err
    assert "unpacks to more than" in err
