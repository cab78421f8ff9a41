"""The one tokenizer for raw text (STS word-vector baseline, classification pooling, training corpora).

Rules, in order: numbers with separators stay whole (``3.5``, ``1,000``); ``n't`` is split from its stem
(``do`` ``n't``); English clitics ``'s 're 've 'll 'd 'm`` are tokens; words are runs of letters and digits
(underscores separate them) that may contain inner hyphens and periods (``state-of-the-art``, ``U.S``); any other non-space symbol is a token of its own. Curly
apostrophes are read as ``'``. Combining marks (Unicode category M) stay in the word they are written in:
Devanagari's vowel signs and viramas, Arabic and Hebrew points, a decomposed ``e`` + U+0301. So do the
zero-width non-joiner and joiner (U+200C, U+200D) inside a word: Persian writes "می‌خواهم" with one, Indic
scripts and emoji sequences use them, and fastText's vectors hold such words whole. Pre-tokenised
data is split on whitespace instead (``style="whitespace"``).
"""
from __future__ import annotations

import re
import unicodedata

from wordeval.errors import ConfigError

# Which rules split a text: bump it with any change to them. Corpus fingerprints hold it (the builders
# retrain), and STS and classification records name it beside the tokens they averaged (2: combining marks
# stay in their word; 3: so do the joiners U+200C/U+200D inside a word, which Persian and Indic text holds)
TOKENIZER_VERSION = "wordeval.tokenize-3"

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
        plain = text.isascii() or not any(map(_joins, set(text)))
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


# Python's \w has neither: the pattern made a lone U+200C token of them and cut the word in two
_JOINERS = frozenset("\u200c\u200d")


def _joins(ch: str) -> bool:
    return ch in _JOINERS or _is_mark(ch)


def _with_marks(matches) -> list[str]:
    """The pattern's tokens, a combining mark joined to the token it follows, and a word right after it too:
    Python's ``\\w`` has no marks, so "हिन्दी" came out as six tokens and a decomposed "café" as "cafe" +
    "\u0301". A joiner glues the tokens written right before and after it, unless one is punctuation: a
    stray one at a word's edge is not part of the word."""
    spans = [(m.start(), m.end(), m.group()) for m in matches]
    tokens: list[str] = []
    end, bridging = -1, False  # bridging: the last token ends with a joiner that glues the next one to it
    for k, (start, stop, tok) in enumerate(spans):
        adjacent = bool(tokens) and start == end
        if tok in _JOINERS:
            bridge = adjacent and not _is_punct(tokens[-1][-1]) and _word_follows(spans, k)
            glue = bridge or (adjacent and bridging)
        else:
            bridge = False
            glue = adjacent and (bridging or _is_mark(tok[0])
                                 or (_is_mark(tokens[-1][-1]) and bool(_WORDLIKE.match(tok))))
        if glue:
            tokens[-1] += tok
        else:
            tokens.append(tok)
        end, bridging = stop, bridge
    return tokens


def _word_follows(spans, k: int) -> bool:
    """Whether the joiner ``spans[k]`` (and any joiners right after it) is followed, with no gap, by a token
    that is not punctuation."""
    while k + 1 < len(spans) and spans[k + 1][0] == spans[k][1]:
        k += 1
        if spans[k][2] not in _JOINERS:
            return not _is_punct(spans[k][2][0])
    return False


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")
