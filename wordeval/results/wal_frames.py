"""Whether a store's SQLite write-ahead log holds anything its main file lacks, read without SQLite.

Why: where the store's folder cannot be written (a read-only file system or bind mount, another user's folder)
SQLite cannot make the WAL's index, and the store is read with ``immutable=1``, which reads the main file
alone. A -wal file that holds committed pages the main file lacks must then be refused (its records would be
missing); one that holds none (a header alone, a transaction cut short, frames already checkpointed) was
refused alike, saying records were 'still in' it when every record was in the main file."""
from __future__ import annotations

import os
from pathlib import Path


_WAL_MAGIC = {0x377F0682: "<", 0x377F0683: ">"}  # checksums of little- or big-endian words


def _wal_checksum(data: bytes, order: str, s0: int, s1: int) -> tuple[int, int]:
    import struct

    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def wal_adds_to(path: Path, wal: Path) -> bool:
    """Whether ``wal`` holds a committed page that the main file ``path`` lacks: what immutable=1, which reads
    the main file alone, would leave out. A WAL of no valid commit (a header alone, the frames of a
    transaction cut short, a stale file from before the last checkpoint's reset) or whose committed pages
    were all copied back (checkpointed, not truncated) adds nothing. Frames are SQLite's
    (https://sqlite.org/fileformat2.html#walformat): valid while their salts are the header's and their
    checksums chain; an unreadable file counts as adding, to be safe."""
    import struct

    try:
        with open(wal, "rb") as f:
            head = f.read(32)
            if len(head) < 32:
                return False  # empty, or a header cut short: SQLite ignores it
            magic, _, page_size, _, salt1, salt2, c0, c1 = struct.unpack(">8I", head)
            order = _WAL_MAGIC.get(magic)
            if order is None or page_size < 512 or page_size & (page_size - 1) or \
                    _wal_checksum(head[:24], order, 0, 0) != (c0, c1):
                return False  # not a valid header: SQLite reads the main file alone too
            s, pages, committed = (c0, c1), {}, {}
            while len(frame := f.read(24 + page_size)) == 24 + page_size:
                page, size, f_salt1, f_salt2, f0, f1 = struct.unpack(">6I", frame[:24])
                s = _wal_checksum(frame[:8] + frame[24:], order, *s)
                if (f_salt1, f_salt2) != (salt1, salt2) or s != (f0, f1):
                    break
                pages[page] = frame[24:]
                if size:  # a commit frame: the transaction's pages, and the database's size in pages
                    committed, db_pages = dict(pages), size
        if not committed:
            return False
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size != db_pages * page_size:
                return True
            for page, data in committed.items():
                f.seek((page - 1) * page_size)
                if f.read(page_size) != data:
                    return True
        return False
    except (OSError, struct.error):
        return True
