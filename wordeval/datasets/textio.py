"""Line reading shared by every parser: decoding errors and bad numbers become file:line errors."""
from __future__ import annotations

import math
import os
from typing import Iterator

from wordeval.errors import InputFormatError, MissingFileError, NotAvailableError


def _unreadable(path, exc: OSError) -> NotAvailableError:
    if isinstance(exc, PermissionError):
        return NotAvailableError(f"{os.fspath(path)}: cannot read the file: permission denied "
                                 "(give this user read access, or point at a readable copy)")
    return NotAvailableError(f"{os.fspath(path)}: cannot read the file: {exc.strerror or exc}")


def open_binary(path: str | os.PathLike):
    """``open(path, "rb")`` whose failures are one-line WordevalErrors naming the file (missing, a folder,
    no permission, an I/O error)."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise MissingFileError(f"{os.fspath(path)}: file not found") from None
    except IsADirectoryError:
        raise MissingFileError(f"{os.fspath(path)}: is a directory, expected a file") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None


def read_bytes(path: str | os.PathLike) -> bytes:
    with open_binary(path) as fh:
        try:
            return fh.read()
        except OSError as exc:
            raise _unreadable(path, exc) from None


def iter_lines(path: str | os.PathLike, *, encoding: str = "utf-8") -> Iterator[tuple[int, str]]:
    """Yield (1-based line number, line without its CR/LF). CRLF and a missing final newline are normal
    in these files. Undecodable bytes raise InputFormatError naming the line and the encoding; a file that
    cannot be opened or read, a one-line error naming it."""
    with open_binary(path) as fh:
        try:
            for lineno, raw in enumerate(fh, 1):
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError as exc:
                    raise InputFormatError(path, lineno, f"{encoding} text", f"undecodable byte "
                                           f"0x{raw[exc.start]:02x} at column {exc.start + 1}") from None
                yield lineno, text.rstrip("\r\n")
        except OSError as exc:  # a read error mid-file (the consumer's own errors are not raised here)
            raise _unreadable(path, exc) from None


def parse_float(value: str, path, lineno: int, what: str = "a number") -> float:
    try:
        x = float(value)
    except ValueError:
        raise InputFormatError(path, lineno, what, repr(value)) from None
    if not math.isfinite(x):
        raise InputFormatError(path, lineno, f"a finite {what}", repr(value))
    return x
