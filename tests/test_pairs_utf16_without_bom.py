"""A similarity file in UTF-16 without a byte-order mark (as some Windows tools save it) is refused at its
first line for its NUL bytes. The message said to 'set encoding', and the spec's ``encoding = "utf-16-le"``
is itself refused ('convert the file to UTF-8'): advice that leads nowhere. Now the message says to convert
the file, the one thing that works, and the command exits 2 writing nothing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wordeval.datasets.sniff import sniff
from wordeval.errors import WordevalError

ROOT = Path(__file__).resolve().parents[1]
TEXT = "cat\tdog\t7.5\ncar\tautomobile\t9.1\nking\tqueen\t6\nsun\tmoon\t5.2\n"


def test_message_says_convert_not_set_encoding(tmp_path):
    path = tmp_path / "pairs.txt"
    path.write_bytes(TEXT.encode("utf-16-le"))
    with pytest.raises(WordevalError) as info:
        sniff("similarity", {"test": path}, {})
    message = str(info.value)
    assert f"{path}:1:" in message and "NUL byte" in message and "convert it to UTF-8" in message
    assert "set encoding" not in message
    # the advice holds: the same pairs in UTF-8 are read
    path.write_text(TEXT, encoding="utf-8")
    assert sniff("similarity", {"test": path}, {})[0] == "pairs"


def test_cli_exit_2_one_line_nothing_written(tmp_path):
    (tmp_path / "pairs.txt").write_bytes(TEXT.encode("utf-16-le"))
    (tmp_path / "mine.toml").write_text('name = "mine"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n',
                                        encoding="utf-8")
    (tmp_path / "v.txt").write_text("cat 1 0\ndog 0 1\ncar 1 1\nautomobile 1 2\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORDEVAL_CACHE": str(tmp_path / "cache")}
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "wordeval", "intrinsic", "v=v.txt", "--tasks", "mine.toml",
                           "--out", str(out)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "pairs.txt:1:" in lines[0] and "convert it to UTF-8" in lines[0]
    assert not out.exists()


def _check(tmp_path, capsys, data: bytes, hint: str = "") -> tuple[int, str]:
    from wordeval.cli import main
    (tmp_path / "pairs.txt").write_bytes(data)
    (tmp_path / "mine.toml").write_text(f'name = "mine"\nfamily = "similarity"\n{hint}[files]\n'
                                        'test = "pairs.txt"\n', encoding="utf-8")
    code = main(["datasets", "check", str(tmp_path / "mine.toml")])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_file_with_a_utf16_or_utf32_byte_order_mark_is_read_as_its_utf8_twin(tmp_path, capsys, codec):
    """Excel's "Unicode text" export (UTF-16LE with a byte-order mark, tab-separated, CRLF) was refused
    ("convert it to UTF-8"), though the mark leaves no doubt how to read it. Oracle: the same text in UTF-8;
    the sha256 recorded is that of the bytes as stored (hashlib), not of the text."""
    import codecs
    import hashlib

    from wordeval.datasets.readers import reader
    text = TEXT.replace("\n", "\r\n").replace("king", "k\u00f6nig")
    mark = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    data = mark + text.encode(codec)
    (tmp_path / "twin.txt").write_text(text, encoding="utf-8", newline="")
    twin = reader("pairs")({"test": tmp_path / "twin.txt"})[0]
    code, out = _check(tmp_path, capsys, data)
    assert code == 0 and f"{hashlib.sha256(data).hexdigest()}  test" in out
    assert f"pairs.txt: {codec[:6].upper()} with a byte-order mark" in out
    name, options, _ = sniff("similarity", {"test": tmp_path / "pairs.txt"}, {})
    assert reader(name)({"test": tmp_path / "pairs.txt"}, **options)[0] == twin
    # the spec may name the codec the mark names; lines are counted as in the file
    code, out = _check(tmp_path, capsys, mark + text.replace("6\r\n", "six\r\n").encode(codec),
                       f'encoding = "{codec[:6]}"\n')
    assert code == 2 and "pairs.txt:3: expected a similarity score" in out


def test_utf16_named_by_the_spec_without_a_byte_order_mark_is_refused_saying_how_to_convert(tmp_path, capsys):
    """encoding = "utf-16-le" was refused as a key ("convert the file to UTF-8") with no way to do it; without
    a mark the byte order is a guess, so such a file is refused, naming the command that converts it."""
    code, out = _check(tmp_path, capsys, TEXT.encode("utf-16-le"), 'encoding = "utf-16-le"\n')
    assert code == 2 and out.strip().endswith(
        "pairs.txt:1: expected utf-16-le text with its byte-order mark, got none (UTF-16 without one could "
        "be of either byte order); convert it to UTF-8, e.g. iconv -f UTF-16LE -t UTF-8 FILE > OUT")
    code, out = _check(tmp_path, capsys, b"\xff\xfe" + TEXT.encode("utf-16-le"), 'encoding = "latin-1"\n')
    assert code == 2 and out.strip().endswith("pairs.txt:1: expected latin-1 text, got a UTF-16 byte-order "
                                              "mark (leave encoding out: the mark says how the file is read)")


_MARKS_AND_BAD = {  # a byte-order mark and a unit its codec cannot decode
    "utf-16-le": (b"\xff\xfe", b"\x00\xd8"),  # a high surrogate not followed by a low one
    "utf-16-be": (b"\xfe\xff", b"\xdc\x00"),  # a low surrogate alone
    "utf-32-le": (b"\xff\xfe\x00\x00", b"\x00\x00\x11\x00"),  # 0x110000, past the last code point
    "utf-32-be": (b"\x00\x00\xfe\xff", b"\x00\x11\x00\x00"),
}


@pytest.mark.parametrize("codec", list(_MARKS_AND_BAD))
@pytest.mark.parametrize("bad_line", [2, 7001])  # in the sniffer's sample; past it, and past the first 64 KiB
def test_undecodable_bytes_under_a_byte_order_mark_are_named_at_their_line(tmp_path, capsys, codec, bad_line):
    """The whole file was decoded a chunk at a time and the error named line 1 wherever the bad bytes were
    (line 7,001 of a similarity file was "pairs.txt:1"). Oracle: the line the bad unit was written into."""
    mark, bad = _MARKS_AND_BAD[codec]
    rows = [f"w{i}\tv{i}\t{i % 10}\n".encode(codec) for i in range(1, bad_line + 3)]
    rows[bad_line - 1] = f"w{bad_line}\t".encode(codec) + bad + "x\t5\n".encode(codec)
    code, out = _check(tmp_path, capsys, mark + b"".join(rows))
    assert code == 2 and len(out.strip().splitlines()) == 1, out
    assert (f"pairs.txt:{bad_line}: expected {codec[:6].upper()} text, as its byte-order mark says, got "
            "undecodable bytes (") in out, out


def test_a_bad_unit_after_a_character_split_between_two_reads_is_named_at_its_line(tmp_path):
    """A surrogate pair cut in two by the 64 KiB read: the decoder holds its first half, which the error's
    bytes start with. Oracle: the line the bad unit was written into (hand-counted below)."""
    from wordeval.datasets.textio import iter_lines
    from wordeval.errors import InputFormatError

    line = "\U0001d518" * 9 + "\n"  # 38 bytes in UTF-16; after the 2-byte mark, 65,536 bytes end mid-pair
    head = b"\xff\xfe" + line.encode("utf-16-le") * 2000  # 76,002 bytes, lines 1-2000
    assert (65536 - 2) % 38 % 4 == 2  # the first read ends inside a pair (here: inside line 1725)
    path = tmp_path / "words.txt"
    path.write_bytes(head + "ok\n".encode("utf-16-le") + b"\x00\xd8" + "z\n".encode("utf-16-le"))
    with pytest.raises(InputFormatError) as exc:
        list(iter_lines(path))
    assert str(exc.value).startswith(f"{path}:2002: expected UTF-16 text"), exc.value
