"""Models trained in this process whose builder-cache entry could not be written (a read-only or full
``WORDEVAL_CACHE``): a run must go on without the cache, as it does for parsed vector files. They are kept
for the process, so that a representation loaded more than once is trained once, and the reason is said once
per cache folder rather than as a traceback."""
from __future__ import annotations

import copy
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)
_KEPT: dict[tuple[str, str], object] = {}
_SAID: set[str] = set()


def kept_model(folder: str | os.PathLike, spec: str, name: str | None):
    """This process's model for the cache entry ``folder`` and ``spec``, labelled ``name``; None if none."""
    model = _KEPT.get((os.fspath(folder), spec))
    if model is None:
        return None
    other = copy.copy(model)  # the vectors are shared, read-only; only the label differs
    other.info = model.info.renamed(name or spec)
    return other


def keep_model(folder: str | os.PathLike, spec: str, model, why: Exception):
    _KEPT[(os.fspath(folder), spec)] = model
    where = os.fspath(Path(folder).parent)
    if where not in _SAID:
        _SAID.add(where)
        from wordeval.errors import without_cache

        log.warning("%s", without_cache("builder cache", "trained models", why))
    return model
