"""What a url source's finished download is checked for before it is kept, and, where it fails, why, in words.

A pinned file is checked against its sha256 (``refuse_unexpected``). pooch's own check said "Deleted download
for safety" in several sentences, with neither the size nor a word of the common cause: a login, proxy or
error page served with status 200 in place of the file, now said as such.

A url source pins the member it reads, not the archive (``DataFile.member``), so the member's sha256 says
nothing of the rest: a tar.gz cut off after that member (its gzip trailer gone; a plain tar cut after it)
passed, was kept in the cache, and a later fetch of another member failed on it ("has no member", which it
had). ``check`` reads a download through before it is kept: every member (a zip's with its CRC), the
compressed stream to its trailer (gzip, bzip2 and xz check their CRC and length there) and a tar's
end-of-archive block. Python's own errors named no reason a user could act on: a zip whose end record is
gone was read by tarfile's fallback ("file could not be opened successfully"), one that lost bytes before
its central directory failed a seek ("[Errno 22] Invalid argument"); ``said`` names what is wrong.
"""
from __future__ import annotations

import errno
import lzma
import os
import tarfile
import zipfile
import zlib
from pathlib import Path

from wordeval import download_limits
from wordeval.artifacts import sha256_file
from wordeval.download_limits import TooLarge, copy_capped
from wordeval.errors import ChecksumError, NotAvailableError

# what a damaged archive raises while it is read (tarfile, zipfile and the decompressors have no common base)
READ_ERRORS = (tarfile.TarError, zipfile.BadZipFile, EOFError, zlib.error, lzma.LZMAError, OSError,
               ValueError)
_COMPRESSED = ((b"\x1f\x8b", "tar.gz"), (b"BZh", "tar.bz2"), (b"\xfd7zXZ\x00", "tar.xz"))


class Damaged(Exception):
    """Not a whole zip or tar archive; the message says what is wrong."""


class Inflates(Exception):
    """The members unpack to more than ``cap`` bytes in all; ``member``: the one being read then."""

    def __init__(self, cap: int, member: str):
        super().__init__(cap, member)
        self.cap, self.member = cap, member


def refuse_unexpected(url: str, path: Path, *, sha256: str | None, archive: bool,
                      content_type: str | None) -> None:
    """Raise (one line naming ``url``) unless ``path`` has the pinned ``sha256``, or, unpinned and an
    ``archive``, is a whole zip or tar archive."""
    if sha256 is not None:
        got = sha256_file(path)
        if got != sha256:
            raise ChecksumError(wrong_bytes(url, path, sha256, got, content_type))
        return
    if not archive:
        return
    size = path.stat().st_size
    page = html_page(path, content_type)
    if page:
        raise NotAvailableError(f"{url}: expected a zip or tar archive, got an HTML page ({page}, {size:,} "
                                f"bytes): a login or error page?; nothing kept, the next run downloads it "
                                f"again")
    cap = download_limits.member_cap(size)
    try:
        check(path, cap)
    except Damaged as exc:
        raise NotAvailableError(f"{url}: the download is {exc} ({size:,} bytes); nothing kept, the next run "
                                f"downloads it again") from None
    except Inflates as exc:
        raise NotAvailableError(f"{url}: the archive unpacks to more than {cap:,} bytes (at most "
                                f"{download_limits.MAX_EXPANSION} times its size), by its member "
                                f"{exc.member}: not the published archive (a decompression bomb?); stopped, "
                                f"nothing kept") from None


def wrong_bytes(url: str, path: Path, sha256: str, got: str, content_type: str | None) -> str:
    """One line on the bytes at ``path``, downloaded from ``url``, whose sha256 is ``got``, not ``sha256``."""
    size = path.stat().st_size
    if page := html_page(path, content_type):
        return (f"{url}: expected sha256 {sha256}, got an HTML page ({page}, {size:,} bytes, sha256 {got}): "
                f"a login or error page?; nothing kept")
    return (f"{url}: expected sha256 {sha256}, got {size:,} bytes with sha256 {got} (another version of the "
            f"file, or a damaged copy); nothing kept")


def kind(fh) -> str:
    """'zip', 'tar', 'tar.gz', 'tar.bz2' or 'tar.xz' by the first bytes of the binary file ``fh`` (read
    from its start, which it is left at); '' for none of them."""
    fh.seek(0)
    head = fh.read(512)
    fh.seek(0)
    # by the magic at the start first: compressed bytes can hold a zip's end signature by chance
    for magic, name in _COMPRESSED:
        if head.startswith(magic):
            return name
    if head[257:262] == b"ustar":
        return "tar"
    zipped = zipfile.is_zipfile(fh)  # a zip's magic is at its end (a self-extracting one starts with code)
    fh.seek(0)
    # a zip whose end record is cut off is still a zip by its first member's header: said as a damaged zip
    return "zip" if zipped or head.startswith((b"PK\x03\x04", b"PK\x05\x06")) else ""


