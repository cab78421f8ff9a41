"""Backslash escapes in classification texts. Zhang et al.'s (2015) CSVs (Yelp polarity and full, Amazon
polarity and full, Yahoo! Answers, DBpedia) write a line break inside a text as the two characters ``\\n``
(Yelp's and Amazon's readme.txt say so, and Zhang's own converter, csv2t7b.lua, reads it back as one); Yelp's
texts also hold ``\\"`` for a quote (peers' loaders replace it by '"'). Read as written, "staff.\\n\\nIt" was
the tokens '\\' 'n' '\\' 'nIt', and 'nIt' is GloVe's "nit" once lowercased: wrong words averaged into the
document's vector without a word.

Nothing is decoded unless the spec asks (``escapes = "backslash"``): AG News' copies write a line break as a
bare backslash ("dwindling\\band"), where "the\\nation" is a break before "nation", not an escape; decoding
it there would cut the word. Without the key a file holding many ``\\n`` is named with the key to set."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from wordeval.datasets.types import LabeledText
from wordeval.errors import ConfigError

ESCAPES = ("none", "backslash")
# one pass, left to right, so that "\\n" (an escaped backslash, then the letter n) stays a backslash and an n
_ESCAPE = re.compile(r'\\([n"\\])')
_DECODED = {"n": "\n", '"': '"', "\\": "\\"}
_ESCAPED_NEWLINE = re.compile(r"(?<!\\)(?:\\\\)*\\n")
# a backslash before a letter other than n: AG News' bare backslash for a line break ("dwindling\band")
_BARE = re.compile(r"(?<!\\)(?:\\\\)*\\[^\W\dn_]")
# the share of a split's documents holding "\n" from which the advice is given: a file in which one document
# in a hundred holds it escapes its line breaks; a few texts that mention "\n" (code) in a corpus do not
ADVICE_SHARE = 0.01


def decode_backslash_escapes(items: Sequence[LabeledText]) -> tuple[list[LabeledText], int]:
    """The items with ``\\n``, ``\\"`` and ``\\\\`` decoded (any other backslash kept as written), and how
    many items held one."""
    out, changed = [], 0
    for item in items:
        if "\\" in item.text and _ESCAPE.search(item.text):
            changed += 1
            item = replace(item, text=_ESCAPE.sub(lambda m: _DECODED[m.group(1)], item.text).strip())
        out.append(item)
    return out, changed


def _counts(items: Sequence[LabeledText]) -> tuple[int, int, int | None]:
    """(documents holding ``\\n``, documents holding a backslash before another letter, the index of the first
    document holding ``\\n``)."""
    escaped = bare = 0
    first = None
    for i, item in enumerate(items):
        if "\\" not in item.text:
            continue
        if _ESCAPED_NEWLINE.search(item.text):
            escaped += 1
            first = i if first is None else first
        if _BARE.search(item.text):
            bare += 1
    return escaped, bare, first


class EscapeReading:
    """How a task's texts read their backslashes (``key``: "none", as written, or "backslash", decoded), file
    by file, and what their backslashes say of that choice: a warning and the record's ``dataset.escapes``."""

    def __init__(self, key: str):
        if key not in ESCAPES:
            raise ConfigError(f"escapes={key!r}: expected one of {', '.join(ESCAPES)}")
        self.key = key
        # split -> [documents, those with '\\n', those with a bare backslash, the first '\\n' one's place]
        self._seen: dict[str, list] = {}
        self._decoded: dict[str, int] = {}

    def read(self, split: str, items: Sequence[LabeledText], places: Sequence, path) -> list[LabeledText]:
        """One file's items, as the key reads them. ``places``: each item's (path, line), where known."""
        escaped, bare, first = _counts(items)
        seen = self._seen.setdefault(split, [0, 0, 0, None])
        seen[:3] = seen[0] + len(items), seen[1] + escaped, seen[2] + bare
        if first is not None and seen[3] is None:
            where, line = places[first] if first < len(places) else (path, None)
            seen[3] = f"{where}:{line}" if line is not None else str(where)
        if self.key != "backslash":
            return list(items)
        items, n = decode_backslash_escapes(items)
        self._decoded[split] = self._decoded.get(split, 0) + n
        return items

    def metadata(self) -> dict | None:
        """The record's ``dataset.escapes``: the key and, per split, the documents it decoded."""
        if self.key == "none":
            return None
        return {"decoded": self.key, "documents": dict(sorted(self._decoded.items()))}

    def warnings(self) -> list[str]:
        escaped = {s: c for s, c in sorted(self._seen.items()) if c[1]}
        bare = {s: c for s, c in sorted(self._seen.items()) if c[2] > c[1]}
        out = []
        many = any(c[1] >= ADVICE_SHARE * c[0] for c in escaped.values())
        if self.key == "none" and many and not bare:
            where = next(c[3] for c in escaped.values())
            docs = ", ".join(f"{c[1]} of {c[0]} {s} documents" for s, c in escaped.items())
            out.append(f"{docs} hold the two characters '\\n', first {where} (as Zhang et al.'s Yelp, "
                       "Amazon, Yahoo! Answers and DBpedia CSVs write a line break): read as written, each "
                       "is the tokens '\\' and 'n' glued to the next word ('\\nIt' is 'nIt'); set "
                       "escapes = \"backslash\" in the spec to read them as line breaks")
        if self.key == "backslash" and bare:
            docs = ", ".join(f"{c[2]} {s} documents" for s, c in bare.items())
            out.append(f"{docs} hold a backslash before a letter other than n, more than hold '\\n' (as "
                       "AG News writes a line break: 'dwindling\\band'): those are kept as written, but "
                       "escapes = \"backslash\" reads such a file's '\\n' as an escape, cutting the word "
                       "after a break ('the\\nation' is 'the' and 'ation'); leave the key out for such a "
                       "file")
        return out
