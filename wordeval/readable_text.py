"""Text that came from the operating system (a path, a command-line argument) as text a UTF-8 file or SQLite
can hold.

Under a locale that is not UTF-8 (LC_ALL=C with PYTHONUTF8=0) Python keeps a path's undecodable bytes as lone
surrogates. Written into a report, a record's JSON or the store they were a UnicodeEncodeError traceback."""
from __future__ import annotations


def readable_text(arg) -> str:
    """``arg`` with its surrogate-escaped bytes read as UTF-8 again, so the text is what a UTF-8 locale reads
    (and a store key built from it is the same under both); bytes that are not UTF-8 are backslash-escaped."""
    text = str(arg)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
