"""The error hierarchy. Every error a user can cause is a WordevalError: the CLI prints its message
as one line and exits with code 2. Messages name the file and line and say what was expected."""
from __future__ import annotations

import os

from wordeval.url_credentials import hide_credentials


class WordevalError(Exception):
    """Base class of every error caused by input, options or environment (not by a bug)."""

    exit_code = 2

    def __init__(self, *args):
        # a URL in the message may hold a password or token (pip's index-url, a spec's mirror): never shown
        super().__init__(*(hide_credentials(a) if isinstance(a, str) else a for a in args))


class InputFormatError(WordevalError, ValueError):
    """A file does not have the expected format. Formats as ``path:line: expected X, got Y``.

    A binary file's records are no lines: ``record`` (1-based) and ``offset`` (its byte offset in the file;
    ``uncompressed``: in the decompressed data) name the place instead, as ``path: record N at byte offset
    B: expected X`` (``x.bin:5:`` was read as a line of a file that has none)."""

    def __init__(self, path, line: int | None, expected: str, got: str | None = None, *,
                 record: int | None = None, offset: int | None = None, uncompressed: bool = False):
        self.path = os.fspath(path) if path is not None else "<input>"
        self.line = line
        self.expected = expected
        self.got = got
        self.record, self.offset, self.uncompressed = record, offset, uncompressed
        msg = f"{self.where()}: expected {expected}"
        if got is not None:
            msg += f", got {got}"
        super().__init__(msg)

    def where(self) -> str:
        """The file and the place in it, as the message starts."""
        if self.record is None and self.offset is None:
            return f"{self.path}:{self.line}" if self.line is not None else self.path
        at = [] if self.record is None else [f"record {self.record:,}"]
        if self.offset is not None:
            of = " of the uncompressed data" if self.uncompressed else ""
            at.append(f"byte offset {self.offset:,}{of}")
        return f"{self.path}: {' at '.join(at)}"

    def retold(self, got: str | None, *, expected: str | None = None) -> InputFormatError:
        """This error, at the same place, saying ``got`` (and ``expected``) instead."""
        return InputFormatError(self.path, self.line, self.expected if expected is None else expected, got,
                                record=self.record, offset=self.offset, uncompressed=self.uncompressed)

    def __reduce__(self):
        # pickled by a process pool or a Dask worker and rebuilt in the run: from its own arguments, not from
        # ``args`` (the message), which ``__init__`` does not take
        return _rebuild_input_error, (type(self), (self.path, self.line, self.expected, self.got),
                                      {"record": self.record, "offset": self.offset,
                                       "uncompressed": self.uncompressed})


def _rebuild_input_error(cls, args: tuple, kwargs: dict) -> InputFormatError:
    return cls(*args, **kwargs)


class MissingFileError(WordevalError, FileNotFoundError):
    """A path that must exist does not (or is a directory where a file is needed)."""


class ChecksumError(WordevalError):
    """A file's sha256 differs from the one in its spec."""


class ConfigError(WordevalError, ValueError):
    """An option or parameter has an invalid value."""


class HintError(ConfigError):
    """A reader hint of a user's spec (``header``, ``columns``, ...) that the files cannot take. ``key`` is the
    hint, so that the loader can name the spec file and the hint's line (the sniffer sees only the hints)."""

    def __init__(self, key: str, message: str, entry: str | None = None):
        self.key = key
        self.entry = entry  # a key inside the hint's table (label_map's "7"): its own line is named
        super().__init__(message)

    def __reduce__(self):  # see InputFormatError.__reduce__
        return type(self), (self.key, str(self), self.entry)


class UnknownNameError(ConfigError, KeyError):
    """A registry name that does not exist; the message suggests close matches."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnknownReaderHint(HintError, UnknownNameError):
    """``format = NAME`` in a user's spec naming no reader: an unknown name, reported at the spec's line."""


class NotAvailableError(WordevalError):
    """Something needs an optional dependency, a file that is not here, or the network."""


class NotApplicableError(NotAvailableError):
    """The representation cannot do the task (no word vectors, no candidate words, a pooling its features cannot
    use): skipped as the missing data is (exit code 3), but counted and named apart from it, since fetching
    nothing would make the cell run."""


class OutputError(WordevalError):
    """An output path that may not be written: it exists and is not ours, or the machine refuses
    (disk full, read-only, no permission). Nothing has been written when this is raised."""


class CacheError(OutputError):
    """wordeval's cache (WORDEVAL_CACHE, which no command names as an output) refused a write: ``what`` failed
    and ``todo`` says what to set. Kept apart so that a run that carries on without the cache (``without_cache``)
    says the advice once: quoting the whole message before its own advice named WORDEVAL_CACHE twice."""

    def __init__(self, what: str, todo: str = "set WORDEVAL_CACHE to a writable folder", joiner: str = "; "):
        self.what, self.todo, self.joiner = what, todo, joiner
        super().__init__(f"{what}{joiner}{todo}")

    def __reduce__(self):  # see InputFormatError.__reduce__
        return type(self), (self.what, self.todo, self.joiner)


def without_cache(cache: str, kept: str, why: Exception) -> str:
    """The one line a run says where ``cache`` cannot be written: what failed, that the run carries on with
    ``kept`` in memory, and what to set."""
    what, todo = (why.what, why.todo) if isinstance(why, CacheError) else (str(why), CacheError("").todo)
    return (f"the {cache} cannot be written ({' '.join(what.split())}); the run carries on with {kept} kept in "
            f"memory; to keep them between runs, {todo}")


class NoCacheFolderError(CacheError):
    """No cache folder can be named (no HOME, no home in the password database, neither WORDEVAL_CACHE nor
    XDG_CACHE_HOME): a command that needs the cache stops on it; a lookup takes it as an empty cache."""


class PartialRunError(WordevalError):
    """A run that finished but skipped tasks because their data is not available (exit code 3)."""

    exit_code = 3
