"""The cosine GEMM of the numba analogy path: numpy's BLAS, or a private OpenBLAS on its AVX-512 kernels where
numpy's OpenBLAS runs only AVX2 kernels on a CPU that has AVX-512.

Why: OpenBLAS up to 0.3.34 (numpy 2.4's, and the scipy-openblas32 wheel's) identifies some AVX-512 CPUs as
Haswell and runs its AVX2 kernels: AMD Zen 5, family 26 (OpenBLAS issue #6029), among them the 2-core machine
this project is measured on. There its SkylakeX kernels compute the analogy GEMMs 1.8x faster on one thread
(797 x 50 by 50 x 2,048: 1.47 -> 0.83 ms; 451 x 300 by 300 x 1,264: 2.96 -> 1.58 ms). numpy's own OpenBLAS can
be told only when it loads (``OPENBLAS_CORETYPE``, read once, before numpy is imported), which a library cannot
do. So wordeval loads a second OpenBLAS, the scipy-openblas32 wheel, with that setting and one thread, and runs
only its own analogy GEMMs on it: numpy and everything else in the process keep their BLAS as it was.

It is used only where all of these hold, and the choice depends only on the machine, so repeated runs give the
same numbers: Linux on x86-64; the CPU and the operating system support AVX-512 F, CD, BW, DQ and VL, the
instructions of the SkylakeX kernels (Linux lists in /proc/cpuinfo only what it enabled); numpy's BLAS is
OpenBLAS and reports a core without AVX-512; scipy-openblas32 is installed and loads; ``WORDEVAL_GEMM`` is not
``numpy``. Anywhere else numpy's BLAS computes the GEMM, as before. Results record which one did
(``analogy`` records' ``extra.gemm``).
"""
from __future__ import annotations

import ctypes
import functools
import glob
import os
import sys
import threading
from dataclasses import dataclass
from typing import Callable

import numpy as np

ENV = "WORDEVAL_GEMM"  # "numpy": always numpy's BLAS
SKYLAKEX_FLAGS = frozenset({"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"})
# OpenBLAS core names whose kernels use AVX-512 already: nothing to gain from a second library there
AVX512_CORES = frozenset({"skylakex", "cooperlake", "sapphirerapids"})
_ROW_MAJOR, _NO_TRANS, _TRANS = 101, 111, 112  # CBLAS enums
_LOAD_LOCK = threading.Lock()


@dataclass(frozen=True)
class GemmEngine:
    """``nt(A, B, out)`` writes ``A @ B.T`` into ``out`` (float32; A: m x k, B: n x k, out: m x n) and
    returns it; ``name`` says which BLAS computes it (recorded with the results)."""

    name: str
    nt: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def _numpy_nt(A: np.ndarray, B: np.ndarray, out: np.ndarray) -> np.ndarray:
    return np.matmul(A, B.T, out=out)


