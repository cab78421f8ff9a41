"""A dataset written in NFD (e + U+0301) against vectors in NFC ('é'), and the reverse: words are looked up as
written (README), so such a word stays OOV and the coverage says so; the record lists it apart
(``extra.oov_in_other_unicode_form``) and a warning says why, since both forms print alike. Oracle: unicodedata."""
from __future__ import annotations

import unicodedata

import numpy as np
import pytest

import wordeval
from wordeval.intrinsic.unicode_forms import UnicodeFormWarning

NFC = "café"
NFD = unicodedata.normalize("NFD", NFC)
WORDS = ["king", "queen", "man", "woman", "paris", "france", "tea", "cup"]


def _vectors(accented: str) -> dict:
    rng = np.random.default_rng(0)
    return {w: rng.normal(size=8).astype(np.float32) for w in [*WORDS, accented]}


def _spec(tmp_path, family: str, text: str):
    (tmp_path / "data.txt").write_text(text, encoding="utf-8")
    spec = tmp_path / f"{family}.toml"
    spec.write_text(f'name = "u"\nfamily = "{family}"\n[files]\ntest = "data.txt"\n')
    return str(spec)


@pytest.mark.parametrize("in_data, in_vectors", [(NFD, NFC), (NFC, NFD)], ids=["nfd-data", "nfc-data"])
def test_similarity_lists_words_found_in_another_form(tmp_path, in_data, in_vectors):
    assert in_data != in_vectors and unicodedata.normalize("NFC", in_data) == unicodedata.normalize("NFC", in_vectors)
    spec = _spec(tmp_path, "similarity", f"king\tqueen\t8\nman\twoman\t7\nparis\tfrance\t6\ntea\t{in_data}\t5\n"
                                         "cup\tking\t1\nqueen\tzzz\t2\n")
    with pytest.warns(UnicodeFormWarning, match=r"1 OOV word\(s\) are in .* another Unicode normalisation form"):
        rec = wordeval.evaluate(_vectors(in_vectors), spec, name="v")
    assert (rec.n_total, rec.n_used) == (6, 4)  # still OOV: looked up as written
    assert rec.extra["oov_words"] == sorted([in_data, "zzz"])
    assert rec.extra["oov_in_other_unicode_form"] == [in_data]


def test_analogy_lists_words_found_in_another_form(tmp_path):
    spec = _spec(tmp_path, "analogy", f": x\nking queen man woman\ntea {NFD} cup paris\nman woman king zzz\n")
    with pytest.warns(UnicodeFormWarning):
        rec = wordeval.evaluate(_vectors(NFC), spec, name="v")
    assert (rec.n_total, rec.n_used) == (3, 1)
    assert rec.extra["oov_in_other_unicode_form"] == [NFD]


def test_no_entry_when_no_oov_word_has_another_form(tmp_path, recwarn):
    spec = _spec(tmp_path, "similarity", "king\tqueen\t8\nman\twoman\t7\nparis\tzzz\t6\ntea\tcup\t5\n")
    rec = wordeval.evaluate(_vectors(NFC), spec, name="v")
    assert "oov_in_other_unicode_form" not in rec.extra
    assert not [w for w in recwarn if issubclass(w.category, UnicodeFormWarning)]


LIGATURE = "\ufb01sh"  # 'ﬁsh': the U+FB01 ligature of a PDF export; NFKC gives 'fish'


def test_a_key_in_a_compatibility_form_of_a_plain_oov_word_is_listed(tmp_path):
    """The vectors hold 'ﬁsh' and the data the plain 'fish': only the data's words were normalised, and 'fish'
    is NFKC already, so it stayed OOV without a word, although README promises the warning for a word the
    vocabulary holds in NFKC's compatibility forms and unicode = "NFKC" finds it. Oracle: unicodedata."""
    assert unicodedata.normalize("NFKC", LIGATURE) == "fish"
    spec = _spec(tmp_path, "similarity", "king\tqueen\t8\nman\twoman\t7\nparis\tfrance\t6\ntea\tfish\t5\n"
                                         "cup\tking\t1\nqueen\tzzz\t2\n")
    with pytest.warns(UnicodeFormWarning, match=r"1 OOV word\(s\) are in .* another Unicode normalisation form"):
        rec = wordeval.evaluate(_vectors(LIGATURE), spec, name="v")
    assert (rec.n_total, rec.n_used) == (6, 4)  # still OOV: looked up as written
    assert rec.extra["oov_in_other_unicode_form"] == ["fish"]
    rec = wordeval.evaluate(_vectors(LIGATURE), spec, name="v", config={"unicode": "NFKC"})
    assert rec.n_used == 5 and "oov_in_other_unicode_form" not in rec.extra


