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
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that stands for no byte (a JSON "\ud800" escape): its code point
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def readable_data(value):
    """``value`` (JSON-like: dicts, lists, strings, numbers) with every string, keys too, made readable: a
    record an older wordeval wrote under LC_ALL=C holds lone surrogates in its paths and command line, and a
    report of it ended in UnicodeEncodeError."""
    if isinstance(value, str):
        return readable_text(value)
    if isinstance(value, dict):
        return {readable_data(k): readable_data(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(readable_data(v) for v in value)
    return value


def quoted(text) -> str:
    """``repr(text)`` with each lone surrogate that stands for an undecodable byte left as it is: repr wrote
    it as ``\\udcfe`` where the rest of the same error line, written raw, was spelled ``\\xfe`` by the console
    (wordeval.cli.console), so one path read two ways in one line."""
    shown = repr(text)
    if not isinstance(text, str) or not any(0xDC80 <= ord(c) <= 0xDCFF for c in text):
        return shown
    out, i = [], 0
    while i < len(shown):
        escape = shown[i:i + 6]
        if shown.startswith("\\\\", i):  # an escaped backslash, never the start of an escape
            out.append("\\\\")
            i += 2
        elif escape.startswith("\\udc") and 0xDC80 <= int(escape[2:], 16) <= 0xDCFF:
            out.append(chr(int(escape[2:], 16)))
            i += 6
        else:
            out.append(shown[i])
            i += 1
    return "".join(out)