def cpu_flags() -> frozenset:
    """The CPU features Linux enabled (the first ``flags`` line of /proc/cpuinfo); empty elsewhere."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return frozenset(line.partition(":")[2].split())
    except OSError:
        pass
    return frozenset()


def numpy_blas() -> tuple[str, str]:
    """(internal API, core) of the BLAS numpy is linked to, as threadpoolctl reports them ("openblas",
    "Haswell"); ("", "") where it cannot tell."""
    from threadpoolctl import threadpool_info

    for info in threadpool_info():
        if info.get("user_api") == "blas" and "numpy" in str(info.get("filepath", "")):
            return str(info.get("internal_api", "")), str(info.get("architecture", ""))
    return "", ""


def wants_private_openblas(flags: frozenset, blas: tuple[str, str], machine: str, platform: str,
                           setting: str | None) -> bool:
    """Whether the private OpenBLAS on its SkylakeX kernels should run the analogy GEMMs (see module doc)."""
    if (setting or "").strip().lower() == "numpy":
        return False
    api, core = blas
    return (platform.startswith("linux") and machine in ("x86_64", "amd64") and SKYLAKEX_FLAGS <= flags
            and api == "openblas" and bool(core) and core.lower() not in AVX512_CORES)


def _private_library_path() -> str | None:
    """The scipy-openblas32 wheel's shared library, found without importing the package (importing it loads
    the library, before the core type could be set)."""
    import importlib.util

    spec = importlib.util.find_spec("scipy_openblas32")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(glob.glob(os.path.join(folder, "lib", "libscipy_openblas*.so*")))
        if found:
            return found[0]
    return None


def load_private_openblas(path: str, core: str = "SKYLAKEX"):
    """``path``'s OpenBLAS, loaded with ``core`` kernels and one thread: (its cblas_sgemm, its core name).

    OpenBLAS reads ``OPENBLAS_CORETYPE`` and ``OPENBLAS_NUM_THREADS`` once, when it loads; they are set for the
    load only and then restored, so nothing else sees them. ``RTLD_LOCAL`` keeps its symbols to this handle.
    """
    from wordeval.environment import temporary_environ

    with _LOAD_LOCK, temporary_environ({"OPENBLAS_CORETYPE": core, "OPENBLAS_NUM_THREADS": "1"}):
        lib = ctypes.CDLL(path, mode=os.RTLD_LOCAL)
    sgemm = next(getattr(lib, n) for n in ("scipy_cblas_sgemm", "cblas_sgemm") if hasattr(lib, n))
    c_int, ptr = ctypes.c_int, ctypes.c_void_p
    sgemm.argtypes = [c_int, c_int, c_int, c_int, c_int, c_int, ctypes.c_float, ptr, c_int, ptr, c_int,
                      ctypes.c_float, ptr, c_int]
    sgemm.restype = None
    corename = next((getattr(lib, n) for n in ("scipy_openblas_get_corename", "openblas_get_corename")
                     if hasattr(lib, n)), None)
    name = ""
    if corename is not None:
        corename.restype = ctypes.c_char_p
        name = corename().decode("ascii", "replace")
    return sgemm, name


def _cblas_nt(sgemm) -> Callable:
    def nt(A: np.ndarray, B: np.ndarray, out: np.ndarray) -> np.ndarray:
        if not (A.dtype == B.dtype == out.dtype == np.float32 and A.flags.c_contiguous and B.flags.c_contiguous
                and out.flags.c_contiguous and out.flags.writeable and A.shape[1] == B.shape[1]
                and out.shape == (A.shape[0], B.shape[0])):
            return _numpy_nt(A, B, out)
        m, k = A.shape
        n = B.shape[0]
        if m and n:  # ctypes releases the GIL for the call: the worker threads multiply side by side
            sgemm(_ROW_MAJOR, _NO_TRANS, _TRANS, m, n, k, 1.0, A.ctypes.data, max(k, 1), B.ctypes.data, max(k, 1),
                  0.0, out.ctypes.data, max(n, 1))
        return out

    return nt


@functools.lru_cache(maxsize=1)
def gemm_engine() -> GemmEngine:
    """The engine for this process (decided once; see the module doc)."""
    import platform

    numpy_engine = GemmEngine("numpy", _numpy_nt)
    try:
        wanted = wants_private_openblas(cpu_flags(), numpy_blas(), platform.machine().lower(), sys.platform,
                                        os.environ.get(ENV))
        path = _private_library_path() if wanted else None
        if path is None:
            return numpy_engine
        sgemm, core = load_private_openblas(path)
    except Exception:  # noqa: BLE001 - any failure to load the optional library leaves numpy's BLAS in charge
        return numpy_engine
    if core.lower() not in AVX512_CORES:  # the library did not take the AVX-512 kernels: nothing gained
        return numpy_engine
    from importlib import metadata

    try:
        version = metadata.version("scipy-openblas32")
    except metadata.PackageNotFoundError:
        version = "?"
    return GemmEngine(f"scipy-openblas32 {version} ({core} kernels, 1 thread)", _cblas_nt(sgemm))
