"""A skip reason's paths as the report prints them: relative to the folders the variables name. A reason is
an error message of the machine that ran the task ("put it at /tmp/ec10/datasets/rg65/EN-RG-65.txt"), and
the Skipped section printed that machine's folders to every reader of the report."""
from __future__ import annotations

import os
import re

from wordeval.paths import data_home_variable

# where wordeval.datasets.sources puts a download: <cache home>/datasets/<dataset>/<file>; the cache home is the
# part before "datasets/<dataset>/" of an absolute path (POSIX or Windows) that starts a word
_CACHE_LAYOUT = re.compile(r"(?<![^\s(\"'])(?:[A-Za-z]:)?[/\\][^\s\"']*?[/\\](datasets[/\\][^/\\\s]+[/\\])")


def portable_reason(reason: str) -> str:
    """``reason`` with each data home WORDEVAL_DATA names written $WORDEVAL_DATA and each download place of
    the dataset cache written $WORDEVAL_CACHE/datasets/...; other text is left as it is."""
    for home in sorted(data_home_variable(), key=len, reverse=True):  # the longest first: one inside another
        home = os.path.expanduser(home).rstrip("/\\")
        if len(home) > 1:
            reason = re.sub(re.escape(home) + r"(?=[/\\]|$|\s)", "$WORDEVAL_DATA", reason)
    # a reason names its dataset first ("rg65: ..."), and the cache keeps it in datasets/<that name>/: a data
    # home that is itself a folder named datasets (~/datasets/seq/conll2003/...) was written as the cache
    named = re.match(r"([\w.-]+): ", reason)

    def cache_place(m: re.Match) -> str:
        if named and re.split(r"[/\\]", m.group(1))[1] != named.group(1):
            return m.group(0)
        return "$WORDEVAL_CACHE/" + m.group(1).replace("\\", "/")

    return _CACHE_LAYOUT.sub(cache_place, reason)
