"""Packages that only some representations or learners need (the ``bert`` and ``spacy`` extras)."""
from __future__ import annotations

import importlib
from types import ModuleType

from wordeval.errors import NotAvailableError


def import_optional(module: str, *, extra: str, needed_for: str) -> ModuleType:
    """``module``, or a NotAvailableError naming what needs it and how to install it: a missing or broken
    optional package makes the cells that need it skipped with that reason, not the whole run a traceback."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise NotAvailableError(f"{needed_for} needs the optional package {module} ({exc}): "
                                f"pip install 'wordeval[{extra}]'") from None
