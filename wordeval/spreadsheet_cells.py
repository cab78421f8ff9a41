"""Text cells of the CSV/TSV files wordeval writes (results.csv, ``compare --csv``, the ``.tsv`` files of
``--save-predictions``) made inert in a spreadsheet, reversibly.

Excel, LibreOffice and Google Sheets read a cell that begins with ``=``, ``+``, ``-``, ``@``, TAB or CR as a
formula (CSV injection, OWASP): a representation label ``@SUM(1+1)*cmd|...`` or a dataset word
``=HYPERLINK(...)`` written raw ran when the user opened the file. Such a text cell is written with a leading
apostrophe, the spreadsheets' own mark of a text cell. A number, and a text that is a plain decimal number
(a label ``-1``), is written as it is: a spreadsheet reads it as that number and nothing runs, so ``-0.25``
stays a number. A text that already begins with apostrophes followed by one of those characters gets one more,
so that ``original_text`` gives back every original exactly by removing one.
"""
from __future__ import annotations

import re

_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_MARKED = re.compile(r"'+[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def inert(text: str) -> str:
    """``text`` as a cell no spreadsheet evaluates."""
    if _FORMULA_START.match(text) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def original_text(cell: str) -> str:
    """The text that ``inert`` turned into ``cell``."""
    return cell[1:] if _MARKED.match(cell) else cell
