"""Analogy words that carry a part-of-speech tag (``good_JJ better_JJR``, ``house_NOUN``), as files made for
embeddings trained on tagged text write them (NLPL's models: ``word_UPOS``).

Looked up as written (such embeddings hold the tagged forms), a plain embedding covered 0 questions with no
word why. The sniffer says the words carry tags, ``pos_suffix = "strip"`` in the spec looks them up without,
and a run warns when OOV words are in the vocabulary once their tag is stripped.
"""
from __future__ import annotations

import functools
import re
import warnings
from dataclasses import replace
from typing import Callable, Iterable, Sequence

# a Penn Treebank tag (JJ, JJR, NNS, PRP$) or a universal one (ADJ, NOUN, PROPN, X) after the last '_'
TAG_SUFFIX = re.compile(r"_[A-Z]{1,5}\$?$")
_HAS_LOWER = re.compile(r"[^\W\d_A-Z]")  # a word part, not MSR's relation name JJ_JJR or an index column


class PosSuffixWarning(UserWarning):
    """OOV analogy words found in the vocabulary once their part-of-speech tag is stripped."""


def strip_tag(word: str) -> str:
    return TAG_SUFFIX.sub("", word) or word


def _candidates(tokens: Iterable[str]) -> list[str]:
    return [t for t in tokens if _HAS_LOWER.search(TAG_SUFFIX.sub("", t))]


def mostly_tagged(tokens: Iterable[str]) -> str | None:
    """The first tagged word when 90 % of the words carry a tag suffix, else None."""
    words = _candidates(tokens)
    tagged = [w for w in words if TAG_SUFFIX.search(w)]
    return tagged[0] if words and len(tagged) * 10 >= len(words) * 9 else None


def reads_pos_suffix(read: Callable) -> Callable:
    """A reader that takes ``strip_pos_suffix`` (what ``pos_suffix = "strip"`` in a spec becomes)."""
    @functools.wraps(read)
    def wrapper(paths, *, strip_pos_suffix: bool = False, **options):
        splits, extra = read(paths, **options)
        if strip_pos_suffix:
            splits = {split: [replace(q, a=strip_tag(q.a), b=strip_tag(q.b), c=strip_tag(q.c),
                                      answers=tuple(dict.fromkeys(strip_tag(d) for d in q.answers)))
                              for q in items] for split, items in splits.items()}
        return splits, extra
    return wrapper


def warn_tagged_oov(oov_words: Sequence[str], found: Callable[[list[str]], Sequence[bool]],
                    embedding_name: str) -> list[str]:
    """The OOV words (sorted) that ``found`` finds once their tag is stripped; warned about when any."""
    tagged = [w for w in oov_words if strip_tag(w) != w]
    if not tagged:
        return []
    hits = [w for w, hit in zip(tagged, found([strip_tag(w) for w in tagged])) if hit]
    if hits:
        warnings.warn(f"{len(hits)} OOV word(s) carry a part-of-speech tag that {embedding_name} does not, e.g. "
                      f"{hits[0]!r}: set pos_suffix = \"strip\" in the task spec to look the words up without "
                      "their tags", PosSuffixWarning, stacklevel=3)
    return hits
