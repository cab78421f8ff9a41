"""What a url source's download is refused for, and that the cache never keeps a bad archive, against a local
HTTP server on 127.0.0.1.

- An HTML page served with status 200 for a pinned file was pooch's several sentences ("Deleted download
  for safety..."), with neither its size nor a word of a page: now one line naming the URL, the expected
  sha256 and "got an HTML page (text/html, N bytes)"; any other mismatch names both sha256 and the size.
- A zip whose end is damaged was "not a readable archive (ReadError: file could not be opened successfully:
  - method gz...)" or "(OSError: [Errno 22] Invalid argument)": now the reason, said as such.
- A url archive is not pinned, only its member: a tar.gz cut in its trailer, or a tar cut after the needed
  member, was kept in the cache once that member matched, and a later fetch of another member failed on it
  ("has no member"). The download is now read through before it is kept.
- A process that found the cached archive bad removed it by name, though another process may have just
  renamed a good download there: only the file this process read is removed now.

Oracles: the served bytes, hashlib's sha256 of them, their length; the tarfile/zipfile layouts cut by hand."""
from __future__ import annotations

import gzip
import hashlib
import io
import tarfile

import pytest

from tests._archives import tar_gz, zip_of
from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.datasets.load import load
from wordeval.datasets.sources import download
from wordeval.datasets.spec import DataFile, DatasetSpec, Source
from wordeval.errors import ChecksumError, NotAvailableError

PAIRS = b"".join(f"w{i}\tv{i}\t{i % 10}.5\n".encode() for i in range(50))
SHA = hashlib.sha256(PAIRS).hexdigest()
OTHER = b"".join(f"x{i}\ty{i}\t{i % 7}.25\n".encode() for i in range(50))
OTHER_SHA = hashlib.sha256(OTHER).hexdigest()
MEMBERS = {"set/pairs.txt": PAIRS, "set/other.txt": OTHER}
PAGE = b"<!DOCTYPE html>\n<html><body>Please sign in to continue.</body></html>\n"
SERVED: dict[str, bytes] = {}
REQUESTS: list[str] = []


