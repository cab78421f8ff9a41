"""A name holding an undecodable byte (``/tmp/x\\xfe.txt``: Python keeps 0xfe as the lone surrogate
U+DCFE) was spelled two ways in one error line: the console wrote the bare path as ``x\\xfe`` and the quoted
name that repr had already escaped as ``x\\udcfe``. Both are now the byte's spelling, ``\\xfe``."""
from __future__ import annotations

import subprocess
import sys

import pytest

ARGS = [
    (["info", b"/tmp/x\xfe.txt"], "/tmp/x\\xfe.txt"),
    (["info", b"x\xfe"], "x\\xfe"),
    (["datasets", "fetch", b"x\xfe"], "x\\xfe"),
]


@pytest.mark.parametrize("args, spelled", ARGS)
def test_an_unknown_name_with_an_undecodable_byte_is_spelled_one_way(args, spelled):
    done = subprocess.run([sys.executable, "-m", "wordeval", *args], capture_output=True, timeout=120)
    err = done.stderr.decode("ascii")
    assert done.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert "\\udc" not in err and f"'{spelled}'" in err, err


def test_quoted_keeps_only_the_surrogates_of_bytes():
    from wordeval.readable_text import quoted

    # a literal backslash before "udcfe" stays an escaped backslash, as repr spells it
    # (U+DC00 stands for no byte: repr's escape stays)
    assert quoted("a\\udcfe\udcfe\udc00'") == '"a\\\\udcfe' + "\udcfe" + "\\udc00'\""
    assert quoted("plain") == repr("plain")
