"""Size and CRC-32 of the files of a cache entry, recorded when it is written and checked when it is read.

CRC-32, as in ``vector_cache``: it only has to catch accidents (a disk error, a cut copy, an edited file)."""
from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Iterable, Mapping


def file_checksum(path: str | os.PathLike) -> dict[str, int]:
    crc, size = 0, 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 24):
            crc, size = zlib.crc32(block, crc), size + len(block)
    return {"bytes": size, "crc32": crc}


def checksums(folder: str | os.PathLike, names: Iterable[str]) -> dict[str, dict[str, int]]:
    return {name: file_checksum(Path(folder) / name) for name in names}


def first_mismatch(folder: str | os.PathLike, recorded: Mapping[str, Mapping[str, int]]) -> str | None:
    """What differs from the recorded checksums (a file's size, then its CRC-32), or None when all match."""
    for name, want in recorded.items():
        got = file_checksum(Path(folder) / name)
        if got["bytes"] != want.get("bytes"):
            return f"{name} has {got['bytes']} bytes, {want.get('bytes')} were written"
        if got["crc32"] != want.get("crc32"):
            return f"{name} does not match the CRC-32 recorded when it was written"
    return None
