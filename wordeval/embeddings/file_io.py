"""Opening embedding files: one-line errors for unreadable paths, transparent decompression, one BOM rule.

Compression is recognised by magic bytes, never by suffix (a renamed ``.gz`` still opens): gzip, bz2, xz
and single-member zip. Every parser reads through ``open_binary``, whose stream

- strips one leading UTF-8 byte-order mark, so every parser (and every tier of the text parser) sees the
  same first word;
- counts the newlines it has delivered, so that a truncated or corrupt compressed stream, or an I/O error,
  becomes an ``InputFormatError`` naming the file and the line reached instead of an EOFError/zlib.error;
- knows the decompressed size where the container records it (plain files, zip members), which the
  loaders use to check a header's counts before allocating anything.
"""
from __future__ import annotations

import io
import os
import stat
import struct
import zlib
from pathlib import Path
from typing import BinaryIO

from wordeval.errors import InputFormatError, MissingFileError
from wordeval.paths import special_file_kind

BOM = b"\xef\xbb\xbf"
_MAGIC = ((b"\x1f\x8b", "gzip"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"), (b"PK\x03\x04", "zip"),
          (b"PK\x05\x06", "zip"))
COMPRESSION_SUFFIXES = (".gz", ".bz2", ".xz", ".zip")
MAX_LINE = 1 << 26  # a "line" longer than 64 MiB is binary data or a broken file, not a vector


_ZIP_METHODS = (0, 8, 12, 14)  # stored, deflate, bzip2, lzma: what Python's zipfile reads


def _zip_end_missing(path) -> bool:
    """The file starts with a zip member's header but holds no end-of-central-directory record."""
    try:
        with open(path, "rb") as fh:
            if fh.read(4) != b"PK\x03\x04":
                return False
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - (1 << 16) - 22))  # the record (22 bytes) and a comment of at most 64 KiB
            return b"PK\x05\x06" not in fh.read()
    except OSError:
        return False


class StreamError(InputFormatError):
    """The bytes of a file could not be read (I/O error, truncated or corrupt compressed data)."""


def _unreadable(path, exc: OSError) -> InputFormatError:
    why = exc.strerror or str(exc) or type(exc).__name__
    return InputFormatError(path, None, "a readable file", f"{why} (errno {exc.errno})" if exc.errno else why)


def _model_folder_hint(folder: Path) -> str:
    """A transformers or sentence-transformers folder given as a plain path (``wordeval info ./my-model``) was
    refused as 'a directory' alone, which did not say that such a folder is read, only as a ``bert:`` spec."""
    if not any((folder / name).is_file() for name in ("config.json", "modules.json")):
        return ""
    return f" holding a model (config.json or modules.json): give it as bert:model={folder}"


