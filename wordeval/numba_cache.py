"""numba's ``njit(cache=True)`` where numba has somewhere to keep its cache, a plain ``njit`` where it has not."""
from __future__ import annotations

from numba import njit


def cached_njit(**options):
    """``njit(cache=True, **options)``. numba keeps its cache beside the module (``__pycache__``), else in the
    user's cache folder (``~/.cache/numba``), else in ``NUMBA_CACHE_DIR``; where none can be written (a
    read-only install run by a user whose home is read-only or missing) the decorator raised RuntimeError
    "no locator available" as the module was imported: every analogy and Brown run was a traceback, after
    the store had been created. There the function is compiled once per process instead."""
    def decorate(function):
        try:
            return njit(cache=True, **options)(function)
        except RuntimeError as exc:
            if "no locator available" not in str(exc):
                raise
            return njit(**options)(function)
    return decorate
