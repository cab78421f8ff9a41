"""The analogy kernel and solver tests again under 1 and 2 BLAS/numba threads.

Thread counts are read once, when OpenBLAS and numba load, so each setting runs in its own subprocess. The
numba path splits every candidate chunk into one part per numba thread, so the GEMM shapes, and with them
the float32 summation order, change with the setting: the answers must still agree modulo exact ties.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECK = """
import numba
from threadpoolctl import threadpool_info
import numpy  # noqa: F401
want = int({n!r})
blas = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
assert numba.get_num_threads() == want and blas and set(blas) == {{want}}, (numba.get_num_threads(), blas)
"""


@pytest.mark.parametrize("threads", ["1", "2"])
def test_kernel_and_solver_tests_pass_under_thread_count(threads):
    pytest.importorskip("numba")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": threads, "OMP_NUM_THREADS": threads, "MKL_NUM_THREADS": threads,
           "NUMBA_NUM_THREADS": threads}
    probe = subprocess.run([sys.executable, "-c", CHECK.format(n=threads)], env=env, capture_output=True,
                           text=True, timeout=300)
    assert probe.returncode == 0, probe.stderr[-2000:]  # the setting really took effect
    res = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/test_analogy_kernels.py", "tests/test_analogy.py", "tests/test_analogy_shared_rows.py"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=3000)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
    assert " passed" in res.stdout and "failed" not in res.stdout
