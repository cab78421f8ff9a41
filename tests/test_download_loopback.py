"""Downloads against a local HTTP server on 127.0.0.1: an interrupted transfer and wrong bytes leave no
file behind (pooch writes to a temporary name and renames only after the sha256 matched)."""
from __future__ import annotations

import hashlib
import http.server
import threading

import pytest

from wordeval.datasets.load import load
from wordeval.datasets.sources import download
from wordeval.datasets.spec import DataFile, DatasetSpec, Source
from wordeval.errors import ChecksumError, NotAvailableError

PAYLOAD = b"".join(f"w{i}\tv{i}\t{i % 10}.5\n".encode() for i in range(5000))
SHA = hashlib.sha256(PAYLOAD).hexdigest()


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        body = PAYLOAD if self.path != "/wrong" else PAYLOAD.replace(b"w1\t", b"x1\t")
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path == "/drop":  # promise the whole file, send a third, hang up
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _leftovers(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_complete_download_is_verified_and_kept(server, tmp_path):
    dest = download(f"{server}/good", sha256=SHA, dest=tmp_path / "d" / "pairs.txt")
    assert dest.read_bytes() == PAYLOAD
    assert _leftovers(tmp_path / "d") == ["pairs.txt"]


def test_dropped_connection_leaves_no_partial_file(server, tmp_path):
    with pytest.raises(NotAvailableError) as err:
        download(f"{server}/drop", sha256=SHA, dest=tmp_path / "d" / "pairs.txt")
    assert "127.0.0.1" in str(err.value)
    assert _leftovers(tmp_path / "d") == []


def test_wrong_bytes_raise_checksum_error_and_leave_nothing(server, tmp_path):
    with pytest.raises(ChecksumError) as err:
        download(f"{server}/wrong", sha256=SHA, dest=tmp_path / "d" / "pairs.txt")
    assert SHA in str(err.value)
    assert _leftovers(tmp_path / "d") == []


def _spec(url):
    return DatasetSpec(name="loopback-pairs", version="1", family="similarity", description="test", counts={"test": 5000},
                       licence="test", citation="", canonical=url,
                       sources=(Source("url", {"pairs": DataFile("pairs.txt", SHA, url=url)},
                                       "wordeval.datasets.parsers_pairs:read_pairs"),))


def test_load_through_a_url_source_then_reuse_the_cache(server, tmp_path):
    ds = load(_spec(f"{server}/good"), cache_home=tmp_path)
    assert len(ds.items()) == 5000 and ds.files == {"pairs.txt": SHA}
    assert ds.source == f"url:{server}/good"
    # second load: from the verified cache, no download allowed
    again = load(_spec(f"{server}/good"), cache_home=tmp_path, allow_download=False)
    assert again.items() == ds.items()


@pytest.mark.parametrize("path", ["/drop", "/wrong"])
def test_failed_url_source_reports_why_and_caches_nothing(server, tmp_path, path):
    with pytest.raises((NotAvailableError, ChecksumError)) as err:
        load(_spec(f"{server}{path}"), cache_home=tmp_path)
    assert "\n" not in str(err.value)
    assert _leftovers(tmp_path / "datasets") == []
