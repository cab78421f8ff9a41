"""The one tokenizer for raw text (STS word-vector baseline, classification pooling, training corpora).

Rules, in order: numbers with separators stay whole (``3.5``, ``1,000``); ``n't`` is split from its stem
(``do`` ``n't``); English clitics ``'s 're 've 'll 'd 'm`` are tokens; words are runs of letters and digits
(underscores separate them) that may contain inner hyphens and periods (``state-of-the-art``, ``U.S``); any other non-space symbol is a token of its own. Curly
apostrophes are read as ``'``. Combining marks (Unicode category M) stay in the word they are written in:
Devanagari's vowel signs and viramas, Arabic and Hebrew points, a decomposed ``e`` + U+0301. Pre-tokenised
data is split on whitespace instead (``style="whitespace"``).
"""
from __future__ import annotations

import re
import unicodedata

from wordeval.errors import ConfigError

# [^\W_] is a letter or digit: underscores separate words (they join the parts of phrase tokens elsewhere)
TOKEN_PATTERN = (r"\d+(?:[.,]\d+)+"
                 r"|[^\W_]+(?=n't\b)|n't\b"
                 r"|'(?:s|re|ve|ll|d|m)\b"
                 r"|[^\W_]+(?:[-.][^\W_]+)*"
                 r"|[^\w\s]")
_TOKEN_RE = re.compile(TOKEN_PATTERN, re.IGNORECASE)
_WORDLIKE = re.compile(r"[^\W_]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
STYLES = ("regex", "whitespace")


def tokenize(text: str, *, style: str = "regex", lowercase: bool = False, punctuation: bool = True) -> list[str]:
    """Tokens of ``text``. ``punctuation=False`` drops tokens without a letter or digit (corpus training)."""
    if style == "whitespace":
        tokens = text.split()
    elif style == "regex":
        text = text.translate(_APOSTROPHES)
        # text without combining marks (ASCII, most European text: a test over its distinct characters) keeps
        # the pattern's own tokens, without the per-token loop that joins marks (4x slower)
        plain = text.isascii() or not any(map(_is_mark, set(text)))
        tokens = _TOKEN_RE.findall(text) if plain else _with_marks(_TOKEN_RE.finditer(text))
    else:
        raise ConfigError(f"tokenizer must be one of {', '.join(STYLES)}, got {style!r}")
    if lowercase:
        tokens = [t.lower() for t in tokens]
    if not punctuation:
        tokens = [t for t in tokens if _WORDLIKE.search(t)]
    return tokens


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _with_marks(matches) -> list[str]:
    """The pattern's tokens, a combining mark joined to the token it follows, and a word right after it too:
    Python's ``\\w`` has no marks, so "हिन्दी" came out as six tokens and a decomposed "café" as "cafe" +
    "\u0301"."""
    tokens: list[str] = []
    end = -1
    for m in matches:
        tok = m.group()
        if tokens and m.start() == end and (_is_mark(tok[0]) or (_is_mark(tokens[-1][-1])
                                                                 and _WORDLIKE.match(tok))):
            tokens[-1] += tok
        else:
            tokens.append(tok)
        end = m.end()
    return tokens
