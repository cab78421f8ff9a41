"""An HTTP server on 127.0.0.1 for the download tests (the only network these tests use), and the switch-off of
the offline variables that conftest sets for every other test."""
from __future__ import annotations

import http.server
import threading


class QuietHandler(http.server.BaseHTTPRequestHandler):
    """A handler that logs nothing (the test's output stays its own) and sends 200 with a Content-Length."""

    def send_head_for(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()

    def log_message(self, *args):
        pass


def serving(handler):
    """Yield the base URL of a threaded server running ``handler``; shut down after the yield (a fixture body)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def offline_switches_off(monkeypatch) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("WORDEVAL_OFFLINE", raising=False)


def short_retry_waits(monkeypatch) -> None:
    """A transient fault is tried again after 1, 2 and 4 s (``wordeval.download_retry``): 0.01 s here."""
    from wordeval import download_retry

    monkeypatch.setattr(download_retry, "FIRST_WAIT_SECONDS", 0.01)
