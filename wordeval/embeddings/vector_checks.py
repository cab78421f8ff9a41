"""Checks shared by every file loader, applied after parsing and before an embedding is built.

Policy (documented in the loaders' docstrings and recorded in ``info.parameters``):
- NaN or infinite values: error naming the line (a vector with them poisons every cosine).
- duplicate words: the first occurrence is kept (it is the more frequent one in ranked files), the others
  are dropped with one warning that gives the count.
- all-zero vectors: kept with one warning that gives the count (some files carry a zero padding/unknown
  row); an error only when every vector is zero, because then nothing can be compared.
"""
from __future__ import annotations

import logging
import os
import warnings
from typing import Callable, Sequence

import numpy as np

from wordeval.errors import InputFormatError

log = logging.getLogger(__name__)


class LoaderWarning(UserWarning):
    """Something in an embedding file was repaired or is suspicious (duplicates, zero vectors)."""


def decode_words(raw: Sequence[bytes], *, path, encoding_errors: str, line_of: Callable[[int], int]) -> list[str]:
    """Decode all words in one call; on invalid UTF-8 name the line of the offending word."""
    if encoding_errors not in ("strict", "replace"):
        from wordeval.errors import ConfigError
        raise ConfigError(f"encoding_errors must be 'strict' or 'replace', got {encoding_errors!r}")
    joined = b"\n".join(raw)
    try:
        text = joined.decode("utf-8", errors=encoding_errors)
    except UnicodeDecodeError as exc:
        i = joined.count(b"\n", 0, exc.start)
        bad = joined[exc.start:exc.end]
        raise InputFormatError(path, line_of(i), "UTF-8 text (encoding_errors='replace' or --encoding-errors replace substitutes U+FFFD)",
                               f"invalid byte {bad!r} in word {raw[i][:40]!r}") from None
    words = text.split("\n") if raw else []
    if len(words) != len(raw):  # a decoded word cannot contain '\n', but be safe about it
        raise InputFormatError(path, None, "words without newlines", "a newline inside a word")
    return words


def check_finite(vectors: np.ndarray, *, path, line_of: Callable[[int], int], start_row: int = 0) -> None:
    finite = np.isfinite(vectors).all(axis=1)
    if not finite.all():
        i = int(np.flatnonzero(~finite)[0])
        bad = vectors[i][~np.isfinite(vectors[i])][0]
        raise InputFormatError(path, line_of(start_row + i), "finite numbers", str(float(bad)))


def _first_occurrences(words: list[str]) -> np.ndarray | None:
    """Mask keeping the first occurrence of each word, or None without duplicates.

    Hashes first and builds a dict only over colliding hashes: a dict of 400k words would add ~40 MB
    to the loader's peak memory, which is budgeted at 1.3x the matrix.
    """
    hashes = np.fromiter(map(hash, words), dtype=np.int64, count=len(words))
    ordered = np.sort(hashes)
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]
    if repeated.size == 0:
        return None
    keep = np.ones(len(words), dtype=bool)
    seen: dict[str, int] = {}
    for i in np.flatnonzero(np.isin(hashes, repeated)):
        if seen.setdefault(words[i], int(i)) != i:
            keep[i] = False
    return None if keep.all() else keep


def finish_vectors(words: list[str], vectors: np.ndarray, *, path, line_of: Callable[[int], int],
                   check_values: bool = True) -> tuple[list[str], np.ndarray, dict]:
    """Apply the shared policy; returns (words, vectors, facts for info.parameters)."""
    if len(words) == 0:
        raise InputFormatError(path, None, "at least one vector", "none")
    if check_values:
        for start in range(0, len(words), 65536):
            check_finite(vectors[start:start + 65536], path=path, line_of=line_of, start_row=start)
    facts: dict = {}
    keep = _first_occurrences(words)
    if keep is not None:
        n_dup = int((~keep).sum())
        first = int(np.flatnonzero(~keep)[0])
        warnings.warn(f"{os.fspath(path)}: {n_dup} duplicate word(s) dropped, first occurrence kept "
                      f"(first duplicate {words[first]!r} at line {line_of(first)})", LoaderWarning, stacklevel=3)
        words = [w for w, k in zip(words, keep) if k]
        vectors = vectors[keep]
        facts["duplicates_dropped"] = n_dup
    zero = np.zeros(len(words), dtype=bool)
    for start in range(0, len(words), 65536):
        zero[start:start + 65536] = ~vectors[start:start + 65536].any(axis=1)
    n_zero = int(zero.sum())
    if n_zero == len(words):
        raise InputFormatError(path, None, "at least one non-zero vector", f"all {n_zero} vectors are zero")
    if n_zero:
        warnings.warn(f"{os.fspath(path)}: {n_zero} all-zero vector(s) (first: {words[int(np.flatnonzero(zero)[0])]!r})",
                      LoaderWarning, stacklevel=3)
        facts["zero_vectors"] = n_zero
    return words, vectors, facts
