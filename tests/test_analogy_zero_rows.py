"""PairDirection with all-zero candidate rows (padding or unknown vectors, in the vocabulary, normalised to 0):
the kernels took |x - c| for sqrt(2 - 2 x.c), which holds for unit x only, and so scored a zero row at
1/sqrt(2) of cos(x - c, b - a): the batched search and the reference loop (the specification) answered
differently."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.intrinsic import analogy_kernels as K
from wordeval.intrinsic.analogy_ties import assert_same_modulo_ties


def _by_definition(V, n, a, b, c, exclude):
    """argmax over x of cos(x - c, b - a) on the normalised rows (zero rows stay 0), in numpy: the oracle.
    A candidate equal to c has no direction and never answers."""
    norms = np.linalg.norm(V.astype(np.float64), axis=1, keepdims=True)
    U = np.divide(V.astype(np.float64), norms, out=np.zeros(V.shape), where=norms > 0)
    out = []
    for i in range(len(a)):
        d = U[:n] - U[c[i]]
        dn = np.linalg.norm(d, axis=1)
        s = np.full(n, -np.inf)
        ok = dn ** 2 > K.IDENTICAL_EPS
        s[ok] = d[ok] @ (U[b[i]] - U[a[i]]) / dn[ok]
        s[[r for r in exclude[i] if 0 <= r < n]] = -np.inf
        out.append(int(np.argmax(s)) if np.isfinite(s).any() else -1)
    return np.array(out)


def test_a_zero_row_answers_where_the_definition_says_so():
    # by hand, unit a = e1, b = e2, c ~ (1, 0, 0.1): row 3 scores 0.676, the zero row 4 scores
    # -c.(b - a) / |c| / |b - a| = 0.995 / 1.414 = 0.704, the kernels' understated 0.704 / 1.414 = 0.497
    V = np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0.1], [0.6, 0.3, -0.2], [0, 0, 0]], dtype=np.float32)
    for backend in ("numba", "numpy"):
        got = K.solve_batched(V, 5, np.arange(3), [0], [1], [2], np.array([[0, 1, 2]]), method="pairdirection",
                              backend=backend)[0]
        assert got.tolist() == [4]
    assert K.solve_reference(V, 5, [0], [1], [2], np.array([[0, 1, 2]]), method="pairdirection").tolist() == [4]


@pytest.mark.parametrize("backend", ["numba", "numpy", "torch-cpu"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_batched_equals_the_definition_with_zero_rows(backend, seed):
    rng = np.random.default_rng(seed)
    V = rng.normal(size=(80, 5)).astype(np.float32)
    zero = [0, 9, 41]
    V[zero] = 0
    n_q = 1500
    a = rng.integers(0, 80, n_q)
    # c near a makes -k = c.a - c.b large, where a zero row wins; some query words are zero rows themselves
    c = np.where(rng.random(n_q) < 0.5, a, rng.integers(0, 80, n_q))
    b = rng.integers(0, 80, n_q)
    honest = rng.random(n_q) < 0.3
    exclude = np.where(honest[:, None], -1, np.stack([a, b, c], axis=1))
    keep = a != b  # b - a = 0: no direction to follow
    a, b, c, exclude = a[keep], b[keep], c[keep], exclude[keep]
    want = _by_definition(V, 80, a, b, c, exclude)
    assert np.isin(want, zero).sum() >= 10  # the case at stake does occur
    for prune in (True, False):
        got = K.solve_batched(V, 80, np.arange(80), a, b, c, exclude, method="pairdirection", backend=backend,
                              prune=prune)[0]
        assert_same_modulo_ties(V, a, b, c, got, want, method="pairdirection")
    ref = K.solve_reference(V, 80, a, b, c, exclude, method="pairdirection")
    assert_same_modulo_ties(V, a, b, c, ref, want, method="pairdirection")
