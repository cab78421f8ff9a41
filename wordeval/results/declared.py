"""Where a record's task was declared (``dataset.declared_in``), including records stored before wordeval
recorded it: such a record of a built-in task was taken for a user's data, and beside a newer record of the
same task it was left out as 'computed on another version of the task or its data' though neither differed."""
from __future__ import annotations

import functools

from wordeval.results.record import ResultRecord


def declared_in(rec: ResultRecord) -> str:
    """The record's ``declared_in``; for a record without one, the built-in task's origin when its task is
    built in with the same version and the record read one of that task's sources with the pinned sha256
    of each of its files (a user's spec of that name reads other files or unpinned ones), else ''."""
    stated = str((rec.dataset or {}).get("declared_in") or "")
    if stated:
        return stated
    builtin = _builtin(str(rec.task))
    if builtin is None:
        return ""
    origin, version, sources = builtin
    digests = dict(rec.dataset_sha256 or {})
    if str(rec.task_version) != version or not any(
            all(digests.get(path) == pin for path, pin in pins) for pins in sources):
        return ""
    return origin


@functools.lru_cache(maxsize=None)
def _builtin(task: str) -> tuple[str, str, tuple[tuple[tuple[str, str], ...], ...]] | None:
    """(origin, version, each source's (path, pinned sha256) pairs) of a built-in task, or None."""
    from wordeval.errors import WordevalError
    from wordeval.registry import REGISTRY
    from wordeval.tasks.task import Task

    if task not in REGISTRY.names("task"):
        return None
    try:
        spec = REGISTRY.resolve("task", task)
        sources = Task(spec).dataset_spec.sources
    except WordevalError:
        return None
    if not str(spec.origin).startswith("builtin:"):
        return None
    # a source with a file of no pin (or none at all) cannot say the record read the built-in data
    pinned = tuple(tuple((f.path, f.tree_sha256 or f.sha256) for f in s.files.values()) for s in sources
                   if s.files and all(f.tree_sha256 or f.sha256 for f in s.files.values()))
    return str(spec.origin), str(spec.version), pinned
