"""--set chunk_rows=N, however large, keeps the analogy search's cosine chunks bounded: a chunk of every
candidate held Q x candidates cosines twice over (4.4 GiB on 200k x 50 vectors, 117 MiB at the default), so
the bounded peak on large embeddings held only at the default."""
from __future__ import annotations

import numpy as np
import pytest

from wordeval.intrinsic import analogy_kernels


@pytest.mark.parametrize("backend", ["numpy", "torch-cpu"])
def test_a_huge_chunk_rows_is_bounded_and_moves_no_answer(monkeypatch, backend):
    if backend.startswith("torch"):
        pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(20_000, 8)).astype(np.float32)
    query_rows = np.arange(50)
    qa, qb, qc = (rng.integers(0, 50, 100) for _ in range(3))
    exclude = np.stack([qa, qb, qc], 1)
    per_row = 4 * 8 + 8 * 50 + 8 * 100  # a candidate row's share of a chunk (bounded_chunk_rows)
    monkeypatch.setattr(analogy_kernels, "CHUNK_BYTES", per_row * 10_000, raising=False)
    widths = []
    unit_chunk = analogy_kernels.unit_chunk

    def spy(matrix, start, stop):
        if matrix is vectors:
            widths.append(stop - start)
        return unit_chunk(matrix, start, stop)

    monkeypatch.setattr(analogy_kernels, "unit_chunk", spy)
    rows, _ = analogy_kernels.solve_batched(vectors, len(vectors), query_rows, qa, qb, qc, exclude,
                                            chunk_rows=10 ** 9, backend=backend)
    assert widths and max(widths) == 10_000
    # the oracle: 3CosAdd over every candidate in float64, the query words excluded
    unit = vectors / np.linalg.norm(vectors.astype(np.float64), axis=1, keepdims=True)
    scores = (unit[qb] - unit[qa] + unit[qc]) @ unit.T
    scores[np.arange(100)[:, None], exclude] = -np.inf
    assert rows.tolist() == scores.argmax(axis=1).tolist()
