"""The Unicode hint's vocabulary side (keys in a compatibility form, 'ﬁsh' for the data's 'fish') read the row
labels only: spaCy's vectors map 684,830 keys onto 20,000 rows, a lookup reads every key, and so does the
``unicode = "NFKC"`` view, but a key that labels no row was never offered, and the record and warning were
silent about words that option finds. Oracle: the NFKC view's own lookup."""
from __future__ import annotations

import re
import unicodedata
import warnings

import numpy as np

import wordeval
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.embeddings.spacy_vectors import SpacyVectors
from wordeval.intrinsic.unicode_forms import UnicodeFormWarning, normalised

LABELS = ["king", "queen", "man", "woman", "tea", "cup", "dog", "water"]


def _spacy_like():
    vectors = np.random.default_rng(0).normal(size=(len(LABELS), 6)).astype(np.float32)
    info = EmbeddingInfo("sp", "<test>", "memory", 6, len(LABELS), "sha256:sp")
    # 'ﬁsh' (a ligature) is a pruned key: it shares the row of 'water' and labels none
    aliases = {**{w: i for i, w in enumerate(LABELS)}, "\ufb01sh": LABELS.index("water")}
    return SpacyVectors(LABELS, vectors, info, aliases=aliases)


def _run(tmp_path, emb, config=None):
    pairs = [("king", "queen", 8), ("man", "woman", 7), ("tea", "cup", 1), ("fish", "dog", 4)]
    (tmp_path / "pairs.txt").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs), encoding="utf-8")
    spec = tmp_path / "u.toml"
    spec.write_text('name = "u"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n', encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rec = wordeval.evaluate(emb, str(spec), name="sp", config=config)
    return rec, [str(w.message) for w in caught if issubclass(w.category, UnicodeFormWarning)]


def test_a_key_that_labels_no_row_is_offered_as_the_nfkc_view_finds_it(tmp_path):
    emb = _spacy_like()
    assert unicodedata.normalize("NFKC", "\ufb01sh") == "fish" and "\ufb01sh" not in emb.words
    assert normalised(emb, "NFKC").rows(["fish"])[0] == LABELS.index("water")  # the option finds it
    rec, said = _run(tmp_path, emb)
    assert (rec.n_used, rec.n_total) == (3, 4)
    assert rec.extra["oov_in_other_unicode_form"] == ["fish"]
    assert len(said) == 1 and re.search(r'set unicode = "NFKC"', said[0])
    followed, again = _run(tmp_path, emb, config={"unicode": "NFKC"})
    assert (followed.n_used, again) == (4, [])
