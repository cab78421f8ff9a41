"""How many terminal columns a text takes, for the plain-text tables wordeval prints.

``str.ljust`` counts code points: a Chinese or Japanese label (two columns a character) pushed every later
column of its row to the right, and a word with combining marks (Arabic, Hebrew, Devanagari, a decomposed
'café') or a zero-width joiner pulled them to the left.
"""
from __future__ import annotations

import unicodedata


def text_width(text: str) -> int:
    """Columns of ``text`` as terminals draw it (wcwidth's rules without its tables): East Asian wide and
    fullwidth characters two, combining marks and format characters (U+200C/U+200D, U+200F) none."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1

