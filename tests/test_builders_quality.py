"""Quality sanity of each builder at its default settings on the offline news corpus (~3M tokens).

Slow on a machine that has not built them yet (a minute or more per builder, once: the models are
cached under cache_home()/built/); a warm cache makes these quick. The bars sit well below what the
default models reached when measured (see each bar's comment), and far above chance (0).
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import spearmanr

# WS353 Spearman over covered pairs (lowercase lookup), measured on the default models:
# lsa 0.479, lsa-tfidf 0.438, word2vec 0.393, glove 0.244 (coverage 87.3% of the 353 pairs)
WS353_BARS = {"lsa": 0.40, "lsa-tfidf": 0.35, "word2vec": 0.30, "glove": 0.15}


def _cos(emb, a, b):
    v, found = emb.lookup_lowercased([a, b])
    assert found.all(), (a, b)
    return float(v[0] @ v[1] / (np.linalg.norm(v[0]) * np.linalg.norm(v[1])))


def _ws353(shared_data):
    pairs = []
    with open(shared_data / "word-sim" / "faruqui" / "EN-WS-353-ALL.txt", encoding="utf-8") as fh:
        for line in fh:
            w1, w2, score = line.split()
            pairs.append((w1, w2, float(score)))
    return pairs


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("builder", ["lsa", "lsa-tfidf", "word2vec", "glove"])
def test_default_builder_quality_on_news(builder, shared_data):
    from wordeval.embeddings.load import load_embedding

    emb = load_embedding(f"{builder}:corpus=news")
    assert emb.dim == 100 and len(emb) > 20000
    assert emb.info.parameters["corpus_tokens"] > 2_500_000
    # weekdays are each other's closest relatives in news text; an unrelated pair is far below
    assert _cos(emb, "monday", "tuesday") > _cos(emb, "monday", "france") + 0.3
    pairs = _ws353(shared_data)
    words = [w for p in pairs for w in p[:2]]
    vecs, found = emb.lookup_lowercased(words)
    vecs = vecs.astype(np.float64)
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
    covered = found[0::2] & found[1::2]
    pred = np.sum(vecs[0::2] * vecs[1::2], axis=1)[covered]
    gold = np.array([p[2] for p in pairs])[covered]
    assert covered.mean() > 0.85
    assert spearmanr(gold, pred).statistic > WS353_BARS[builder]
