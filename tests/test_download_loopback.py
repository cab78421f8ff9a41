"""Downloads against a local HTTP server on 127.0.0.1: an interrupted transfer and wrong bytes leave no
file behind (pooch writes to a temporary name and renames only after the sha256 matched); offline
(WORDEVAL_OFFLINE / HF_HUB_OFFLINE) the server is never contacted."""
from __future__ import annotations

import hashlib
import importlib.util

import pytest

from tests._archives import zip_of
from tests._loopback import QuietHandler, offline_switches_off, serving, short_retry_waits
from wordeval.datasets.load import load
from wordeval.datasets.sources import download
from wordeval.datasets.spec import DataFile, DatasetSpec, Source
from wordeval.errors import ChecksumError, NotAvailableError

PAYLOAD = b"".join(f"w{i}\tv{i}\t{i % 10}.5\n".encode() for i in range(5000))
SHA = hashlib.sha256(PAYLOAD).hexdigest()


REQUESTS: list[str] = []


def _zip_of(data: bytes) -> bytes:
    return zip_of({"set/pairs.txt": data})


ZIPPED, ZIPPED_WRONG = _zip_of(PAYLOAD), _zip_of(PAYLOAD.replace(b"w1\t", b"x1\t"))
MODE = ["good"]


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        REQUESTS.append(self.path)
        body = PAYLOAD if self.path != "/wrong" else PAYLOAD.replace(b"w1\t", b"x1\t")
        if self.path.startswith("/archive/"):  # what /archive/<mode>/data.zip serves: MODE[0] decides
            body = {"good": ZIPPED, "wrong": ZIPPED_WRONG, "html": b"<html>please log in</html>"}[MODE[0]]
        self.send_head_for(body)
        if self.path == "/drop":  # promise the whole file, send a third, hang up
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture(autouse=True)
def online(monkeypatch):
    """The loopback server is network: these tests run with the offline switches off (conftest sets one)."""
    offline_switches_off(monkeypatch)
    short_retry_waits(monkeypatch)


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


# readers are named ("pairs") since the task-layer change; before it, by "module:function"
READER = ("pairs" if importlib.util.find_spec("wordeval.datasets.readers")
          else "wordeval.datasets.parsers_pairs:read_pairs")


def _spec(url, *, data_home=False):
    home = (Source("data_home", {"pairs": DataFile("loopback/pairs.txt", SHA)}, READER),) if data_home else ()
    return DatasetSpec(name="loopback-pairs", version="1", family="similarity", description="test", counts={"test": 5000},
                       licence="test", citation="", canonical=url,
                       sources=home + (Source("url", {"pairs": DataFile("pairs.txt", SHA, url=url)}, READER),))


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


@pytest.mark.parametrize("switch", ["WORDEVAL_OFFLINE", "HF_HUB_OFFLINE"])
def test_offline_never_contacts_the_server_and_names_where_the_file_goes(server, tmp_path, monkeypatch, switch):
    monkeypatch.setenv(switch, "1")
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    REQUESTS.clear()
    with pytest.raises(NotAvailableError) as err:
        load(_spec(f"{server}/good", data_home=True), cache_home=tmp_path)
    message = str(err.value)
    assert REQUESTS == []
    assert "\n" not in message and switch in message
    assert str(tmp_path / "datasets" / "loopback-pairs" / "pairs.txt") in message  # where to put it
    assert "set WORDEVAL_DATA to a folder holding loopback/pairs.txt" in message  # ... or the data home layout
    assert _leftovers(tmp_path / "datasets") == []
    with pytest.raises(NotAvailableError, match="offline"):
        download(f"{server}/good", sha256=SHA, dest=tmp_path / "d" / "pairs.txt")
    assert REQUESTS == []


def test_offline_uses_a_file_put_where_the_message_said(server, tmp_path, monkeypatch):
    monkeypatch.setenv("WORDEVAL_OFFLINE", "1")
    REQUESTS.clear()
    dest = tmp_path / "datasets" / "loopback-pairs" / "pairs.txt"
    dest.parent.mkdir(parents=True)
    dest.write_bytes(PAYLOAD)
    ds = load(_spec(f"{server}/good"), cache_home=tmp_path)
    assert len(ds.items()) == 5000 and REQUESTS == []


def _archive_spec(url):
    return DatasetSpec(name="loopback-zip", version="1", family="similarity", description="test",
                       counts={"test": 5000}, licence="test", citation="", canonical=url,
                       sources=(Source("url", {"pairs": DataFile("pairs.txt", SHA, url=url, member="set/pairs.txt")},
                                       READER),))


@pytest.mark.parametrize("bad", ["wrong", "html"])
def test_a_bad_archive_is_not_kept_and_the_next_run_downloads_again(server, tmp_path, bad):
    """A zip whose member is not the published file, or a login page saved under the archive's name: it stayed
    in the cache and was served on every later run (the page as a traceback), never downloaded again."""
    url = f"{server}/archive/data.zip"
    MODE[0] = bad
    with pytest.raises((ChecksumError, NotAvailableError)) as err:
        load(_archive_spec(url), cache_home=tmp_path)
    assert "\n" not in str(err.value) and "the next run downloads it again" in str(err.value)
    assert _leftovers(tmp_path / "datasets") == []
    MODE[0] = "good"
    REQUESTS.clear()
    ds = load(_archive_spec(url), cache_home=tmp_path)
    assert len(ds.items()) == 5000 and REQUESTS == ["/archive/data.zip"]


def test_offline_a_downloaded_archive_still_gives_its_member(server, tmp_path, monkeypatch):
    MODE[0] = "good"
    url = f"{server}/archive/data.zip"
    load(_archive_spec(url), cache_home=tmp_path)
    (tmp_path / "datasets" / "loopback-zip" / "pairs.txt").unlink()
    monkeypatch.setenv("WORDEVAL_OFFLINE", "1")
    REQUESTS.clear()
    assert len(load(_archive_spec(url), cache_home=tmp_path).items()) == 5000 and REQUESTS == []


def test_downloaded_files_are_readable_by_the_cache_s_other_users(server, tmp_path):
    import os

    from wordeval.atomic_write import current_umask

    MODE[0] = "good"
    load(_archive_spec(f"{server}/archive/data.zip"), cache_home=tmp_path)
    want = 0o666 & ~current_umask()
    for p in (tmp_path / "datasets" / "loopback-zip").rglob("*"):
        if p.is_file():
            assert p.stat().st_mode & 0o777 == want, p
    got = download(f"{server}/good", sha256=SHA, dest=tmp_path / "d" / "pairs.txt")
    assert got.stat().st_mode & 0o777 == want and os.access(got, os.R_OK)