def html_page(path: Path, content_type: str | None) -> str | None:
    """How ``path`` shows itself to be an HTML page (its Content-Type, or its first bytes), None if not."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media in ("text/html", "application/xhtml+xml"):
        return media
    with open(path, "rb") as fh:
        head = fh.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for tag in (b"<!doctype html", b"<html"):
        if head.startswith(tag):
            return f"it starts with {tag.decode()}"
    return None


def open_zip(fh) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(fh)
    except zipfile.BadZipFile as exc:
        if zipfile.is_zipfile(fh):
            raise Damaged(f"a damaged zip: its central directory is unreadable ({_first(exc)})") from None
        raise Damaged("a truncated or damaged zip: no end-of-central-directory record") from None
    except (OSError, ValueError, EOFError):  # a seek before the file's start: offsets past what is there
        raise Damaged("a truncated or damaged zip: its end record points outside the file") from None


def open_tar(fh, what: str) -> tarfile.TarFile:
    try:
        return tarfile.open(fileobj=fh, mode="r:*")
    except READ_ERRORS as exc:
        if not what:
            fh.seek(0)
            raise Damaged(f"not a zip or tar archive (it starts with {fh.read(16)!r})") from None
        raise Damaged(said(exc, what)) from None


def said(exc: BaseException, what: str, member: str | None = None) -> str:
    """``exc``, raised while reading the ``what`` archive (``kind``) at ``member``, as what is wrong."""
    if isinstance(exc, Damaged):
        return str(exc)
    label = what or "archive"
    where = f" in its member {member}" if member else ""
    if isinstance(exc, EOFError):  # a compressed stream without its end marker (and trailer)
        return f"a truncated {label}: its compressed data ends{where} before its end marker"
    if "unexpected end of data" in str(exc):  # tarfile: a member's data cut short
        return f"a truncated {label}: it ends{where} before that member's last byte"
    before_start = isinstance(exc, ValueError) or getattr(exc, "errno", None) == errno.EINVAL
    if what == "zip" and before_start:  # zipfile's seek to a member placed before the file's first byte
        return (f"a damaged zip: its member {member} would start before the file does (bytes missing from "
                f"its start, or a damaged central directory)")
    return f"a damaged {label}{where} ({_first(exc)})"


def _first(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:80]}" if text else type(exc).__name__


class _Sink:
    def write(self, block: bytes) -> int:
        return len(block)


def check(path: Path, cap: int) -> None:
    """Raise Damaged unless ``path`` is a whole zip or tar archive, read through to its end; Inflates where
    its members unpack to more than ``cap`` bytes in all (an unpinned archive may be a decompression bomb)."""
    with open(path, "rb") as fh:
        what = kind(fh)
        if what == "zip":
            _check_zip(fh, cap)
        else:
            _check_tar(fh, what, cap)


def _check_zip(fh, cap: int) -> None:
    total = 0
    with open_zip(fh) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            if info.file_size > cap - total:  # said by its header: refused before a byte is inflated
                raise Inflates(cap, info.filename)
            try:
                with zf.open(info) as member:
                    total += copy_capped(member, _Sink(), cap - total)
            except TooLarge:
                raise Inflates(cap, info.filename) from None
            except (NotImplementedError, RuntimeError):
                continue  # a method or password this Python lacks: its CRC cannot be checked, nor is it read
            except READ_ERRORS as exc:
                raise Damaged(said(exc, "zip", info.filename)) from None


def _check_tar(fh, what: str, cap: int) -> None:
    with open_tar(fh, what) as tf:
        name = None
        try:
            for info in tf:
                name = info.name
                if tf.offset > cap:  # the end of this member's data, before it is read
                    raise Inflates(cap, name)
                if info.isreg():
                    with tf.extractfile(info) as member:
                        copy_capped(member, _Sink(), info.size)
            # tarfile reads a missing end-of-archive block, or a part of one, as the end: a tar cut at a
            # member's boundary read as whole. Its block read in full leaves the stream one block on.
            if tf.fileobj.tell() != tf.offset + tarfile.BLOCKSIZE:
                after = f" after its member {name}" if name else ""
                raise Damaged(f"a truncated {what or 'tar'}: no end-of-archive block{after}")
            # the rest (zeros to the record's end): a compressed stream checks its CRC and length at its end
            copy_capped(tf.fileobj, _Sink(), max(cap - tf.offset, 0))
        except TooLarge:
            raise Inflates(cap, name or os.fspath(fh.name)) from None
        except READ_ERRORS as exc:
            raise Damaged(said(exc, what, name)) from None
