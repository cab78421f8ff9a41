"""STS: a subset that keeps no scored pair after OOV handling was left out of ``extra.per_subset``, and
``spearman_mean_subsets`` (and SentEval's "all" figures) averaged the other subsets under the same name without a
word; a subset of one scored pair, or a pooled score of one pair, was NaN with no reason in the record. Every
subset is now listed, an undefined one with a ``note``, and the mean is undefined with the reason in
``extra.warnings``, as SentEval's is (``np.average`` of the subsets' correlations, NaN where one is). Oracles:
scipy's spearmanr and numpy's average, by hand."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy.stats import spearmanr

from wordeval.adapters import as_embedding
from wordeval.datasets.types import SentencePair
from wordeval.intrinsic import sts


def _scipy_spearman(x, y) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(spearmanr(x, y).statistic)


def _sts_pairs():
    emb = as_embedding((["a", "b", "c", "d"], np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0],
                                                        [1.0, 1.0, 0.0]])), name="four")
    pairs = [SentencePair("a", "b", 1.0, "A"), SentencePair("a", "c", 2.0, "A"), SentencePair("b", "d", 4.0, "A"),
             SentencePair("a", "zz", 3.0, "B"), SentencePair("c", "d", 1.0, "B"), SentencePair("a", "d", 2.0, "B"),
             SentencePair("zz", "yy", 3.0, "C"), SentencePair("qq", "yy", 1.0, "C")]
    return emb, pairs


def test_sts_subset_without_a_scored_pair_leaves_the_mean_undefined_and_says_why():
    emb, pairs = _sts_pairs()
    res = sts.score_sentence_pairs(pairs, emb, config={"n_boot": 10})
    per = res["extra"]["per_subset"]
    # by hand: cosines A (0, 0, 1/sqrt 2), B (c.d = 0, a.d = 1/sqrt 2); C has no covered pair
    a = _scipy_spearman([1.0, 2.0, 4.0], [0.0, 0.0, 2 ** -0.5])
    b = _scipy_spearman([1.0, 2.0], [0.0, 2 ** -0.5])
    assert per["A"]["spearman"] == a and per["B"]["spearman"] == b and b == pytest.approx(1.0)
    # SentEval's "all" mean over the three subsets, C's correlation NaN (its pairs have no vectors)
    assert math.isnan(np.average([a, b, float("nan")]))
    assert per["C"]["n"] == 0 and math.isnan(per["C"]["spearman"]) and per["C"]["note"] == "no pair scored"
    assert math.isnan(res["scores"]["spearman_mean_subsets"])  # it was (a + b) / 2, C left out unsaid
    assert res["extra"]["warnings"] == [
        "spearman_mean_subsets and extra.senteval_all are undefined (NaN; null in a stored record, never 0): it "
        "averages one correlation per subset, and 1 of the 3 subsets has none: 'C' (no pair scored); no mean is "
        "taken over the others, as SentEval's mean takes none"]


def test_sts_subset_of_one_scored_pair_and_a_pooled_score_of_one_pair():
    emb, pairs = _sts_pairs()
    res = sts.score_sentence_pairs([pairs[3], pairs[4], pairs[6]], emb, config={"n_boot": 10})
    assert res["extra"]["per_subset"]["B"]["note"] == "one pair scored, and a correlation needs at least two"
    assert math.isnan(res["scores"]["spearman_pooled"])
    assert res["extra"]["warnings"][0] == (
        "spearman_pooled and pearson_pooled are undefined (NaN; null in a stored record, never 0): one pair "
        "scored, and a correlation needs at least two")
