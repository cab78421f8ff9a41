"""GloVe's vectors and its recorded per-epoch losses do not depend on torch's CPU thread count. The vectors never
did (the updates are one AdaGrad step per batch, summed in a fixed order: no Hogwild); the losses did, in their
last digits, from 2 threads on: each batch's loss was a float32 ``torch.dot``, which MKL splits across threads
once a batch is long enough (~32k entries), so the ``losses`` of a cache entry said which machine wrote it."""
from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

torch = pytest.importorskip("torch")


def _counts():
    # dense enough that one batch (65,536 entries, GloVe's default) is past torch's parallel grain
    rng = np.random.default_rng(0)
    vocab = 400
    rows, cols = rng.integers(0, vocab, 200_000), rng.integers(0, vocab, 200_000)
    return sp.coo_matrix((rng.gamma(0.5, 20.0, rows.size), (rows, cols)), shape=(vocab, vocab)).tocsr()


def _train(counts, threads):
    from wordeval.embeddings.glove_train import train_glove

    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        return train_glove(counts, dim=8, epochs=2, batch_size=65536, seed=1, device="cpu")
    finally:
        torch.set_num_threads(before)


def test_same_seed_and_threads_give_the_same_vectors_bit_for_bit():
    counts = _counts()
    (a, la), (b, lb) = _train(counts, 2), _train(counts, 2)
    assert a.tobytes() == b.tobytes() and la == lb


def test_vectors_and_losses_are_the_same_on_one_and_on_several_threads():
    counts = _counts()
    one, one_losses = _train(counts, 1)
    for threads in (2, 4):
        vectors, losses = _train(counts, threads)
        assert vectors.tobytes() == one.tobytes()
        assert losses == one_losses
