"""Python warnings a cell gives on a Dask worker (a ``UnicodeFormWarning``, a ``LoaderWarning``), said by the
client in the run's own form.

A worker process printed them with Python's own format on its stderr, which a ``--workers`` run shares:
``.../sts.py:117: UnicodeFormWarning: ...`` and the source line under it, where a serial run says
``wordeval: warning: ...`` (``cli.main``); a ``--scheduler``'s workers printed them into their logs, never to
the user. A worker keeps what its cell's thread warns and returns it with the outcome, as it returns the
cell's notes (``option_effects.notes_kept``); the client warns it again, so the user's warning filters and
the CLI's one-line form apply as they do to a serial run's warnings.
"""
from __future__ import annotations

import contextlib
import importlib
import sys
import threading
import warnings
from typing import Any, Iterator, Mapping

_kept = threading.local()
_install_lock = threading.Lock()
_shown_before: Any = None  # the process's showwarning before ours: what other threads' warnings still go to


def _keep_or_show(message, category, filename, lineno, file=None, line=None):
    into = getattr(_kept, "into", None)
    if into is None:  # Dask's own threads, code outside a cell: as before
        return _shown_before(message, category, filename, lineno, file, line)
    into.append([str(message), f"{category.__module__}:{category.__qualname__}", str(filename), int(lineno)])
    return None


@contextlib.contextmanager
def warnings_kept(into: list) -> Iterator[None]:
    """Within it, the warnings this thread shows go into ``into`` (plain data: message, category as
    'module:qualname', file, line) instead of stderr. Thread by thread, not ``catch_warnings``: that swaps the
    process's state, and two cells in the threads of one worker restored each other's."""
    global _shown_before
    with _install_lock:
        if warnings.showwarning is not _keep_or_show:
            _shown_before, warnings.showwarning = warnings.showwarning, _keep_or_show
    outer, _kept.into = getattr(_kept, "into", None), into
    try:
        yield
    finally:
        _kept.into = outer


def _category(path: str) -> type[Warning]:
    """The warning class named 'module:qualname'; UserWarning where the client cannot name it (a module it
    has not imported and that is not wordeval's: nothing is imported on a worker's word)."""
    module_name, _, qualname = path.partition(":")
    try:
        module = (importlib.import_module(module_name) if module_name == "wordeval"
                  or module_name.startswith("wordeval.") else sys.modules[module_name])
        found: Any = module
        for part in qualname.split("."):
            found = getattr(found, part)
    except (ImportError, KeyError, AttributeError):
        return UserWarning
    return found if isinstance(found, type) and issubclass(found, Warning) else UserWarning


def say_warnings(outcome: Mapping[str, Any]) -> None:
    """Warn again, in the client, what a worker kept (``warnings_kept``). No registry: the worker's filters
    already let it through once; the run says one class and text once (``option_effects.said_once_per_run``),
    as a serial run does."""
    for message, category, filename, lineno in outcome.get("warnings", ()):
        warnings.warn_explicit(message, _category(category), filename, lineno, registry=None)
