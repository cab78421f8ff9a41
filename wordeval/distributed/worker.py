"""What a Dask worker process runs for wordeval, and what it keeps between cells.

Each worker process holds, in the ``WordevalPlugin`` registered on it, the representations it loaded (by
spec and label, through the same loaders and memory-mapped vector cache as the serial path) and the
datasets it loaded (``Task.load_dataset`` on the worker, never shipped from the client). A representation
stays until the client says no cell needs it any more (``release``), or until more than ``max_loaded``
are held (least recently used first), so a worker walking through a representation's cells loads it once.

Functions return plain data: a user error (a ``WordevalError``) is an outcome, returned with its message,
not raised, so Dask does not retry it (it would fail again) and the client records it exactly as the serial
path does. Anything else raises: Dask retries it a bounded number of times, like a worker that died.
"""
from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from typing import Any, Sequence

from wordeval.errors import ConfigError

PLUGIN_NAME = "wordeval"
STARTED_TOPIC = "wordeval-cell-started"


class WorkerState:
    def __init__(self, max_loaded: int = 3):
        self.max_loaded = max(1, int(max_loaded))
        self._lock = threading.Lock()
        self._key_locks: dict[tuple[str, str, tuple], threading.Lock] = {}
        self._embeddings: OrderedDict[tuple[str, str, tuple], Any] = OrderedDict()
        self._datasets: dict[tuple, Any] = {}
        self.loads = 0  # representations loaded by this process (reported to the client)

    def embedding(self, spec: str, label: str, options: tuple = ()):
        """``options``: how a file is read (``Representation.options``), part of the key."""
        from wordeval.runner import load_embedding

        options = tuple(tuple(pair) for pair in options)
        key = (spec, label, options)
        with self._lock:
            lock = self._key_locks.setdefault(key, threading.Lock())
        with lock:  # two threads of one worker asking for the same representation load it once
            with self._lock:
                if key in self._embeddings:
                    self._embeddings.move_to_end(key)
                    return self._embeddings[key]
            emb = load_embedding(spec, label=label, options=options)
            with self._lock:
                self.loads += 1
                self._embeddings[key] = emb
                while len(self._embeddings) > self.max_loaded:
                    self._embeddings.popitem(last=False)
            return emb

    def dataset(self, task, data_home, identity: str = ""):
        """``identity``: the data identity the client planned the cell with (``runner.data_identity``). It is
        part of the key: a worker of a long-lived scheduler served the data of a user's task as it first read
        it, so a run after the user corrected the file scored the old file under the new file's request key."""
        from wordeval.errors import ChecksumError
        from wordeval.runner import data_identity

        key = (task.name, task.version, task.spec.origin, identity, repr(data_home))
        with self._lock:
            if key in self._datasets:
                return self._datasets[key]
        ds = task.load_dataset(data_home=data_home)
        if data_identity(task, ds) != identity:
            # the record would name data the key does not. On a file system that is not shared, "changed ...
            # run again" sent the user round in circles: the worker's machine holds another copy of the files
            raise ChecksumError(f"{task.name}: {_this_worker()} read other bytes of its data files than the "
                                f"client hashed when it planned this run: that machine has another copy of them "
                                f"(the files must be the same on every worker: a shared file system), or they "
                                f"changed since (then run again)")
        with self._lock:
            return self._datasets.setdefault(key, ds)

    def release(self, keys: Sequence[tuple[str, str, tuple]]) -> int:
        with self._lock:
            gone = [k for k in map(_load_key, keys) if self._embeddings.pop(k, None) is not None]
        return len(gone)

    def loaded(self) -> list[tuple[str, str, tuple]]:
        with self._lock:
            return list(self._embeddings)


def _this_worker() -> str:
    try:
        from distributed import get_worker
        return f"the worker at {get_worker().address}"
    except (ImportError, ValueError):  # called outside a Dask worker (tests, a serial caller)
        return "a worker"


def _load_key(key) -> tuple[str, str, tuple]:
    """A (spec, label[, options]) key as the worker keeps it (a key that went through msgpack comes back as
    lists)."""
    spec, label, *rest = key
    return spec, label, tuple(tuple(pair) for pair in (rest[0] if rest else ()))


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _Base
except ImportError:  # without dask this module is never used on a worker; the class stays importable
    _Base = object


