"""Opening embedding files: path checks that fail with one clear line, and transparent gzip/bz2.

Compression is recognised by magic bytes, not by suffix, so a renamed ``.gz`` still opens.
"""
from __future__ import annotations

import bz2
import gzip
import os
from pathlib import Path
from typing import BinaryIO

from wordeval.errors import InputFormatError, MissingFileError

_MAGIC = {b"\x1f\x8b": "gzip", b"BZh": "bz2"}
COMPRESSION_SUFFIXES = (".gz", ".bz2")


def check_file(path: str | os.PathLike) -> Path:
    """The path as a Path, or a one-line error when it is missing, a directory or empty."""
    p = Path(path)
    if not p.exists():
        raise MissingFileError(f"{p}: expected an embedding file, got no such file or directory")
    if p.is_dir():
        raise MissingFileError(f"{p}: expected an embedding file, got a directory")
    if p.stat().st_size == 0:
        raise InputFormatError(p, 1, "vectors", "an empty file")
    return p


def compression_of(path: str | os.PathLike) -> str | None:
    with open(path, "rb") as fh:
        head = fh.read(3)
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return name
    return None


def open_binary(path: str | os.PathLike) -> BinaryIO:
    """A binary stream of the decompressed content."""
    kind = compression_of(path)
    if kind == "gzip":
        return gzip.open(path, "rb")
    if kind == "bz2":
        return bz2.open(path, "rb")
    return open(path, "rb", buffering=1 << 20)


def strip_compression_suffix(name: str) -> str:
    for suffix in COMPRESSION_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def read_line(fh: BinaryIO, *, limit: int = 1 << 20) -> bytes:
    """One raw line (with its newline, if any); guarded so a binary blob cannot be read whole."""
    return fh.readline(limit)
