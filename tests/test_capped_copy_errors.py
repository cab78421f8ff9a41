"""A package artifact's fetch and an archive member's extraction copy through one capped loop
(``download_limits.copy_capped``). The fetch must still tell a connection that breaks (the server's fault:
"transfer interrupted after N bytes") from a disk that refuses the bytes (the machine's: an OutputError
naming the file), though both are OSErrors; the extraction must still see a member's read error as it is
(zlib.error, EOFError: "not a readable archive"). Oracles: the bytes counted by hand, errno.ENOSPC."""
from __future__ import annotations

import errno
import hashlib
import io
import zlib

import pytest

from tests._loopback import short_retry_waits
from wordeval import download_limits, download_retry, package_index
from wordeval.errors import NotAvailableError, OutputError
from wordeval.package_index import IndexConfig, Offer, fetch

BLOCK = 1 << 20  # what copy_capped reads at a time


class _BreaksAfter(io.RawIOBase):
    """A response that gives ``good`` bytes, then raises ``exc`` (a connection reset mid-transfer)."""

    def __init__(self, good: bytes, exc: BaseException):
        self._good, self._exc, self.headers = io.BytesIO(good), exc, {}

    def read(self, n=-1):
        block = self._good.read(n)
        if block:
            return block
        raise self._exc


class _FullDisk(io.BytesIO):
    def write(self, block):
        raise OSError(errno.ENOSPC, "No space left on device")


def _offer() -> tuple[Offer, IndexConfig]:
    return (Offer("http://127.0.0.1:9/x.whl", "x-1.0-py3-none-any.whl", None, "http://127.0.0.1:9"),
            IndexConfig(index_urls=(), find_links=(), timeout=10))


def test_copy_capped_wraps_only_the_named_read_errors():
    reset = ConnectionResetError(errno.ECONNRESET, "Connection reset by peer")
    with pytest.raises(download_limits.ReadFailed) as err:
        download_limits.copy_capped(_BreaksAfter(b"x" * (BLOCK + 5), reset), io.BytesIO(), 10 * BLOCK,
                                    read_errors=(OSError,))
    assert err.value.copied == BLOCK + 5 and err.value.cause is reset
    with pytest.raises(zlib.error):  # no read_errors named: the member's own error, as the extraction expects
        download_limits.copy_capped(_BreaksAfter(b"x", zlib.error("invalid block type")), io.BytesIO(), BLOCK)
    with pytest.raises(OSError) as err:  # a write error is never taken for a read error
        download_limits.copy_capped(io.BytesIO(b"x"), _FullDisk(), BLOCK, read_errors=(OSError,))
    assert err.value.errno == errno.ENOSPC


def test_fetch_says_a_broken_connection_after_the_bytes_it_had(tmp_path, monkeypatch):
    short_retry_waits(monkeypatch)
    good = b"y" * (BLOCK + 7)
    monkeypatch.setattr(package_index, "_open", lambda url, config, deadline=None: _BreaksAfter(
        good, ConnectionResetError(errno.ECONNRESET, "Connection reset by peer")))
    offer, config = _offer()
    with pytest.raises(NotAvailableError) as err:
        fetch(offer, tmp_path / "x.whl", hashlib.sha256(good).hexdigest(), config)
    assert str(err.value) == (f"{offer.url}: transfer interrupted after {BLOCK + 7} bytes "
                              f"(ConnectionResetError: [Errno {errno.ECONNRESET}] Connection reset by peer) "
                              f"({download_retry.ATTEMPTS} attempts)")
    assert list(tmp_path.iterdir()) == []


def test_fetch_says_a_full_disk_is_the_machines_and_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(package_index, "_open",
                        lambda url, config, deadline=None: _BreaksAfter(b"z" * 10, EOFError()))
    monkeypatch.setattr(package_index, "open", lambda path, mode: _FullDisk(), raising=False)
    offer, config = _offer()
    dest = tmp_path / "x.whl"
    with pytest.raises(OutputError) as err:
        fetch(offer, dest, "0" * 64, config)
    assert str(err.value).startswith(f"{dest}: cannot write:") and "\n" not in str(err.value)
    assert "interrupted" not in str(err.value)
