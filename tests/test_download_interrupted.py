"""A dataset download whose connection breaks mid-body, against a server on 127.0.0.1: fewer bytes than its
Content-Length, or a reset. The message was requests' 'ChunkedEncodingError: (...)', a name for chunked
transfers (these are not chunked) followed by urllib3's error twice over as a tuple; it now says the transfer
was interrupted, with urllib3's count of what came and what was missing, and that nothing was kept."""
from __future__ import annotations

import hashlib
import socket
import struct

import pytest

from tests._loopback import QuietHandler, offline_switches_off, serving, short_retry_waits
from wordeval.datasets.sources import download
from wordeval.errors import NotAvailableError

BODY = b"w1\tw2\t1.5\n" * 80
SHA = hashlib.sha256(BODY).hexdigest()
MISSING = 100  # what /short promises and never sends


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY) + MISSING))
        self.end_headers()
        if self.path == "/reset":  # a few bytes, then an RST instead of a FIN
            self.wfile.write(BODY[:10])
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            self.wfile.write(BODY)
            self.wfile.flush()
        self.close_connection = True
        self.connection.close()


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.mark.parametrize("path, said", [
    ("/short", f"IncompleteRead({len(BODY)} bytes read, {MISSING} more expected)"),
    ("/reset", "Connection reset by peer")])
def test_a_broken_transfer_says_so_in_one_line_and_keeps_nothing(server, tmp_path, monkeypatch, path, said):
    offline_switches_off(monkeypatch)
    short_retry_waits(monkeypatch)
    with pytest.raises(NotAvailableError) as err:
        download(server + path, sha256=SHA, dest=tmp_path / "d" / "x.txt")
    message = str(err.value)
    assert message.startswith(f"could not download {server}{path}: transfer interrupted (")
    assert said in message and "nothing kept" in message
    assert "\n" not in message and "ChunkedEncodingError" not in message and message.count(said) == 1
    assert not [p for p in (tmp_path / "d").rglob("*") if p.is_file()]
