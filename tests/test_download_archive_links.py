"""A downloaded tar archive whose pinned member is a symbolic or hard link to a name outside the archive
('/etc/passwd', '../../x'), against a loopback server on 127.0.0.1: one NotAvailableError naming the URL and
member, and the archive is not kept (before: tarfile's KeyError as a traceback, the archive served again on
every later run). A link to another member of the archive still gives that member, checked against its pin."""
from __future__ import annotations

import hashlib
import io
import tarfile

import pytest

from tests._loopback import QuietHandler, offline_switches_off, serving
from wordeval.datasets.sources import locate_url
from wordeval.datasets.spec import DataFile, Source
from wordeval.errors import NotAvailableError

PAYLOAD = b"".join(f"w{i}\tv{i}\t{i % 10}.5\n".encode() for i in range(50))
SHA = hashlib.sha256(PAYLOAD).hexdigest()
MEMBER = "set/pairs.txt"


def _tar_with_link(kind: bytes, target: str) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        real = tarfile.TarInfo("set/real.txt")
        real.size = len(PAYLOAD)
        tf.addfile(real, io.BytesIO(PAYLOAD))
        link = tarfile.TarInfo(MEMBER)
        link.type, link.linkname = kind, target
        tf.addfile(link)
    return buf.getvalue()


ARCHIVES = {"/sym-abs.tar.gz": _tar_with_link(tarfile.SYMTYPE, "/etc/passwd"),
            "/sym-up.tar.gz": _tar_with_link(tarfile.SYMTYPE, "../../x"),
            "/hard-abs.tar.gz": _tar_with_link(tarfile.LNKTYPE, "/etc/passwd"),
            "/sym-inside.tar.gz": _tar_with_link(tarfile.SYMTYPE, "real.txt")}


class _Handler(QuietHandler):
    def do_GET(self):  # noqa: N802 (http.server API)
        body = ARCHIVES[self.path]
        self.send_head_for(body)
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    yield from serving(_Handler)


def _source(url: str) -> Source:
    return Source("url", {"pairs": DataFile("pairs.txt", SHA, url=url, member=MEMBER)}, "pairs")


@pytest.mark.parametrize("path", ["/sym-abs.tar.gz", "/sym-up.tar.gz", "/hard-abs.tar.gz"])
def test_a_member_linking_out_of_the_archive_is_refused_and_nothing_kept(server, tmp_path, monkeypatch, path):
    offline_switches_off(monkeypatch)
    with pytest.raises(NotAvailableError) as err:
        locate_url(_source(server + path), "links", cache_home=tmp_path)
    message = str(err.value)
    assert "\n" not in message and path in message and f"no member {MEMBER}" in message
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_member_linking_inside_the_archive_gives_the_linked_bytes(server, tmp_path, monkeypatch):
    offline_switches_off(monkeypatch)
    paths = locate_url(_source(server + "/sym-inside.tar.gz"), "links", cache_home=tmp_path)
    assert paths["pairs"].read_bytes() == PAYLOAD
