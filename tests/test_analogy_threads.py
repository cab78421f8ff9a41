"""The analogy kernel and solver tests again under 1 and 2 BLAS/numba threads.

Thread counts are read once, when OpenBLAS loads (the kernels' thread count follows NUMBA_NUM_THREADS), so
each setting runs in its own subprocess. The numba path splits every candidate chunk into one part per
kernel thread, so the GEMM shapes, and with them the float32 summation order, change with the setting: the
answers must still agree modulo exact ties.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECK = """
from threadpoolctl import threadpool_info
import numpy  # noqa: F401
from wordeval.intrinsic.analogy_kernels import kernel_threads
want = int({n!r})
blas = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
assert kernel_threads() == want and blas and set(blas) == {{want}}, (kernel_threads(), blas)
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


# Run in a fresh interpreter: whether numba's pool has started is process state that another test could
# have changed.
NO_POOL = """
import ctypes, ctypes.util
import numpy as np
import numba.np.ufunc.parallel as numba_parallel
from wordeval.intrinsic.analogy_kernels import solve_batched
gomp = ctypes.CDLL(ctypes.util.find_library("gomp") or "libgomp.so.1")
levels = gomp.omp_get_max_active_levels()
rng = np.random.default_rng(0)
V = rng.standard_normal((3000, 16)).astype(np.float32)
q = rng.integers(0, 40, size=(3, 500))
ex = np.stack([q[0], q[1], q[2]], axis=1)
for method in ("3cosadd", "3cosmul", "pairdirection"):
    for prune in (True, False):
        solve_batched(V, len(V), np.arange(40), *q, ex, method=method, backend="numba", prune=prune)
assert not numba_parallel._is_initialized, "numba's thread pool was started"
assert gomp.omp_get_max_active_levels() == levels, (levels, gomp.omp_get_max_active_levels())
"""


def test_numba_kernels_leave_openmp_nesting_alone():
    """Numba's OpenMP pool, once started, raises the process's nesting limit to 255, after which torch's
    MKL calls inside its parallel loops create threads on every call (MiniLM 2-3x slower in the demo): the
    analogy kernels must run in their own threads and never start it."""
    pytest.importorskip("numba")
    import ctypes.util
    if not ctypes.util.find_library("gomp"):
        pytest.skip("no libgomp on this machine to ask about its nesting limit")
    res = subprocess.run([sys.executable, "-c", NO_POOL], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]


FORKED = """
import os, sys
import numpy as np
from wordeval.intrinsic.analogy_kernels import solve_batched, thread_pool
rng = np.random.default_rng(0)
V = rng.standard_normal((2000, 16)).astype(np.float32)
q = rng.integers(0, 30, size=(3, 200))
ex = np.stack(list(q), axis=1)
want = solve_batched(V, len(V), np.arange(30), *q, ex, backend="numba")[0]
parent_pool = thread_pool(2)
pid = os.fork()
if pid == 0:  # the child inherits the parent's pool object, but none of its threads
    ok = thread_pool(2) is not parent_pool
    got = solve_batched(V, len(V), np.arange(30), *q, ex, backend="numba")[0]
    os._exit(0 if ok and np.array_equal(got, want) else 1)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def test_kernel_threads_work_in_a_forked_child():
    """The kernels' thread pool lives as long as the process; a child forked after it was started (a
    multiprocessing worker) must get its own, or its tasks would wait forever for threads it does not have."""
    pytest.importorskip("numba")
    # the failure is a hang: the timeout ends it
    res = subprocess.run([sys.executable, "-c", FORKED], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-3000:]
