"""Line reading shared by every parser: decoding errors and bad numbers become file:line errors."""
from __future__ import annotations

import math
import os
from typing import Iterator

from wordeval.errors import InputFormatError, MissingFileError


def iter_lines(path: str | os.PathLike, *, encoding: str = "utf-8") -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, line without its CR/LF). CRLF and a missing final newline are normal
    in these files. Undecodable bytes raise InputFormatError naming the line and the encoding."""
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise MissingFileError(f"{os.fspath(path)}: file not found") from None
    except IsADirectoryError:
        raise MissingFileError(f"{os.fspath(path)}: is a directory, expected a file") from None
    with fh:
        for lineno, raw in enumerate(fh, 1):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputFormatError(path, lineno, f"{encoding} text",
                                       f"undecodable byte 0x{raw[exc.start]:02x} at column {exc.start + 1}") from None
            yield lineno, text.rstrip("\r\n")


def parse_float(value: str, path, lineno: int, what: str = "a number") -> float:
    try:
        x = float(value)
    except ValueError:
        raise InputFormatError(path, lineno, what, repr(value)) from None
    if not math.isfinite(x):
        raise InputFormatError(path, lineno, f"a finite {what}", repr(value))
    return x
