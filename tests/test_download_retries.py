"""Transient download faults against a server on 127.0.0.1: a connection dropped mid-file, 503 twice then the
file, a server that trickles bytes past the deadline, a 404 and wrong bytes. A dropped connection or a 503 used
to fail the download at once, and a trickle held it for as long as the server liked (each byte came within the
30 s silence limit). Now transient faults are tried again a bounded number of times with a growing wait, the
whole file has a deadline, and a 4xx or a checksum mismatch is never tried again. A failure is one line naming
the URL, the attempts and the reason; nothing is left in the cache. The waits are shortened through the
settings README's figures come from."""
from __future__ import annotations

import hashlib
import time
from collections import Counter
from types import SimpleNamespace

import pytest

from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval import download_retry
from wordeval.datasets.sources import download
from wordeval.errors import ChecksumError, NotAvailableError
from wordeval.package_index import IndexConfig, Offer, fetch, offers

BODY = b"".join(f"w{i}\tv{i}\t{i % 10}.5\n".encode() for i in range(400))
SHA = hashlib.sha256(BODY).hexdigest()
SEEN: Counter = Counter()
FIRST_WAIT = download_retry.FIRST_WAIT_SECONDS  # before the tests shorten it


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        SEEN[self.path] += 1
        n = SEEN[self.path]
        name = self.path.rsplit("/", 1)[-1]
        if self.path.startswith("/index-"):  # /index-busy-twice/simple/trapdata/: a package index page
            name = self.path.split("/")[1][len("index-"):]
            if name == "busy-twice" and n > 2:
                page = f'<a href="/files/trapdata-1.0.tar.gz#sha256={SHA}">trapdata-1.0.tar.gz</a>'.encode()
                self.send_head_for(page)
                self.wfile.write(page)
                return
        if name.startswith("drop") and (name == "drop-always" or n == 1):
            self.send_head_for(BODY)  # the whole length promised, a third sent, then the connection closed
            self.wfile.write(BODY[: len(BODY) // 3])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if name.startswith("busy") and (name == "busy-always" or n <= 2):
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if name.startswith("asks-") and (name == "asks-120" or n <= 2):  # 503 with Retry-After: N
            self.send_response(503)
            self.send_header("Retry-After", name[len("asks-"):])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if name == "missing":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if name == "trickle":  # a byte at a time, never silent for long, never done in time
            self.send_head_for(BODY)
            for i in range(200):
                try:
                    self.wfile.write(BODY[i:i + 1])
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.02)
            return
        body = BODY.replace(b"w1\t", b"x1\t") if name == "wrong" else BODY
        self.send_head_for(body)
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    offline_switches_off(monkeypatch)
    monkeypatch.setattr(download_retry, "FIRST_WAIT_SECONDS", 0.05)
    SEEN.clear()


def _files(folder):
    return sorted(p.name for p in folder.rglob("*")) if folder.exists() else []


def _dataset(url, tmp_path, sha=SHA):
    return download(url, sha256=sha, dest=tmp_path / "d" / "x.txt")


def _artifact(url, tmp_path, sha=SHA):
    (tmp_path / "d").mkdir(parents=True, exist_ok=True)
    config = IndexConfig(index_urls=(), find_links=(), timeout=5)
    return fetch(Offer(url, "x-1.0-py3-none-any.whl", None, url), tmp_path / "d" / "x.whl", sha, config)


@pytest.mark.parametrize("get", [_dataset, _artifact])
@pytest.mark.parametrize("path, tries", [("/drop-once", 2), ("/busy-twice", 3)])
def test_a_transient_fault_is_tried_again_and_the_file_kept(server, tmp_path, get, path, tries):
    got = get(server + path, tmp_path)
    assert got.read_bytes() == BODY
    assert SEEN[path] == tries
    assert _files(tmp_path / "d") == [got.name]


@pytest.mark.parametrize("get", [_dataset, _artifact])
@pytest.mark.parametrize("path, said", [("/drop-always", "interrupted"), ("/busy-always", "503")])
def test_a_lasting_fault_is_tried_a_bounded_number_of_times(server, tmp_path, get, path, said):
    with pytest.raises(NotAvailableError) as err:
        get(server + path, tmp_path)
    message = str(err.value)
    attempts = download_retry.ATTEMPTS
    assert SEEN[path] == attempts
    assert "\n" not in message and server + path in message and said in message
    assert f"{attempts} attempts" in message
    assert _files(tmp_path / "d") == []


def _offers(index: str) -> tuple[list, list[str]]:
    problems: list[str] = []
    config = IndexConfig(index_urls=(index,), find_links=(), timeout=5)
    return list(offers("trapdata", "trapdata-1.0.tar.gz", config, offline=False, problems=problems,
                       skipped=[])), problems


def test_a_package_index_page_is_tried_again_too(server):
    found, problems = _offers(server + "/index-busy-twice/simple")
    assert [o.url for o in found] == [server + "/files/trapdata-1.0.tar.gz"] and not problems
    assert SEEN["/index-busy-twice/simple/trapdata/"] == 3
    found, problems = _offers(server + "/index-busy-always/simple")
    assert found == [] and SEEN["/index-busy-always/simple/trapdata/"] == download_retry.ATTEMPTS
    (problem,) = problems
    assert problem.startswith(server + "/index-busy-always/simple/trapdata/: HTTP 503 ")
    assert f"({download_retry.ATTEMPTS} attempts)" in problem


@pytest.mark.parametrize("get", [_dataset, _artifact])
def test_a_404_is_not_tried_again(server, tmp_path, get):
    with pytest.raises(NotAvailableError) as err:
        get(server + "/missing", tmp_path)
    assert SEEN["/missing"] == 1 and "404" in str(err.value) and "attempts" not in str(err.value)
    assert _files(tmp_path / "d") == []


@pytest.mark.parametrize("get", [_dataset, _artifact])
def test_wrong_bytes_are_not_tried_again(server, tmp_path, get):
    with pytest.raises(ChecksumError):
        get(server + "/wrong", tmp_path)
    assert SEEN["/wrong"] == 1
    assert _files(tmp_path / "d") == []


@pytest.mark.parametrize("get", [_dataset, _artifact])
def test_a_trickle_past_the_deadline_is_stopped(server, tmp_path, monkeypatch, get):
    monkeypatch.setattr(download_retry, "DEADLINE_SECONDS", 0.5)
    with pytest.raises(NotAvailableError) as err:
        get(server + "/trickle", tmp_path)  # the server would send the whole file in 4 s
    message = str(err.value)
    assert "\n" not in message and server + "/trickle" in message
    assert "not finished within 0.5 s" in message and SEEN["/trickle"] == 1
    assert _files(tmp_path / "d") == []


def test_the_cli_says_it_in_one_line_with_exit_code_2(server, tmp_path, monkeypatch, capsys):
    import importlib

    from wordeval.cli import main
    from wordeval.datasets.spec import DataFile, DatasetSpec, Source

    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("WORDEVAL_DATA", raising=False)
    url = server + "/busy-always"
    spec = DatasetSpec(name="loopback-pairs", version="1", family="similarity", description="test",
                       counts={"test": 400}, licence="test", citation="", canonical=url,
                       sources=(Source("url", {"pairs": DataFile("pairs.txt", SHA, url=url)}, "pairs"),))
    monkeypatch.setattr(importlib.import_module("wordeval.datasets.load"), "get_spec", lambda name: spec)
    assert main(["--quiet", "datasets", "fetch", "loopback-pairs"]) == 2
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1 and url in lines[0] and f"{download_retry.ATTEMPTS} attempts" in lines[0], err
    assert "Traceback" not in err
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []


def test_readme_names_the_policy_the_code_uses():
    from tests.test_readme_claims import PROSE

    first = FIRST_WAIT
    assert (f"tried {download_retry.ATTEMPTS} times in all, waiting {first:.0f} s, then {2 * first:.0f} s, "
            f"then {4 * first:.0f} s" in PROSE)
    assert f"when a 503's Retry-After asks for up to {download_retry.MAX_WAIT_SECONDS:.0f} s" in PROSE
    assert f"{download_retry.DEADLINE_SECONDS / 60:.0f} minutes per file" in PROSE


@pytest.mark.parametrize("get", [_dataset, _artifact])
def test_a_retry_says_so_without_the_url_s_login(server, tmp_path, caplog, get):
    url = server.replace("http://", "http://user:s3cr3t@") + "/busy-twice"
    with caplog.at_level("INFO", logger="wordeval"):
        assert get(url, tmp_path).read_bytes() == BODY
    said = [r.getMessage() for r in caplog.records if "trying again" in r.getMessage()]
    assert len(said) == 2 and all(server.replace("http://", "http://***@") + "/busy-twice: " in m for m in said)
    assert "s3cr3t" not in caplog.text


@pytest.fixture
def waits(monkeypatch):
    """The waits between attempts, recorded instead of slept."""
    slept: list[float] = []
    clock = SimpleNamespace(monotonic=time.monotonic, time=time.time, sleep=slept.append)
    monkeypatch.setattr(download_retry, "time", clock)
    return slept


@pytest.mark.parametrize("get", [_dataset, _artifact])
def test_the_waits_double_and_a_retry_after_is_kept(server, tmp_path, waits, get):
    get(server + "/busy-twice", tmp_path / "a")
    assert waits == [0.05, 0.1]
    waits.clear()
    get(server + "/asks-2", tmp_path / "b")
    assert waits == [2.0, 2.0]  # the server's 2 s, longer than 0.05 s and 0.1 s


@pytest.mark.parametrize("get", [_dataset, _artifact])
def test_a_retry_after_past_the_longest_wait_is_said_not_waited_for(server, tmp_path, waits, get):
    with pytest.raises(NotAvailableError) as err:
        get(server + "/asks-120", tmp_path)
    assert waits == [] and SEEN["/asks-120"] == 1
    assert "retry after 120 s" in str(err.value) and "(1 attempt)" in str(err.value)


def test_retry_after_values():
    from email.utils import format_datetime
    from datetime import datetime, timedelta, timezone

    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=100), usegmt=True)
    assert download_retry.asked_wait({"Retry-After": "7"}) == 7.0
    assert 90 < download_retry.asked_wait({"Retry-After": later}) <= 100
    assert download_retry.asked_wait({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0  # past
    assert download_retry.asked_wait({"Retry-After": "soon"}) is None
    assert download_retry.asked_wait({}) is None
