"""One registry for everything addressable by name: embedding formats and ids, datasets, tasks.

Entries point at ``"module:attr"`` strings and are imported only when resolved, so listing names or
running ``wordeval --help`` imports no torch. Each family declares its entries in its own
``catalog`` module (a ``register(registry)`` function), read on first use of the registry.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

from wordeval.errors import ConfigError, UnknownNameError

KINDS = ("format", "embedding", "dataset", "task")

# Catalogs, read on first use; each must define register(registry). Tasks and their datasets are
# declared by files (wordeval/tasks/builtin/<family>/<name>.toml), listed by wordeval.tasks.catalog.
CATALOGS = (
    "wordeval.embeddings.catalog",
    "wordeval.tasks.catalog",
)


@dataclass(frozen=True)
class Entry:
    kind: str
    name: str
    target: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    args: tuple = ()  # when given, the target is a factory and load() returns target(*args)

    def load(self) -> Any:
        module_name, _, attr = self.target.partition(":")
        obj = importlib.import_module(module_name)
        for part in attr.split(".") if attr else ():
            obj = getattr(obj, part)
        return obj(*self.args) if self.args else obj


class Registry:
    def __init__(self, catalogs: tuple[str, ...] = CATALOGS):
        self._catalogs = catalogs
        self._entries: dict[str, dict[str, Entry]] = {k: {} for k in KINDS}
        self._loaded = False

    def add(self, kind: str, name: str, target: str, *, args: tuple = (), **meta: Any) -> None:
        if kind not in self._entries:
            raise ConfigError(f"unknown registry kind {kind!r}; expected one of {', '.join(KINDS)}")
        if ":" not in target:
            raise ConfigError(f"registry target for {kind} {name!r} must be 'module:attr', got {target!r}")
        if name in self._entries[kind]:
            raise ConfigError(f"duplicate {kind} name {name!r} (already -> {self._entries[kind][name].target})")
        self._entries[kind][name] = Entry(kind, name, target, dict(meta), tuple(args))

    def _ensure_loaded(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for module_name in self._catalogs:
            importlib.import_module(module_name).register(self)

    def entry(self, kind: str, name: str) -> Entry:
        self._ensure_loaded()
        entries = self._entries.get(kind)
        if entries is None:
            raise ConfigError(f"unknown registry kind {kind!r}; expected one of {', '.join(KINDS)}")
        if name not in entries:
            from wordeval.close_names import close_names
            close = close_names(name, entries)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            known = ("" if close else _how_to_list_tasks(name) if kind == "task"
                     else f"; known: {', '.join(sorted(entries)) or '(none)'}")
            from wordeval.readable_text import quoted
            raise UnknownNameError(f"unknown {kind} {quoted(name)}{hint}{known}")
        return entries[name]

    def resolve(self, kind: str, name: str) -> Any:
        return self.entry(kind, name).load()

    def names(self, kind: str) -> list[str]:
        self._ensure_loaded()
        return sorted(self._entries[kind])

    def entries(self, kind: str) -> Iterator[Entry]:
        self._ensure_loaded()
        return iter(sorted(self._entries[kind].values(), key=lambda e: e.name))


def _how_to_list_tasks(name: str) -> str:
    """Where a task name with no close match can be found: thirty names in one line hid the few of the family
    the user meant."""
    family = name.rpartition("/")[0]
    return (f"; no task has a close name: `wordeval datasets list` lists each dataset with its family, and "
            f"{'a ' + family + ' task' if family else 'a task'} is named FAMILY/DATASET (similarity/ws353)")


REGISTRY = Registry()
