"""One entry point from (embedding, task name) to a ResultRecord, and the runner that fills a result store.

Dispatch is a table from task family to the module that scores it (every family module exposes the same
``evaluate``/``DEFAULT_CONFIG``/``main_score_from_items``), never an if/elif chain over task names.
"""
from __future__ import annotations

import importlib
import logging
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

from wordeval.errors import (ConfigError, MissingFileError, NotAvailableError, UnknownNameError,
                             WordevalError)
from wordeval.registry import REGISTRY
from wordeval.results.record import ResultRecord
from wordeval.tasks import TaskSpec

log = logging.getLogger("wordeval.run")

FAMILY_MODULES: dict[str, str] = {
    "similarity": "wordeval.intrinsic.similarity",
    "analogy": "wordeval.intrinsic.analogy",
    "sts": "wordeval.intrinsic.sts",
    "pos": "wordeval.extrinsic.tagging",
    "chunking": "wordeval.extrinsic.tagging",
    "ner": "wordeval.extrinsic.tagging",
    "classification": "wordeval.extrinsic.classification",
}


def family_module(family: str):
    """The module that scores a task family (imported on first use)."""
    if family not in FAMILY_MODULES:
        raise UnknownNameError(f"unknown task family {family!r}; known: {', '.join(FAMILY_MODULES)}")
    name = FAMILY_MODULES[family]
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            raise NotAvailableError(f"the {family} evaluator ({name}) is not installed in this version") from None
        raise


def main_score_function(family: str) -> Callable[[dict], float]:
    return family_module(family).main_score_from_items


def task_spec(name: str) -> TaskSpec:
    """The TaskSpec registered under ``name`` (registry kind "task"; the target may be a spec or a factory)."""
    target = REGISTRY.resolve("task", name)
    spec = target() if callable(target) and not isinstance(target, TaskSpec) else target
    if not isinstance(spec, TaskSpec):
        raise ConfigError(f"task {name!r} does not resolve to a TaskSpec (got {type(spec).__name__})")
    return spec


def expand_tasks(names, families, kind: str) -> list[str]:
    """Task names from a mix of full names (``ner/conll2003``) and family names (``similarity``: all of its
    registered tasks), restricted to ``families``; order kept, duplicates dropped."""
    known = REGISTRY.names("task")
    out: list[str] = []
    for name in names:
        if name in families:
            out += [t for t in known if t.startswith(name + "/")]
        else:
            REGISTRY.entry("task", name)  # unknown -> UnknownNameError with "did you mean"
            if name.split("/")[0] not in families:
                raise ConfigError(f"{name} is not an {kind} task")
            out.append(name)
    return list(dict.fromkeys(out))


def family_defaults(spec: TaskSpec) -> dict[str, Any]:
    return dict(getattr(family_module(spec.family), "DEFAULT_CONFIG", {}))


def effective_config(spec: TaskSpec, config: Mapping[str, Any] | None, *, strict: bool = True,
                     defaults: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """DEFAULT_CONFIG of the family overlaid with ``config``.

    ``strict=False`` drops keys the family does not know (suites name a "profile" that not every family
    has); ``strict=True`` leaves them in so the family's own validation rejects them with ConfigError.
    """
    defaults = family_defaults(spec) if defaults is None else dict(defaults)
    merged = dict(defaults)
    for key, value in (config or {}).items():
        if key in defaults or strict:
            merged[key] = value
        else:
            log.debug("%s: ignoring suite option %s=%r (not a %s option)", spec.name, key, value, spec.family)
    return merged


def evaluate(embedding, task_name: str, *, config: Mapping[str, Any] | None = None, seed: int = 0,
             data_home=None, progress: bool = True) -> ResultRecord:
    """Evaluate one embedding on one registered task; see the family modules for what each config key means."""
    spec = task_spec(task_name)
    module = family_module(spec.family)
    return module.evaluate(spec, embedding, config=dict(config or {}), seed=seed, data_home=data_home,
                           progress=progress)


# -- running many representations × many tasks ---------------------------------------------------------

@dataclass(frozen=True)
class Representation:
    """One row of the comparison. ``extrinsic`` differs from ``intrinsic`` when a model is evaluated with
    type-level vectors on word tasks but as an encoder elsewhere (MiniLM). Only the word-level families
    (similarity, analogy) take the first spec: STS is intrinsic but scores sentences, so a sentence
    encoder must be judged as itself there, not through averaged type-level word vectors."""

    label: str | None
    intrinsic: str
    extrinsic: str

    @classmethod
    def parse(cls, text: str) -> "Representation":
        """``[LABEL=]SPEC`` or ``[LABEL=]INTRINSIC_SPEC|EXTRINSIC_SPEC``."""
        label, sep, rest = text.partition("=")
        if not sep or any(ch in label for ch in ":/\\|,"):  # '=' belonged to a builder option
            label, rest = None, text
        first, bar, second = rest.partition("|")
        if not first or (bar and not second):
            raise ConfigError(f"embedding spec {text!r}: expected [LABEL=]SPEC or [LABEL=]SPEC|SPEC")
        return cls(label or None, first, second or first)

    def spec_for(self, family: str) -> str:
        spec = self.intrinsic if family in WORD_LEVEL_FAMILIES else self.extrinsic
        return f"{self.label}={spec}" if self.label else spec


def load_embedding(spec: str):
    """Resolve an embedding spec (paths, registered ids, builder specs)."""
    from wordeval.embeddings.load import load_embedding as _load

    return _load(spec)


WORD_LEVEL_FAMILIES = ("similarity", "analogy")
_SKIPPABLE = (NotAvailableError, MissingFileError)


@dataclass
class RunSummary:
    computed: list[str]
    cached: list[str]
    skipped: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"computed": self.computed, "cached": self.cached, "skipped": self.skipped}