def _plain_tar(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        REQUESTS.append(self.path)
        body = SERVED[self.path]
        self.send_response(200)
        media = "text/html; charset=utf-8" if body == PAGE else "application/octet-stream"
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


@pytest.fixture(autouse=True)
def online(monkeypatch):
    offline_switches_off(monkeypatch)
    SERVED.clear()
    REQUESTS.clear()


def _spec(url: str, member: str = "set/pairs.txt") -> DatasetSpec:
    """The dataset read from ``member`` of the archive at ``url`` (its other member: a later fetch)."""
    pin = {"set/pairs.txt": SHA, "set/other.txt": OTHER_SHA}[member]
    files = {"pairs": DataFile(member.split("/")[-1], pin, url=url, member=member)}
    return DatasetSpec(name="refusals", version="1", family="similarity", description="test",
                       counts={"test": 50}, licence="test", citation="", canonical=url,
                       sources=(Source("url", files, "pairs"),))


def _files(folder) -> list[str]:
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_an_html_page_for_a_pinned_file_is_said_as_such_in_one_line(server, tmp_path):
    SERVED["/pairs.txt"] = PAGE
    with pytest.raises(ChecksumError) as err:
        download(f"{server}/pairs.txt", sha256=SHA, dest=tmp_path / "d" / "pairs.txt")
    message = str(err.value)
    assert "\n" not in message and "Deleted download" not in message
    assert message.startswith(f"{server}/pairs.txt: expected sha256 {SHA}, got an HTML page (text/html, "
                              f"{len(PAGE):,} bytes, sha256 {hashlib.sha256(PAGE).hexdigest()})")
    assert "a login or error page?" in message
    assert _files(tmp_path / "d") == []


def test_an_html_page_for_a_package_artifact_is_said_as_such(server, tmp_path):
    from wordeval.package_index import IndexConfig, Offer, fetch

    SERVED["/x-1.0-py3-none-any.whl"] = PAGE
    offer = Offer(f"{server}/x-1.0-py3-none-any.whl", "x-1.0-py3-none-any.whl", None, server)
    with pytest.raises(ChecksumError) as err:
        fetch(offer, tmp_path / "x.whl", "0" * 64, IndexConfig(index_urls=(), find_links=(), timeout=10))
    message = str(err.value)
    assert "\n" not in message and message.startswith(
        f"{offer.url}: expected sha256 {'0' * 64}, got an HTML page (text/html, {len(PAGE):,} bytes")
    assert _files(tmp_path) == []


def test_other_wrong_bytes_name_both_sha256_and_the_size(server, tmp_path):
    wrong = PAIRS.replace(b"w1\t", b"x1\t") * 30  # 30 copies: the size is said with its thousands separator
    SERVED["/pairs.txt"] = wrong
    with pytest.raises(ChecksumError) as err:
        download(f"{server}/pairs.txt", sha256=SHA, dest=tmp_path / "d" / "pairs.txt")
    message = str(err.value)
    assert "\n" not in message and "HTML" not in message
    assert message.startswith(f"{server}/pairs.txt: expected sha256 {SHA}, got {len(wrong):,} bytes with "
                              f"sha256 {hashlib.sha256(wrong).hexdigest()}")
    assert _files(tmp_path / "d") == []


def test_an_html_page_for_an_archive_is_said_as_such_and_not_kept(server, tmp_path):
    SERVED["/data.zip"] = PAGE
    with pytest.raises(NotAvailableError) as err:
        load(_spec(f"{server}/data.zip"), cache_home=tmp_path)
    message = str(err.value)
    assert "\n" not in message and f"{server}/data.zip: expected a zip or tar archive, got an HTML page " \
        f"(text/html, {len(PAGE):,} bytes): a login or error page?" in message
    assert _files(tmp_path / "datasets") == []


# its first bytes lost: the end record still reads, but puts the first member before the file's start, and
# zipfile's seek there failed with "[Errno 22] Invalid argument"
ZIP_WITHOUT_START = zip_of(MEMBERS)[10:]


@pytest.mark.parametrize("body, reason", [
    (zip_of(MEMBERS)[:-10], "a truncated or damaged zip: no end-of-central-directory record"),
    (ZIP_WITHOUT_START, "a damaged zip: its member set/pairs.txt would start before the file does"),
])
def test_a_damaged_zip_is_said_by_its_reason(server, tmp_path, body, reason):
    SERVED["/data.zip"] = body
    with pytest.raises(NotAvailableError) as err:
        load(_spec(f"{server}/data.zip"), cache_home=tmp_path)
    message = str(err.value)
    assert "\n" not in message and f"{server}/data.zip: the download is {reason}" in message
    assert f"({len(body):,} bytes); nothing kept" in message
    assert "Errno" not in message and "method gz" not in message
    assert _files(tmp_path / "datasets") == []


@pytest.mark.parametrize("body, reason", [
    (zip_of(MEMBERS)[:-10], "a truncated or damaged zip: no end-of-central-directory record"),
    (ZIP_WITHOUT_START, "a damaged zip: its member set/pairs.txt would start before the file does"),
])
def test_a_damaged_zip_already_in_the_cache_is_said_by_its_reason(tmp_path, body, reason):
    """One kept by an earlier version, which did not read its downloads through: removed, with the reason."""
    url = "http://127.0.0.1:9/data.zip"  # never fetched: the archive is in the cache
    archive = tmp_path / "datasets" / "refusals" / "archives" / "data.zip"
    archive.parent.mkdir(parents=True)
    archive.write_bytes(body)
    with pytest.raises(NotAvailableError) as err:
        load(_spec(url), cache_home=tmp_path, allow_download=False)
    message = str(err.value)
    assert "\n" not in message and f"{url}: the downloaded file is {reason}" in message
    assert "; removed" in message
    assert "Errno" not in message and "method gz" not in message
    assert not archive.exists()


def _tar_gz_without_trailer() -> bytes:
    whole = tar_gz(MEMBERS)
    assert gzip.decompress(whole)  # the whole one reads; without its CRC and length it does not
    return whole[:-8]


def _tar_cut_after_first_member() -> bytes:
    whole = _plain_tar(MEMBERS)
    first = 512 + -(-len(PAIRS) // 512) * 512  # its header and its data, in 512-byte blocks
    return whole[:first]


@pytest.mark.parametrize("name, body, reason", [
    ("data.tar.gz", _tar_gz_without_trailer(), "a truncated tar.gz: its compressed data ends"),
    ("data.tar", _tar_cut_after_first_member(),
     "a truncated tar: no end-of-archive block after its member set/pairs.txt"),
])
def test_an_archive_cut_after_the_needed_member_is_not_kept(server, tmp_path, name, body, reason):
    """Before: the member matched its pin, the archive stayed, and a later fetch of its other member failed
    on it ('the downloaded archive has no member set/other.txt')."""
    url = f"{server}/{name}"
    SERVED[f"/{name}"] = body
    with pytest.raises(NotAvailableError) as err:
        load(_spec(url), cache_home=tmp_path)
    message = str(err.value)
    assert "\n" not in message and f"{url}: the download is {reason}" in message and "nothing kept" in message
    assert _files(tmp_path / "datasets") == []
    SERVED[f"/{name}"] = tar_gz(MEMBERS) if name.endswith(".gz") else _plain_tar(MEMBERS)  # the mirror fixed
    assert len(load(_spec(url), cache_home=tmp_path).items()) == 50
    REQUESTS.clear()
    assert load(_spec(url, "set/other.txt"), cache_home=tmp_path).files == {"other.txt": OTHER_SHA}
    assert REQUESTS == []  # from the archive kept in the cache


def test_a_failed_extraction_removes_only_the_archive_it_read(server, tmp_path, monkeypatch):
    """Process A reads a downloaded archive whose member is not the pinned one; while it does, process B's
    download renames the good archive over that name. A removed the name, deleting B's good copy."""
    import os

    import wordeval.datasets.sources as sources

    url = f"{server}/data.zip"
    bad = zip_of({"set/pairs.txt": PAIRS.replace(b"w1\t", b"x1\t"), "set/other.txt": OTHER})
    good = zip_of(MEMBERS)
    SERVED["/data.zip"] = bad
    archive = tmp_path / "datasets" / "refusals" / "archives" / "data.zip"
    staged = tmp_path / "b-download"
    staged.write_bytes(good)
    original = sources.copy_capped

    def b_renames_its_download_while_a_reads(src, out, *args, **kwargs):
        if staged.exists():
            os.replace(staged, archive)  # what B's download ends with (sources.download)
        return original(src, out, *args, **kwargs)

    monkeypatch.setattr(sources, "copy_capped", b_renames_its_download_while_a_reads)
    with pytest.raises(ChecksumError) as err:
        load(_spec(url), cache_home=tmp_path)
    assert "set/pairs.txt has sha256" in str(err.value)  # A read the bad archive it had opened
    assert archive.read_bytes() == good  # B's copy is still there
    assert [p for p in _files(archive.parent) if p != "data.zip"] == []  # nothing of A's left beside it
    monkeypatch.setattr(sources, "copy_capped", original)
    REQUESTS.clear()
    assert load(_spec(url), cache_home=tmp_path).files == {"pairs.txt": SHA} and REQUESTS == []

