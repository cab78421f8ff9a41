"""QVEC oracle files (Tsvetkov et al. 2015): one word per line, ``word<TAB>{"feature": value, ...}``.

The distributed oracles (``semcor_noun_verb.supersenses.en``, ``ptb.pos_tags``) hold, per word, the
distribution of its supersenses / PTB tags. The reference scripts disagree on a word listed twice
(``qvec.py`` overwrites feature by feature, ``qvec_cca.py`` adds the values), and ``qvec_cca.py`` silently
drops a word with an empty feature object; neither case occurs in the distributed files, so both are
rejected here with the line, instead of picking one script's behaviour.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass

import numpy as np

from wordeval.artifacts import sha256_file
from wordeval.datasets.textio import ASCII_BLANK_CHARS, iter_lines, split_blanks
from wordeval.errors import InputFormatError


@dataclass(frozen=True, eq=False)
class Oracle:
    """A linguistic feature matrix: one row per word, one column per feature.

    ``words`` are in file order; ``features`` in order of first appearance in the file (the column order
    of the reference ``qvec.py``, which decides ties in the column alignment); ``matrix`` is float64
    ``(len(words), len(features))``, read-only, 0 where a word lacks a feature. ``sha256`` is the file's.
    """

    path: str
    words: tuple[str, ...]
    features: tuple[str, ...]
    matrix: np.ndarray
    sha256: str

    @property
    def index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.words)}

    def __repr__(self) -> str:
        name = os.path.basename(self.path)
        return f"Oracle({name!r}, words={len(self.words)}, features={len(self.features)})"


class _Pairs(list):
    """A JSON object as its ``(key, value)`` pairs: keeps the file's key order (the alignment's tie order)
    and lets a repeated key be detected, which ``dict`` would silently collapse."""


def read_oracle(path: str | os.PathLike, *, encoding: str = "utf-8") -> Oracle:
    """Parse one oracle file. Blank lines are skipped; everything else must be ``word<TAB>JSON object``
    (blanks at the line's ends aside, as the reference scripts strip them)
    with at least one feature, finite numeric values, and each word and each feature (within a line) once.
    ``encoding``: a user spec's ``encoding`` key (the distributed oracles are UTF-8)."""
    words: list[str] = []
    first_line: dict[str, int] = {}
    features: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip():
            continue
        # the reference scripts split line.strip() at tabs: a tab or spaces after the JSON object (or before
        # the word) are no field; stripped at ASCII blanks only, as split_blanks splits the word below
        fields = line.strip(ASCII_BLANK_CHARS).split("\t")
        if len(fields) != 2:
            raise InputFormatError(path, lineno, "'word<TAB>{json object}' (2 tab-separated fields)",
                                   f"{len(fields)} fields")
        # Split at ASCII blanks only, as the other readers do: a no-break space inside a word ('10\u00a0000')
        # is part of it, and an oracle must match the vocabulary those readers produce.
        word_parts, blob = split_blanks(fields[0]), fields[1].strip()
        if len(word_parts) != 1:
            raise InputFormatError(path, lineno, "one non-empty word without spaces or tabs",
                                   repr(fields[0][:40]))
        word = word_parts[0]
        if word in first_line:
            raise InputFormatError(path, lineno,
                                   f"each word once ({word!r} is already on line {first_line[word]})")
        try:
            pairs = json.loads(blob, object_pairs_hook=_Pairs)
        except ValueError as exc:
            raise InputFormatError(path, lineno, "a JSON object of feature values",
                                   f"invalid JSON ({exc.msg})") from None
        if not isinstance(pairs, _Pairs) or not pairs:
            raise InputFormatError(path, lineno, "a non-empty JSON object of feature values", repr(blob[:40]))
        seen: set[str] = set()
        row = len(words)
        for name, value in pairs:
            if name in seen:
                raise InputFormatError(path, lineno, f"each feature once per word ({name!r} repeats)")
            seen.add(name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise InputFormatError(path, lineno, f"a finite number for feature {name!r}", repr(value))
            rows.append(row)
            cols.append(features.setdefault(name, len(features)))
            vals.append(float(value))
        first_line[word] = lineno
        words.append(word)
    if not words:
        raise InputFormatError(path, None, "at least one 'word<TAB>{json object}' line", "an empty file")
    matrix = np.zeros((len(words), len(features)), dtype=np.float64)
    matrix[rows, cols] = vals
    matrix.setflags(write=False)
    return Oracle(path=os.fspath(path), words=tuple(words), features=tuple(features), matrix=matrix,
                  sha256=sha256_file(path))


def read_oracle_dataset(paths, **options) -> tuple[dict, dict]:
    """Reader: the oracle's words are the items of its split (a built-in's ``oracle`` file is "test", a user
    spec's file key names it); the Oracle itself goes to the metadata."""
    (key, path), = paths.items()
    oracle = read_oracle(path, **options)
    split = "test" if key == "oracle" else key
    return {split: list(oracle.words)}, {"oracle": oracle, "features": list(oracle.features)}
