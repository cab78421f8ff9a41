"""STS: pooled vs per-subset Spearman (both named), sentence encoders vs the word-level baseline."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from wordeval.datasets.types import SentencePair
from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding
from wordeval.intrinsic import sts


def _pairs():
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(30)]
    out = []
    for k in range(40):
        s1 = " ".join(rng.choice(words, 5))
        s2 = " ".join(rng.choice(words, 4)) + " ."
        out.append(SentencePair(s1, s2, float(rng.uniform(0, 5)), "A" if k < 25 else "B"))
    out.append(SentencePair("unknown words", "w1", 2.0, "B"))  # no vector for sentence 1
    return words, out


class _Encoder:
    """A sentence encoder: fixed random vector per text (stands in for encode_sentences of BERT)."""

    def __init__(self):
        self.info = EmbeddingInfo("enc", "<test>", "memory", 6, None, "sha256:x")

    def encode_sentences(self, texts, *, pooling="mean"):
        return np.stack([np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(6) for t in texts])


def test_pooled_and_subset_scores_are_named_and_correct():
    words, pairs = _pairs()
    emb = StaticEmbedding(words, np.random.default_rng(1).standard_normal((30, 8)).astype(np.float32))
    res = sts.score_sentence_pairs(pairs, emb, config={"n_boot": 20})
    assert res["n_total"] == 41 and res["n_used"] == 40
    gold, pred, sub = (np.array(res["per_item"][k]) for k in ("gold", "pred", "subset"))
    # recompute the baseline by hand: mean of word vectors, cosine
    v = {w: emb.vectors[i].astype(np.float64) for i, w in enumerate(words)}
    def sv(s):
        return np.mean([v[t] for t in s.replace(".", " ").split() if t in v], axis=0)
    hand = [float(sv(p.sentence1) @ sv(p.sentence2) / np.linalg.norm(sv(p.sentence1)) / np.linalg.norm(sv(p.sentence2)))
            for p in pairs[:40]]
    np.testing.assert_allclose(pred, hand, atol=1e-6)
    assert res["scores"]["spearman_pooled"] == pytest.approx(stats.spearmanr(gold, pred).statistic)
    per = {s: stats.spearmanr(gold[sub == s], pred[sub == s]).statistic for s in ("A", "B")}
    assert res["extra"]["per_subset"]["A"]["spearman"] == pytest.approx(per["A"])
    assert res["scores"]["spearman_mean_subsets"] == pytest.approx((per["A"] + per["B"]) / 2)
    assert res["scores"]["spearman_mean_subsets"] != pytest.approx(res["scores"]["spearman_pooled"])
    assert sts.main_score_from_items(res["per_item"]) == pytest.approx(res["scores"]["spearman_pooled"])
    pen = sts.score_sentence_pairs(pairs, emb, config={"n_boot": 20, "oov": "penalize"})
    assert pen["n_used"] == 41 and pen["per_item"]["pred"][-1] == -1.0


def test_sentence_encoder_is_used_as_is():
    _, pairs = _pairs()
    res = sts.score_sentence_pairs(pairs, _Encoder(), config={"n_boot": 20})
    assert res["config"]["sentence_vectors"].startswith("encode_sentences")
    assert res["n_used"] == 41


def test_senteval_all_figures_mean_and_weighted_mean_of_subsets():
    """SentEval's results["all"] holds the mean and the n-weighted mean ("wmean") of the per-subset Pearsons
    and Spearmans; the record had only the Spearman mean, so a paper's SentEval-style Pearson (or wmean)
    could not be compared. Oracle: scipy per subset, numpy's (weighted) average."""
    words, pairs = _pairs()
    emb = StaticEmbedding(words, np.random.default_rng(1).standard_normal((30, 8)).astype(np.float32))
    res = sts.score_sentence_pairs(pairs, emb, config={"n_boot": 20})
    gold, pred, sub = (np.array(res["per_item"][k]) for k in ("gold", "pred", "subset"))
    n = [int((sub == s).sum()) for s in ("A", "B")]
    assert n == [25, 15]  # the pair without a vector in B is skipped
    for measure, fn in (("pearson", stats.pearsonr), ("spearman", stats.spearmanr)):
        per = [fn(gold[sub == s], pred[sub == s]).statistic for s in ("A", "B")]
        assert [res["extra"]["per_subset"][s][measure] for s in ("A", "B")] == pytest.approx(per)
        assert res["extra"]["senteval_all"][measure]["mean"] == pytest.approx(np.mean(per))
        assert res["extra"]["senteval_all"][measure]["wmean"] == pytest.approx(np.average(per, weights=n))
    assert res["extra"]["senteval_all"]["spearman"]["mean"] == res["scores"]["spearman_mean_subsets"]
