"""An argument of one kind given where another kind goes: a task as EMBEDDING, a representation after
``--tasks`` or as a dataset name, a task spec as a vector file, a task of the other command. The errors said
only what the argument was not ("no such embedding file", "unknown task 'glove-6b-50d'; known: <33 names>");
these hints say what it is and where it goes. Each reads names only, or a spec file that already failed to
load as vectors, so an argument in its right place costs nothing."""
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
    """``wordeval info TASK``: info reads one representation, and takes no --tasks. None for a registered
    embedding: one registered (Python API) under a task's or family's name is what info reads, not a task."""
    from wordeval.registry import REGISTRY

    if source.partition(":")[0] in REGISTRY.names("embedding"):
        return None
    what = task_named(source)
    if what is None:
        return None
    check = f"; its data: wordeval datasets check {source}" if "/" in source else ""
    return (f"{source} is {what}, and wordeval info reads one representation (score one on it: "
            f"{runs_family(_family_of(source))} EMBEDDING... --tasks {source}{check})")


def _representation(name: str) -> bool:
    """Whether ``name`` is a representation (a registered id, a builder spec, ``LABEL=`` one) and no task."""
    from wordeval.embeddings.load import split_label
    from wordeval.registry import REGISTRY

    if name.endswith(".toml") or name in REGISTRY.names("task"):
        return False
    _, source = split_label(name)
    return source.partition(":")[0] in REGISTRY.names("embedding") and not os.path.lexists(source)


def representation_as_task(name: str, command: str = "wordeval run") -> str | None:
    """The hint for a representation (a registered id, a builder spec, ``LABEL=`` one) given as a task."""
    name = os.fspath(name)
    if not _representation(name):
        return None
    return (f"{name} is a representation, not a task: a representation is given before the options, as "
            f"EMBEDDING ({command} {name} --tasks TASK...)")


def vector_file_as_task(path, command: str = "wordeval run") -> str | None:
    """The hint for a vector file given as a task, which was told "a data file, not a task: describe it in a
    task spec", or None where its first lines do not read as vectors (the format sniffer's bounded read)."""
    from wordeval.embeddings.detect import sniff_vector_file

    kind = sniff_vector_file(path)
    if kind is None:
        return None
    path = os.fspath(path)
    return (f"{path}: a vector file (its first lines read as --format {kind}), not a task: a representation "
            f"is given before the options, as EMBEDDING ({command} {path} --tasks TASK...)")


def representation_as_dataset(name: str) -> str | None:
    """The hint for a representation given to ``wordeval datasets verify|fetch|cite``, which take dataset
    names: the list of those did not say what the name was."""
    from wordeval.registry import REGISTRY

    if name in REGISTRY.names("dataset") or not _representation(name):
        return None
    return (f"{name} is a representation, not a dataset (wordeval info {name} describes it; wordeval run "
            f"{name} --tasks TASK... scores it)")


def task_spec_as_embedding(path) -> str | None:
    """The hint for a task spec (TOML naming ``name`` and ``family``) read as a vector file, or None. Called
    only once the vector reader has refused the file."""
    from wordeval.toml_reader import loads

    try:
        if os.path.getsize(path) > _SPEC_BYTES:
            return None
        with open(path, "rb") as f:
            spec = loads(f.read().decode("utf-8"))
    except (OSError, ValueError):  # unreadable, not TOML, not UTF-8: the reader's own error stands
        return None
    name, family = spec.get("name"), spec.get("family")
    if not isinstance(name, str) or not isinstance(family, str):
        return None
    path = os.fspath(path)
    return (f"{path}: a task spec (name = {quoted(name)}, family = {quoted(family)}), not an embedding file: "
            f"tasks go after --tasks ({runs_family(family)} EMBEDDING... --tasks {path})")


def embeddings_after_tasks(words: list[str]) -> str:
    """The hint for a command line whose EMBEDDING came after ``--tasks``, which took it as one more task, so
    argparse said only "the following arguments are required: EMBEDDING"."""
    taken: list[str] = []
    for i, word in enumerate(words):
        if word == "--tasks":
            taken += _until_option(words[i + 1:])
    if len(taken) < 2:  # one word after --tasks: the representation was left out, not misplaced
        return ""
    reps = [w for w in taken if representation_as_task(w) or (os.path.isfile(w) and not w.endswith(".toml"))]
    if not reps:  # every word after --tasks may be a task: EMBEDDING was left out, not misplaced
        return ""
    return (f"; --tasks takes every word after it (it took {', '.join(quoted(w) for w in reps)}): give "
            f"EMBEDDING... before --tasks")


def _until_option(words: list[str]) -> list[str]:
    out = []
    for word in words:
        if word.startswith("-"):
            break
        out.append(word)
    return out


def check_results_arguments(paths, command: str, expected: str) -> None:
    """compare, report, cite and status read the stores runs write: a representation or a task given to
    them (``wordeval compare glove-6b-50d``) was only "no such folder or file"; a task spec, "neither a result
    store, a folder of .json records, nor a .json/.jsonl record file". ``expected``: the command's wording."""
    from wordeval.errors import ConfigError, MissingFileError

    for path in paths:
        path = os.fspath(path)
        make_store = (f"wordeval {command} reads the store a run writes (wordeval run EMBEDDING... --tasks "
                      f"{path} --out STORE)")
        if os.path.lexists(path):
            if path.endswith(".toml") and os.path.isfile(path) and task_spec_as_embedding(path):
                raise ConfigError(f"{path}: a task spec, not results: {make_store}")
            continue
        what = task_named(path)
        if what is not None:
            raise MissingFileError(f"{path}: no such folder or file ({expected}): {path} is {what}; "
                                   f"{make_store}")
        if representation_as_task(path):
            raise MissingFileError(f"{path}: no such folder or file ({expected}): {path} is a "
                                   f"representation; score it into a store first (wordeval run {path} --out "
                                   f"STORE), then wordeval {command} STORE")
