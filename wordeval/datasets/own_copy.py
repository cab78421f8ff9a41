"""What to tell whoever holds a copy of a built-in dataset that is not the pinned one (another release, CRLF
line ends, the -DOCSTART- lines taken out): it cannot be the built-in task, whose records and published
figures mean those very bytes, but it can be scored as a task of their own, whose record carries the copy's
sha256 under a name of its own. The refusal said only that the bytes differ, and the user was left without a
way forward (CoNLL-2003 and CoNLL-2000 are licensed: a user's copy is often the only one they have).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from wordeval.datasets.spec import DatasetSpec, Source

_SPLITS = ("train", "dev", "test", "all")


def own_task_advice(spec: DatasetSpec, source: Source, paths: dict[str, Path]) -> str:
    """One clause naming the spec file that scores ``paths`` as the user's own task (README "Your own
    benchmark"): the family, a name other than the built-in one, and the files under their keys."""
    return (f"to score this copy anyway, give --tasks a spec file of your own task (README \"Your own "
            f"benchmark\") with family = \"{spec.family}\", a name other than \"{spec.name}\" and "
            f"{_files_entry(spec, source, paths)}")


def _files_entry(spec: DatasetSpec, source: Source, paths: dict[str, Path]) -> str:
    if source.reader == "bats":  # one pinned file per relation: the user's task reads the folder holding them
        folder = os.path.commonpath([str(p.parent.parent) for p in paths.values()])
        return f"files = {{test = {_quoted(folder)}}}"
    if any("/" in key for key in paths):  # a file per class ("all/neg"): a user's [classes] neg = file
        return "classes = {" + ", ".join(f"{key.partition('/')[2]} = {_quoted(p)}"
                                         for key, p in paths.items()) + "}"
    # a built-in's key for its one file ("pairs", "questions", "oracle") is no split: a user's key is the
    # split the file scores, test for an intrinsic task
    return "files = {" + ", ".join(f"{key if key in _SPLITS else 'test'} = {_quoted(p)}"
                                   for key, p in paths.items()) + "}"


def _quoted(path) -> str:
    # a TOML basic string takes JSON's escapes: a path with a quote or a backslash (Windows) pastes as it is
    return json.dumps(str(Path(path).absolute()), ensure_ascii=False)
