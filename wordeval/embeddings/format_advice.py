"""How a loader's error names ``--format``: a file read under the format it was detected as was told "or no
--format to detect it" by advice written for a forced format, though the user had given none. The loader says
which case it is in (``format_given``); a parser called directly was given its format by the caller."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

_GIVEN: ContextVar[bool] = ContextVar("wordeval_format_given", default=True)


@contextmanager
def format_given(given: bool) -> Iterator[None]:
    token = _GIVEN.set(given)
    try:
        yield
    finally:
        _GIVEN.reset(token)


def was_given() -> bool:
    return _GIVEN.get()


def try_format(other: str) -> str:
    """The advice to read the file as ``other``: the other choice to a user who gave a --format; to one who
    gave none, that the format was detected and which --format to pass."""
    if was_given():
        return f"--format {other}, or no --format to detect it"
    return f"no --format was given, and the format detected may be wrong: pass --format {other}"
