"""An object of the user's with ``lookup`` alone (even one declaring ``vocab_size=400000``) has no word list
and matrix for analogy to search, nor first rows for ``restrict_vocab`` to keep. Both skipped it saying it
"has an open vocabulary (it encodes any word)", which was not so and did not say what to pass instead; one
with ``encode_sentences`` alone, which has no word vectors at all, was told the same. wordeval's own
encoders keep the open-vocabulary reason. Following the advice (the same vectors as a dict) scores the task:
checked against a brute-force 3CosAdd over the vocabulary and scipy's Spearman."""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

import wordeval
from wordeval.embeddings.base import EmbeddingInfo
from wordeval.errors import NotAvailableError

WORDS = ["man", "woman", "king", "queen", "boy", "girl", "prince", "cat"]
QUESTIONS = ["man woman king queen", "man woman boy girl", "boy girl prince queen", "king queen man woman"]
PAIRS = [("man", "woman", 5.0), ("king", "queen", 8.0), ("boy", "cat", 1.0), ("prince", "king", 7.0),
         ("girl", "cat", 0.5)]
VECTORS = dict(zip(WORDS, np.random.default_rng(7).normal(size=(len(WORDS), 4)).astype(np.float32)))
ADVICE = "pass its words and vectors as a dict word -> vector or a (words, matrix) pair"


class Lookup:
    """A fixed vocabulary behind a lookup, as a user's wrapper of a 400,000-word file would be."""

    def __init__(self):
        self.info = EmbeddingInfo(name="mine", source="<mine>", format="mine", dim=4, vocab_size=400000,
                                  fingerprint="sha256:" + "ab" * 32)

    def lookup(self, words):
        found = np.array([w in VECTORS for w in words], dtype=bool)
        return np.stack([VECTORS.get(w, np.zeros(4, np.float32)) for w in words]), found


class Sentences:
    def __init__(self):
        self.info = EmbeddingInfo(name="sent", source="<mine>", format="mine", dim=4, vocab_size=None,
                                  fingerprint="sha256:" + "cd" * 32)

    def encode_sentences(self, texts):
        return np.ones((len(texts), 4), dtype=np.float32)


def _spec(tmp_path, family):
    if family == "analogy":
        (tmp_path / "q.txt").write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
        data = "q.txt"
    else:
        (tmp_path / "p.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in PAIRS), encoding="utf-8")
        data = "p.tsv"
    spec = tmp_path / f"{family}.toml"
    spec.write_text(f'name = "t"\nfamily = "{family}"\n[files]\ntest = "{data}"\n', encoding="utf-8")
    return str(spec)


def _three_cos_add(a, b, c):
    unit = {w: v / np.linalg.norm(v) for w, v in VECTORS.items()}
    target = unit[b] - unit[a] + unit[c]
    return max((w for w in WORDS if w not in (a, b, c)), key=lambda w: float(unit[w] @ target))


def test_analogy_says_a_lookup_has_no_word_list_and_what_to_pass(tmp_path):
    spec = _spec(tmp_path, "analogy")
    with pytest.raises(NotAvailableError) as caught:
        wordeval.evaluate(Lookup(), spec)
    message = str(caught.value)
    assert message == ("mine has lookup(words) but no word list and matrix (a lookup gives only the words "
                       "asked), so it has no candidate words: analogy searches the rows of a fixed "
                       f"vocabulary; {ADVICE}")
    assert "open vocabulary" not in message
    # the advice followed: the same vectors as a dict are scored, as a brute-force 3CosAdd answers
    rec = wordeval.evaluate(VECTORS, spec)
    right = [_three_cos_add(*q.split()[:3]) == q.split()[3] for q in QUESTIONS]
    assert rec.n_used == len(QUESTIONS) and rec.main_value == pytest.approx(np.mean(right))


def test_analogy_says_an_object_without_lookup_has_no_word_vectors(tmp_path):
    want = r"^sent has no word vectors \(no lookup\(words\)\), so it has no candidate words: .*; pass its"
    with pytest.raises(NotAvailableError, match=want):
        wordeval.evaluate(Sentences(), _spec(tmp_path, "analogy"))


def test_restrict_vocab_says_a_lookup_has_no_rows_and_what_to_pass(tmp_path):
    spec = _spec(tmp_path, "similarity")
    with pytest.raises(NotAvailableError) as caught:
        wordeval.evaluate(Lookup(), spec, config={"restrict_vocab": 3})
    assert str(caught.value) == ("mine has lookup(words) but no word list and matrix (a lookup gives only "
                                 "the words asked), so it has no first 3 rows: restrict_vocab limits a fixed "
                                 f"vocabulary; {ADVICE}")
    # without restrict_vocab the lookup is scored, as the dict of its vectors is: scipy's Spearman of cosines
    gold = [s for _, _, s in PAIRS]
    cos = [float(VECTORS[a] @ VECTORS[b] / np.linalg.norm(VECTORS[a]) / np.linalg.norm(VECTORS[b]))
           for a, b, _ in PAIRS]
    want = spearmanr(gold, cos).statistic
    assert wordeval.evaluate(Lookup(), spec).main_value == pytest.approx(want, abs=1e-6)
    from wordeval.intrinsic.policies import UnorderedRowsWarning
    with pytest.warns(UnorderedRowsWarning):  # a dict's rows are in no frequency order
        assert wordeval.evaluate(VECTORS, spec, config={"restrict_vocab": 3}).n_total == len(PAIRS)


def test_wordeval_encoders_keep_the_open_vocabulary_reason():
    from wordeval.adapters import SentenceTransformerAdapter
    from wordeval.embeddings.bert import BertEncoder
    from wordeval.embeddings.bert_types import BertTypeVectors
    from wordeval.intrinsic.analogy import unavailable_reason

    for cls in (BertEncoder, BertTypeVectors, SentenceTransformerAdapter):
        encoder = cls.__new__(cls)  # what the reason reads, without loading a model
        encoder.info = EmbeddingInfo(name="enc", source="<enc>", format="enc", dim=4, vocab_size=None,
                                     fingerprint="sha256:" + "ef" * 32)
        assert unavailable_reason(encoder) == ("enc has an open vocabulary (it encodes any word), so it has "
                                               "no candidate words: analogy searches the rows of a fixed "
                                               "vocabulary")
