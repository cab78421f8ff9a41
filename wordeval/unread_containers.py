"""Name the compressed and archive formats wordeval does not read, from their first bytes.

A .zst dataset was refused as "not utf-8 text (byte 0xb5 at column 2); set encoding = "latin-1"", advice that
reads the compressed bytes as text in another encoding; a .tar dataset as "a NUL byte". Both the dataset reader
and the embedding detector ask here, so a file in one of these formats is named as what it is, with what to do.
gzip, bz2 and xz (and zip, for embedding files) are read, so they are not listed.
"""
from __future__ import annotations

_TAR_MAGIC_AT = 257  # 'ustar' in a POSIX (or GNU) tar header block
HEAD_BYTES = _TAR_MAGIC_AT + 6  # what ``describe`` needs of a file's start

_MAGIC = ((b"\x28\xb5\x2f\xfd", "a zstd-compressed file", "zstd -d"),
          (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "7z x"),
          (b"Rar!\x1a\x07", "a RAR archive", "unrar x"),
          (b"\x04\x22\x4d\x18", "an LZ4-compressed file", "lz4 -d"),
          (b"\x1f\x9d", "a compress (.Z) file", "uncompress"))


def describe(head: bytes, member: str = "the file") -> str | None:
    """What the file whose first bytes are ``head`` is, and how to get at its content, where it is a format
    wordeval does not read (``member``: what to extract from an archive); None otherwise."""
    for magic, what, tool in _MAGIC:
        if head.startswith(magic):
            return f"{what} (decompress it first, e.g. with {tool})"
    if head[_TAR_MAGIC_AT:HEAD_BYTES] in (b"ustar\0", b"ustar ") and b"\0" in head[:100]:  # NUL-padded member name
        return f"a tar archive (extract {member} from it)"
    return None


def first_tar_member(path) -> tuple[str, bytes] | None:
    """The name and first bytes of the first file in the tar archive at ``path`` (plain or gzip/bz2/xz
    compressed), or None where it cannot be read. Stream mode reads only the archive's start: the archive may be
    gigabytes, and nothing is extracted."""
    import tarfile

    try:
        with tarfile.open(path, mode="r|*") as tar:
            for member in tar:
                if member.isfile():
                    fh = tar.extractfile(member)
                    return member.name, (fh.read(16) if fh is not None else b"")
                if not member.isdir():
                    return None
    except (tarfile.TarError, OSError, EOFError, ValueError):
        return None
    return None
