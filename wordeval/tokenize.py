"""The one tokenizer for raw text (STS word-vector baseline, classification pooling, training corpora).

Rules, in order: numbers with separators stay whole (``3.5``, ``1,000``); ``n't`` is split from its stem
(``do`` ``n't``); English clitics ``'s 're 've 'll 'd 'm`` are tokens; words are runs of letters and digits
(underscores separate them) that may contain inner hyphens and periods (``state-of-the-art``, ``node.js``);
abbreviations keep their final period (``U.S.``, ``p.m.``, ``Mr.``: see ``ABBREVIATIONS``); dash runs
(``--``), ellipses (``...``), PTB's quotes (two backticks, two apostrophes) and words with an apostrophe
(``O'Neill``, ``o'clock``, ``'em``, ``'90s``) are whole, as in PTB (see ``PTB_WHOLE``); any other non-space
symbol is a token of its own. Curly apostrophes are read as ``'``. Combining marks (Unicode category
M) stay in the word they are written in: Devanagari's vowel signs and viramas, Arabic and Hebrew points, a
decomposed ``e`` + U+0301. So do the zero-width non-joiner and joiner (U+200C, U+200D) inside a word: Persian
writes "می‌خواهم" with one, Indic scripts and emoji sequences use them, and fastText's vectors hold such words
whole. Pre-tokenised data is split on whitespace instead (``style="whitespace"``).
"""
from __future__ import annotations

import re
import unicodedata

from wordeval.errors import ConfigError

# Which rules split a text: bump it with any change to them. Corpus fingerprints hold it (the builders
# retrain), and STS and classification records name it beside the tokens they averaged (2: combining marks
# stay in their word; 3: so do the joiners U+200C/U+200D inside a word, which Persian and Indic text holds;
# 4: abbreviations keep their final period, "U.S." and "Mr.", as GloVe's and word2vec's vocabularies do, and
# the training corpora's sentences are no longer cut after one, "Sen." | "John McCain"; 5: PTB's whole
# tokens "--", "...", "``", "''" and apostrophe words "O'Neill", "o'clock", "'em", "'90s", see PTB_WHOLE)
TOKENIZER_VERSION = "wordeval.tokenize-5"

# Abbreviations keep their final period, as the Stanford PTB tokenizer (which tokenized GloVe's corpora) and
# spaCy's English tokenizer keep it: without it GloVe 6B read "U.S." at its rare row "u.s" (rank 13,422)
# instead of "u.s." (rank 100). They are letter-period runs of two or more letters (U.S., p.m., i.e.,
# U.S.A.: PTB's ACRO2; "U.S.-led" too), and the words below, from PTBLexer.flex's lists (ABTITLE, ABMONTH,
# ABCOMP, ABPTIT, ABVARIA, ABBREV4): those whose GloVe 6B row with the period ranks above the bare one
# (mr. 1,996, mr 6,381; inc. 732, inc 15,232; jan. 2,237, jan 4,188; not "Mar.", "Ft.", whose bare rows "mar"
# and "ft" rank higher) and whose bare form is no common English word (not "No."). Single-letter initials
# ("J.") are left out: "plan B." or "vitamin C." ends a sentence as often as it abbreviates. PTBTokenizer
# also adds a "." token after an abbreviation that ends the text (its sentence's full stop); so does tokenize.
ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gov", "Sen", "Rep", "Gen", "Col", "Lt", "Maj", "Capt",
                 "Sgt", "Adm", "Rev", "Mt", "St", "Jr", "Sr", "Ph.D", "Inc", "Corp", "Ltd", "Co", "Bros",
                 "Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec", "vs", "etc")
_ABBREVIATION = (r"(?<![^\W_])(?:[^\W\d_]\.){2,}(?:-[^\W_]+(?:[-.][^\W_]+)*|(?![^\W_]))"
                 # as written or lowercased (SST's "mr."), not in capitals: "MS." and "DEC." end BBC sentences
                 # on multiple sclerosis and the Disasters Emergency Committee
                 r"|(?<![^\W_])(?-i:" + "|".join(re.escape(f) for w in ABBREVIATIONS for f in (w, w.lower()))
                 + r")\.(?![^\W_])")

# Tokens that the Stanford PTB tokenizer (PTBLexer.flex) keeps whole and GloVe 6B holds whole at frequent
# rows, which the one-symbol rule cut into pieces: dash runs (HYPHENS: "--" rank 65, where "-" "-" averaged two
# hyphens; MR writes "--" 669 times), ellipses (LDOTS, 3 to 5 periods: "..." rank 434, not three full stops;
# 175 in the BBC News corpus), LaTeX-style quotes (QUOTES: "``" 28, "''" 27, not "`" 932 twice or "'" 57
# twice; STS12 writes "''" 23 times, SentEval's SST and CR files 2,157 when read as raw text), and words with
# an apostrophe (APOWORD and THING): a one-letter prefix "O'Neill", "D'Alema", "d'Ivoire", "o'clock" (o'neill
# 7,589, o'clock 15,600, which were "o" "'" "neill"), and "'em", "'til", "'90s", "'n'". Not "I'm"/"Y'all" (I
# and Y are no such prefix) nor a clitic after the letter ("D's" is "D" "'s"). The first-letter class is
# matched ignoring case, as the whole pattern is: MR is lowercased. And capitals joined by "&" (THINGA:
# "AT&T" 25,579, "S&P", "R&B", "M&S", which were "AT" "&" "T"; 97 in the BBC News corpus), in capitals only,
# as PTB has them (PTB joins them by "+" too, which GloVe seldom holds: "A+B" stays three tokens).
PTB_WHOLE = (r"-{2,}|\.{3,5}|``|''"
             r"|(?<![^\W_])(?-i:[A-Z]+(?:&[A-Z]+)+)(?![^\W_])"
             r"|(?<![^\W_])[A-HJ-XZ]'(?!(?:s|re|ve|ll|d|m|t)(?![^\W_]))[^\W\d_]{2,}"
             r"|(?<![^\W_])'(?:em|till?|[2-9]0s|n')(?![^\W_])")

# [^\W_] is a letter or digit: underscores separate words (they join the parts of phrase tokens elsewhere)
TOKEN_PATTERN = (r"\d+(?:[.,]\d+)+"
                 r"|[^\W_]+(?=n't\b)|n't\b"
                 r"|'(?:s|re|ve|ll|d|m)\b"
                 r"|" + _ABBREVIATION +
                 r"|" + PTB_WHOLE +
                 r"|[^\W_]+(?:[-.][^\W_]+)*"
                 r"|[^\w\s]")
_TOKEN_RE = re.compile(TOKEN_PATTERN, re.IGNORECASE)
ABBREVIATION_RE = re.compile(_ABBREVIATION, re.IGNORECASE)  # what wordeval.joiner_texts looks for in a task
PTB_WHOLE_RE = re.compile(PTB_WHOLE, re.IGNORECASE)  # and this
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
        # an abbreviation that ends the text holds its sentence's full stop too (PTBTokenizer's default):
        # "in the U.S." gets the "." token that "in France." gets. Only an abbreviation's token (a word) ends
        # with "." (an ellipsis ends its sentence itself)
        last = tokens[-1] if tokens else ""
        if last.endswith(".") and _WORDLIKE.search(last) and text.rstrip().endswith(last):
            tokens.append(".")
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