class WordevalPlugin(_Base):
    """Registered by the client on every worker (also on workers that join later). ``version`` is the
    client's wordeval version: a worker that runs another one would compute other numbers, so it refuses."""

    name = PLUGIN_NAME

    def __init__(self, version: str, max_loaded: int = 3):
        self.version = version
        self.max_loaded = max_loaded
        self.state: WorkerState | None = None
        self.refusal: str | None = None

    def setup(self, worker) -> None:
        import wordeval

        if wordeval.__version__ != self.version:
            # kept: a worker that joins after the client registered the plugin logs this and runs cells all the
            # same, each of which must then give this reason (see ``_state``)
            self.refusal = (f"worker {worker.address} runs wordeval {wordeval.__version__}, the client "
                            f"{self.version}: install the same version on every worker")
            raise RuntimeError(self.refusal)
        self.state = WorkerState(self.max_loaded)


class WorkerRefused(ConfigError):
    """This worker cannot score wordeval's cells (another wordeval version, a data home it lacks): the run
    stops, even with keep_going, since its cells are not at fault and a rerun without that worker computes
    them."""


def _state(dask_worker=None) -> WorkerState:
    if dask_worker is None:
        from distributed import get_worker
        dask_worker = get_worker()
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    if plugin is not None and getattr(plugin, "refusal", None):
        # a RuntimeError here was retried by Dask and then ended the run as "a bug in wordeval" with a traceback
        raise WorkerRefused(plugin.refusal)
    if plugin is None or plugin.state is None:
        raise RuntimeError("the wordeval worker plugin is not registered on this worker")
    return plugin.state


def _outcome(exc) -> dict[str, Any]:
    from wordeval.runner import UNAVAILABLE, skip_kind

    kind = skip_kind(exc) if isinstance(exc, UNAVAILABLE) else "error"
    return {"status": kind, "reason": " ".join(str(exc).split("\n")), "error_type": type(exc).__name__,
            "exit_code": getattr(exc, "exit_code", 2), "fatal": isinstance(exc, WorkerRefused)}


def _memory_outcome(exc: BaseException, doing: str) -> dict[str, Any] | None:
    """A worker that ran out of memory (or of room for a thread) under its limit, as a fatal outcome: raised,
    Dask retried the cell on workers under the same limit, each retry failed the same way with Dask's
    multi-line "Compute Failed", and a worker that could then not allocate the buffer to send its traceback
    (MemoryError in its batched write) held the cell for ever: the run hung. The serial path ends the run
    on it too (``cli._machine_limit_said``)."""
    from wordeval.memory_limit import out_of_memory

    said = out_of_memory(exc)
    if said is None:
        return None
    advice = ("each worker process has that limit whole: raise it" if " under " in said else
              "use fewer --workers, a machine with more memory")
    return {"status": "error", "error_type": type(exc).__name__, "exit_code": 2, "fatal": True,
            "reason": f"{_this_worker()}: {said} while {doing}; {advice}, or use a smaller "
                      f"--restrict-vocab or fewer representations at once"}


def fingerprint(spec: str, label: str, options: tuple = ()) -> dict[str, Any]:
    """Load (and keep) a representation (its files read with ``options``); its fingerprint, or the user error
    that loading it raised."""
    from wordeval.distributed.worker_warnings import warnings_kept
    from wordeval.errors import WordevalError
    from wordeval.option_effects import notes_kept

    t0 = time.perf_counter()
    notes: list[str] = []
    kept: list = []
    said_then = {"notes": notes, "warnings": kept}
    try:
        # a representation's own notes and warnings are said when it is loaded
        with notes_kept(notes), warnings_kept(kept):
            emb = _state().embedding(spec, label, options)
    except WordevalError as exc:
        return {**_outcome(exc), **said_then}
    except (MemoryError, OSError, RuntimeError, ImportError) as exc:
        said = _memory_outcome(exc, f"loading {label}")
        if said is None:
            raise
        return {**said, **said_then}
    return {"status": "ok", "fingerprint": emb.info.fingerprint, "seconds": time.perf_counter() - t0,
            **said_then}


