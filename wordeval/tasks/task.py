"""The one Task abstraction: a declared spec plus its family's scoring, behind one protocol.

``Task.validate_config(config)`` merges the family defaults, the task's own defaults and the user's config
(one merger, ``wordeval.config.merge_config``) and checks the result; ``Task.score(embedding, ...)`` loads
the dataset and returns a ``ResultRecord``; ``Task.score_from_items(columns)`` recomputes the main score
from per-item columns. Built-in and user tasks are the same class; only where their declaration lives
differs (``get_task("similarity/ws353")`` vs ``get_task("path/to/spec.toml")``).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Protocol, runtime_checkable

from wordeval.config import merge_config
from wordeval.errors import ConfigError
from wordeval.tasks.families import family_info, family_module
from wordeval.tasks.spec import TaskSpec


@runtime_checkable
class TaskProtocol(Protocol):
    name: str

    def validate_config(self, config: Mapping[str, Any] | None = None, *, strict: bool = True) -> dict: ...

    def check_data(self, dataset, config: Mapping[str, Any] | None = None) -> list[str]: ...

    def score(self, embedding, *, config: Mapping[str, Any] | None = None, seed: int = 0, data_home=None,
              progress: bool = False): ...

    def score_from_items(self, columns: Mapping[str, Any]) -> float: ...


class Task:
    """One evaluation task (built-in or from a spec file), made by ``get_task``: ``validate_config`` gives the
    effective options, ``load_dataset`` its data, ``score`` a ResultRecord for an embedding, and
    ``score_from_items`` the main score again from a record's per-item columns."""

    def __init__(self, spec: TaskSpec, dataset_spec=None):
        if not isinstance(spec, TaskSpec):
            raise ConfigError(f"Task takes a TaskSpec, got a {type(spec).__name__}; a task name or spec file goes "
                              f"to wordeval.get_task({spec!r:.60})")
        self.spec = spec
        self._dataset_spec = dataset_spec

    # -- what it is -------------------------------------------------------------------------------------
    name = property(lambda self: self.spec.name)
    version = property(lambda self: self.spec.version)
    family = property(lambda self: self.spec.family)
    kind = property(lambda self: family_info(self.spec.family).kind)
    direction = property(lambda self: self.spec.direction)
    main_score = property(lambda self: self.spec.main_score)

    @property
    def scorer(self) -> str:
        from wordeval.results.build import scorer_for
        return scorer_for(self.spec)

    @property
    def dataset_spec(self):
        if self._dataset_spec is None:
            from wordeval.datasets.load import get_spec
            self._dataset_spec = get_spec(self.spec.dataset)
        return self._dataset_spec

    def __repr__(self) -> str:
        return f"Task({self.name!r}, version={self.version!r}, origin={self.spec.origin!r})"

    # -- the protocol -----------------------------------------------------------------------------------
    def _optional(self, config: Mapping[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
        """``config`` without, and with only, the family's OPTIONAL_CONFIG keys (options recorded only when
        set, so adding one never changes the key of a request that does not use it)."""
        keys = getattr(family_module(self.family), "OPTIONAL_CONFIG", {})
        if config is not None and not isinstance(config, Mapping):
            raise ConfigError(f"config of {self.name}: a mapping of options (e.g. {{\"oov\": \"skip\"}}), got a "
                              f"{type(config).__name__}")
        rest = dict(config or {})
        return rest, {k: rest.pop(k) for k in list(rest) if k in keys}

    def default_config(self) -> dict[str, Any]:
        module = family_module(self.family)
        rest, optional = self._optional(self.spec.parameters)
        return {**merge_config(module.DEFAULT_CONFIG, rest, owner=f"task {self.name} [config]"), **optional}

    def known_options(self) -> set[str]:
        """Every option name this task takes (its family's, the optional ones included), not the keys a config
        derives (DERIVED_CONFIG: linear_version, cosine_version, ...), which --set's hint listed as options."""
        module = family_module(self.family)
        return (set(self.default_config()) | set(getattr(module, "OPTIONAL_CONFIG", {}))) - set(
            getattr(module, "DERIVED_CONFIG", ()))

    def validate_config(self, config: Mapping[str, Any] | None = None, *, strict: bool = True) -> dict[str, Any]:
        """The effective config: family defaults < task defaults < ``config``, checked by the family.
        ``strict=False`` drops keys this family does not know (a suite's shared config)."""
        from wordeval.options import flag_argument

        strict = flag_argument(strict, "strict")  # strict="no" was true: checked every key
        module = family_module(self.family)
        rest, optional = self._optional(config)
        merged = merge_config(self.default_config(), rest, owner=f"{self.family} options of {self.name}",
                              strict=strict)
        return module.validate_config({**merged, **optional})

    def load_dataset(self, *, data_home=None, progress: bool = False):
        from wordeval.datasets.load import load
        from wordeval.options import flag_argument

        progress = flag_argument(progress, "progress")  # as score's: progress=1 drew bars, "no" did too
        return load(self.dataset_spec, data_home=data_home, progress=progress)

    def check_data(self, dataset, config: Mapping[str, Any] | None = None) -> list[str]:
        """What ``config`` (validated) asks of the loaded ``dataset``, checked before any work: raises a
        ConfigError naming the spec line and what is missing; returns warnings. Families without such
        requirements have no ``check_data``."""
        check = getattr(family_module(self.family), "check_data", None)
        return list(check(self.spec, dataset, config if config is not None else self.validate_config()) or []
                    ) if check else []

    def score(self, embedding, *, config: Mapping[str, Any] | None = None, seed: int = 0, data_home=None,
              progress: bool = False, dataset=None, predictions=None):
        """Score ``embedding`` (anything ``wordeval.adapters.as_embedding`` accepts) and return its record.
        ``predictions``: a folder to write the per-item predictions to (CoNLL tags, labels, answers), named
        by the settings they were scored with (``wordeval.results.predictions``). ``dataset``: this task's
        data as ``load_dataset`` returned it, to score several embeddings without reading it again; other data
        is refused (``_check_own_data``)."""
        from wordeval.adapters import as_embedding
        from wordeval.options import MAX_SEED, flag_argument, integer_argument
        from wordeval.results.predictions import scored_with_predictions

        _check_not_builtin_name(self.spec, self._dataset_spec)  # Task(spec).score, past get_task
        if dataset is not None:
            self._check_own_data(dataset)
        seed = integer_argument(0, MAX_SEED, "an integer seed")(seed, "seed")
        progress = flag_argument(progress, "progress")
        if data_home is not None:  # a task that reads none (a spec's own files) never looked at it
            from wordeval.paths import data_homes
            data_homes(data_home)
        cfg = self.validate_config(config)
        from wordeval.option_effects import (given_options, idle_options, note_idle_options,
                                             note_repeated_crf_fits)
        note_idle_options([(self.name, idle_options(self.family, given_options(self, config), cfg))])
        note_repeated_crf_fits([seed], [(self, cfg)])
        if predictions is not None:  # as --save-predictions: never into a folder wordeval did not write
            from wordeval.output_paths import check_output
            check_output(predictions, "predictions", option="predictions")
        ds = dataset if dataset is not None else self.load_dataset(data_home=data_home, progress=progress)
        self.check_data(ds, cfg)
        emb = as_embedding(embedding)
        if predictions is not None:
            from wordeval.output_paths import prepare_predictions_folder
            predictions = str(prepare_predictions_folder(predictions))
        from wordeval.intrinsic.unicode_forms import scoring
        with scoring(self, ds):
            return scored_with_predictions(predictions, lambda folder: family_module(self.family).score(
                self.spec, emb, ds, config=cfg, seed=seed, progress=progress, predictions=folder))

    def _check_own_data(self, dataset) -> None:
        """The record of ``score(emb, dataset=...)`` carries this task's name, and stores, compare and report
        know a task's data by its name (a built-in task's by its version alone): get_task("similarity/ws353")
        .score(emb, dataset=load("rg65")) was stored and compared as WS-353. A copy of the data read from
        elsewhere goes through ``data_home``, whose files are checked against the task's pins."""
        from wordeval.datasets.loaded_from import loaded_from
        from wordeval.datasets.types import Dataset

        if not isinstance(dataset, Dataset):
            why = f"got a {type(dataset).__name__} {dataset!r:.60}, not a Dataset"
        elif loaded_from(dataset) is None:
            why = f"dataset {dataset.name!r} was not loaded by wordeval or was changed since"
        elif loaded_from(dataset) != self.dataset_spec:
            why = f"dataset {dataset.name!r} is not this task's data ({self.dataset_spec.name!r})"
        else:
            return
        from wordeval.registry import REGISTRY
        family, _, name = self.name.partition("/")
        other = getattr(dataset, "name", None)
        other = repr(other) if other in REGISTRY.names("dataset") else '"DATASET"'
        raise ConfigError(f"dataset= of task {self.name!r}: {why}; dataset= reuses this task's own data "
                          f"(task.load_dataset()), since its records are stored and compared as {self.name!r}: "
                          f"score other data under a name of its own, e.g. TaskSpec(\"{family}/my-{name}\", ..., "
                          f"dataset={other}) or a spec file, and a copy of this task's files with data_home=")

    def score_from_items(self, columns: Mapping[str, Any]) -> float:
        """The main score from per-item columns (a record's ``per_item``, or a resample of it)."""
        from wordeval.stats.item_scores import score_from_items
        return score_from_items(self.scorer, columns)


def is_spec_path(text: str | os.PathLike) -> bool:
    return str(text).endswith(".toml")


def _check_not_builtin_name(spec: TaskSpec, dataset_spec) -> None:
    """A task built in Python may not take a built-in task's name unless it is that task, as a spec file may
    not (``spec_file._check_not_builtin_name``): stores, compare and report key a task by its name, so a
    TaskSpec("similarity/simlex999", ..., dataset="ws353") was scored on WS-353 and recorded as SimLex-999."""
    from wordeval.registry import REGISTRY
    if spec.name not in REGISTRY.names("task"):
        return
    builtin = REGISTRY.resolve("task", spec.name)
    if spec == builtin and (dataset_spec is None or dataset_spec == Task(builtin).dataset_spec):
        return
    family, _, name = spec.name.partition("/")
    raise ConfigError(f"task {spec.name!r} is built in, and this task differs from it (its spec or data): their "
                      f"records would be stored, compared and reported as one task; give it another name, e.g. "
                      f"TaskSpec(\"{family}/my-{name}\", ..., dataset={builtin.dataset!r}) to read the built-in "
                      f"data under it, or use get_task({spec.name!r}) for the built-in task itself")


def _refuse_other_path(task: str) -> None:
    """A folder, FIFO or device given as a task was "unknown task" with the list of built-in names, which did
    not say that the path was found and is the wrong kind of thing."""
    import stat

    try:
        mode = os.stat(task).st_mode
    except (OSError, ValueError):  # not there (a task name is no path), or a name the OS cannot hold
        return
    if stat.S_ISDIR(mode):
        what = ("a folder, not a task: a folder of data (an analogy folder of relation files in the BATS layout, "
                "class folders, SemEval STS input files) is named in a task spec's [files]")
    else:
        from wordeval.paths import special_file_kind
        what = f"{special_file_kind(mode)}, not a task: a task's data is read from regular files"
    raise ConfigError(f"{task}: {what}; expected a task name or a task spec (a .toml file naming a data file of "
                      "a format README lists, or an analogy folder: README, \"Your own benchmark\"; "
                      "`wordeval datasets check SPEC.toml` checks one)")


def get_task(task) -> Task:
    """A Task from a registered name (``ner/conll2003``), a spec file path (``my/card660.toml``), a TaskSpec
    or a Task. Unknown names get "did you mean"; a missing spec file is a MissingFileError."""
    if isinstance(task, Task):
        _check_not_builtin_name(task.spec, task._dataset_spec)
        return task
    if isinstance(task, TaskSpec):
        _check_not_builtin_name(task, None)
        return Task(task)
    if isinstance(task, (str, os.PathLike)) and is_spec_path(task):
        from wordeval.tasks.spec_file import load_spec_file
        spec, dataset = load_spec_file(Path(task))
        if dataset is None:
            from wordeval.datasets.load import get_spec
            dataset = get_spec(spec.dataset)
        return Task(spec, dataset)
    if isinstance(task, os.PathLike):
        task = os.fspath(task)
    if isinstance(task, str):
        from wordeval.errors import UnknownNameError
        from wordeval.registry import REGISTRY
        try:
            spec = REGISTRY.resolve("task", task)
        except UnknownNameError:
            if Path(task).is_file():  # a user's data file where its spec belongs: say what goes there
                from wordeval.misplaced_arguments import vector_file_as_task
                said = vector_file_as_task(task)
                if said:  # an embedding file after --tasks: a task spec for it would not help
                    raise ConfigError(said) from None
                raise ConfigError(f"{task}: a data file, not a task: describe it in a task spec (a .toml file with "
                                  f"name, family and [files] test = \"{Path(task).name}\") and give the spec "
                                  "instead (README, \"Your own benchmark\"; `wordeval datasets check SPEC.toml` "
                                  "checks one)") from None
            _refuse_other_path(task)
            from wordeval.misplaced_arguments import representation_as_task
            said = representation_as_task(task)
            if said:  # `datasets check glove-6b-50d`: the list of every task did not say what it was
                from wordeval.readable_text import quoted
                raise UnknownNameError(f"unknown task {quoted(task)}: {said}") from None
            from wordeval.tasks.families import FAMILIES
            if task in FAMILIES:  # "did you mean similarity/rw" hid that a family is not one task
                members = sorted(n for n in REGISTRY.names("task") if n.startswith(f"{task}/"))
                raise UnknownNameError(f"{task!r} is a task family ({len(members)} tasks: {', '.join(members[:4])}"
                                       f"{', ...' if len(members) > 4 else ''}), and a task is named here: name one, or "
                                       f"list them (wordeval.run and evaluate take task names; only the "
                                       f"command line's --tasks expands a family)") from None
            raise
        return Task(spec)
    raise ConfigError(f"a task is a registered name, a .toml spec file, a TaskSpec or a Task; got "
                      f"{type(task).__name__}")
