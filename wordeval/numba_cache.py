"""numba's ``njit(cache=True)`` where numba has somewhere to keep its cache, else in wordeval's own cache
folder, a plain ``njit`` only where neither can be written."""
from __future__ import annotations

import contextlib

from numba import njit

from wordeval.errors import WordevalError


def cached_njit(**options):
    """``njit(cache=True, **options)``. numba keeps its cache in ``NUMBA_CACHE_DIR``, else beside the module
    (``__pycache__``), else in the user's cache folder (``~/.cache/numba``); where none can be written (a
    read-only install run by a user whose home is read-only or missing) the decorator raised RuntimeError
    "no locator available" as the module was imported. There the cache goes under wordeval's cache folder
    (``WORDEVAL_CACHE/numba``), which such a user sets to run anything; compiling once per process instead
    cost every analogy and Brown run 20-40 s. Only where that cannot be written either is the function
    compiled per process."""
    def decorate(function):
        compiled = _cached(function, options)
        folder = None if compiled is not None else _wordeval_numba_folder()
        if folder is not None:
            with _numba_cache_dir(folder):
                compiled = _cached(function, options)
        return compiled if compiled is not None else njit(**options)(function)
    return decorate


def _cached(function, options):
    """``njit(cache=True)`` of ``function``, or None where numba finds no place for its cache."""
    try:
        return njit(cache=True, **options)(function)
    except RuntimeError as exc:
        if "no locator available" not in str(exc):
            raise
        return None


def _wordeval_numba_folder() -> str | None:
    from wordeval.paths import cache_home

    try:
        # numba's locator creates the folder and checks that it can write there (else: no locator)
        return str(cache_home(create=False) / "numba")
    except (WordevalError, OSError):  # no cache folder can be named (no home, a blank variable)
        return None


@contextlib.contextmanager
def _numba_cache_dir(folder: str):
    """numba's NUMBA_CACHE_DIR (read once, at numba's import) set to ``folder`` while one function is
    decorated: its locator takes the path then. NUMBA_CACHE_LOCATOR_CLASSES, where numba has it, names only
    that locator meanwhile: the others have just found no place, or were left out by the user's own setting."""
    from numba.core import config

    saved = {name: getattr(config, name) for name in ("CACHE_DIR", "CACHE_LOCATOR_CLASSES") if hasattr(config, name)}
    config.CACHE_DIR = folder
    if "CACHE_LOCATOR_CLASSES" in saved:
        config.CACHE_LOCATOR_CLASSES = "numba.core.caching.UserProvidedCacheLocator"
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(config, name, value)
