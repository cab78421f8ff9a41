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
