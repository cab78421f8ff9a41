"""A url source's downloaded archive that cannot be read (or lacks the member, or holds another one) is removed
so that the next run downloads it again; the file at the dataset's cache path was removed with it. wordeval
writes a member there only once it matches its pin, so a file there that does not is not wordeval's: a copy a
user put there, as the offline message invites ("put it at PATH"). It is now kept, and the message says so."""
from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from wordeval.datasets.sources import locate_url
from wordeval.datasets.spec import DataFile, Source
from wordeval.errors import ChecksumError, NotAvailableError

PINNED = b"DESC:manner How did serfdom develop ?\n"
URL = "http://127.0.0.1:9/qc/qc.zip"  # never fetched: the archive is already in the cache


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("archive_bytes, error", [
    (b"<html>please log in</html>", NotAvailableError),  # a login page saved under the archive's name
    (_zip({"qc/other.label": PINNED}), NotAvailableError),  # no such member
    (_zip({"qc/TREC_10.label": b"changed\n"}), ChecksumError),  # another file under the member's name
])
def test_a_bad_archive_is_removed_and_the_users_copy_kept(tmp_path, archive_bytes, error):
    folder = tmp_path / "datasets" / "toy"
    (folder / "archives").mkdir(parents=True)
    archive = folder / "archives" / "qc.zip"
    archive.write_bytes(archive_bytes)
    copy = folder / "TREC_10.label"
    copy.write_bytes(b"my own copy\n")  # not the pinned file: a user's, not wordeval's
    source = Source("url", {"test": DataFile("TREC_10.label", hashlib.sha256(PINNED).hexdigest(), url=URL,
                                             member="qc/TREC_10.label")}, "classification", {})
    with pytest.raises(error) as exc:
        locate_url(source, "toy", cache_home=tmp_path, allow_download=False)
    assert not archive.exists()  # wordeval's download: removed, so that the next run fetches it again
    assert copy.read_bytes() == b"my own copy\n"
    message = str(exc.value)
    assert "\n" not in message
    assert f"{copy} is not the pinned file" in message and "was not removed" in message
