"""Whether a vocabulary's rows are in alphabetical order, which a frequency-ordered vocabulary never is.

``restrict_vocab`` keeps the first N rows as the N most frequent words (gensim's reading). A user's file may
be sorted (``sort vectors.txt``, a dump of a dict) with nothing to say so: its first 10,000 rows are then the
words from '!' to 'ba...'. Frequency order puts 'the', ',', '.', 'of' first, so among its first rows about
half of the neighbouring pairs ascend, as in any order unrelated to spelling; a sorted file's all do.

Words holding a digit are left out of the sample: a file of numbers, or of ids ('w0', 'w1', ...) given in
numeric order, ascends as text, and such ids are often frequency ranks. A hash order cannot be told from
frequency order by the words alone and is not judged.
"""
from __future__ import annotations

import unicodedata
from typing import Sequence

SAMPLE = 2000  # rows looked at, evenly spaced over the first N: cheap on a 3-million-row file
MIN_WORDS = 200  # fewer digit-free words: too few to judge, no verdict
ASCENDING = 0.9  # share of ascending neighbours from which rows count as sorted


def _keys(word: str):
    folded = word.casefold()
    # `sort` under a UTF-8 locale compares letters and digits first, ignoring case and punctuation
    return word, folded, "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def alphabetical_rows(words: Sequence[str], first: int | None = None) -> tuple[float, int] | None:
    """``(share of ascending neighbours, words compared)`` where the first ``first`` rows of ``words`` (all
    where None) are in alphabetical order by code point, case-insensitively or as `sort` orders them; None
    where they are not, or where too few digit-free words are there to tell."""
    sample = _sample(words, len(words) if first is None else min(first, len(words)))
    if len(sample) < MIN_WORDS and first is not None and first < len(words):
        # a sorted file's first rows can all hold digits (GloVe 6B sorted: its first 10,000 rows are '!' to
        # '0...' to '1...'); rows sorted as a whole are sorted in their first N too
        sample = _sample(words, len(words))
    if len(sample) < MIN_WORDS:
        return None
    keys = [_keys(w) for w in sample]
    pairs = len(keys) - 1
    best = max(sum(a[k] <= b[k] for a, b in zip(keys, keys[1:])) for k in range(3)) / pairs
    return (best, pairs) if best >= ASCENDING else None


def _sample(words: Sequence[str], n: int) -> list[str]:
    step = max(1, n // SAMPLE)
    return [w for w in (words[i] for i in range(0, n, step)) if not any(ch.isdigit() for ch in w)]
