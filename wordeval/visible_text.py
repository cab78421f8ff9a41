"""Text from files wordeval does not control (a label or task name in a store or record file, a word, a path,
a citation) made safe to show: control characters and bidirectional overrides are written as backslash
escapes, so they can be seen and cannot act.

Written raw, an ESC in a label recoloured or retitled the terminal that ran ``compare`` (ESC ] 0 ; ... BEL),
a carriage return overwrote the start of its line, U+202E showed a name reversed, and the same bytes went
into report.md, report.tex (where LaTeX stops at them), report.html, results.csv and references.bib."""
from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates ("Trojan Source")
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text, keep: str = "") -> str:
    """``text`` with its control characters written as escapes (ESC as ``\\x1b``, a newline as ``\\x0a``), except
    those in ``keep``."""
    s = str(text)
    if not keep:
        return _HIDDEN.sub(_escape, s)
    return _HIDDEN.sub(lambda m: m.group() if m.group() in keep else _escape(m), s)


def visible_lines(text) -> str:
    """A whole multi-line text (a table, a document): its newlines and tabs kept, every other control escaped."""
    return visible(text, keep="\n\t")
