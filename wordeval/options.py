"""The one option parser/validator: converters that turn a user's value (a string from a spec such as
``word2vec:corpus=news,window=5``, a TOML value, a CLI argument or a Python value) into a checked value,
or a ``ConfigError`` that names the option, the value and what was expected.

A schema is a mapping ``name -> (converter, default)``; :func:`parse_options` applies it and rejects
unknown names with the list of known ones. :func:`cli_type` adapts a converter for argparse so the command
line and the library accept and refuse exactly the same values.
"""
from __future__ import annotations

import math
import sys
from typing import Any, Callable, Iterable, Mapping

from wordeval.errors import ConfigError

Converter = Callable[[Any, str], Any]
Schema = Mapping[str, tuple[Converter, Any]]

# numpy's legacy seeding and scikit-learn's random_state take seeds below 2**32: a larger --seed stopped a
# classification cell with a traceback (and one of 2**63 or more every cell, at the store's integer column)
MAX_SEED = 2 ** 32 - 1
# row numbers are int64 (numpy, the store's integers): --restrict-vocab 2**64 was taken and recorded as a
# limit no vocabulary can reach; below this, a value above a vocabulary's size keeps its every row
MAX_ROWS = 2 ** 63 - 1
# a record's own seeds (n_seeds) are trained one after another, as --seeds N runs N records: n_seeds = 2**32
# was taken and trained for ever
MAX_N_SEEDS = 1000
# crfsuite's iteration limit, torch's thread count and k-means' cluster count are C ints
INT32_MAX = 2 ** 31 - 1

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def integer(lo: int | None = None, hi: int | None = None) -> Converter:
    """An integer within [lo, hi]; strings are parsed, booleans and non-integral floats refused."""
    def conv(value: Any, key: str) -> int:
        try:
            if isinstance(value, bool):
                raise ValueError
            if isinstance(value, float):
                if not value.is_integer():
                    raise ValueError
                out = int(value)
            else:
                out = int(str(value).strip())
        except (TypeError, ValueError, OverflowError):
            raise ConfigError(f"{key}={value!r}: expected an integer") from None
        if lo is not None and out < lo:
            raise ConfigError(f"{key}={value!r}: expected an integer >= {lo}")
        if hi is not None and out > hi:
            raise ConfigError(f"{key}={value!r}: expected an integer <= {hi}")
        return out
    return conv


def number(lo: float | None = None, hi: float | None = None, *, lo_open: bool = False,
           hi_open: bool = False) -> Converter:
    """A finite float within the interval (open or closed at each end as asked)."""
    def conv(value: Any, key: str) -> float:
        try:
            if isinstance(value, bool):
                raise ValueError
            out = float(str(value).strip()) if isinstance(value, str) else float(value)
        except (TypeError, ValueError, OverflowError):
            raise ConfigError(f"{key}={value!r}: expected a number") from None
        bad = not math.isfinite(out)
        if lo is not None:
            bad |= out <= lo if lo_open else out < lo
        if hi is not None:
            bad |= out >= hi if hi_open else out > hi
        if bad:
            raise ConfigError(f"{key}={value!r}: expected a finite number {_range_words(lo, hi, lo_open, hi_open)}")
        return out
    return conv


def _range_words(lo, hi, lo_open: bool, hi_open: bool) -> str:
    """'in [0, 1)', 'above 0', 'at most 5': a one-sided range was written '(0, inf]', which no finite number
    reaches at inf."""
    if lo is not None and hi is not None:
        return f"in {'(' if lo_open else '['}{lo}, {hi}{')' if hi_open else ']'}"
    if lo is not None:
        return f"above {lo}" if lo_open else f"of at least {lo}"
    if hi is not None:
        return f"below {hi}" if hi_open else f"of at most {hi}"
    return ""


