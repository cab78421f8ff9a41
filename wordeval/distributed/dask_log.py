"""Dask's own log of a ``--workers`` run, kept in a file beside the store instead of on the run's stderr.

A failing run (a cell that raises on a worker, workers that die, a cluster that cannot start, a Dask config
value it cannot use) printed Dask's log lines and the worker processes' tracebacks above wordeval's one
line: a wall of text. The client's Dask loggers (the scheduler and the nannies run in it) and the worker
processes' loggers write to ``STORE.dask.log`` (appended: each run starts with a header line), and the
run's one line names that file. The worker processes get it as a Dask logging config in their environment,
read when they import distributed, so what they log before any preload runs (a preload that fails to import)
goes there too. With ``--verbose`` Dask's lines are shown as well. A file at that name that does not begin
with a run's header is not wordeval's, and the run is refused before any work (``check_ours``): appended to,
a user's ``x.dask.log`` beside ``--out x.db`` got Dask's lines.
"""
from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path
from typing import Iterator

FORMAT = "%(asctime)s - pid %(process)d - %(name)s - %(levelname)s - %(message)s"
# the client's loggers that Dask's scheduler, nannies and event loop log under
CLIENT_LOGGERS = ("distributed", "tornado", "asyncio")
ENV = "DASK_LOGGING"
HEADER = "=== wordeval run, pid "


def log_path(store_path: os.PathLike | str) -> Path:
    """``R/results.sqlite`` -> ``R/results.dask.log``; ``runs.db`` -> ``runs.dask.log``."""
    return Path(store_path).with_suffix(".dask.log")


def check_ours(store_path: os.PathLike | str, out: os.PathLike | str, option: str = "--out") -> None:
    """An OutputError (nothing written yet) where the log's name is taken by anything but a log of wordeval's:
    a file of the user's, a folder, a link (wordeval writes the log as a file). ``out``: the store as
    given."""
    from wordeval.errors import OutputError

    path = log_path(store_path)
    if not (path.exists() or path.is_symlink()):
        return
    ours = False
    if not path.is_symlink() and path.is_file():
        try:
            with path.open("rb") as f:
                ours = f.read(len(HEADER)) == HEADER.encode()
        except OSError:
            pass
    if not ours:
        raise OutputError(f"{option} {out}: {path}, where a --workers run keeps Dask's log, exists and was "
                          f"not written by wordeval; move it, or give another {option}")


def worker_environ(path: Path) -> dict[str, str]:
    """The variable that makes a local worker process log into ``path`` from its first import of distributed
    (Dask reads ``DASK_*`` variables as Python literals; a config with ``version`` is a dictConfig)."""
    handler = {"class": "logging.FileHandler", "filename": str(path), "formatter": "dask", "level": "INFO"}
    into_file = {"handlers": ["file"], "propagate": False}
    config = {"version": 1, "disable_existing_loggers": False, "formatters": {"dask": {"format": FORMAT}},
              "handlers": {"file": handler},
              "loggers": {"distributed": {**into_file, "level": "INFO"},
                          "distributed.client": {**into_file, "level": "WARNING"},
                          "tornado": {**into_file, "level": "WARNING"},
                          "asyncio": {**into_file, "level": "WARNING"}},
              "root": {"handlers": ["file"], "level": "WARNING"}}
    return {ENV: repr(config)}


@contextlib.contextmanager
def kept_in(path: Path, *, shown: bool) -> Iterator[None]:
    """The client's Dask log records go to ``path`` (and, ``shown``, on to stderr as before)."""
    handler = logging.FileHandler(path, encoding="utf-8", delay=False)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.stream.write(f"{HEADER}{os.getpid()}, {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
    handler.stream.flush()
    saved = []
    for name in CLIENT_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate, list(logger.handlers)))
        logger.addHandler(handler)
        if not shown:
            # Dask's own stderr handler where it added one (no root handler when distributed was imported)
            for h in logger.handlers:
                if h is not handler:
                    logger.removeHandler(h)
            logger.propagate = False
    try:
        yield
    finally:
        for logger, propagate, handlers in saved:
            logger.removeHandler(handler)
            for h in handlers:
                if h not in logger.handlers:
                    logger.addHandler(h)
            logger.propagate = propagate
        handler.close()


def last_error(path: Path, limit: int = 200) -> str:
    """The last exception line the log holds ('ModuleNotFoundError: No module named ...'), for a one-line
    message; '' where none is found."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    for line in reversed(lines[-2000:]):
        head = line.split(":", 1)[0]
        if head and " " not in head and (head.endswith("Error") or head.endswith("Exception")):
            return line.strip()[:limit]
    return ""