def test_analogy_lists_a_plain_word_whose_key_is_a_ligature(tmp_path):
    spec = _spec(tmp_path, "analogy", ": x\nking queen man woman\ntea fish cup paris\nman woman king zzz\n")
    with pytest.warns(UnicodeFormWarning):
        rec = wordeval.evaluate(_vectors(LIGATURE), spec, name="v")
    assert (rec.n_total, rec.n_used) == (3, 1)
    assert rec.extra["oov_in_other_unicode_form"] == ["fish"]


@pytest.mark.parametrize("case, other_form", [("lower", ["Fish"]), ("exact-then-lower", ["Fish"]), ("exact", None)])
def test_a_word_differing_from_a_ligature_key_by_case_too_is_listed_where_the_lookup_lowercases(tmp_path, case,
                                                                                                 other_form):
    """The data's 'Fish' against the vectors' 'ﬁsh' under case = lower: unicode = "NFKC" finds it (NFKC gives
    'Fish' and 'fish', which the lowercased lookup matches), yet no warning or extra said so, since the key
    table was matched on NFKC alone. Under case = exact NFKC does not find it, and the hint stays silent.
    Oracle: what unicode = "NFKC" itself finds."""
    assert unicodedata.normalize("NFKC", LIGATURE).lower() == unicodedata.normalize("NFKC", "Fish").lower()
    spec = _spec(tmp_path, "similarity", "king\tqueen\t8\nman\twoman\t7\nparis\tfrance\t6\ntea\tFish\t5\n"
                                         "cup\tking\t1\nqueen\tzzz\t2\n")
    folded = wordeval.evaluate(_vectors(LIGATURE), spec, name="v", config={"case": case, "unicode": "NFKC"})
    assert folded.n_used == (5 if other_form else 4)
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rec = wordeval.evaluate(_vectors(LIGATURE), spec, name="v", config={"case": case})
    assert rec.n_used == 4  # still OOV: looked up as written
    assert rec.extra.get("oov_in_other_unicode_form") == other_form
    assert bool([w for w in caught if issubclass(w.category, UnicodeFormWarning)]) == bool(other_form)


def test_analogy_lists_a_capitalised_word_whose_key_is_a_ligature(tmp_path):
    spec = _spec(tmp_path, "analogy", ": x\nking queen man woman\ntea Fish cup paris\nman woman king zzz\n")
    with pytest.warns(UnicodeFormWarning):
        rec = wordeval.evaluate(_vectors(LIGATURE), spec, name="v", config={"case": "lower"})
    assert rec.extra["oov_in_other_unicode_form"] == ["Fish"]


def test_the_warning_names_the_task_and_its_data_each_task_once(tmp_path):
    """A run's log said '1 OOV word(s) are in v ...' with no task, once for the first of two tasks holding the
    word (the second's text was the same, so the run said it once). Oracle: the expected lines, by hand."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    text = f"king\tqueen\t8\nman\twoman\t7\ntea\t{NFD}\t5\n"
    specs = [_spec(tmp_path / "one", "similarity", text), _spec(tmp_path / "two", "similarity", text)]
    (tmp_path / "two" / "similarity.toml").write_text(
        'name = "w"\nfamily = "similarity"\n[files]\ntest = "data.txt"\n')
    vectors = tmp_path / "v.txt"
    vectors.write_text("".join(f"{w} {' '.join(map(str, v))}\n" for w, v in _vectors(NFC).items()),
                       encoding="utf-8")
    with pytest.warns(UnicodeFormWarning) as caught:
        wordeval.run([f"v={vectors}"], specs, out=tmp_path / "out")
    said = [str(w.message).partition(" in another")[0] for w in caught if w.category is UnicodeFormWarning]
    assert said == ["similarity/u (dataset u, version 1): 1 OOV word(s) are in v",
                    "similarity/w (dataset w, version 1): 1 OOV word(s) are in v"]
    with pytest.warns(UnicodeFormWarning, match=r"^similarity/u \(dataset u, version 1\): 1 OOV word"):
        wordeval.evaluate(_vectors(NFC), specs[0], name="v")  # Task.score, outside a run
