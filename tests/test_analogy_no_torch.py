"""pick_backend("auto") decides without importing torch where no NVIDIA driver is visible (a torch import
takes 2-12 s on a busy machine), and analogy on numba never imports it."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests._no_torch import without_torch

SOLVE = """
import sys
import numpy as np
from wordeval.datasets.types import AnalogyQuestion
from wordeval.embeddings.base import StaticEmbedding
from wordeval.intrinsic.analogy import solve_analogies
rng = np.random.default_rng(0)
words = [f"w{{i}}" for i in range(50)]
emb = StaticEmbedding(words, rng.standard_normal((50, 8)).astype(np.float32))
qs = [AnalogyQuestion("w1", "w2", "w3", ("w4",), "s"), AnalogyQuestion("w5", "w6", "w7", ("w8",), "s")]
for method in ("3cosadd", "3cosmul", "pairdirection"):
    out = solve_analogies(qs, emb, config={{"backend": {backend!r}, "method": method, "case": "exact"}})
    assert out["backend"] == "numba", out["backend"]
print("torch imported:", "torch" in sys.modules)
"""


def _run(backend: str) -> str:
    res = subprocess.run([sys.executable, "-c", SOLVE.format(backend=backend)], capture_output=True, text=True,
                         timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
    return res.stdout


def test_numba_backend_leaves_torch_unimported():
    pytest.importorskip("numba")
    assert "torch imported: False" in _run("numba")


def test_auto_backend_without_nvidia_driver_leaves_torch_unimported():
    pytest.importorskip("numba")
    from wordeval.intrinsic.analogy_kernels import nvidia_driver_visible

    if nvidia_driver_visible():
        pytest.skip("an NVIDIA driver is visible here: auto asks torch about CUDA, as it should")
    assert "torch imported: False" in _run("auto")


def test_auto_backend_asks_torch_when_it_is_already_imported(monkeypatch):
    # with torch imported already, asking it costs nothing: CUDA availability decides
    torch = pytest.importorskip("torch")
    from wordeval.intrinsic import analogy_kernels as K

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert K.pick_backend("auto") == "torch-cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert K.pick_backend("auto") in ("numba", "numpy")


@pytest.mark.parametrize("backend", ["torch-cpu", "torch-cuda"])
def test_a_torch_backend_without_torch_is_not_available(monkeypatch, backend):
    # torch is in the bert extra only: --set backend=torch-cpu without it was a traceback, 'a bug in wordeval'
    from wordeval.errors import NotAvailableError
    from wordeval.intrinsic.analogy_kernels import pick_backend

    without_torch(monkeypatch)
    with pytest.raises(NotAvailableError, match=f"analogy backend {backend} needs the optional package"):
        pick_backend(backend)
