"""Sentence-pair (STS) files: ``sentence1<TAB>sentence2<TAB>score`` (embeddix's copies of the SemEval sets),
or any column layout through ``columns`` (SentEval/SICK-style ``score<TAB>s1<TAB>s2``, STS-B's seven columns)."""
from __future__ import annotations

import os
from typing import Mapping, Sequence

from wordeval.datasets.textio import iter_lines, parse_float, split_record, with_decimal_point
from wordeval.datasets.types import SentencePair
from wordeval.datasets.validate import check_distinct_files, check_nonempty, check_scores_vary, duplicate_warning
from wordeval.errors import ConfigError, InputFormatError

_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";"}


def parse_sts(path: str | os.PathLike, *, subsets: Sequence[tuple[str, int]] | None = None,
              columns: Sequence[int] | None = None, n_columns: int | None = None, sep: str = "tab",
              header: bool = False, comment: str | None = None, encoding: str = "utf-8",
              subset: str = "all", decimal: str = ".") -> list[SentencePair]:
    """``subsets`` gives (name, number of lines) in file order, because the combined SemEval files do not
    name the subset of each line; without it every pair gets ``subset``. ``columns`` = (sentence1,
    sentence2, score) indices; without it the file must have exactly 3 columns in that order.
    ``n_columns``: the exact number of columns (default: 3 without ``columns``, else at least enough)."""
    if sep not in _SEPARATORS:
        raise ConfigError(f"{os.fspath(path)}: sep={sep!r}: expected one of {', '.join(_SEPARATORS)} "
                          "(sentences contain spaces)")
    if columns is None:
        i1, i2, iscore = 0, 1, 2
        n_columns = 3 if n_columns is None else n_columns
    else:
        i1, i2, iscore = columns
    need = max(i1, i2, iscore) + 1
    want = f"{n_columns} {sep}-separated columns" if n_columns else f"at least {need} {sep}-separated columns"
    if columns is None and n_columns == 3:
        want = "3 tab-separated columns (sentence, sentence, score)" if sep == "tab" else want
    rows = []
    skip_header = header
    for lineno, line in iter_lines(path, encoding=encoding):
        if not line.strip() or (comment and line.startswith(comment)):
            continue
        if skip_header:
            skip_header = False
            continue
        fields = split_record(line, sep, path, lineno)
        if (n_columns and len(fields) != n_columns) or len(fields) < need:
            raise InputFormatError(path, lineno, want, f"{len(fields)}")
        s1, s2 = fields[i1].strip(), fields[i2].strip()
        if not s1 or not s2:
            raise InputFormatError(path, lineno, "two non-empty sentences", repr(line[:60]))
        score = parse_float(with_decimal_point(fields[iscore].strip(), decimal), path, lineno, "an STS score")
        rows.append((s1, s2, score))
    if subsets is None:
        return [SentencePair(a, b, s, subset) for a, b, s in rows]
    expected = sum(n for _, n in subsets)
    if len(rows) != expected:
        raise InputFormatError(path, None, f"{expected} sentence pairs", f"{len(rows)} (truncated?)")
    labels = [name for name, n in subsets for _ in range(n)]
    return [SentencePair(a, b, s, sub) for (a, b, s), sub in zip(rows, labels)]


def read_sts(paths: Mapping[str, os.PathLike], *, subsets=None, **options) -> tuple[dict, dict]:
    """Reader. Built-in specs name their one file ``pairs`` (split "test", ``subsets`` by line range); a
    user's spec names each file by its split. Refuses an empty split and constant gold scores."""
    check_distinct_files(paths)
    keyed = {("test" if key == "pairs" else key): path for key, path in paths.items()}
    subsets = tuple(map(tuple, subsets)) if subsets is not None else None
    splits = {split: parse_sts(path, subsets=subsets, **options) for split, path in keyed.items()}
    check_nonempty(splits, keyed)
    check_scores_vary(splits, keyed, "STS scores")
    extra: dict = {"subsets": dict(subsets)} if subsets is not None else {}
    if options.get("columns") is not None:
        extra["columns"] = dict(zip(("sentence1", "sentence2", "score"), options["columns"]))
    warnings = [w for split, items in splits.items()
                if (w := duplicate_warning(items, lambda p: (p.sentence1, p.sentence2), "sentence pairs", split))]
    if warnings:
        extra["warnings"] = warnings
    return splits, extra
