"""An argument of one kind given where another kind goes: a task as EMBEDDING, a representation after
``--tasks``, a task spec as a vector file, a task of the other command. The errors said only what the argument
was not ("no such embedding file", "unknown task 'glove-6b-50d'; known: <33 names>"); these hints say what it
is and where it goes. Each reads names only, or a spec file that already failed to load as vectors, so an
argument in its right place costs nothing."""
from __future__ import annotations

import os

from wordeval.readable_text import quoted

# a task spec is a few hundred bytes; a vector file that failed to parse may be gigabytes: never read those
_SPEC_BYTES = 1 << 20


def runs_family(family: str) -> str:
    """The command that runs a task of ``family``."""
    from wordeval.tasks.families import FAMILIES
    return f"wordeval {FAMILIES[family].kind}" if family in FAMILIES else "wordeval run"


def task_named(text: str) -> str | None:
    """What ``text`` is among the tasks, as prose ('a similarity task', 'a task family'), or None."""
    from wordeval.registry import REGISTRY
    from wordeval.tasks.families import FAMILIES, a_family

    if text in FAMILIES:
        return "a task family"
    if text in REGISTRY.names("task"):
        return f"{a_family(text.partition('/')[0])} task"
    return None


def _family_of(text: str) -> str:
    return text if "/" not in text else text.partition("/")[0]


def task_as_embedding(source: str) -> str | None:
    """The hint for a task (or family) name given as EMBEDDING, or None when ``source`` names none."""
    what = task_named(source)
    if what is None:
        return None
    return (f"{source} is {what}, and tasks go after --tasks "
            f"({runs_family(_family_of(source))} EMBEDDING... --tasks {source}; wordeval run takes it too)")


def task_for_info(source: str) -> str | None:
    """``wordeval info TASK``: info reads one representation, and takes no --tasks."""
    what = task_named(source)
    if what is None:
        return None
    check = f"; its data: wordeval datasets check {source}" if "/" in source else ""
    return (f"{source} is {what}, and wordeval info reads one representation (score one on it: "
            f"{runs_family(_family_of(source))} EMBEDDING... --tasks {source}{check})")


def representation_as_task(name: str, command: str = "wordeval run") -> str | None:
    """The hint for a representation (a registered id, a builder spec, ``LABEL=`` one) given as a task."""
    from wordeval.embeddings.load import split_label
    from wordeval.registry import REGISTRY

    name = os.fspath(name)
    if name.endswith(".toml") or name in REGISTRY.names("task"):
        return None
    _, source = split_label(name)
    if source.partition(":")[0] not in REGISTRY.names("embedding") or os.path.lexists(source):
        return None
    return (f"{name} is a representation, not a task: a representation is given before the options, as "
            f"EMBEDDING ({command} {name} --tasks TASK...)")


def task_spec_as_embedding(path) -> str | None:
    """The hint for a task spec (TOML naming ``name`` and ``family``) read as a vector file, or None. Called only
    once the vector reader has refused the file."""
    import tomllib

    try:
        if os.path.getsize(path) > _SPEC_BYTES:
            return None
        with open(path, "rb") as f:
            spec = tomllib.load(f)
    except (OSError, ValueError):  # unreadable, not TOML, not UTF-8: the reader's own error stands
        return None
    name, family = spec.get("name"), spec.get("family")
    if not isinstance(name, str) or not isinstance(family, str):
        return None
    path = os.fspath(path)
    return (f"{path}: a task spec (name = {quoted(name)}, family = {quoted(family)}), not an embedding file: "
            f"tasks go after --tasks ({runs_family(family)} EMBEDDING... --tasks {path})")