def _quiet() -> bool:
    return os.environ.get("WORDEVAL_QUIET", "") not in ("", "0")


def run_tasks(representations: Sequence[Representation], tasks: Iterable[tuple[str, Mapping[str, Any]]], *,
              store, seed: int = 0, data_home=None, progress: bool = True, keep_going: bool = False,
              evaluate_fn: Callable[..., ResultRecord] = evaluate,
              load_fn: Callable[[str], Any] = load_embedding,
              defaults_fn: Callable[[TaskSpec], Mapping[str, Any]] = family_defaults) -> RunSummary:
    """Evaluate every representation on every task, storing each record as soon as it is finished.

    Work already in ``store`` (same embedding fingerprint, task@version, config and seed) is not redone, so a
    run killed at any point resumes where it stopped. Tasks whose data or evaluator is not available are
    recorded as skipped with the reason; with ``keep_going`` any other WordevalError is recorded likewise.
    """
    from tqdm.auto import tqdm

    from wordeval.results.store import request_key

    tasks = list(tasks)
    summary = RunSummary([], [], [])
    loaded: dict[str, Any] = {}
    show = progress and not _quiet()
    bar = tqdm(total=len(representations) * len(tasks), disable=not show, desc="wordeval run", unit="task")

    def skip(rep_name: str, task: str, reason: str, key: str) -> None:
        log.warning("skipped %s on %s: %s", task, rep_name, reason)
        summary.skipped.append({"task": task, "embedding": rep_name, "reason": reason})
        store.put_skipped(key, task=task, embedding_name=rep_name, reason=reason)

    try:
        for rep in representations:
            for task, config in tasks:
                bar.set_postfix_str(f"{rep.label or rep.intrinsic} {task}", refresh=False)
                try:
                    try:
                        spec = task_spec(task)
                    except UnknownNameError as exc:  # a task this installation does not define
                        raise NotAvailableError(str(exc)) from None
                    cfg = effective_config(spec, config, strict=False, defaults=defaults_fn(spec))
                    emb_spec = rep.spec_for(spec.family)
                    if emb_spec not in loaded:
                        loaded[emb_spec] = load_fn(emb_spec)
                    emb = loaded[emb_spec]
                    name = emb.info.name
                    key = request_key(emb.info.fingerprint, spec.name, spec.version, cfg, seed)
                    done = store.get_request(key)
                    if done is not None:
                        log.info("cached %s on %s: %s", task, name, done.cache_key())
                        summary.cached.append(done.cache_key())
                        continue
                    record = evaluate_fn(emb, task, config=cfg, seed=seed, data_home=data_home,
                                         progress=show)
                    stored = store.put(record, request=key)
                    log.info("stored %s on %s: %s = %s", task, name, record.main_score, record.main_value)
                    summary.computed.append(stored)
                except _SKIPPABLE as exc:
                    skip(rep.label or rep.intrinsic, task, str(exc), f"{rep}|{task}|{seed}")
                except WordevalError as exc:
                    if not keep_going:
                        raise
                    skip(rep.label or rep.intrinsic, task, f"error: {exc}", f"{rep}|{task}|{seed}")
                except Exception as exc:  # noqa: BLE001 - a bug in one evaluator must not sink a long batch
                    if not keep_going:
                        raise
                    log.debug("%s on %s failed", task, rep, exc_info=True)
                    skip(rep.label or rep.intrinsic, task, f"internal error: {type(exc).__name__}: {exc}",
                         f"{rep}|{task}|{seed}")
                finally:
                    bar.update(1)
    finally:
        bar.close()
    return summary
