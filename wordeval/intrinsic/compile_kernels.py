"""Compile the numba analogy kernels into numba's on-disk cache before the first real run.

numba compiles a kernel the first time a process calls it and keeps the machine code in its cache
(``__pycache__`` beside the sources, or ``NUMBA_CACHE_DIR``), so only the first process pays. On a fresh
checkout that first process was ``make demo`` (GloVe-6B-50d x Google took 18 s instead of 5 s on a 2-core
AMD Zen 3, 13 s of it compiling) or the first test. ``make install`` runs this module once, the way pip
compiles extension modules at install time.

It solves small random analogy sets through the same entry point as the analogy task
(``analogy.solve_analogies``) for every method, over vectors with duplicated rows and case variants, so the
kernels are compiled for the argument types real runs pass. Nothing it computes is kept.

    python -m wordeval.intrinsic.compile_kernels
"""
from __future__ import annotations

import importlib.util
import sys
import time


def compile_kernels(*, seed: int = 0) -> float:
    """Seconds spent; 0.0 without numba (the numpy backend needs no compiling)."""
    if importlib.util.find_spec("numba") is None:
        return 0.0
    import numpy as np

    from wordeval.datasets.types import AnalogyQuestion
    from wordeval.embeddings.base import StaticEmbedding
    from wordeval.intrinsic.analogy import solve_analogies
    from wordeval.intrinsic.analogy_kernels import METHODS

    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    n = 3000
    words = [f"w{i}" for i in range(n - 50)] + [f"W{i}" for i in range(50)]  # "W7" and "w7": case variants
    vectors = rng.standard_normal((n, 50)).astype(np.float32)
    vectors[rng.choice(n, 100, replace=False)] = vectors[rng.choice(n, 100, replace=False)]  # duplicates
    emb = StaticEmbedding(words, vectors)
    pick = rng.integers(0, n, size=(400, 4))
    pick[200:, :2] = pick[:200, :2]  # questions sharing their (a, b) pair
    questions = [AnalogyQuestion(words[a], words[b], words[c], (words[d],), "s") for a, b, c, d in pick]
    for method in METHODS:
        solve_analogies(questions, emb, config={"method": method})
    return time.perf_counter() - started


def main() -> int:
    seconds = compile_kernels()
    print(f"numba analogy kernels compiled and cached in {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
