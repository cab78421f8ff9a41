"""Oracle tests: the corpus-trained builders against the libraries a researcher would reach for instead.

- word2vec: gensim's ``Word2Vec`` on the same tokenised sentences with the same parameters, one worker and
  the seed gives the same words (min_count applied alike) and, word by word, the same vectors bit for bit
  (tolerance 0). The row order of ties differs: ours is first occurrence first, gensim 4.4's is the reverse.
- lsa: scikit-learn's ``randomized_svd`` (TruncatedSVD's algorithm: 7 power iterations, 10 oversamples, the
  seed's test matrix) of the same PPMI matrix gives U S^p within 1e-6 (float32 rounding of values of order
  1) after sklearn's sign rule; scipy's exact ``svds`` agrees on the leading singular value within 1e-9
  relative (the randomized SVD is exact only where the spectrum has a gap: README, Representations).
"""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.embeddings.builders import build
from wordeval.embeddings.cooccurrence import cooccurrence_matrix
from wordeval.embeddings.corpus import build_vocabulary, encode_corpus, load_corpus
from wordeval.embeddings.ppmi_svd import ppmi_matrix


@pytest.mark.parametrize("sg", [True, False])
def test_word2vec_is_gensims_word2vec(tmp_path, tiny_corpus, sg):
    gensim = pytest.importorskip("gensim.models")
    params = dict(dim=8, window=3, negative=4, sample=1e-3, epochs=3, min_count=2, seed=11)
    emb = build("word2vec", corpus=str(tiny_corpus), cache_home=tmp_path / "cache", sg=sg, **params)
    sentences = load_corpus(tiny_corpus).sentences
    peer = gensim.Word2Vec(sentences, vector_size=8, window=3, negative=4, sample=1e-3, epochs=3, min_count=2,
                           seed=11, sg=int(sg), hs=0, workers=1)
    assert sorted(emb.words) == sorted(peer.wv.index_to_key)
    assert list(emb.words) == build_vocabulary(sentences, min_count=2)[0]
    vectors, found = emb.lookup(peer.wv.index_to_key)
    assert found.all()
    np.testing.assert_array_equal(vectors, peer.wv.vectors)


def test_lsa_is_sklearns_randomized_svd_of_the_ppmi_matrix(tmp_path, tiny_corpus):
    from scipy.sparse.linalg import svds
    from sklearn.utils.extmath import randomized_svd, svd_flip

    dim, p = 6, 0.5
    emb = build("lsa", corpus=str(tiny_corpus), cache_home=tmp_path / "cache", dim=dim, p=p, seed=3,
                min_count=2)
    sentences = load_corpus(tiny_corpus).sentences
    words = build_vocabulary(sentences, min_count=2)[0]
    ids, sentence_ids = encode_corpus(sentences, {w: i for i, w in enumerate(words)})
    ppmi = ppmi_matrix(cooccurrence_matrix(ids, sentence_ids, len(words), window=5, weighting="uniform"),
                       alpha=0.75, shift=1.0)
    u, s, vt = randomized_svd(ppmi, dim, n_iter=7, n_oversamples=10, random_state=3)
    u, _ = svd_flip(u, vt)
    vectors, found = emb.lookup(words)
    assert found.all()
    np.testing.assert_allclose(vectors, u * s ** p, rtol=0, atol=1e-6)
    exact = np.sort(svds(ppmi, k=dim)[1])[::-1]
    assert abs(s[0] - exact[0]) <= 1e-9 * exact[0]
