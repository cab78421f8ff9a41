"""A zstd-compressed dataset was refused as "not utf-8 text (byte 0xb5 at column 2); set encoding =
"latin-1"", advice that reads compressed bytes as text; a tar dataset (or .tar.gz) as "a NUL byte"; a .zst
embedding as "unrecognised binary data". Each is now named as what it is, with what to do, exit 2.
Oracle: the files are written by the real tools' formats (the zstd CLI where installed, Python's tarfile) and
the magic numbers from the formats' specifications (zstd RFC 8878 §3.1.1, 7-Zip's signature header)."""
from __future__ import annotations

import gzip
import shutil
import subprocess
import tarfile

import pytest

from wordeval.cli import main
from wordeval.unread_containers import describe

_ZSTD_FRAME = b"\x28\xb5\x2f\xfd"  # RFC 8878 §3.1.1 magic number, little-endian 0xFD2FB528


def _spec(tmp_path, data):
    spec = tmp_path / "mine.toml"
    spec.write_text(f'name = "mine"\nfamily = "similarity"\n[files]\ntest = "{data.name}"\n')
    return spec


def _zstd_file(tmp_path, name, text):
    plain = tmp_path / (name + ".plain")
    plain.write_text(text)
    out = tmp_path / name
    if shutil.which("zstd"):
        subprocess.run(["zstd", "-q", "-f", str(plain), "-o", str(out)], check=True)
    else:  # a frame header and garbage: the refusal reads only the magic number
        out.write_bytes(_ZSTD_FRAME + b"\x04\x00\x00\x00" + text.encode())
    return out


@pytest.mark.parametrize("kind", ["zstd", "tar", "tar.gz"])
def test_dataset_in_a_container_is_named(tmp_path, capsys, kind):
    pairs = "cat dog 3.5\nfox dog 2\n"
    if kind == "zstd":
        data = _zstd_file(tmp_path, "pairs.txt.zst", pairs)
        expected = "a zstd-compressed file (decompress it first, e.g. with zstd -d)"
    else:
        member = tmp_path / "pairs.txt"
        member.write_text(pairs)
        data = tmp_path / "pairs.tar"
        with tarfile.open(data, "w") as tar:
            tar.add(member, "pairs.txt")
        if kind == "tar.gz":
            data = data.with_name("pairs.tar.gz")
            data.write_bytes(gzip.compress((tmp_path / "pairs.tar").read_bytes()))
        expected = "a tar archive (extract the file from it)"
    assert main(["datasets", "check", str(_spec(tmp_path, data))]) == 2
    assert capsys.readouterr().err == f"wordeval: error: {data}:1: expected a plain text file, got {expected}\n"


def test_zstd_embedding_is_named(tmp_path, capsys):
    vectors = _zstd_file(tmp_path, "vectors.txt.zst", "2 2\ncat 1 2\ndog 2 3\n")
    assert main(["info", str(vectors)]) == 2
    assert capsys.readouterr().err == (f"wordeval: error: {vectors}: expected an embedding file, got a "
                                       "zstd-compressed file (decompress it first, e.g. with zstd -d)\n")


def test_read_formats_are_not_named():
    # gzip, bz2 and xz are read, so describe leaves them (and plain text) to the readers
    for head in (b"\x1f\x8b\x08\x00", b"BZh91AY", b"\xfd7zXZ\x00", b"cat dog 3\n"):
        assert describe(head.ljust(300, b"\0")) is None
    assert describe(b"7z\xbc\xaf\x27\x1c\x00\x04").startswith("a 7-Zip archive")
