"""The numba kernels (analogy, Brown clustering) ask numba to cache their machine code. Where numba has no
place for that cache (a read-only install run by a user whose home is read-only or missing: no writable
__pycache__ beside the module, no ~/.cache/numba), ``njit(cache=True)`` raised RuntimeError "no locator
available" as the module was imported, and every analogy run was a traceback after the store had been
created. The kernels are now compiled per process there. No locator at all is played by numba's own
NUMBA_CACHE_LOCATOR_CLASSES setting, naming a locator that never finds a place (root writes everywhere)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

numba_config = pytest.importorskip("numba.core.config")
ROOT = Path(__file__).resolve().parents[1]


class Nowhere:
    """A numba cache locator that finds no place, as every one does for the user above."""

    @classmethod
    def from_function(cls, py_func, source_path):
        return None


@pytest.mark.skipif(not hasattr(numba_config, "CACHE_LOCATOR_CLASSES"), reason="numba without locator setting")
def test_kernels_import_where_numba_cannot_cache():
    code = ("import numpy as np\n"
            "import wordeval.embeddings.brown_train\n"
            "from wordeval.intrinsic.analogy_numba import sorted_exclusions\n"
            "print(type(sorted_exclusions._cache).__name__)\n")
    env = {**os.environ, "NUMBA_CACHE_LOCATOR_CLASSES": "tests.test_numba_cache_nowhere.Nowhere",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.strip() == "NullCache"
