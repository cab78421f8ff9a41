"""OOV words that the vocabulary holds in another Unicode normalisation form.

Words are looked up as written, so 'café' spelled e + U+0301 (NFD: what macOS file names and some exports
hold) is not the vocabulary's precomposed 'café' (NFC). Both print alike, so a record listing 'café' among
its OOV words, with 'café' plainly in the vectors file, read as a lookup bug. The lookup stays as written
(coverage is what the data and the vectors hold); the record and a warning name the words another form finds.
"""
from __future__ import annotations

import unicodedata
import warnings
from typing import Callable, Sequence

import numpy as np

_FORMS = ("NFC", "NFD")


class UnicodeFormWarning(UserWarning):
    """OOV words found in the vocabulary once written in another Unicode normalisation form."""


def found_in_other_form(oov_words: Sequence[str], found: Callable[[list[str]], np.ndarray]) -> list[str]:
    """The words of ``oov_words`` (sorted) that ``found`` (a mask per word, the caller's own lookup) finds
    once normalised to NFC or NFD."""
    variants = [(w, v) for w in oov_words for form in _FORMS if (v := unicodedata.normalize(form, w)) != w]
    if not variants:
        return []
    hits = found([v for _, v in variants])
    return sorted({w for (w, _), hit in zip(variants, hits) if hit})


def warn_other_form(words: Sequence[str], embedding_name: str) -> None:
    if words:
        warnings.warn(f"{len(words)} OOV word(s) are in {embedding_name} in another Unicode normalisation form "
                      f"(NFC/NFD), e.g. {ascii(words[0])}: words are looked up as written, so normalise the dataset "
                      "or the vectors to one form (extra.oov_in_other_unicode_form lists them)",
                      UnicodeFormWarning, stacklevel=3)