def check_file(path: str | os.PathLike, *, vocabulary: bool = False) -> Path:
    """The path as a Path, or a one-line error when it is missing, a directory, not a regular file (a FIFO,
    a pipe such as the shell's ``<(...)``, a device), unreadable or empty. ``vocabulary``: the path is a
    ``.npy``'s vocabulary (``--vocab``), and the errors say so rather than asking for an embedding file."""
    p = Path(path)
    what = "a vocabulary file (one word per line)" if vocabulary else "an embedding file"
    try:
        st = p.stat()
    except FileNotFoundError:
        raise MissingFileError(f"{p}: expected {what}, got no such file or directory") from None
    except OSError as exc:  # a folder on the way that we may not enter, a name too long, ...
        raise _unreadable(p, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise MissingFileError(f"{p}: expected {what}, got a directory" + ("" if vocabulary else _model_folder_hint(p)))
    if (kind := special_file_kind(st.st_mode)) is not None:  # open() on a FIFO would wait for a writer forever
        raise InputFormatError(p, None, "a regular file", kind)
    try:
        with open(p, "rb"):
            pass
    except OSError as exc:
        raise _unreadable(p, exc) from None
    if st.st_size == 0:
        raise InputFormatError(p, 1, "one word per line" if vocabulary else "vectors", "an empty file")
    return p


def _is_finder_metadata(name: str) -> bool:
    """macOS's 'Compress' adds ``__MACOSX/._NAME`` resource forks (and ``.DS_Store``) beside the one file
    of an archive: they are not a second embedding."""
    parts = name.split("/")
    return parts[0] == "__MACOSX" or parts[-1] == ".DS_Store"


def compression_of(path: str | os.PathLike) -> str | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(6)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    return None


def _stream_errors(*, opening: bool = False) -> tuple[type[BaseException], ...]:
    """What reading (or opening) a compressed stream raises on bad data: EOFError when it ends early,
    zlib.error/LZMAError/BadZipFile/OSError('Invalid data stream') when it is corrupt; zipfile also raises
    RuntimeError (encrypted member) and NotImplementedError (unsupported method) when opening."""
    import lzma
    import zipfile
    errors = (OSError, EOFError, zlib.error, struct.error, lzma.LZMAError, zipfile.BadZipFile)
    return errors + (RuntimeError, NotImplementedError) if opening else errors


class Source(io.RawIOBase):
    """The decompressed bytes of an embedding file, BOM stripped, with errors that name the file and line."""

    def __init__(self, path, *, strip_bom: bool = True, locate_errors: bool = True, text: bool = True):
        super().__init__()
        self._zip = None
        self._inner: BinaryIO | None = None
        self.path = Path(path)
        self._locate_errors = locate_errors and text
        self._text = text  # errors in binary content name no line (its "lines" mean nothing)
        self.kind = compression_of(path)
        try:
            self.compressed_size = self.path.stat().st_size
        except OSError as exc:
            raise _unreadable(path, exc) from None
        self.size: int | None = self.compressed_size if self.kind is None else None
        self.lines = 0  # newlines delivered so far
        self.position = 0  # bytes delivered so far (after the BOM)
        self.bom = False
        self._inner = self._open()
        try:
            head = self._inner.read(len(BOM)) if strip_bom else b""
            if head == BOM:
                self.bom = True
                if self.size is not None:
                    self.size -= len(BOM)
            elif head:
                self._inner.seek(0)
        except BaseException as exc:
            self.close()
            if isinstance(exc, _stream_errors()):
                raise self._error(exc, locate=False) from None
            raise

    def _open(self) -> BinaryIO:
        path = self.path
        try:
            if self.kind == "gzip":
                import gzip
                return gzip.open(path, "rb")
            if self.kind == "bz2":
                import bz2
                return bz2.open(path, "rb")
            if self.kind == "xz":
                import lzma
                return lzma.open(path, "rb")
            if self.kind == "zip":
                return self._open_zip()
            return open(path, "rb", buffering=1 << 20)
        except InputFormatError:
            raise
        except _stream_errors(opening=True) as exc:
            if isinstance(exc, OSError) and exc.errno is not None:
                raise _unreadable(path, exc) from None
            raise self._error(exc, locate=False) from None

    def _open_zip(self) -> BinaryIO:
        import zipfile

        try:
            zf = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile:
            # zipfile finds the member list in the archive's last bytes: a download or copy cut short (a partial
            # glove.840B.300d.zip) starts as a zip and has none, and was 'corrupt zip data (File is not a zip file)'
            if _zip_end_missing(self.path):
                raise InputFormatError(self.path, None, "a complete zip archive",
                                       f"one cut short: {self.compressed_size:,} bytes with no central directory "
                                       "(the member list at its end): an interrupted download or copy?") from None
            raise
        members = [i for i in zf.infolist() if not i.is_dir() and not _is_finder_metadata(i.filename)]
        if any(i.filename.rpartition("/")[2] == "data.pkl" for i in members):
            zf.close()  # torch.save's layout: loading it means unpickling (torch.load), which can run code
            raise InputFormatError(self.path, None, "an embedding file (text, word2vec binary, fastText, .npy)",
                                   "a PyTorch checkpoint, a pickle that wordeval does not load (it can run code); "
                                   "save its embedding matrix with numpy.save and the words one per line")
        if len(members) != 1:
            zf.close()
            names = ", ".join(repr(i.filename) for i in members[:3]) + (", ..." if len(members) > 3 else "")
            raise InputFormatError(self.path, None, "a zip archive holding exactly one file",
                                   f"{len(members)} files" + (f" ({names}; extract the one to evaluate)"
                                                              if members else ""))
        self._zip = zf
        member = members[0]
        self.size = member.file_size
        # zipfile says 'That compression method is not supported' (Deflate64, which Windows Explorer uses
        # for large files) or names the ZipInfo of an encrypted member: neither is corrupt data
        if member.flag_bits & 1:
            zf.close()
            raise InputFormatError(self.path, None, "a zip archive whose file is not encrypted",
                                   f"an encrypted {member.filename!r} (extract it with its password)")
        if member.compress_type not in _ZIP_METHODS:
            zf.close()
            method = "Deflate64" if member.compress_type == 9 else f"compression method {member.compress_type}"
            raise InputFormatError(self.path, None, "a zip archive compressed with stored, deflate, bzip2 or lzma",
                                   f"{method} (extract the file with unzip or 7-Zip)")
        try:
            return zf.open(member)
        except BaseException:
            zf.close()
            raise

    def _error(self, exc: BaseException, *, locate: bool = True) -> StreamError:
        line = self._locate() if locate and self._locate_errors and self.kind else self.lines + 1
        if not self._text:
            line = None
        detail = str(exc).split("\n")[0][:120]
        name = type(exc).__name__
        if name == "error":  # zlib.error
            name = f"{type(exc).__module__}.error"
        if isinstance(exc, OSError) and exc.errno is not None:
            return StreamError(self.path, line, "a readable file", f"{exc.strerror} (errno {exc.errno})")
        if self.kind is None:
            return StreamError(self.path, line, "a readable file", f"{name}: {detail}")
        if isinstance(exc, EOFError):
            got = f"the {self.kind} data ending early (truncated file?)"
        else:
            got = f"corrupt {self.kind} data ({name}: {detail})"
        return StreamError(self.path, line, f"a complete, valid {self.kind} stream", got)

    def located(self, err: StreamError) -> StreamError:
        """``err``, raised by a stream opened with ``locate_errors=False``, at the line ``_locate`` finds: for
        a caller that learns only after the error that the line is wanted after all."""
        return StreamError(self.path, self._locate() if self._text and self.kind else err.line, err.expected,
                           err.got)

    def _locate(self) -> int:
        """The line a decompression error is on. A failing read() loses the partial data it decompressed, so
        read again line by line (only on this error path) to name the first line that cannot be completed."""
        lines = self.lines + 1
        try:
            with Source(self.path, locate_errors=False) as again:
                while again.readline(1 << 16):
                    lines = again.lines + 1
        except InputFormatError:
            pass
        return lines

    # -- io interface ---------------------------------------------------------------------------
    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        try:
            data = self._inner.read(size)
        except _stream_errors() as exc:
            raise self._error(exc) from None
        self.lines += data.count(b"\n")
        self.position += len(data)
        return data

    def read1(self, size: int = -1) -> bytes:
        """What one decompression step gives (at most ``size`` bytes, fewer before the end). A ``read`` that
        meets a truncated stream loses the bytes it had decompressed for that call; ``read1`` returns them,
        so a binary reader gets every complete record before the error and can name the one cut."""
        try:
            data = self._inner.read1(size)
        except _stream_errors() as exc:
            raise self._error(exc) from None
        self.lines += data.count(b"\n")
        self.position += len(data)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readline(self, size: int = -1) -> bytes:
        try:
            data = self._inner.readline(size)
        except _stream_errors() as exc:
            raise self._error(exc) from None
        self.lines += data.endswith(b"\n")
        self.position += len(data)
        return data

    def close(self) -> None:
        if not self.closed:
            try:
                if self._inner is not None:
                    self._inner.close()
            finally:
                if self._zip is not None:
                    self._zip.close()
        super().close()


def open_binary(path: str | os.PathLike, *, strip_bom: bool = True, text: bool = True,
                locate_errors: bool = True) -> Source:
    """A binary stream of the decompressed content (see the module docstring). ``text=False``: the content
    is binary, so errors name no line and no BOM is stripped. ``locate_errors=False``: a decompression error
    names the line reached without reading the file a second time to find the line it is on, for a caller
    that names the place itself (a word2vec binary's record and offset)."""
    return Source(path, strip_bom=strip_bom and text, text=text, locate_errors=locate_errors)


def read_limited_line(src: Source, *, limit: int = MAX_LINE) -> bytes:
    """One raw line (with its newline, if any); a line longer than ``limit`` is an error, not a slice."""
    line = src.readline(limit)
    if len(line) >= limit and not line.endswith(b"\n"):
        raise InputFormatError(src.path, src.lines + 1, f"lines shorter than {limit >> 20} MiB",
                               "a longer line (binary data or a broken file?)")
    return line


def strip_compression_suffix(name: str) -> str:
    for suffix in COMPRESSION_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name
