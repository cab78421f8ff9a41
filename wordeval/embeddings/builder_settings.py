"""The training settings the corpus builders fix without exposing them as options.

The trainers pass these constants to gensim, scikit-learn and their own loops, and ``builders`` writes the
same constants into each record's ``parameters["fixed"]``: a reader citing "word2vec trained on the same
corpus" needs gensim's learning rate as much as the window, and a number copied into the record by hand would
drift from the one training used. No heavy import here: a cached entry's record is filled from this module
without loading gensim, scikit-learn or torch.
"""
from __future__ import annotations

from typing import Any

# gensim Word2Vec's arguments besides the exposed ones, passed explicitly. Their values are gensim 4's
# defaults, which every entry trained before they were passed was trained with (same vectors, same cache key).
# hashfxn is left out: gensim 4 seeds its vectors from ``seed`` alone and never calls it.
WORD2VEC_GENSIM = {"alpha": 0.025, "min_alpha": 0.0001, "hs": 0, "ns_exponent": 0.75, "cbow_mean": 1,
                   "max_vocab_size": None, "max_final_vocab": None, "sorted_vocab": 1, "batch_words": 10_000,
                   "null_word": 0, "shrink_windows": True}
# one thread: with more, gensim's lock-free updates make a seed give different vectors from run to run
WORD2VEC_WORKERS = 1
# a longer corpus line is cut into pieces of this many words (gensim trains on a sentence's first 10,000)
WORD2VEC_SENTENCE_PIECE = 10_000

# the randomized truncated SVD of lsa and lsa-tfidf (stable_svd): scikit-learn TruncatedSVD's defaults
SVD_N_ITER = 7
SVD_N_OVERSAMPLES = 10
# lsa-tfidf's TfidfVectorizer arguments besides sublinear_tf (scikit-learn's defaults, passed explicitly)
TFIDF = {"norm": "l2", "use_idf": True, "smooth_idf": True}

# GloVe (glove_train): AdaGrad's squared-gradient sums start here, as in the reference C code, which bounds
# the first steps by the learning rate; the initial W, C and biases are uniform in [-h, h) / dim
GLOVE_ADAGRAD_START = 1.0
GLOVE_INIT_HALF_WIDTH = 0.5


def fixed_settings(builder: str) -> dict[str, Any] | None:
    """What ``builder`` (at its current version) trains with besides its options; None where it fixes none
    (brown: Liang's algorithm has no rate, sampling or iteration count)."""
    svd = {"svd": "randomized", "svd_n_iter": SVD_N_ITER, "svd_n_oversamples": SVD_N_OVERSAMPLES}
    if builder == "word2vec":
        return {**WORD2VEC_GENSIM, "workers": WORD2VEC_WORKERS,
                "sentence_piece_words": WORD2VEC_SENTENCE_PIECE}
    if builder == "lsa":
        return svd
    if builder == "lsa-tfidf":
        return {**{f"tfidf_{k}": v for k, v in TFIDF.items()}, **svd}
    if builder == "glove":
        return {"optimizer": "adagrad", "adagrad_initial_accumulator": GLOVE_ADAGRAD_START,
                "init_uniform_half_width_times_dim": GLOVE_INIT_HALF_WIDTH, "vectors": "W + C"}
    return None
