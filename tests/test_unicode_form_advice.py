"""The UnicodeFormWarning's advice under words looked up as written: it said 'set unicode = "NFC" (or "NFKC")'
for every word another form finds, also where only NFKC finds it (a ligature, full-width letters, an
ideographic space, or a vocabulary key in such a form), and a run under NFC found none of them. The advice is
checked by following it: the form it names first covers every pair (oracle: unicodedata's forms, pair counts
by hand)."""
from __future__ import annotations

import re
import unicodedata
import warnings

import numpy as np
import pytest

import wordeval
from wordeval.intrinsic.unicode_forms import UnicodeFormWarning

BASE = ["king", "queen", "man", "woman", "tea", "cup", "folder", "dog", "café", "new york"]


def _run(tmp_path, vocabulary, pairs, config=None):
    rng = np.random.default_rng(0)
    vecs = {w: rng.normal(size=6).astype(np.float32) for w in vocabulary}
    (tmp_path / "pairs.txt").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs), encoding="utf-8")
    spec = tmp_path / "u.toml"
    spec.write_text('name = "u"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n', encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rec = wordeval.evaluate(vecs, str(spec), name="v", config=config)
    said = [str(w.message) for w in caught if issubclass(w.category, UnicodeFormWarning)]
    return rec, said


PAIRS = [("king", "queen", 8), ("man", "woman", 7), ("tea", "cup", 1)]
NFD_CAFE = unicodedata.normalize("NFD", "café")


@pytest.mark.parametrize("vocabulary, word, form", [
    (BASE + ["file"], "\ufb01le", "NFKC"),  # the data's ligature
    (BASE + ["cat"], "ｃａｔ", "NFKC"),  # the data's full-width letters
    (BASE, "new\u3000york", "NFKC"),  # an ideographic space
    (BASE + ["\ufb01sh"], "fish", "NFKC"),  # the vocabulary's ligature, the data's plain word
    (BASE, NFD_CAFE, "NFC"),  # canonical forms only: NFC finds it
])
def test_the_form_advised_first_finds_the_words(tmp_path, vocabulary, word, form):
    assert unicodedata.normalize("NFKC", word) in {unicodedata.normalize("NFKC", w) for w in vocabulary}
    pairs = PAIRS + [(word, "dog", 4)]
    rec, said = _run(tmp_path, vocabulary, pairs)
    assert (rec.n_used, rec.n_total) == (3, 4)
    assert len(said) == 1
    advised = re.search(r'set unicode = "(\w+)"', said[0]).group(1)
    assert advised == form
    followed, again = _run(tmp_path, vocabulary, pairs, config={"unicode": advised})
    assert (followed.n_used, followed.n_total, again) == (4, 4, [])


def test_nfc_is_not_advised_beside_a_word_only_nfkc_finds(tmp_path):
    pairs = PAIRS + [(NFD_CAFE, "dog", 4), ("\ufb01le", "folder", 6)]
    rec, said = _run(tmp_path, BASE + ["file"], pairs)
    assert (rec.n_used, rec.n_total) == (3, 5)
    assert re.search(r'set unicode = "(\w+)"', said[0]).group(1) == "NFKC"
    under_nfc, _ = _run(tmp_path, BASE + ["file"], pairs, config={"unicode": "NFC"})
    assert under_nfc.n_used == 4  # NFC finds the café pair only


def test_nfkc_is_advised_for_a_word_found_through_a_ligature_key_and_case(tmp_path):
    """The data's 'Fish' and the vectors' 'ﬁsh' under case = lower: only NFKC (then lowercasing) makes them one,
    and the advice said NFC, which finds nothing: it checked the key table on NFKC alone."""
    assert unicodedata.normalize("NFC", "\ufb01sh").lower() != "fish" == unicodedata.normalize("NFKC", "Fish").lower()
    pairs = PAIRS + [("Fish", "dog", 4)]
    rec, said = _run(tmp_path, BASE + ["\ufb01sh"], pairs, config={"case": "lower"})
    assert (rec.n_used, rec.n_total) == (3, 4) and len(said) == 1
    advised = re.search(r'set unicode = "(\w+)"', said[0]).group(1)
    assert advised == "NFKC"
    followed, again = _run(tmp_path, BASE + ["\ufb01sh"], pairs, config={"case": "lower", "unicode": advised})
    assert (followed.n_used, again) == (4, [])