def boolean(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    # the spellings from _TRUE and _FALSE: '(1/0, yes/no)' left out true/false and on/off, read as well
    raise ConfigError(f"{key}={value!r}: expected true or false ({'/'.join(_TRUE)} or {'/'.join(_FALSE)})")


def close_hint(given: Iterable[Any], known: Iterable[Any]) -> str:
    """'; did you mean 'window'?' for the typos among ``given`` (case aside), else ''. The known names fill a
    long line: ``windw=5`` or ``DIM=50`` was left to be found in it by eye."""
    from wordeval.close_names import close_names

    known = [str(k) for k in known]
    close = [c[0] for g in given if (c := close_names(str(g), known, n=1))]
    return f"; did you mean {' or '.join(repr(c) for c in dict.fromkeys(close))}?" if close else ""


def flag_argument(value: Any, key: str) -> bool:
    """A boolean keyword of the Python API: True or False (a numpy bool too). Nothing else, not even 1/0 or
    "no", which ``boolean`` reads for the command line and spec strings: ``if keep_going`` took
    keep_going="no" as true, and the run went on past its errors."""
    numpy = sys.modules.get("numpy")  # a numpy bool exists only where numpy is imported: no import here
    if isinstance(value, bool) or (numpy is not None and isinstance(value, numpy.bool_)):
        return bool(value)
    raise ConfigError(f"{key}: expected True or False (a bool), got {type(value).__name__} {value!r:.60}")


def typed(conv: Converter, expected: str) -> Converter:
    """``conv`` for a keyword of the Python API, where a text is not a number: the converters parse strings
    for the command line and spec strings, so n_boot="100" or restrict_vocab="5" was taken as a number."""
    def wrapped(value: Any, key: str) -> Any:
        if isinstance(value, (str, bytes)):
            raise ConfigError(f"{key}: expected {expected}, got {type(value).__name__} {value!r:.60}")
        return conv(value, key)
    return wrapped


def integer_argument(lo: int | None = None, hi: int | None = None, expected: str = "an integer") -> Converter:
    """An integer keyword of the Python API: an int (or a numpy integer) within [lo, hi], as ``integer``
    checks it for the command line. ``integer`` also reads a whole float, which TOML and ``--set`` write as
    5.0, so n_boot=100.0 or seed=1.0 ran as 100 and 1 where the command line refused --n-boot 100.0."""
    import numbers

    conv = integer(lo, hi)

    def checked(value: Any, key: str) -> int:
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise ConfigError(f"{key}: expected {expected}, got {type(value).__name__} {value!r:.60}")
        return conv(value, key)
    return checked


def choice(*options: str) -> Converter:
    def conv(value: Any, key: str) -> str:
        text = str(value).strip() if isinstance(value, str) else value
        if text not in options:
            raise ConfigError(f"{key}={value!r}: expected one of {', '.join(map(str, options))}"
                              + close_hint([value], options))
        return text
    return conv


def text(value: Any, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}={value!r}: expected a non-empty string")
    return value


def optional(conv: Converter, *, none: Iterable[str] = ("", "none", "all", "null")) -> Converter:
    """``conv`` or None (None itself, or one of the ``none`` spellings in a string)."""
    spellings = tuple(none)

    def wrapped(value: Any, key: str) -> Any:
        if value is None or (isinstance(value, str) and value.strip().lower() in spellings):
            return None
        return conv(value, key)
    return wrapped


def device(value: Any, key: str) -> str:
    """auto | cpu | cuda | cuda:N (whether the device is present is checked where it is used)."""
    d = str(value).strip().lower()
    if d not in ("auto", "cpu", "cuda") and not (d.startswith("cuda:") and d[5:].isdigit()):
        raise ConfigError(f"{key}={value!r}: expected auto, cpu, cuda or cuda:N")
    return d


def list_of(conv: Converter, *, min_len: int = 1) -> Converter:
    def wrapped(value: Any, key: str) -> list:
        if isinstance(value, str):
            value = [v for v in value.split(";") if v.strip()] if ";" in value else [value]
        if not isinstance(value, (list, tuple)) or len(value) < min_len:
            raise ConfigError(f"{key}={value!r}: expected a list of at least {min_len} value(s)")
        return [conv(v, f"{key}[{i}]") for i, v in enumerate(value)]
    return wrapped


def parse_options(owner: str, values: Mapping[str, Any] | None, schema: Schema, *,
                  partial: bool = False) -> dict[str, Any]:
    """Apply ``schema`` to ``values``. Unknown keys are a ConfigError naming ``owner`` and the known keys.
    With ``partial`` only the given keys are returned (no defaults filled in)."""
    values = dict(values or {})
    unknown = sorted(set(values) - set(schema))
    if unknown:
        known = ", ".join(sorted(schema))
        raise ConfigError(f"{owner}: unknown option(s) {', '.join(unknown)}; known: {known}"
                          + close_hint(unknown, schema))
    out = {}
    for key, (conv, default) in schema.items():
        if key in values:
            out[key] = conv(values[key], key)
        elif not partial:
            out[key] = default
    return out


def cli_type(conv: Converter, name: str) -> Callable[[str], Any]:
    """An argparse ``type=`` that refuses exactly what the library refuses, with the library's message."""
    import argparse

    def parse(value: str) -> Any:
        try:
            return conv(value, name)
        except ConfigError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    parse.__name__ = name.lstrip("-").replace("-", "_")
    return parse
