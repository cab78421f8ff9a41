"""Running a plan's cells on a Dask cluster (``wordeval run --workers N`` / ``--scheduler ADDRESS``).

The client (the process that runs ``wordeval run``) stays the only writer of the result store, so a client
killed at any point resumes exactly like the serial path. It plans as usual, computes every cell's request
key, skips the cells already stored, submits the others, and stores each record as its future completes.

Request keys need each representation's fingerprint. For a file whose parse is in the binary vector cache
(every file spec is: ``plan`` parsed it) the fingerprint is read from the cache's key file without opening
the vectors (``keys.cached_fingerprint``); for everything else (registered ids, builders, transformers) a
small task on the cluster loads the representation and returns its fingerprint — the worker keeps what it
loaded, so that work is not lost, and nothing large is loaded by the client or shipped through the
scheduler. A worker also recomputes the key from what it actually loaded and the record is stored under
that key (a file changed in between is stored as what was computed, and a rerun finds it).

Modules: ``cluster`` (LocalCluster or an existing scheduler, threads, resources), ``worker`` (what a worker
process runs and keeps), ``keys`` (fingerprints the client can read cheaply), ``execute`` (the client loop).
Dask is imported only inside functions.
"""
from __future__ import annotations


def execute_distributed(*args, **kwargs):
    """See ``wordeval.distributed.execute.execute_distributed``."""
    from wordeval.distributed.execute import execute_distributed as run

    return run(*args, **kwargs)


__all__ = ["execute_distributed"]
