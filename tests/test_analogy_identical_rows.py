"""Candidates with identical vectors tie exactly, and the answer is the first such row the question allows.
Below the share of copies that makes the merged search pay, every row was searched, and a BLAS GEMM rounds
the products of identical rows differently by where they fall in its blocks (numpy's OpenBLAS: 3e-6 apart
here), so a later copy could be returned, by the machine's BLAS: with an answer sharing its vector with another
word, whether the question counted as right. Oracle: float64 scores from the methods' definitions (Levy &
Goldberg 2014), the copies found by exact vector equality."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.datasets.types import AnalogyQuestion
from wordeval.embeddings.base import StaticEmbedding
from wordeval.intrinsic.analogy import solve_analogies

N, DIM, COPIES = 5363, 50, 4
MARGIN = 1e-4  # far above float32 rounding of 50-dimensional cosines (analogy_ties: ~1e-5): no near-ties


def _scores64(V: np.ndarray, a: int, b: int, c: int, method: str) -> np.ndarray:
    U = V.astype(np.float64)
    U /= np.linalg.norm(U, axis=1, keepdims=True)
    ca, cb, cc = U @ U[a], U @ U[b], U @ U[c]
    if method == "3cosadd":
        s = cb - ca + cc
    elif method == "3cosmul":
        s = ((cb + 1) / 2) * ((cc + 1) / 2) / ((ca + 1) / 2 + 1e-3)
    else:
        d = U - U[c]
        with np.errstate(invalid="ignore", divide="ignore"):
            s = (d @ (U[b] - U[a])) / np.linalg.norm(d, axis=1)
    s[[a, b, c]] = -np.inf
    return s


@pytest.mark.parametrize("backend", ["auto", "numpy"])
@pytest.mark.parametrize("method", ["3cosadd", "3cosmul", "pairdirection"])
def test_the_first_allowed_copy_of_the_best_vector_is_the_answer(method, backend):
    rng = np.random.default_rng(38)
    V = rng.normal(size=(N, DIM)).astype(np.float32)
    triples = [tuple(int(x) for x in rng.choice(N, 3, replace=False)) for _ in range(25)]
    queried = {r for t in triples for r in t}
    # each question's best vector copied into rows before and after it, the last rows of the matrix among them
    free = np.array(sorted(set(range(N)) - queried))
    for a, b, c in triples:
        best = int(np.argmax(_scores64(V, a, b, c, method)))
        spots = list(rng.choice(free, COPIES - 1, replace=False)) + [int(free[-1 - rng.integers(0, 8)])]
        V[[int(x) for x in spots if x != best]] = V[best]
    words = [f"w{i}" for i in range(N)]
    questions = [AnalogyQuestion(f"w{a}", f"w{b}", f"w{c}", ("w0",), "s") for a, b, c in triples]
    got = solve_analogies(questions, StaticEmbedding(words, V), config={"method": method, "backend": backend})
    checked = 0
    for (a, b, c), row in zip(triples, got["pred_rows"].tolist()):
        s = _scores64(V, a, b, c, method)
        best = int(np.argmax(s))
        copies = np.flatnonzero((V == V[best]).all(axis=1))
        if np.max(np.delete(s, copies)) > s[best] - MARGIN:
            continue  # a different vector within rounding of the best: not this test's question
        allowed = [int(r) for r in copies if r not in (a, b, c)]
        assert row == min(allowed), (method, (a, b, c), row, allowed)
        checked += 1
    assert checked >= 15
