"""Relative paths of a run, made absolute on the client before its cells go to the workers.

A command names its files as typed (``mine=vectors.txt``, ``--vocab words.txt``, ``--data-home data``),
relative to the directory it ran in. A worker resolves what it is sent against its own directory: one started
elsewhere (``dask worker`` on another node, or in another folder) answered "vectors.txt: no such embedding
file" for a file the client had just read, so a command that ran serially failed under ``--scheduler``. Labels
are kept as written: a label is part of every request key, and an unlabelled file's label is its spec."""
from __future__ import annotations

import os
from dataclasses import replace
from typing import Any, Sequence

from wordeval.embeddings.load import PATH_OPTIONS


def _absolute(path: str) -> str:
    return os.path.abspath(path) if os.path.exists(path) and not os.path.isabs(path) else path


def _names() -> frozenset:
    """The names the path options know besides paths: they win over a file of that name, serially too, and
    stay as written."""
    from wordeval.embeddings.bert_support import PACKAGED_MODEL_NAMES
    from wordeval.embeddings.corpus import NAMED_CORPORA

    return frozenset(NAMED_CORPORA) | frozenset(PACKAGED_MODEL_NAMES)


def _spec_paths_absolute(spec: str) -> str:
    """``spec`` with each relative path its options name absolute: ``lsa:corpus=c.txt`` typed in the corpus's
    folder was "c.txt: corpus file not found" on a worker started elsewhere, and ``bert:model=m`` was looked
    up there as a hub id."""
    if os.path.exists(spec):
        return _absolute(spec)
    head, colon, args = spec.partition(":")
    if not colon:
        return spec
    parts, names = [], _names()
    for part in args.split(","):
        key, eq, value = part.partition("=")
        if eq and key.strip() in PATH_OPTIONS and value.strip() not in names:
            part = f"{key}={_absolute(value)}"
        parts.append(part)
    return f"{head}:{','.join(parts)}"


def for_workers(cells: Sequence) -> list:
    """``cells`` with each file spec, path in a spec's options and ``vocab`` load option absolute (a registered
    id or named corpus is no path here and stays as it is)."""
    reps: dict[Any, Any] = {}
    out = []
    for cell in cells:
        rep = cell.rep
        if rep not in reps:
            options = tuple((k, _absolute(v) if k == "vocab" and isinstance(v, str) else v)
                            for k, v in rep.options)
            reps[rep] = replace(rep, label=rep.name, intrinsic=_spec_paths_absolute(rep.intrinsic),
                                extrinsic=_spec_paths_absolute(rep.extrinsic), options=options)
        out.append(replace(cell, rep=reps[rep]))
    return out


def data_home_for_workers(data_home):
    """The data homes (one, a list, or None) as the client resolves them (``paths.data_homes``: ``~`` expanded,
    relative ones made absolute; os.path.abspath made '~/data' a folder named '~' in the client's folder). None
    is the client's ``WORDEVAL_DATA``, sent as its folders: a worker read its own variable, so a worker started
    without it skipped a cell the client had planned ("no data home"), and one with another home or none scored
    a built-in task from another source (a package's copy) than the serial run names in its records. A client
    without any is ``NO_DATA_HOMES``, not None, for the same reason."""
    from wordeval.paths import NO_DATA_HOMES, data_homes

    return [str(h) for h in data_homes(data_home)] or NO_DATA_HOMES
