"""A corrupt .bin.gz (a broken deflate block among the records) was decompressed a second time on the error
path, by ``Source._locate``, to find a line number that the binary error then dropped for its record and
offset: a second pass over a multi-GB file. Oracle: one ``gzip.open`` for the loader, and for the format
probe its two reads of the head (no third to locate a line). Places by hand: the header '3000 10\\n' (8 bytes)
then records of a 5-byte word, a space, 40 float bytes and a newline (47 bytes each); the file is gzip's
stored (level 0) blocks, the second one's length check broken, so the data stop being readable after the
first block's payload.
"""
from __future__ import annotations

import gzip
import struct

import pytest

from wordeval.embeddings.detect import detect_format
from wordeval.embeddings.word2vec_binary import load_word2vec_binary
from wordeval.errors import InputFormatError

N, DIM, HEADER, RECORD = 3000, 10, 8, 47


def _corrupt_gzip(data: bytes) -> tuple[bytes, int]:
    """``data`` as gzip stored blocks with the second block's NLEN flipped; and the first block's length."""
    gz = bytearray(gzip.compress(data, compresslevel=0))
    first_len = struct.unpack("<H", gz[11:13])[0]  # after the 10-byte member header and the block's type byte
    assert first_len < len(data)
    gz[10 + 5 + first_len + 3] ^= 0xFF
    return bytes(gz), first_len


@pytest.fixture
def opens(monkeypatch):
    calls: list = []
    real = gzip.open

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(gzip, "open", counting)
    return calls


def _binary(tmp_path):
    records = b"".join(b"w%04d " % i + struct.pack(f"<{DIM}f", *range(i, i + DIM)) + b"\n" for i in range(N))
    data = b"%d %d\n" % (N, DIM) + records
    assert len(data) == HEADER + N * RECORD
    gz, first_len = _corrupt_gzip(data)
    path = tmp_path / "w.bin.gz"
    path.write_bytes(gz)
    return path, first_len


def test_the_loader_reads_a_corrupt_bin_gz_once(tmp_path, opens):
    path, first_len = _binary(tmp_path)
    with pytest.raises(InputFormatError) as exc:
        load_word2vec_binary(path)
    record = (first_len - HEADER) // RECORD + 1  # the first record not wholly inside the readable block
    offset = HEADER + (record - 1) * RECORD
    said = str(exc.value)
    assert said.startswith(f"{path}: record {record:,} at byte offset {offset:,} of the uncompressed data: "
                           "expected a complete, valid gzip stream, got corrupt gzip data (zlib.error:"), said
    assert len(opens) == 1


def test_the_format_probe_does_not_locate_a_line_it_drops(tmp_path, opens):
    path, _ = _binary(tmp_path)
    assert detect_format(path) == "word2vec-bin"
    assert len(opens) == 2


def test_a_text_file_keeps_the_line_the_probe_locates(tmp_path):
    """Guard: where the probe's error is shown (a text file with a word2vec header), it still names the line
    the stream breaks on: line 1 is the header, each 'wNNNN 1 2 ... 10\\n' line 26 bytes."""
    line = b"w%04d " + b" ".join(b"%d" % j for j in range(1, DIM + 1)) + b"\n"
    lines = [line % i for i in range(N)]
    data = b"%d %d\n" % (N, DIM) + b"".join(lines)
    gz, first_len = _corrupt_gzip(data)
    path = tmp_path / "w.txt.gz"
    path.write_bytes(gz)
    with pytest.raises(InputFormatError) as exc:
        detect_format(path)
    assert exc.value.line == 1 + (first_len - HEADER) // len(lines[0]) + 1, str(exc.value)
