"""A word2vec text header that declares more rows than the file holds is named at the file's last line.

The error named the line after the last one (line 44 of a 43-line file), which is not in the file. Expected
lines below are counted by hand from the bytes written: the header is line 1, every '\\n' ends a line and
bytes after the last '\\n' are one more line.
"""
from __future__ import annotations

import bz2
import gzip
import lzma

import pytest

from wordeval.cli import main
from wordeval.embeddings.load import load_embedding
from wordeval.errors import InputFormatError

ROWS = b"a 1 2\nb 3 4\nc 5 6\n"


@pytest.mark.parametrize("data, rows, last", [
    (b"5 2\n" + ROWS, 3, 4),  # 3 rows on lines 2-4
    (b"5 2\n" + ROWS[:-1], 3, 4),  # no newline after the last row
    (b"5 2\r\n" + ROWS.replace(b"\n", b"\r\n"), 3, 4),  # CRLF
    (b"5 2\n" + ROWS + b"\n\n", 3, 6),  # two blank lines end the file: it ends at line 6
    (b"5 2\n" + ROWS[:6] + b"\n" + ROWS[6:], 3, 5),  # a blank line between rows
    (b"5 2\n", 0, 1),  # the header alone
    (b"1000000 2\n" + ROWS, 3, 4),  # a count the file cannot hold (refused before the rows are parsed)
])
@pytest.mark.parametrize("compress", [None, gzip.compress, bz2.compress, lzma.compress])
def test_too_few_rows_named_at_the_last_line(tmp_path, data, rows, last, compress):
    path = tmp_path / "w.txt"
    path.write_bytes(compress(data) if compress else data)
    with pytest.raises(InputFormatError) as exc:
        load_embedding(path, format="word2vec", cache=False)
    count = int(data.split()[0])
    assert str(exc.value) == (f"{path}:{last}: expected {count} vectors as declared in the header, "
                              f"got {rows} (the file ends at line {last})")


def test_cli_names_the_last_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WORDEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "w.vec"
    path.write_bytes(b"4 2\n" + ROWS)
    assert main(["info", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"wordeval: error: {path}:4: expected 4 vectors as declared in the header, got 3 "
                            f"(the file ends at line 4)\n")
