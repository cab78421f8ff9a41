"""A server on 127.0.0.1 that sends its status line and then one header byte at a time, never silent for long
and never done. The deadline of a download (``download_retry.DEADLINE_SECONDS``) shut the connection only once
its response had arrived, so such a server held a dataset download, an artifact fetch or an index page for as
long as it liked: the download hung past its deadline with nothing said. The connection is now watched from
the moment it is made, and the fetch ends at its deadline in one line, leaving nothing behind. An index page
whose headers were cut there read as an empty page (no file offered, nothing said): a fetch that returns after
its deadline is now a failure too."""
from __future__ import annotations

import time

import pytest

from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval import download_retry
from wordeval.datasets.sources import download
from wordeval.errors import NotAvailableError
from wordeval.package_index import IndexConfig, Offer, fetch, offers

SHA = "0" * 64
TRICKLE_SECONDS = 8.0  # the server gives up then: without the fix a test fails after this, it does not hang
DEADLINE = 0.5


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        end = time.monotonic() + TRICKLE_SECONDS
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Trickle: ")
            while time.monotonic() < end:
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:  # the client shut the connection: what the fix does at the deadline
            pass
        self.close_connection = True


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture(autouse=True)
def short_deadline(monkeypatch):
    offline_switches_off(monkeypatch)
    monkeypatch.setattr(download_retry, "DEADLINE_SECONDS", DEADLINE)


def _dataset(url, tmp_path):
    download(url, sha256=SHA, dest=tmp_path / "d" / "x.txt")


def _artifact(url, tmp_path):
    (tmp_path / "d").mkdir(parents=True)
    config = IndexConfig(index_urls=(), find_links=(), timeout=5)
    fetch(Offer(url, "x-1.0-py3-none-any.whl", None, url), tmp_path / "d" / "x.whl", SHA, config)


def _index_page(url, tmp_path):
    problems: list[str] = []
    config = IndexConfig(index_urls=(url,), find_links=(), timeout=5)
    assert list(offers("trapdata", "trapdata-1.0.tar.gz", config, offline=False, problems=problems,
                       skipped=[])) == []
    raise NotAvailableError(problems[0])


@pytest.mark.parametrize("get", [_dataset, _artifact, _index_page])
def test_headers_trickled_past_the_deadline_end_the_fetch_there(server, tmp_path, get):
    url = server + "/trickled-headers"
    started = time.monotonic()
    with pytest.raises(NotAvailableError) as err:
        get(url, tmp_path)
    took = time.monotonic() - started
    message = str(err.value)
    assert took < TRICKLE_SECONDS / 2, f"held {took:.1f} s by a server trickling its headers ({message})"
    assert "\n" not in message and url in message
    assert f"not finished within {DEADLINE:g} s" in message
    left = sorted(p.name for p in (tmp_path / "d").rglob("*")) if (tmp_path / "d").exists() else []
    assert left == []
