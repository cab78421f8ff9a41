"""How many bytes a download, or a member taken out of a downloaded archive, may write before it is stopped.

The pinned sha256 is checked on the bytes, so a wrong file is refused anyway; these caps make sure it is
refused before it fills the disk: a server that sends without end (or a gzip-encoded response that inflates
without end), or an unpinned archive whose member is a decompression bomb (deflate expands up to 1,032
times, bzip2 and xz far more; nested archives without limit).

Every file wordeval downloads is far below ``MAX_DOWNLOAD_BYTES`` (the largest, a model wheel, is under
100 MB), and text benchmarks compress about 3 to 10 times, so a member is allowed ``MAX_EXPANSION`` times
its archive's size, within ``MAX_MEMBER_BYTES``.
"""
from __future__ import annotations

MAX_DOWNLOAD_BYTES = 1 << 30
MAX_PAGE_BYTES = 64 << 20  # an index page (PEP 503/691): pypi's largest are a few MB
MAX_MEMBER_BYTES = 1 << 30
MAX_EXPANSION = 100
# a dataset URL's server that sends nothing for this long (connecting, or between two reads) is a failed
# download; a package artifact's fetch waits pip's timeout instead (``package_index.index_config``)
SILENT_SECONDS = 30.0


class TooLarge(Exception):
    """More bytes than the cap; ``written`` counts those seen when it stopped."""

    def __init__(self, cap: int, written: int):
        super().__init__(f"more than {cap:,} bytes")
        self.cap, self.written = cap, written


def member_cap(archive_bytes: int) -> int:
    return min(MAX_MEMBER_BYTES, MAX_EXPANSION * max(archive_bytes, 1))


class ReadFailed(Exception):
    """Reading the source failed (``cause``) after ``copied`` bytes had been copied."""

    def __init__(self, copied: int, cause: BaseException):
        super().__init__(f"read failed after {copied} bytes: {cause}")
        self.copied, self.cause = copied, cause


def copy_capped(src, out, cap: int, digest=None, read_errors: tuple[type[BaseException], ...] = ()) -> int:
    """Copy the stream ``src`` to ``out`` (updating ``digest``), raising TooLarge past ``cap`` bytes before
    writing them; the number of bytes copied. An exception of ``read_errors`` from ``src`` comes as ReadFailed
    while one from ``out`` comes as it is: a download's broken connection is the server's fault, a full disk
    the machine's, and both can be OSErrors."""
    total = 0
    while True:
        try:
            block = src.read(1 << 20)
        except read_errors as exc:
            raise ReadFailed(total, exc) from exc
        if not block:
            break
        total += len(block)
        if total > cap:
            raise TooLarge(cap, total)
        if digest is not None:
            digest.update(block)
        out.write(block)
    return total


class CappedWriter:
    """A binary file that refuses (TooLarge) the write that would take it past ``cap`` bytes."""

    def __init__(self, fh, cap: int):
        self._fh, self.cap, self.written = fh, cap, 0

    def write(self, block: bytes) -> int:
        self.written += len(block)
        if self.written > self.cap:
            raise TooLarge(self.cap, self.written)
        return self._fh.write(block)

    def flush(self) -> None:
        self._fh.flush()
