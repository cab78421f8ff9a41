"""Raw-text tokenisation keeps combining marks in their word (Devanagari vowel signs and viramas, Hebrew
points, decomposed Latin accents), so sentence vectors average the words that were written. Oracles: the
token lists written by hand, and a numpy average of the words' vectors."""
from __future__ import annotations

import unicodedata

import numpy as np
import pytest

from wordeval.tokenize import tokenize

NFD_CAFE = unicodedata.normalize("NFD", "naïve café! résumé.")


@pytest.mark.parametrize("text, tokens", [
    ("हिन्दी, भाषा।", ["हिन्दी", ",", "भाषा", "।"]),
    (NFD_CAFE, [unicodedata.normalize("NFD", w) for w in ("naïve", "café", "!", "résumé", ".")]),
    ("שָׁלוֹם עולם", ["שָׁלוֹם", "עולם"]),
    ("naïve café! U.S. 3.5 it's", ["naïve", "café", "!", "U.S.", "3.5", "it", "'s"]),
])
def test_combining_marks_stay_in_their_word(text, tokens):
    assert tokenize(text) == tokens


def test_sts_sentence_vector_is_the_average_of_the_written_words():
    from wordeval.adapters import as_embedding
    from wordeval.intrinsic.sts import DEFAULT_CONFIG, sentence_vectors
    rng = np.random.default_rng(0)
    # the single characters are in the vocabulary too, as in any large multilingual table
    words = ["हिन्दी", "भाषा", "ह", "ि", "न", "द", "ी", "भ", "ा", "ष"]
    table = {w: rng.standard_normal(4) for w in words}
    vecs, _ = sentence_vectors(as_embedding(table), ["हिन्दी भाषा"], DEFAULT_CONFIG)
    want = (table["हिन्दी"] + table["भाषा"]) / 2
    np.testing.assert_allclose(vecs[0], want, rtol=4 * np.finfo(np.float32).eps)


# Persian writes the zero-width non-joiner inside words ("می‌خواهم", I want); Devanagari's "क्‍ष" holds a
# zero-width joiner. Python's \w has neither, so the pattern cut such a word at it and kept a lone U+200C token.
ZWNJ, ZWJ = "\u200c", "\u200d"


@pytest.mark.parametrize("text, tokens", [
    (f"می{ZWNJ}خواهم بروم.", [f"می{ZWNJ}خواهم", "بروم", "."]),
    (f"क्{ZWJ}ष", [f"क्{ZWJ}ष"]),
    (f"a{ZWNJ}{ZWJ}b", [f"a{ZWNJ}{ZWJ}b"]),
    # a stray joiner at a word's edge or before punctuation is not part of a word
    (f"{ZWNJ}abc abc{ZWNJ} a{ZWNJ}.", [ZWNJ, "abc", "abc", ZWNJ, "a", ZWNJ, "."]),
])
def test_joiners_inside_a_word_keep_it_whole(text, tokens):
    assert tokenize(text) == tokens


def test_sts_averages_the_persian_word_written_with_a_non_joiner():
    from wordeval.adapters import as_embedding
    from wordeval.intrinsic.sts import DEFAULT_CONFIG, sentence_vectors
    rng = np.random.default_rng(0)
    words = [f"می{ZWNJ}خواهم", "می", "خواهم", ZWNJ, "بروم"]
    table = {w: rng.standard_normal(4) for w in words}
    vecs, _ = sentence_vectors(as_embedding(table), [f"می{ZWNJ}خواهم بروم"], DEFAULT_CONFIG)
    want = (table[f"می{ZWNJ}خواهم"] + table["بروم"]) / 2
    np.testing.assert_allclose(vecs[0], want, rtol=4 * np.finfo(np.float32).eps)
