"""Local workers (``--workers``) under an address-space limit (``ulimit -v``/``-d``), which every worker
process inherits whole: they get the caps the CLI's own process gets (``address_space.settle``) in their
environment. Without them a worker of a run on the packaged GloVe took 2 GiB of address space (glibc's arena
per thread, pyarrow's 1 GiB mimalloc reservation), where the serial run fits in 1.2 GB: under `ulimit -v
1200000` its cells failed and the run hung. The limit is faked in the client (nothing here runs under one)."""
from __future__ import annotations

import os

import pytest

pytest.importorskip("distributed")

KIB = 1024
NAMES = ("MALLOC_ARENA_MAX", "ARROW_DEFAULT_MEMORY_POOL", "OPENBLAS_NUM_THREADS", "NUMBA_NUM_THREADS")


def _environment() -> dict:
    return {name: os.environ.get(name) for name in NAMES}


def _workers_environment(monkeypatch, limits: dict) -> list[dict]:
    import wordeval.address_space as address_space
    import wordeval.distributed.cluster as cluster

    # a machine of 64 cores: 32 BLAS threads per worker of two, which a limit holds only a few of
    monkeypatch.setattr(address_space, "available_cores", lambda: 64)
    monkeypatch.setattr(cluster, "available_cores", lambda: 64)
    monkeypatch.setattr(address_space, "address_space_limits", lambda: dict(limits))
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    with cluster.open_client(workers=2) as client:
        return list(client.run(_environment).values())


def test_local_workers_get_the_caps_of_the_limit_they_inherit(monkeypatch):
    from wordeval.address_space import FLOOR, PER_BLAS_THREAD

    # (1,200,000 KiB - 768 MiB) // 128 MiB = 3 OpenBLAS threads fit beside the libraries (address_space)
    limit = 1_200_000 * KIB
    assert (limit - FLOOR["-v"]) // PER_BLAS_THREAD == 3
    capped = _workers_environment(monkeypatch, {"-v": limit})
    assert capped == [{"MALLOC_ARENA_MAX": "2", "ARROW_DEFAULT_MEMORY_POOL": "system",
                       "OPENBLAS_NUM_THREADS": "3", "NUMBA_NUM_THREADS": "3"}] * 2
    # no limit: the cores' share, glibc's and pyarrow's allocators as they are
    free = _workers_environment(monkeypatch, {})
    assert free == [{"MALLOC_ARENA_MAX": None, "ARROW_DEFAULT_MEMORY_POOL": None,
                     "OPENBLAS_NUM_THREADS": "32", "NUMBA_NUM_THREADS": "32"}] * 2
    assert all(os.environ.get(name) is None for name in NAMES)  # nothing left in the client's environment


def test_a_users_arrow_allocator_is_kept_under_a_limit(monkeypatch):
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
    import wordeval.address_space as address_space

    monkeypatch.setattr(address_space, "address_space_limits", lambda: {"-d": 1_000_000 * KIB})
    assert address_space.worker_environ() == {"MALLOC_ARENA_MAX": "2"}
