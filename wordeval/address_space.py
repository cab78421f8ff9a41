"""A process started under a tight address-space limit (``ulimit -v``, or ``ulimit -d``, which since Linux 4.7
counts private mappings too), settled before numpy is imported.

The native libraries reserve address space per thread, whatever the data: each of the two OpenBLAS copies
(numpy's, scipy's) a 32 MiB buffer and a stack per thread, glibc a 64 MiB malloc arena per thread. Under
``ulimit -v 400000`` scipy's OpenBLAS, loaded in the middle of the first cell, looped for ever in its buffer
allocation (OpenBLAS retries a failed mmap without end), and a little higher LLVM (numba) aborted on
std::bad_alloc or glibc on 'cannot allocate memory for thread-local data': a hang, exit 134 or 127 after the
store had been created, never the one-line error of a machine limit.
"""
from __future__ import annotations

import os

from wordeval.distributed.cluster import available_cores
from wordeval.memory_limit import address_space_limits

MIB = 2 ** 20
# what a one-thread `intrinsic` run on a 300-word table needs at the least, with an eighth more: it ran from
# `ulimit -v 700000` (KiB) and failed below ("can't start new thread", llvmlite not loaded, aborts in LLVM);
# under `ulimit -d`, which leaves out the libraries' code and reservations, from about 350000. Below these the
# libraries fail where they cannot say so, or hang
FLOOR = {"-v": 768 * MIB, "-d": 384 * MIB}
# per OpenBLAS thread: a 32 MiB buffer and an 8 MiB stack in each of numpy's and scipy's copies, with room
PER_BLAS_THREAD = 128 * MIB
ARENAS = 2
_M_ARENA_MAX = -8  # glibc's mallopt parameter


def blas_threads(limit: int, cores: int) -> int:
    """OpenBLAS threads whose buffers and stacks fit in ``limit`` beside the libraries: all the cores where
    they fit (the default), fewer where not. The thread count does not change a result: OpenBLAS splits a GEMM
    by blocks of its output, each element summed in the same order."""
    return max(1, min(cores, (limit - FLOOR["-v"]) // PER_BLAS_THREAD))


def worker_threads(threads: int) -> int:
    """A local Dask worker's BLAS/OpenMP/numba threads (``threads``: its share of the cores) under the limit
    it inherits from this process: no more than the limit holds (``blas_threads``). The cluster sets them in
    each worker's environment, over ``settle``'s caps of this process: 32 OpenBLAS threads per worker of a
    64-core machine, each with its buffers, did not fit in a limit a serial run fits in."""
    limits = address_space_limits()
    return min(threads, blas_threads(min(limits.values()), available_cores())) if limits else threads


def worker_environ(environ=os.environ) -> dict[str, str]:
    """What else a local Dask worker process needs in its environment under the limit it inherits: glibc's
    arenas capped through MALLOC_ARENA_MAX (``settle``'s mallopt reaches this process only) and pyarrow on the
    system allocator where the user chose none (mimalloc reserves 1 GiB of address space where it fits; the
    packaged GloVe's index is read through pyarrow). Without them a worker took 2 GiB of address space at
    its first cell: under `ulimit -v 1200000`, in which the serial run works, its cells failed on MemoryError
    and "can't start new thread", and the run hung on a worker that could no longer send its results."""
    if not address_space_limits():
        return {}
    out = {"MALLOC_ARENA_MAX": str(ARENAS)}
    if not environ.get("ARROW_DEFAULT_MEMORY_POOL", "").strip():
        out["ARROW_DEFAULT_MEMORY_POOL"] = "system"
    return out


def _tasks_of(uid: int) -> int:
    """Processes and threads of ``uid`` now, what ``ulimit -u`` counts (0 where /proc cannot say)."""
    count = 0
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return 0
    for pid in pids:
        try:
            if os.stat(f"/proc/{pid}").st_uid == uid:
                count += len(os.listdir(f"/proc/{pid}/task"))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return count


def _all_tasks() -> int | None:
    """The processes and threads of every user (/proc/loadavg's count after the slash), None where it cannot
    say: a bound on any one user's, read at once where ``_tasks_of`` stats every process."""
    try:
        with open("/proc/loadavg", encoding="ascii") as fh:
            return int(fh.read().split()[3].partition("/")[2])
    except (OSError, ValueError, IndexError):
        return None


def _fit_process_count(environ) -> None:
    """Under a ``ulimit -u`` (RLIMIT_NPROC: the user's processes and threads, which root is exempt from) that
    leaves fewer tasks than two OpenBLAS pools of a thread per core and the analogy kernels' pool (a thread
    per core, ``analogy_kernels.kernel_threads``), each pool on one thread: scipy's OpenBLAS, failing to start
    its pool in the middle of a cell, printed its advice and raised SIGINT, and the run ended as 'interrupted'
    (exit 130); with OpenBLAS alone capped, the kernels' pool could not start on a machine of many cores."""
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_NPROC)[0]
    except (ImportError, AttributeError, ValueError, OSError):
        return
    if soft == resource.RLIM_INFINITY or os.getuid() == 0:
        return
    # the user's own settings are kept; with both pools set, /proc is not read
    blas, kernels = not _blas_threads_set(environ), "NUMBA_NUM_THREADS" not in environ
    if not (blas or kernels):
        return
    cores = available_cores()
    need = 2 * (cores - 1) + cores + 8
    # a finite ulimit -u is most Linux accounts' default: the /proc scan (a stat per process of the machine)
    # ran before every command, even where the count of all tasks shows the limit to hold them
    total = _all_tasks()
    if total is not None and soft - total >= need:
        return
    if soft - _tasks_of(os.getuid()) < need:
        if blas:
            environ["OPENBLAS_NUM_THREADS"] = "1"
        if kernels:  # their answers do not depend on the threads (a tie goes to the lowest row in any part)
            environ["NUMBA_NUM_THREADS"] = "1"


def _blas_threads_set(environ) -> bool:
    return any(environ.get(name, "").strip() for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"))


def settle(environ=os.environ, *, computes: bool = True) -> str | None:
    """Under a finite ``ulimit -v``/``-d``: cap glibc's malloc arenas, and OpenBLAS's threads where the user
    set none, to what the limit holds. Returns the one-line error where a limit is below what a command that
    ``computes`` needs before any data, else None. Call it before numpy is imported: OpenBLAS reads its thread
    count once, when it loads, and reserves its buffers then."""
    _fit_process_count(environ)
    limits = address_space_limits()  # each flag apart: their floors differ
    if not limits:
        return None
    for flag, limit in limits.items():
        if computes and limit < FLOOR[flag]:
            return (f"the process's ulimit {flag} ({limit // 1024:,} KiB) is too small for the libraries "
                    f"wordeval loads (numpy, scipy, numba need about {FLOOR[flag] // MIB} MiB of it before "
                    f"any data): raise it (ulimit {flag} {2 * FLOOR[flag] // 1024}, or unlimited) and run "
                    f"again")
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, ARENAS)
    except (OSError, AttributeError):  # not glibc: its own allocator, nothing to cap
        pass
    threads = blas_threads(min(limits.values()), available_cores())
    if threads < available_cores():
        if not _blas_threads_set(environ):
            environ["OPENBLAS_NUM_THREADS"] = str(threads)
        # the analogy kernels' pool, a thread (and its stack) per core: on 64 cores it did not fit in a limit
        # above FLOOR, which a one-thread run needs ('cannot start a thread'); the answers are the same
        if "NUMBA_NUM_THREADS" not in environ:
            environ["NUMBA_NUM_THREADS"] = str(threads)
    return None
