"""The one rule for comment lines in files whose data may start with the comment prefix: word pairs, CoNLL
column files, STS and classification files (a hashtag word, a tweet's token or text starting with '#').

A line starting with the prefix is a comment only when it does not read as a record of the file's layout, so
one '# source: ...' line cannot take hashtag items out of the gold data; where the spec names no prefix, '#'
is one only if some '#' line of the sniffed sample cannot be a record (said in a note). Each family says what
reads as its record; the reader and the sniffer ask the same function, so the note and the reading agree.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

SNIFFED_PREFIX = "#"


def is_comment(line: str, comment: str | None, reads_as_record: Callable[[str], bool]) -> bool:
    return bool(comment) and line.startswith(comment) and not reads_as_record(line)


class CommentLines:
    """``skipped(line)``: whether ``line`` is a comment (``is_comment``), counting those it says yes to in
    ``count`` (a reader's ``comment_lines`` statistic)."""

    def __init__(self, comment: str | None, reads_as_record: Callable[[str], bool]):
        self.comment, self.reads_as_record, self.count = comment, reads_as_record, 0

    def skipped(self, line: str) -> bool:
        if not is_comment(line, self.comment, self.reads_as_record):
            return False
        self.count += 1
        return True


def sniffed_comment(path: Path, lines: Iterable[tuple[int, str]], hint: str | None,
                    reads_as_record: Callable[[str], bool], notes: list[str], records: str) -> str | None:
    """The ``comment`` option of a file: the spec's ``hint``, else '#' where one of the sample's ``lines``
    starting with it cannot be one of the ``records`` (a plural noun for the note), else None."""
    if hint is not None:
        return hint
    if not any(is_comment(line, SNIFFED_PREFIX, reads_as_record) for _, line in lines):
        return None
    from wordeval.datasets.sniff import path_name

    notes.append(f"{path_name(path)}: lines starting with '#' are comments unless they read as {records} "
                 "(set comment to change)")
    return SNIFFED_PREFIX


def comment_for_all(results: list, reader: str) -> list:
    """``results`` ((path, reader name, options) per file of a dataset) with a file's sniffed prefix on every
    file of ``reader``'s: a test file with a '# tweet id' line beside a train file without one was refused as
    another layout. The rule keeps every line that reads as a record, so a file without comments reads the
    same under it."""
    prefixes = {opts.get("comment") for _, name, opts in results if name == reader} - {None}
    if len(prefixes) != 1:
        return results
    (prefix,) = prefixes
    return [(p, name, {**opts, "comment": prefix} if name == reader else opts) for p, name, opts in results]
