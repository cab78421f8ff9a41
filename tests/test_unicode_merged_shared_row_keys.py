"""Under ``unicode = "NFC"``, keys of a spaCy vectors table (many keys a row) that fold into one word are named
in the record's ``unicode_merged_keys`` by the keys themselves. The key read was named by its row's label,
another word sharing the row ('tea' for 'café'), as if 'tea' had been folded with 'café'.

Oracle: unicodedata over the table's keys, in row order; the view's own lookup for the row read."""
from __future__ import annotations

import unicodedata
import warnings

import numpy as np

import wordeval
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.embeddings.spacy_vectors import SpacyVectors
from wordeval.intrinsic.unicode_forms import normalised

LABELS = ["king", "queen", "man", "woman", "tea", "cup", "dog", "water"]
CAFE = "caf\u00e9"
CAFE_NFD = unicodedata.normalize("NFD", CAFE)


def _spacy_like():
    vectors = np.random.default_rng(0).normal(size=(len(LABELS), 6)).astype(np.float32)
    info = EmbeddingInfo("sp", "<test>", "memory", 6, len(LABELS), "sha256:sp")
    # two pruned keys that print alike: the NFC one on the row 'tea' labels, the NFD one on the row of 'cup'
    aliases = {**{w: i for i, w in enumerate(LABELS)}, CAFE: LABELS.index("tea"), CAFE_NFD: LABELS.index("cup")}
    return SpacyVectors(LABELS, vectors, info, aliases=aliases)


def test_the_keys_merged_are_named_not_their_rows_labels(tmp_path):
    emb = _spacy_like()
    by_row = sorted(emb.index.items(), key=lambda kv: kv[1])
    folded = [k for k, _ in by_row if unicodedata.normalize("NFC", k) == CAFE]
    assert folded == [CAFE, CAFE_NFD]  # the oracle: the NFC key's row comes first
    view = normalised(emb, "NFC")
    assert view.rows([CAFE_NFD])[0] == LABELS.index("tea")
    pairs = [("king", "queen", 8), ("man", "woman", 7), ("tea", "cup", 1), (CAFE_NFD, "dog", 4)]
    (tmp_path / "pairs.txt").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs), encoding="utf-8")
    spec = tmp_path / "u.toml"
    spec.write_text('name = "u"\nfamily = "similarity"\n[files]\ntest = "pairs.txt"\n', encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rec = wordeval.evaluate(emb, str(spec), name="sp", config={"unicode": "NFC"})
    merged = rec.extra["unicode_merged_keys"]
    assert (merged["n_words"], merged["n_keys_not_read"]) == (1, 1)
    assert merged["examples"] == [{"word": CAFE, "read": folded[0], "read_row": LABELS.index("tea"),
                                   "not_read": folded[1:]}]
