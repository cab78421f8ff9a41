"""The LocalCluster of ``wordeval run --workers N``, started before the result store is created.

Why: started from inside the run, a cluster that could not start (a user's preload that fails to import)
left the store behind: ``results.sqlite``, the run registered in it, a new ``--out`` folder with its marker.
Now the cluster starts first, as a ``--scheduler`` is connected first (``cli.common._scheduler_client``), so
a cluster that never starts leaves no store. Its Dask log (``dask_log``) is kept beside where the store will
be, so that folder is made (and marked, so that a run killed here leaves a folder the next run takes as its
store's) before the cluster starts. A run that ends before its store exists (or with its store removed:
``store_discard``) removes exactly what it made: the log, the marker, the folders; a log named by the run's
one line is moved to a temporary file first, and named there. A log that was there before (an earlier
run's) keeps this run's section. With ``--force``, a wordeval output of another kind at ``--out`` is moved
aside, and back where the run creates no store.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterator

from wordeval.distributed import dask_log
from wordeval.distributed.cluster import ClusterDidNotStart


@contextlib.contextmanager
def log_place(store: Path) -> Iterator[Path]:
    """The Dask log's path beside ``store`` (``ResultStore``'s resolved path), its folder made for it."""
    from wordeval.atomic_write import machine_errors, sweep_abandoned, writer_prefix
    from wordeval.output_paths import MARKER, marker_kind, write_marker
    from wordeval.results.store import STORE_FILENAME

    log = dask_log.log_path(store)
    folder = log.parent
    store_folder = store.name == STORE_FILENAME
    made = [p for p in (folder, *folder.parents) if not p.exists()][::-1]  # outermost first
    aside: Path | None = None
    marker_made = False
    with machine_errors(folder):
        if store_folder and folder.is_dir() and marker_kind(folder) not in (None, "store"):
            # --force over another kind (check_output let it through): its removal waits for the store
            sweep_abandoned(folder)
            aside = Path(tempfile.mkdtemp(prefix=writer_prefix(folder, old=True), dir=folder.parent))
            os.rmdir(aside)
            os.replace(folder, aside)
            made = [folder]
        folder.mkdir(parents=True, exist_ok=True)
        if store_folder and not (folder / MARKER).exists():
            write_marker(folder, "store")
            marker_made = True
    log_made = not log.exists()
    try:
        yield log
    except BaseException as exc:
        if store.exists():
            raise
        moved = _undo(log if log_made else None, folder / MARKER if marker_made else None, made, aside,
                      folder)
        aside = None
        if isinstance(exc, ClusterDidNotStart) and moved is not None:
            raise exc.kept_at(moved) from None
        if moved is not None:
            _log_named_at(exc, log, moved)
        raise
    finally:
        if aside is not None:  # the store replaced it, as --force asked
            shutil.rmtree(aside, ignore_errors=True)


def _log_named_at(exc: BaseException, log: Path, moved: Path) -> None:
    """An error that names the log (a cell's traceback kept there) names the copy it was moved to; nothing
    naming it (a store that a failing run created empty and removed, ``store_discard``), the copy goes too,
    as the rest of what the run made did, rather than staying in the temporary folder unnamed."""
    from wordeval.errors import WordevalError

    if isinstance(exc, WordevalError) and len(exc.args) == 1 and str(log) in str(exc.args[0]):
        exc.args = (str(exc.args[0]).replace(str(log), str(moved)),)
        return
    with contextlib.suppress(OSError):
        moved.unlink()


def _undo(log: Path | None, marker: Path | None, made: list[Path], aside: Path | None,
          folder: Path) -> Path | None:
    """Remove what ``log_place`` made; returns where this run's log was moved to (None: not moved)."""
    moved = None
    with contextlib.suppress(OSError):
        if log is not None and log.is_file():
            fd, name = tempfile.mkstemp(prefix="wordeval-dask-", suffix=".log")
            os.close(fd)
            shutil.copyfile(log, name)  # the temporary folder may be on another file system
            log.unlink()
            moved = Path(name)
    with contextlib.suppress(OSError):
        if marker is not None:
            marker.unlink()
    for d in reversed(made):
        try:
            os.rmdir(d)  # only where empty: anything another process put there stays
        except OSError:
            break
    if aside is not None and not folder.exists():
        with contextlib.suppress(OSError):
            os.replace(aside, folder)
    return moved


def local_client(args, stack: contextlib.ExitStack, store: Path) -> tuple[Any, Path]:
    """A client of a new LocalCluster of ``args.workers`` processes, wordeval's plugin registered, and the
    path of its Dask log; the user's Dask settings that Dask's schema refuses are said once it started
    (named in the run's one line where it did not)."""
    from wordeval.distributed.cluster import open_client, parse_worker_resources
    from wordeval.distributed.dask_settings import unusable_settings
    from wordeval.distributed.execute import _prepare
    from wordeval.option_effects import say_note

    log = stack.enter_context(log_place(store))
    settings = unusable_settings()
    try:
        client = stack.enter_context(open_client(workers=args.workers,
                                                 resources=parse_worker_resources(args.worker_resources),
                                                 log_file=log))
    except ClusterDidNotStart as exc:
        raise exc.kept_at(settings=tuple(settings)) from None
    for setting in settings:
        say_note(f"wordeval: note: the Dask setting {setting} is not a value Dask's config schema allows: "
                 f"Dask does not use it as meant, and logs what it does instead to {log}")
    _prepare(client, set(), "the local cluster", say=False)
    return client, log
