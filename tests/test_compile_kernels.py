"""`make install` compiles the numba analogy kernels into numba's cache (wordeval.intrinsic.compile_kernels):
a later process solving analogies of every method then loads every kernel from the cache and compiles none
(numba's own per-dispatcher counters are the oracle)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("numba")

LATER_RUN = r"""
import json, numpy as np
from numba.core.registry import CPUDispatcher
from wordeval.datasets.types import AnalogyQuestion
from wordeval.embeddings.base import StaticEmbedding
from wordeval.intrinsic import analogy_duplicates, analogy_numba
from wordeval.intrinsic.analogy import solve_analogies
from wordeval.intrinsic.analogy_kernels import METHODS

rng = np.random.default_rng(7)  # other vectors and questions than the compile step's
words = [f"v{i}" for i in range(1500)] + ["V1", "V2"]
vectors = rng.standard_normal((len(words), 50)).astype(np.float32)
vectors[10:20] = vectors[20:30]
emb = StaticEmbedding(words, vectors)
pick = rng.integers(0, len(words), size=(300, 4))
qs = [AnalogyQuestion(words[a], words[b], words[c], (words[d],), "s") for a, b, c, d in pick]
for m in METHODS:
    solve_analogies(qs, emb, config={"method": m})
stats = {}
for mod in (analogy_numba, analogy_duplicates):
    for name, obj in vars(mod).items():
        if isinstance(obj, CPUDispatcher) and obj.signatures:
            stats[f"{mod.__name__}.{name}"] = [sum(obj.stats.cache_hits.values()),
                                               sum(obj.stats.cache_misses.values())]
print(json.dumps(stats))
"""


def test_a_later_process_compiles_no_analogy_kernel(tmp_path):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "numba")}
    subprocess.run([sys.executable, "-m", "wordeval.intrinsic.compile_kernels"], env=env, check=True,
                   capture_output=True, timeout=600)
    out = subprocess.run([sys.executable, "-c", LATER_RUN], env=env, check=True, capture_output=True, text=True,
                         timeout=600)
    stats = json.loads(out.stdout.strip().splitlines()[-1])
    assert any(name.endswith("_pruned_3cosadd") for name in stats)  # the kernels were called at all
    compiled = {name: misses for name, (_, misses) in stats.items() if misses}
    assert not compiled, f"compiled again despite the cache: {compiled}"
    assert all(hits for hits, _ in stats.values())
