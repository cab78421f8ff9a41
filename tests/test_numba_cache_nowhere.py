"""The numba kernels (analogy, Brown clustering) ask numba to cache their machine code. Where numba has no
place for that cache (a read-only install run by a user whose home is read-only or missing: no writable
__pycache__ beside the module, no ~/.cache/numba), ``njit(cache=True)`` raised RuntimeError "no locator
available" as the module was imported, and every analogy run was a traceback after the store had been
created. Their cache now goes under wordeval's own cache folder there (WORDEVAL_CACHE/numba), and only where
that cannot be written either are they compiled per process (20-40 s a run). No locator at all is played by
numba's own NUMBA_CACHE_LOCATOR_CLASSES setting, naming a locator that never finds a place (root writes
everywhere)."""
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


CODE = ("import numpy as np\n"
        "import wordeval.embeddings.brown_train\n"
        "from wordeval.intrinsic.analogy_numba import sorted_exclusions as f\n"
        "print(type(f._cache).__name__, getattr(f._cache, 'cache_path', ''))\n"
        "table = np.array([[2, 0], [1, -1], [1, 2]], dtype=np.int64)\n"
        "out = np.empty((1, 4), dtype=np.int64)\n"
        "print(f(table, np.array([[0, 2]], dtype=np.int64), out), out.tolist(), f.stats.cache_hits != {})\n")


def _run(tmp_path, cache: Path) -> list[str]:
    env = {**os.environ, "NUMBA_CACHE_LOCATOR_CLASSES": "tests.test_numba_cache_nowhere.Nowhere",
           "WORDEVAL_CACHE": str(cache),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    res = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout.splitlines()


needs_locator_setting = pytest.mark.skipif(not hasattr(numba_config, "CACHE_LOCATOR_CLASSES"),
                                           reason="numba without locator setting")


@needs_locator_setting
def test_kernels_are_cached_in_wordevals_cache_where_numba_has_no_place(tmp_path):
    cache = tmp_path / "cache"
    first, second = _run(tmp_path, cache), _run(tmp_path, cache)
    kind, path = first[0].split(" ", 1)
    assert kind == "FunctionCache" and Path(path).is_relative_to(cache / "numba"), first
    assert any(Path(path).glob("analogy_numba.sorted_exclusions-*.nbi"))
    # the rows of table[0] and table[2], sorted without repeats, by hand: {2, 0} | {1, 2} -> 0 1 2, width 3
    assert first[1] == "3 [[0, 1, 2, -1]] False", first
    assert second[1] == "3 [[0, 1, 2, -1]] True", second  # the second process loaded the machine code from there


@needs_locator_setting
def test_kernels_import_where_neither_numba_nor_wordeval_can_cache(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    lines = _run(tmp_path, blocker / "cache")  # a file in the way: no folder can be made there
    assert lines[0].split(" ", 1)[0] == "NullCache"
    assert lines[1] == "3 [[0, 1, 2, -1]] False"
