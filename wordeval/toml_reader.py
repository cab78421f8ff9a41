"""TOML parsing for task spec files and ``--set`` values.

``tomllib`` is in the standard library from Python 3.11 only; on 3.10 its original, ``tomli`` (declared as a
dependency for ``python_version < "3.11"``), has the same API, the same errors and the same messages
("... (at line N, column M)", whose line number the spec reader quotes).
"""
from __future__ import annotations

try:
    import tomllib as _toml
except ModuleNotFoundError:  # Python 3.10
    import tomli as _toml

loads = _toml.loads
TOMLDecodeError = _toml.TOMLDecodeError

__all__ = ["loads", "TOMLDecodeError"]