def run_unit(cells: list, *, data_home=None, predictions: bool = False) -> dict[str, Any]:
    """Compute one cell, or the cells of one intersection group (scored together): their records, the
    request keys of what was actually loaded, and when asked each record's prediction files (name, bytes),
    staged, not published."""
    from wordeval import runner
    from wordeval.distributed.worker_warnings import warnings_kept
    from wordeval.errors import WordevalError
    from wordeval.option_effects import notes_kept
    from wordeval.results.predictions import PendingPredictions

    t0 = time.perf_counter()
    try:
        state = _state()
    except WordevalError as exc:
        return _outcome(exc)
    _announce_start()
    # staged, never published here: the client publishes each record's files into the real folder once its
    # store holds the record, as the serial path does (published in a temporary folder of the worker, the
    # files of a group whose one store write failed were all lost, and a file of the cell under its earlier
    # name was looked for there and so stayed beside the new one)
    pending = PendingPredictions(None) if predictions else None
    notes: list[str] = []
    kept: list = []
    said_then = {"notes": notes, "warnings": kept}
    try:
        with notes_kept(notes), warnings_kept(kept):
            return {**_unit(cells, state, runner, data_home, pending, t0), **said_then}
    except WordevalError as exc:
        return {**_outcome(exc), **said_then}
    except (MemoryError, OSError, RuntimeError, ImportError) as exc:
        said = _memory_outcome(exc, f"scoring {cells[0].describe()}")
        if said is None:
            raise
        return {**said, **said_then}


def _unit(cells: list, state, runner, data_home, pending, t0: float) -> dict[str, Any]:
    _check_data_homes(data_home)
    embs = [state.embedding(*c.load_key) for c in cells]
    dataset = state.dataset(cells[0].task, data_home, cells[0].data)
    if cells[0].group is None:
        keys = [runner.request_key_for(cells[0], embs[0])]
        # looked up on the module at call time, so a test can replace it in a worker (fault injection)
        records = [runner.compute_cell(cells[0], embs[0], dataset, progress=False, predictions=pending)]
    else:
        fps = [e.info.fingerprint for e in embs]
        keys = [runner.request_key_for(c, e, group_fingerprints=fps) for c, e in zip(cells, embs)]
        records = runner.compute_group(cells, embs, dataset, predictions=pending)
    # each record's files (name as written, bytes), in the records' order
    files = [pending.take(r) if pending is not None else [] for r in records]
    return {"status": "ok", "records": records, "keys": keys, "predictions": files, "pid": os.getpid(),
            "seconds": time.perf_counter() - t0}


def _check_data_homes(data_home) -> None:
    """The client's data homes (``client_paths.data_home_for_workers``) must be folders here too; without this
    a worker that lacks one said "data home (--data-home) does not exist", naming an option the user may not
    have given and not saying which machine lacks it."""
    from distributed import get_worker

    homes = [] if data_home is None else [data_home] if isinstance(data_home, (str, os.PathLike)) else data_home
    for home in homes:
        if not os.path.isdir(home):  # the worker's fault, not the cell's: with keep_going no cell is failed for it
            raise WorkerRefused(f"{home}: the client's data home is not a folder on the worker at "
                                f"{get_worker().address}; data homes must be visible to every worker (a "
                                f"shared file system)")


def _announce_start() -> None:
    """Tell the client this cell is running now (its progress bar counts running cells)."""
    from distributed import get_worker

    worker = get_worker()
    worker.log_event(STARTED_TOPIC, worker.get_current_task())


def release(keys: Sequence[tuple[str, str, tuple]], dask_worker=None) -> int:
    """Drop representations no remaining cell needs (run on every worker by ``Client.run``)."""
    try:
        return _state(dask_worker).release(keys)
    except (RuntimeError, WorkerRefused):
        return 0


def loaded(dask_worker=None) -> dict[str, Any]:
    """What this worker holds now and how many representations it loaded so far (diagnostics, tests)."""
    state = _state(dask_worker)
    return {"loaded": state.loaded(), "loads": state.loads, "pid": os.getpid()}
