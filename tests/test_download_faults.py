"""Faults of the download cache against a loopback server on 127.0.0.1: an archive without the pinned member
is not kept (it was served again on every later run, never downloaded again), and a disk that refuses the
write (full, file-size limit, read-only) is said as such, keeping a good archive instead of calling it
unreadable and deleting it."""
from __future__ import annotations

import errno
import hashlib

import pytest

from tests._archives import zip_of
from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.datasets.load import load
from wordeval.datasets.spec import DataFile, DatasetSpec, Source
from wordeval.errors import NotAvailableError, OutputError

PAYLOAD = b"".join(f"w{i}\tv{i}\t{i % 10}.5\n".encode() for i in range(50))
SHA = hashlib.sha256(PAYLOAD).hexdigest()
MEMBER = "set/pairs.txt"


def _zip_of(name: str, data: bytes) -> bytes:
    return zip_of({name: data})


SERVED = {"zip": _zip_of(MEMBER, PAYLOAD)}
REQUESTS: list[str] = []


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        REQUESTS.append(self.path)
        body = SERVED["zip"] if self.path.endswith(".zip") else PAYLOAD
        self.send_head_for(body)
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture(autouse=True)
def online(monkeypatch):
    """The loopback server is network: the offline switches (conftest sets one) are off here."""
    offline_switches_off(monkeypatch)
    SERVED["zip"] = _zip_of(MEMBER, PAYLOAD)
    REQUESTS.clear()


def _spec(url: str, member: str | None = MEMBER) -> DatasetSpec:
    return DatasetSpec(name="faults", version="1", family="similarity", description="test", counts={"test": 50},
                       licence="test", citation="", canonical=url,
                       sources=(Source("url", {"pairs": DataFile("pairs.txt", SHA, url=url, member=member)}, "pairs"),))


def _files(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_an_archive_without_the_member_is_removed_and_downloaded_again(server, tmp_path):
    SERVED["zip"] = _zip_of("other-layout/pairs.txt", PAYLOAD)
    with pytest.raises(NotAvailableError) as err:
        load(_spec(f"{server}/data.zip"), cache_home=tmp_path)
    message = str(err.value)
    assert "\n" not in message and f"has no member {MEMBER}" in message and "downloads it again" in message
    assert _files(tmp_path) == []
    SERVED["zip"] = _zip_of(MEMBER, PAYLOAD)  # the mirror fixed: the next run fetches it
    REQUESTS.clear()
    ds = load(_spec(f"{server}/data.zip"), cache_home=tmp_path)
    assert len(ds.items()) == 50 and ds.files == {"pairs.txt": SHA} and REQUESTS == ["/data.zip"]


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG, errno.EROFS])
def test_a_disk_that_refuses_the_member_keeps_the_archive_and_says_so(server, tmp_path, monkeypatch, code):
    import wordeval.datasets.sources as sources

    original = sources.copy_capped  # what copies the member out of the archive

    def refused(src, dst, *args, **kwargs):
        raise OSError(code, "refused")

    monkeypatch.setattr(sources, "copy_capped", refused)
    with pytest.raises(OutputError) as err:
        load(_spec(f"{server}/data.zip"), cache_home=tmp_path)
    message = str(err.value)
    dest = tmp_path / "datasets" / "faults" / "pairs.txt"
    assert "\n" not in message and message.startswith(f"{dest}: cannot write") and "archive" not in message
    assert _files(tmp_path / "datasets") == ["faults/archives/data.zip"]  # the good download is kept
    monkeypatch.setattr(sources, "copy_capped", original)
    REQUESTS.clear()
    assert len(load(_spec(f"{server}/data.zip"), cache_home=tmp_path).items()) == 50 and REQUESTS == []


def test_a_disk_that_refuses_the_download_is_not_blamed_on_the_server(server, tmp_path, monkeypatch):
    import pooch

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pooch, "retrieve", full)
    with pytest.raises(OutputError) as err:
        load(_spec(f"{server}/pairs.txt", member=None), cache_home=tmp_path)
    assert "the disk is full" in str(err.value) and "could not download" not in str(err.value)
    assert _files(tmp_path) == []


@pytest.mark.parametrize("how", ["offline", "no-download"])
def test_a_damaged_copy_where_the_message_says_to_put_the_file_is_named(server, tmp_path, monkeypatch, how):
    """The offline message said "not downloaded; put it at PATH" while PATH held a file of other bytes (a
    truncated copy, another version), and verify said "not downloaded yet": now it says what is there."""
    dest = tmp_path / "datasets" / "faults" / "pairs.txt"
    dest.parent.mkdir(parents=True)
    dest.write_bytes(PAYLOAD[:100])
    if how == "offline":
        monkeypatch.setenv("WORDEVAL_OFFLINE", "1")
    with pytest.raises(NotAvailableError) as err:
        load(_spec(f"{server}/pairs.txt", member=None), cache_home=tmp_path, allow_download=how != "no-download")
    message = str(err.value)
    held = hashlib.sha256(PAYLOAD[:100]).hexdigest()
    assert "\n" not in message and f"{dest} is there but has sha256 {held}, not the pinned {SHA}" in message
    assert REQUESTS == [] and dest.read_bytes() == PAYLOAD[:100]  # nothing fetched, the user's file untouched
    monkeypatch.delenv("WORDEVAL_OFFLINE", raising=False)
    assert load(_spec(f"{server}/pairs.txt", member=None), cache_home=tmp_path).files == {"pairs.txt": SHA}
    assert dest.read_bytes() == PAYLOAD  # online, the pinned bytes replace it
