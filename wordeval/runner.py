"""Running representations × tasks × seeds into a result store: plan everything first, then compute.

``plan`` does every check a user can fail before any long work and before anything is written: task names
and spec files resolve, configs are valid, embedding specs point at readable files or registered ids with
valid options, and every dataset is located and parsed (a broken file is an error now, not after an hour of
training). Datasets that are simply not here (a licensed corpus the user has not supplied) become planned
skips: the run goes on and exits with code 3.

``execute`` computes the cells one by one (or hands them to an executor, see ``wordeval.distributed``),
storing each record as soon as it is finished, so a run killed at any point resumes where it stopped:
a cell whose request key (embedding fingerprint, label, task@version, config, seed) is in the store is not
redone. The unit of work, a ``Cell``, is one (representation, task, seed, config).

Cells side by side: consecutive cells of one representation, each on a family that says they may
(``seeds_run_concurrently``: the window MLP on CPU), train in threads of this process, up to
``seed_threads`` at once (default: the cores this process may use, at most 4; ``WORDEVAL_SEED_THREADS``
overrides), fewer where that many fits' estimated memory exceeds the limit (``_fits_at_once``, with a note).
That covers a task's seeds and the next such tasks' cells, so a task's last seed does not train
alone while a core idles. With an encoder (no word table) the batch goes task by task: the family's
``prepare_encoder`` puts the task's features into the encoding cache first, with all threads (or, without
that hook or cache, the first cell runs alone), then its cells train together. Each record is the
one a one-at-a-time run computes (tested), and records are stored in plan order.
"""
from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from wordeval.visible_text import visible
from wordeval.environment import check_environment, flag
from wordeval.errors import (ConfigError, MissingFileError, NotApplicableError, NotAvailableError, UnknownNameError,
                             WordevalError)
from wordeval.evaluation import Representation, load_embedding
from wordeval.results.record import ResultRecord

log = logging.getLogger("wordeval.run")
UNAVAILABLE = (NotAvailableError,)


def skip_kind(exc: Exception) -> str:
    """A skip's kind: "not-applicable" where the representation cannot do the task (NotApplicableError),
    "unavailable" where data, a package or a device is missing."""
    return "not-applicable" if isinstance(exc, NotApplicableError) else "unavailable"


@dataclass
class Cell:
    rep: Representation
    task: Any  # wordeval.tasks.Task
    config: dict[str, Any]  # effective and validated
    seed: int
    group: str | None = None  # cells scored together (the intersection policy), else None
    data: str = ""  # a user task's data identity (``data_identity``): part of the request key
    # the run's labels as its command named them, recorded in each record (``run.representations``): compare
    # ordered columns by when records were computed, and --workers finishes a later label's cells first
    run_labels: tuple[str, ...] = ()

    @property
    def embedding_spec(self) -> str:
        return self.rep.spec_for(self.task.family)

    @property
    def load_key(self) -> tuple[str, str, tuple]:
        """What is loaded for this cell: (spec, label, load options); one loaded object per key."""
        return self.embedding_spec, self.rep.name, self.rep.options

    def describe(self) -> str:
        return f"{self.task.name} on {self.rep.name} (seed {self.seed})"


@dataclass
class Plan:
    cells: list[Cell]
    skipped: list[dict[str, Any]]
    datasets: dict[str, Any]  # task name -> loaded Dataset
    seeds: list[int]
    # plan()'s option_names, kept for execute's warnings: a Python caller gave keywords, not the CLI's options
    option_names: dict[str, str] = field(default_factory=dict)

    def named(self, keyword: str) -> str:
        """How messages name the caller's ``keyword``: the CLI's option where it passed one down."""
        return self.option_names.get(keyword, keyword)


@dataclass
class RunSummary:
    computed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)  # data or ability not available: exit code 3
    failed: list[dict[str, Any]] = field(default_factory=list)  # errors recorded with --keep-going

    @property
    def exit_code(self) -> int:
        return 3 if (self.skipped or self.failed) else 0

    def to_dict(self) -> dict[str, Any]:
        return {"computed": self.computed, "cached": self.cached, "skipped": self.skipped, "failed": self.failed,
                "exit_code": self.exit_code}


# -- checks that need no loading ----------------------------------------------------------------------------

def flags(**given: Any) -> list[bool]:
    """The boolean keywords ``given``, each a real bool (``options.flag_argument``), in their order."""
    from wordeval.options import flag_argument
    return [flag_argument(value, key) for key, value in given.items()]


def check_embedding_spec(spec: str, *, allow_pickle: bool = False, label: str | None = None) -> None:
    """Fail now (MissingFileError/UnknownNameError/ConfigError) for a spec that cannot load: a missing or
    unreadable file, an unknown id, unknown builder options, a model folder whose weights are pickles alone
    without ``allow_pickle``. Loading itself happens later."""
    from wordeval.embeddings.load import naming_spec

    with naming_spec(spec):
        _check_embedding_spec(spec, allow_pickle=allow_pickle, label=label)


def _check_embedding_spec(spec: str, *, allow_pickle: bool, label: str | None) -> None:
    from wordeval.embeddings.load import (check_folder_named_like_an_id, check_spec_arguments, parse_builder_args,
                                          split_label, unresolved_spec_error)
    from wordeval.registry import REGISTRY

    own_label, source = split_label(spec)
    label = label or own_label  # the representation's LABEL=, split off before the spec reached here
    check_folder_named_like_an_id(source)
    # lexists, as the loader decides it: a dangling link or a link loop is the file the user named, and was
    # called "no such embedding file, and not a registered embedding id" here
    if os.path.lexists(source):
        if not os.path.exists(source):
            from wordeval.embeddings.file_io import check_file
            check_file(source)  # the loader's own one-line error for it
        if os.path.isfile(source) and not os.access(source, os.R_OK):
            raise MissingFileError(f"{source}: permission denied (cannot read the embedding file)")
        return
    head, _, args = source.partition(":")
    try:
        entry = REGISTRY.entry("embedding", head)
    except UnknownNameError as exc:
        raise unresolved_spec_error(source, exc, label) from None
    variant, kwargs = parse_builder_args(args)
    check_spec_arguments(head, entry.load(), variant, kwargs)
    if head in ("bert", "minilm"):
        from wordeval.embeddings.bert_types import check_spec_options
        check_spec_options(variant, kwargs, owner=head)
    if entry.meta.get("builder"):
        from wordeval.embeddings.builders import check_builder_spec
        check_builder_spec(head, variant, kwargs, source)
    model = kwargs.get("model")
    if model:
        from wordeval.paths import expand_user, has_separator
        model_path = expand_user(model, f"the model folder of {source}")
    if model and (has_separator(model) or model.startswith(".")) and not model_path.exists() \
            and not _cached_hub_id(model):
        raise MissingFileError(f"{model}: model folder of {source} not found")
    if head == "bert" and model and model_path.exists():
        # a folder without config.json, or a file, was found only when its cell loaded it, into a store
        # already holding the cells of the representations before it
        from wordeval.embeddings.bert_support import _resolve_model_dir
        _resolve_model_dir(model)
    if head in ("bert", "minilm"):  # refused here, not when the cell loads it into a store already created
        from wordeval.embeddings.bert_support import check_weight_format
        from wordeval.embeddings.encoder_memory import spec_model_dir

        found = spec_model_dir(spec)
        if found is not None:
            check_weight_format(found[0], allow_pickle=allow_pickle)
            if head == "bert":  # the packaged MiniLM's files are pinned by sha256
                from wordeval.embeddings.model_folder import check_model_folder
                check_model_folder(found[0])


def _cached_hub_id(model: str) -> bool:
    """Whether ``model`` is a hub id the local Hugging Face cache holds. ``ORG/NAME`` has the path separator
    of POSIX: it was refused as "model folder not found" while planning, where the encoder reads it."""
    if os.path.isabs(model) or model.startswith((".", "~")) or model.count("/") != 1:
        return False
    from wordeval.embeddings.bert_support import _resolve_model_dir
    from wordeval.errors import WordevalError
    try:
        return _resolve_model_dir(model)[1] == f"hf:{model}"
    except WordevalError:
        return False


def _is_file_spec(spec: str) -> bool:
    from wordeval.embeddings.load import split_label
    return os.path.exists(split_label(spec)[1])


def _task_items(tasks) -> list[tuple[Any, dict]]:
    if isinstance(tasks, Mapping):
        # iterated, it gave its keys: {"similarity/ws353": {"n_boot": 50}} ran with every option dropped
        raise ConfigError(f"tasks: expected a list of tasks or (task, config) pairs, got a {type(tasks).__name__}"
                          f"; pass list(tasks.items()) for task -> config pairs")
    if not isinstance(tasks, Iterable):  # iterating it was Python's "'int' object is not iterable"
        raise ConfigError(f"tasks: expected a list of tasks (names, spec files, Tasks), got "
                          f"{type(tasks).__name__} {tasks!r:.60}")
    out = []
    for item in tasks:
        if isinstance(item, tuple):
            if len(item) != 2 or not isinstance(item[1], (Mapping, type(None))):
                # unpacked and dict()-ed, it was "too many values to unpack" or "dictionary update sequence"
                raise ConfigError(f"tasks: a tuple is a (task, config) pair with config a mapping of options, "
                                  f"got {item!r:.80}")
            task, cfg = item
        else:
            task, cfg = item, {}
        out.append((task, dict(cfg or {})))
    if not out:  # the store was created and the run "succeeded" with nothing in it
        raise ConfigError("tasks: none given; name at least one (a task name, a spec file or a Task)")
    return out


def plan(representations: Sequence, tasks: Iterable, *, seeds: Sequence[int] = (0,), data_home=None,
         strict_config: bool = True, intersection: bool = False, restrict_vocab: int | None = None,
         common_vocabulary: bool = False, keep_going: bool = False, progress: bool = False,
         load_options: Mapping[str, Any] | None = None,
         option_names: Mapping[str, str] | None = None) -> Plan:
    """Everything checked, every dataset loaded; see the module docstring. ``tasks`` holds names, spec
    paths, Tasks, or ``(task, config)`` pairs. Extrinsic tasks run once per seed; intrinsic tasks (whose
    seed moves only the bootstrap CI) once, with the first seed. ``load_options``: how every representation's
    files are read (``evaluation.LOAD_OPTIONS``; a ``Representation``'s own ``options`` win).
    ``option_names``: keyword -> the name its errors give it (the CLI's ``--data-home``...; default the
    keyword, which is what a Python caller gave)."""
    from wordeval.options import MAX_ROWS, MAX_SEED, integer_argument
    from wordeval.paths import data_homes
    from wordeval.tasks.task import get_task

    strict_config, intersection, common_vocabulary, keep_going, progress = flags(
        strict_config=strict_config, intersection=intersection, common_vocabulary=common_vocabulary,
        keep_going=keep_going, progress=progress)
    if restrict_vocab is not None:  # checked here, not only where a similarity or analogy task takes it
        restrict_vocab = integer_argument(1, MAX_ROWS, "an integer >= 1 or None")(restrict_vocab,
                                                                                "restrict_vocab")
    check_environment()
    if isinstance(representations, (str, os.PathLike, Representation)):
        representations = [representations]  # one spec, not a sequence of one-character specs
    if isinstance(representations, Mapping) or not isinstance(representations, Iterable):
        # None or a number ended in "'NoneType' object is not iterable"; a dict word -> vector was read as its
        # words, each an unknown embedding
        raise ConfigError(f"representations: expected a list of specs (an id, a file, LABEL=SPEC), got a "
                          f"{type(representations).__name__}; an in-memory embedding is scored with "
                          f"wordeval.evaluate(embedding, task)")
    # a pathlib.Path to an embedding file is a file spec, as it is for tasks (it was refused as not a spec)
    representations = [os.fspath(r) if isinstance(r, os.PathLike) else r for r in representations]
    if not representations:  # the store was created and the run "succeeded" with nothing in it
        raise ConfigError("representations: none given; name at least one (an id, a file, LABEL=SPEC)")
    from wordeval.tasks.spec import TaskSpec
    from wordeval.tasks.task import Task
    # a Task or TaskSpec on its own was "expected a list of tasks", while a name on its own ran
    if isinstance(tasks, (str, os.PathLike, Task, TaskSpec)) or (isinstance(tasks, tuple) and len(tasks) == 2
                                                                 and isinstance(tasks[1], Mapping)):
        tasks = [tasks]
    if isinstance(seeds, (int, str, bytes)) or not isinstance(seeds, Iterable):
        # a str was read as its characters ("012": seeds 0, 1 and 2), None ended in "not iterable"
        raise ConfigError(f"seeds: a list of seeds (e.g. [0, 1, 2] for three), got {seeds!r}")
    seeds = [integer_argument(0, MAX_SEED, "an integer seed")(s, "seed") for s in seeds]
    if not seeds:
        raise ConfigError("at least one seed is needed")
    if len(set(seeds)) != len(seeds):
        raise ConfigError(f"seeds must be distinct, got {seeds}")
    named_as = {**{k: k for k in ("data_home", "intersection", "common_vocabulary", "restrict_vocab", "oov")},
                "seed": "seed in seeds", **(option_names or {})}
    # a data home that does not exist is a user error, now
    data_homes(data_home, option=named_as["data_home"])
    for r in representations:
        if not isinstance(r, (str, Representation)):
            raise ConfigError(f"representations: specs (an id, a file, LABEL=SPEC), got a {type(r).__name__}; "
                              f"an in-memory embedding is scored with wordeval.evaluate(embedding, task)")
    reps = [(r if isinstance(r, Representation) else Representation.parse(r)).with_options(load_options)
            for r in representations]
    labels = [r.name for r in reps]
    dup = sorted({n for n in labels if labels.count(n) > 1})
    if dup:
        raise ConfigError(f"two representations share the label {dup[0]!r}: give each its own LABEL=")
    if not any(_is_file_spec(s) for rep in reps for s in (rep.intrinsic, rep.extrinsic)):
        from wordeval.option_effects import note_file_options
        run_wide = {k: v for rep in reps for k, v in rep.load_options.items()}
        from wordeval.embeddings.load import builder_reads_pickles
        pickles = any(builder_reads_pickles(s) for rep in reps for s in (rep.intrinsic, rep.extrinsic))
        note_file_options({"--allow-pickle": bool(run_wide.get("allow_pickle")) and not pickles,
                           "--encoding-errors replace": run_wide.get("encoding_errors") == "replace"},
                          [rep.name for rep in reps])
    for rep in reps:
        for spec in dict.fromkeys((rep.intrinsic, rep.extrinsic)):
            check_embedding_spec(spec, allow_pickle=bool(rep.load_options.get("allow_pickle")), label=rep.label)
            per_file = sorted(k for k in ("format", "vocab") if k in rep.load_options)
            if per_file and not _is_file_spec(spec):
                raise ConfigError(f"representation {rep.name!r}: load option {per_file[0]} is for a file, and "
                                  f"{spec!r} is not one")
            if _is_file_spec(spec):
                # parse it now (a malformed file is a user error before any work; the parse goes to the
                # binary cache, so loading it again for its cells is cheap)
                load_embedding(spec, label=rep.name, options=rep.options)
    from wordeval.option_effects import (given_options, idle_options, note_deterministic_seeds,
                                         note_idle_options, note_repeated_crf_fits)

    resolved, idle = [], []
    for task, cfg in _task_items(tasks):
        t = get_task(task)
        if intersection and t.family in ("similarity", "analogy", "sts"):
            if cfg.get("oov") == "penalize":  # it was replaced without a word
                raise ConfigError(f"{task}: {named_as['intersection']} scores the items every "
                                  f"representation covers and {named_as['oov']} penalize every item, the "
                                  f"uncovered as worst: ask for one of them")
            cfg = {**cfg, "oov": "intersection"}
        if common_vocabulary and t.family == "analogy":
            cfg = {**cfg, "candidates": "common"}
        if restrict_vocab is not None and t.family in ("similarity", "analogy"):
            n = restrict_vocab
            if cfg.get("restrict_vocab") not in (None, n):  # it was replaced without a word
                raise ConfigError(f"{task}: {named_as['restrict_vocab']} {n} and restrict_vocab = "
                                  f"{cfg['restrict_vocab']!r} ask for two candidate sets: give one")
            cfg = {**cfg, "restrict_vocab": n}
        checked = t.validate_config({k: v for k, v in cfg.items() if k != "oov"} if cfg.get("oov") == "intersection"
                                    else cfg, strict=strict_config)
        if cfg.get("oov") == "intersection":
            checked["oov"] = "intersection"
        if len(seeds) > 1 and int(checked.get("n_seeds") or 1) > 1:
            checked = _one_seed_per_record(t, cfg, seeds, strict_config)
        resolved.append((t, checked))
        idle.append((t.name, idle_options(t.family, given_options(t, cfg), checked)))
    for t, cfg in resolved:  # a record of seed s trains seeds s .. s + n_seeds - 1
        last = max(seeds) + int(cfg.get("n_seeds") or 1) - 1
        if last > MAX_SEED:
            raise ConfigError(f"{t.name}: seed {last} (the last seed it trains) is above {MAX_SEED}, the "
                              f"largest seed numpy and scikit-learn take: choose a smaller "
                              f"{named_as['seed']}" + (f" or n_seeds (now {cfg['n_seeds']})"
                                                      if int(cfg.get("n_seeds") or 1) > 1 else ""))
    names = [t.name for t, _ in resolved]
    if len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        # two spec files (or a spec and a built-in task) declaring one name: the line named neither
        from wordeval.tasks.spec_file import line_of_key
        where = [f"the built-in {twice}" if t.spec.origin.startswith("builtin:")
                 else f"{t.spec.origin}:{line_of_key(t.spec.origin, 'name') or 1}"
                 for t, _ in resolved if t.name == twice]
        raise ConfigError(f"task {twice!r} is asked for twice" + (
            f": {' and '.join(where)} both declare it (give one spec another name)" if len(set(where)) > 1
            else f": {where[0]}, named twice in two spellings"))
    note_idle_options(idle)
    note_deterministic_seeds(seeds, [t.kind for t, _ in resolved])
    note_repeated_crf_fits(seeds, resolved)
    grouped = intersection or common_vocabulary or any(
        c.get("oov") == "intersection" or c.get("candidates") == "common" for _, c in resolved)  # also by --set
    if grouped and len(reps) < 2:
        raise ConfigError(f"{named_as['intersection']} and {named_as['common_vocabulary']} need at least "
                          "two representations (so do oov = \"intersection\" and candidates = \"common\")")
    if restrict_vocab is not None and not any(t.family in ("similarity", "analogy") for t, _ in resolved):
        # STS and QVEC read every row: on them alone it was accepted and changed nothing
        raise ConfigError(f"{named_as['restrict_vocab']} limits the rows of similarity and analogy tasks, "
                          "and none is asked for (STS and QVEC read every row of the vocabulary)")
    if common_vocabulary and not any(t.family == "analogy" for t, _ in resolved):
        # it restricts analogy candidates only; on similarity alone it was accepted and changed nothing
        raise ConfigError(f"{named_as['common_vocabulary']} restricts the candidates of analogy tasks, and "
                          f"none is asked for ({named_as['intersection']} scores similarity on the pairs "
                          f"every representation covers)")
    if intersection and not any(t.family in ("similarity", "analogy", "sts") for t, _ in resolved):
        # applied to similarity, analogy and STS only: elsewhere it changed nothing
        raise ConfigError(f"{named_as['intersection']} applies to similarity, analogy and STS tasks, and "
                          f"none is asked for")
    datasets, skipped = {}, []
    from wordeval.progress import progress_bar
    iterator = progress_bar(resolved, shown=progress, desc="checking datasets", unit="task", leave=False)
    # the bar is closed (its line cleared) before an error reaches the user: the one-line message was printed
    # after the bar's text on the same line
    with contextlib.closing(iterator):
        for t, cfg in iterator:
            try:
                dataset = t.load_dataset(data_home=data_home)
                _log_dataset_warnings(t, dataset, t.check_data(dataset, cfg))
                datasets[t.name] = dataset
            except UNAVAILABLE as exc:
                skipped.append({"task": t.name, "embedding": "(all)", "reason": str(exc),
                                "kind": "unavailable"})
            except MissingFileError as exc:
                if t.spec.origin.startswith("builtin:") and t.dataset_spec.bring_your_own:
                    skipped.append({"task": t.name, "embedding": "(all)", "reason": str(exc),
                                    "kind": "unavailable"})
                elif keep_going:
                    skipped.append({"task": t.name, "embedding": "(all)", "reason": f"error: {exc}",
                                    "kind": "error"})
                else:
                    raise
            except WordevalError as exc:
                if not keep_going:
                    raise
                skipped.append({"task": t.name, "embedding": "(all)", "reason": f"error: {exc}",
                                "kind": "error"})
    for entry in skipped:  # the store keeps the skip per representation (``ResultStore.put_task_skipped``)
        entry["labels"] = list(dict.fromkeys(r.name for r in reps))
    cells = []
    identities = {t.name: data_identity(t, datasets[t.name]) for t, _ in resolved if t.name in datasets}
    for rep in reps:
        for t, cfg in resolved:
            if t.name not in datasets:
                continue
            task_seeds = seeds if t.kind == "extrinsic" else seeds[:1]
            for seed in task_seeds:
                grouped = cfg.get("oov") == "intersection" or cfg.get("candidates") == "common"
                group = f"{t.name}|{seed}" if grouped else None
                cells.append(Cell(rep, t, dict(cfg), seed, group, identities[t.name], tuple(labels)))
    _check_encoder_batches(reps, resolved, datasets)
    if not keep_going:  # under --keep-going the group's cells record the error, as before
        from wordeval.intrinsic.analogy_common import check_planned
        for c in cells:
            if c.task.family == "analogy":
                check_planned(c.embedding_spec, c.config)
    refused = _check_representations(reps, resolved, datasets, keep_going)
    for entry in refused:
        skipped.append(entry)
        cells = [c for c in cells if (c.task.name, c.rep.name) != (entry["task"], entry["embedding"])]
    return Plan(cells, skipped, datasets, list(seeds), dict(option_names or {}))


def _check_encoder_batches(reps, resolved, datasets) -> None:
    """An encoder's explicit batch_size/max_length against the data its batches pad to
    (``encoder_memory.check_batch_memory``), before any store is created."""
    from wordeval.embeddings.encoder_memory import check_batch_memory

    for rep in reps:
        for t, _ in resolved:
            if t.name in datasets:
                check_batch_memory(rep.spec_for(t.family), datasets[t.name], task=t.name)


def _check_representations(reps, resolved, datasets, keep_going: bool) -> list[dict[str, Any]]:
    """What a task's options ask of each representation (tagging's ``--clusters K``: K covered words), before
    any cell runs: found when the cell trained, it stopped a run after its other cells. A family without
    ``check_representation`` asks nothing; a representation is loaded only when one asks (see there). Under
    ``keep_going`` a refused pair is a planned skip (returned), else its error stops the run now."""
    from wordeval.tasks.families import family_module

    refused = []
    for rep in reps:
        loaded: dict[str, Any] = {}
        for t, cfg in resolved:
            if t.kind != "extrinsic" or t.name not in datasets:
                continue  # an intrinsic family's module (numba's kernels) is not imported to plan
            try:
                check = getattr(family_module(t.family), "check_representation", None)
            except NotAvailableError:
                continue
            if check is None:
                continue
            spec = rep.spec_for(t.family)

            def load(spec=spec, loaded=loaded):
                if spec not in loaded:
                    loaded[spec] = load_embedding(spec, label=rep.name, options=rep.options)
                return loaded[spec]

            try:
                check(t.spec, datasets[t.name], cfg, spec, load, name=rep.name)
            except UNAVAILABLE:
                # a representation not here (offline, a missing extra) loaded for the check: its cell meets the
                # error again and is skipped with its kind, as without the check; it stopped the run (exit 2)
                continue
            except WordevalError as exc:
                if not keep_going:
                    raise
                refused.append({"task": t.name, "embedding": rep.name, "reason": f"error: {exc}", "kind": "error",
                                "labels": [rep.name]})
    return refused


def _one_seed_per_record(task, cfg: Mapping[str, Any], seeds: Sequence[int], strict: bool) -> dict[str, Any]:
    """With several run seeds, each record trains one. Before, a family's default ``n_seeds`` (3) made the
    record of seed s train seeds s..s+2: the records of seeds 0 and 1 shared two fits, and the spread between
    them, reported as seed-to-seed sd and resampled by the paired tests, understated it."""
    asked = cfg.get("n_seeds", (task.spec.parameters or {}).get("n_seeds"))
    if asked is not None:
        raise ConfigError(f"{task.name}: n_seeds = {asked} with seeds {list(seeds)}: each record would train "
                          f"seeds s..s+{int(asked) - 1}, which the next seed's record trains again; set n_seeds = 1 "
                          f"(one record per seed) or run one seed")
    return task.validate_config({**cfg, "n_seeds": 1}, strict=strict)


def data_identity(task, dataset) -> str:
    """What a user's task reads, as one digest: its spec file's bytes and every data file's sha256. A
    built-in task's files are pinned by sha256 under its version, so it needs none (""). Without it, a user
    who corrected their data file and ran again into the same store was served the record of the old data."""
    import hashlib

    from wordeval.joiner_texts import text_settings

    # texts whose tokens moved with tokenizer 3 or 4: a store's record tokenised otherwise is not served there
    joined = [f"{k}={v}" for k, v in text_settings(task.family, dataset).items()]
    origin = str(task.spec.origin or "")
    if origin.startswith("builtin:"):
        return "|".join(joined)
    parts = sorted(f"{k}={v}" for k, v in (getattr(dataset, "files", None) or {}).items()) + joined
    # how the files were split too: the same files read by a reader that splits them otherwise are other data
    parts.append("splits=" + ",".join(f"{k}:{len(v)}" for k, v in sorted((dataset.splits or {}).items())))
    if task.spec.spec_sha256:
        parts.append(f"spec={task.spec.spec_sha256}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _log_dataset_warnings(task, dataset, more: Sequence[str] = ()) -> None:
    """What the reader noticed in a dataset (labels never seen in train, duplicated items): a warning for a
    user's task, whose data nobody else has looked at; for a built-in one (the standard sets' known duplicates)
    only with --verbose. Either way the records carry them (``dataset.warnings``) and reports list them.
    ``more``, what the run's options make of the data (a class that a max_train sample may lose), is a warning
    on every task: on TREC-6 it was only a debug line, and the classifier then silently never predicted ABBR."""
    level = logging.DEBUG if str(task.spec.origin).startswith("builtin:") else logging.WARNING
    for line in (getattr(dataset, "metadata", None) or {}).get("warnings") or []:
        log.log(level, "wordeval: warning: %s: %s", task.name, line)
    for line in more:
        log.warning("wordeval: warning: %s: %s", task.name, line)


# -- computing -------------------------------------------------------------------------------------------------

# torch's CPU thread count says how a tagger's fit runs, not what it computes (a crf or perceptron does not
# even read it): in the key, a rerun with `--set threads=2` found nothing stored, trained every cell again and
# kept both records. The default stands in for every count, so the keys of records stored before stay. The
# device likewise on crf and perceptron, which never run on torch (on torch learners CUDA computes otherwise).
_RUN_ONLY = {"pos": ("threads",), "chunking": ("threads",), "ner": ("threads",)}
_LINEAR_LEARNERS = ("crf", "perceptron")


def keyed_config(cell: Cell) -> dict[str, Any]:
    """The config that identifies ``cell`` in a store: its own, less settings that only say how it runs."""
    cfg = dict(cell.config)
    keys = [k for k in _RUN_ONLY.get(cell.task.family, ()) if k in cfg]
    if keys and cfg.get("learner") in _LINEAR_LEARNERS and "device" in cfg:
        keys.append("device")
    if keys:
        from wordeval.extrinsic.tagging import DEFAULT_CONFIG
        cfg.update({k: DEFAULT_CONFIG[k] for k in keys})
    return cfg


def request_key_for(cell: Cell, embedding, *, group_fingerprints: Sequence[str] = ()) -> str:
    from wordeval.results.store import request_key

    cfg = keyed_config(cell)
    if group_fingerprints:
        # the items all cover are the same in any order, a common candidate set is not: it is in the first
        # representation's row order (restrict_vocab keeps its first N common words; ties go to its lower row)
        ordered = cfg.get("candidates") == "common"
        cfg["_scored_with"] = list(group_fingerprints) if ordered else sorted(group_fingerprints)
    if cell.data:
        cfg["_data"] = cell.data
    if cell.task.family == "analogy" and cfg.get("oov") == "intersection":
        from wordeval.intrinsic.analogy import INTERSECTION_SETTING
        cfg.update(INTERSECTION_SETTING)  # what its records' config says (analogy.score_intersection)
    return request_key(embedding.info.fingerprint, cell.task.name, cell.task.version, cfg, cell.seed,
                       label=cell.rep.name)


def compute_cell(cell: Cell, embedding, dataset, *, progress: bool = False, predictions=None):
    """The record of one cell (what a worker process runs)."""
    from wordeval.intrinsic.unicode_forms import scoring
    from wordeval.results.predictions import scored_with_predictions
    from wordeval.tasks.families import family_module

    score = family_module(cell.task.family).score
    with scoring(cell.task, dataset):
        return _in_run_order(cell, scored_with_predictions(predictions, lambda folder: score(
            cell.task.spec, embedding, dataset, config=cell.config, seed=cell.seed, progress=progress,
            predictions=folder)))


def _in_run_order(cell: Cell, record):
    """``record`` with its run's labels in the command's order (``Cell.run_labels``), where it computes a
    record, here or on a worker, so that every way of running writes the same record."""
    if cell.run_labels and isinstance(record, ResultRecord):
        record.run["representations"] = list(cell.run_labels)
    return record


def compute_group(cells: Sequence[Cell], embeddings: Sequence, dataset, *, predictions=None) -> list:
    """The records of cells scored together under the intersection policy or a common candidate set (what a
    worker runs for them), their predictions written into ``predictions`` when given. A representation the
    family cannot score (an encoder has no candidate words for analogy) gets its NotAvailableError in its
    record's place and the others are scored together: before, it made the whole group a skip, named after
    the first representation."""
    from wordeval.results.predictions import scored_group_with_predictions
    from wordeval.tasks.families import family_module

    first = cells[0]
    module = family_module(first.task.family)
    why = getattr(module, "unavailable_reason", lambda e, config: None)
    reasons = [why(e, first.config) for e in embeddings]
    if any(reasons):
        able = [i for i, r in enumerate(reasons) if r is None]
        if not able:
            raise NotApplicableError(reasons[0])
        scored = iter(compute_group([cells[i] for i in able], [embeddings[i] for i in able], dataset,
                                    predictions=predictions))
        return [NotApplicableError(r) if r else next(scored) for r in reasons]
    if first.config.get("candidates") == "common":
        def score(folder):
            return module.score_common_vocabulary(first.task.spec, list(embeddings), dataset, config=first.config,
                                                  seed=first.seed, predictions=folder)
    else:
        cfg = {k: v for k, v in first.config.items() if k != "oov"}

        def score(folder):
            return module.score_intersection(first.task.spec, list(embeddings), dataset, config=cfg,
                                             seed=first.seed, predictions=folder)
    from wordeval.intrinsic.unicode_forms import scoring

    with scoring(first.task, dataset):
        scored = scored_group_with_predictions(predictions, first.task.spec, score)
    return [_in_run_order(c, r) for c, r in zip(cells, scored)]


class EmbeddingCache:
    """Loads each (spec, label) once and keeps it while cells need it."""

    def __init__(self, load_fn: Callable[..., Any] = load_embedding):
        self.load_fn = load_fn
        self._loaded: dict[tuple[str, str], Any] = {}
        self.before_load: Callable[[str], None] | None = None  # e.g. wait for a child process building it

    def get(self, spec: str, label: str, options: tuple = ()):
        """``options``: how a file is read (``Representation.options``); passed on only when there are any, so
        a ``load_fn`` of the form ``(spec, label=)`` keeps working."""
        key = (spec, label, tuple(options))
        if key not in self._loaded:
            if self.before_load is not None:
                self.before_load(spec)
            from wordeval.embeddings.encoding_cache import cached  # seeds and learners then encode once
            more = {"options": tuple(options)} if options else {}
            self._loaded[key] = cached(self.load_fn(spec, label=label, **more))
        return self._loaded[key]

    def release_unused(self, remaining: Iterable[Cell]) -> None:
        needed = {c.load_key for c in remaining}
        for key in [k for k in self._loaded if k not in needed]:
            del self._loaded[key]


def load_before_store(plan_: Plan, *, keep_going: bool = False) -> EmbeddingCache:
    """A cache holding the first cell's representation, loaded before the caller opens (creates) the store:
    what only loading finds (weights lacking tensors of the model, of other shapes) stopped the run with an
    empty store left at --out, or a line in an existing store's run log. Pass it to ``execute``, which then
    does not load it again. An error is raised here unless the run records it (``keep_going``, or the
    representation is not available: a skip), in which case ``execute`` meets it again and stores it."""
    cache = EmbeddingCache()
    if plan_.cells:
        try:
            cache.get(*plan_.cells[0].load_key)
        except UNAVAILABLE:
            pass
        except WordevalError:
            if not keep_going:
                raise
    return cache


def value_text(value) -> str:
    """A score as the user reads it: a score not defined on the items (a constant side, no item covered) is
    'n/a', as compare writes it; it was printed as the number 'nan'. Four decimals (the record keeps full
    precision): 'f1 = 0.7307692307692306' showed digits no test set resolves."""
    import math
    import numbers

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a (not defined on these items)"
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral) and math.isfinite(value):
        return f"{value:.4f}"
    return str(value)


def _skip(summary: RunSummary, store, cell: Cell, reason: str, kind: str) -> None:
    log.warning("skipped %s: %s", cell.describe(), reason)
    entry = {"task": cell.task.name, "embedding": cell.rep.name, "seed": cell.seed, "reason": reason, "kind": kind}
    (summary.failed if kind == "error" else summary.skipped).append(entry)
    from wordeval.results.store import skip_key

    store.put_skipped(skip_key(cell.task.name, cell.rep.name, cell.seed), task=cell.task.name,
                      embedding_name=cell.rep.name, reason=reason)


def default_seed_threads() -> int:
    """``WORDEVAL_SEED_THREADS`` if set, else the cores this process may use, at most 4."""
    from wordeval.distributed.cluster import available_cores
    from wordeval.options import integer

    env = os.environ.get("WORDEVAL_SEED_THREADS")
    if env:
        return integer(1, 64)(env, "WORDEVAL_SEED_THREADS")
    return max(1, min(4, available_cores()))


def _concurrent_batch(cells: Sequence[Cell], i: int, threads: int) -> list[Cell]:
    """``cells[i]`` and the cells right after it that may train side by side with it: same representation and
    embedding spec, each on a family that lets its cells run concurrently for its config (its seeds, and the
    next tasks' too, so that a task's last seed does not train alone on one of two cores); else ``[cells[i]]``."""
    first = cells[i]
    if threads < 2 or not _may_run_concurrently(first):
        return [first]
    j = i + 1
    while (j < len(cells) and cells[j].rep is first.rep and cells[j].embedding_spec == first.embedding_spec
           and _may_run_concurrently(cells[j])):
        j += 1
    return list(cells[i:j])


def _may_run_concurrently(cell: Cell) -> bool:
    if cell.group:
        return False
    from wordeval.tasks.families import family_module

    try:
        ok = getattr(family_module(cell.task.family), "seeds_run_concurrently", None)
    except WordevalError:
        return False
    return ok is not None and bool(ok(cell.config))


def _fits_at_once(cells: Sequence[Cell], emb, datasets, wanted: int) -> int:
    """How many of ``cells`` may train side by side: ``wanted``, or fewer where that many fits' estimated
    memory (``fit_memory`` of their family) exceeds the limit (``wordeval.memory_limit``), with a note.
    Planning checked each fit alone; side by side, 4 fits of a large window MLP were killed together."""
    from wordeval.memory_limit import gib, memory_limit
    from wordeval.tasks.families import family_module

    limit, source = memory_limit()
    if limit is None or wanted < 2:
        return wanted
    each, shared = 0.0, 0.0
    for cell in cells:
        estimate = getattr(family_module(cell.task.family), "fit_memory", None)
        if estimate is not None:
            try:
                total, once = estimate(cell.task.spec, datasets[cell.task.name], cell.config, emb)
            except WordevalError:
                continue  # the cell meets the error itself and reports it
            each, shared = max(each, total - once), max(shared, once)
    fitting = max(1, int((limit - shared) // each)) if each > 0 else wanted
    if fitting >= wanted:
        return wanted
    logging.getLogger("wordeval.notices").warning(
        "wordeval: note: %d fits side by side would need an estimated %s (%s each), more than %s (%s): training %d "
        "at a time", wanted, gib(shared + wanted * each), gib(each), source, gib(limit), fitting)
    return fitting


@contextlib.contextmanager
def _one_torch_thread():
    """torch's intra-op threads pinned to 1 for a concurrent phase (a fit restoring its caller's count on the
    way out must not change another fit's arithmetic halfway)."""
    try:
        import torch
    except ImportError:  # crf and perceptron fits need no pinning; a torch learner's cell is skipped (tagging)
        yield
        return
    from wordeval.extrinsic.learners.torch_common import STOP

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    STOP.clear()
    try:
        yield
    finally:
        STOP.clear()
        torch.set_num_threads(before)


def _specs_to_prebuild(cells: Sequence[Cell]) -> list[str]:
    """The corpus-trained representations a child process may build ahead (``wordeval.prebuild``): all but
    the one this process starts with; none where there is no second core to build on, or with
    ``WORDEVAL_PREBUILD=0`` (the tests set it: a child process does not see their monkeypatches)."""
    from wordeval.distributed.cluster import available_cores
    from wordeval.embeddings.load import is_builder_spec

    if not cells or available_cores() < 2 or not flag("WORDEVAL_PREBUILD", True):
        return []
    specs = dict.fromkeys(c.embedding_spec for c in cells)
    specs.pop(cells[0].embedding_spec, None)
    builds = [s for s in specs if is_builder_spec(s)]
    from wordeval.prebuild import builder_cache_writable
    return builds if builds and builder_cache_writable() else []


def execute(plan_: Plan, store, *, progress: bool = False, keep_going: bool = False, predictions=None,
            embeddings: EmbeddingCache | None = None, seed_threads: int | None = None,
            prebuild: bool = False) -> RunSummary:
    """Compute every planned cell not already in ``store``, writing each record as it finishes.

    ``prebuild``: build the corpus-trained representations after the first in a child process meanwhile
    (``wordeval.prebuild``)."""
    from wordeval.prebuild import Prebuilder
    from wordeval.progress import logs_above_bars, progress_bar

    summary = RunSummary(skipped=[dict(s) for s in plan_.skipped if s.get("kind") != "error"],
                         failed=[dict(s) for s in plan_.skipped if s.get("kind") == "error"])
    for entry in plan_.skipped:
        store.put_task_skipped(entry["task"], entry.get("labels", ()), entry["reason"])
    cache = embeddings or EmbeddingCache()
    cells = list(plan_.cells)
    from wordeval.option_effects import note_tasks_without_predictions
    from wordeval.results.predictions import PendingPredictions, stored_then_published
    note_tasks_without_predictions(cells, predictions, option=plan_.named("predictions"))
    # a cell's files are published once the store holds its record, which their .json names
    pending = PendingPredictions(predictions) if predictions is not None else None
    groups: dict[str, list[Cell]] = {}
    for c in cells:
        if c.group:
            groups.setdefault(c.group, []).append(c)
    bar = progress_bar(total=len(cells), shown=progress, desc="wordeval run", unit="cell")
    done_groups: set[str] = set()
    exits = contextlib.ExitStack()
    exits.enter_context(logs_above_bars(progress))
    from wordeval.option_effects import said_once_per_run
    exits.enter_context(said_once_per_run())
    threads = default_seed_threads() if seed_threads is None else max(1, int(seed_threads))
    builds = exits.enter_context(Prebuilder(_specs_to_prebuild(cells) if prebuild else ()))
    caller_before_load, cache.before_load = cache.before_load, builds.wait

    def outcome(cell: Cell, fn: Callable[[], None]) -> None:
        try:
            fn()
        except UNAVAILABLE as exc:
            _skip(summary, store, cell, str(exc), skip_kind(exc))
        except WordevalError as exc:
            if not keep_going:
                raise
            _skip(summary, store, cell, f"error: {exc}", "error")

    def stored(cell: Cell, record, key: str) -> None:
        from wordeval.results.superseded import superseded_note

        note = superseded_note(store, record)
        summary.computed.append(stored_then_published(pending, record, lambda: store.put(record, request=key)))
        log.info("stored %s: %s = %s%s", cell.describe(), record.main_score, value_text(record.main_value),
                 note)

    def key_if_new(cell: Cell, emb) -> str | None:
        """The cell's request key, or None (counted as cached) when the store already holds its record."""
        key = request_key_for(cell, emb)
        done = store.get_request(key)
        if done is None:
            return key
        store.found(done, key)
        # its key in the store: not its cache key when kept beside a record on other data
        summary.cached.append(getattr(done, "stored_key", done.cache_key()))
        log.info("cached %s", cell.describe())
        return None

    def one(cell: Cell) -> None:
        if cell.group:
            if cell.group not in done_groups:
                done_groups.add(cell.group)
                _run_group(groups[cell.group], plan_, store, cache, summary, pending, outcome, stored)
            return
        emb = cache.get(*cell.load_key)
        key = key_if_new(cell, emb)
        if key is not None:
            stored(cell, compute_cell(cell, emb, plan_.datasets[cell.task.name], progress=progress,
                                      predictions=pending), key)

    def side_by_side(batch: list[Cell]) -> None:
        """The uncached cells in threads, records stored in plan order; with an encoder, each task's
        features are encoded first."""
        from concurrent.futures import ThreadPoolExecutor

        from wordeval.extrinsic.learners.torch_common import STOP

        try:
            emb = cache.get(*batch[0].load_key)
        except WordevalError:  # each cell then fails (or is skipped) on its own, as one at a time
            for cell in batch:
                try:
                    outcome(cell, lambda: one(cell))
                finally:
                    bar.update(1)
            return
        if not hasattr(emb, "lookup") and len({c.task.name for c in batch}) > 1:
            # an encoder: task by task, so that only one task's encodings need to stay in the cache at once
            for task in dict.fromkeys(c.task.name for c in batch):
                side_by_side([c for c in batch if c.task.name == task])
            return
        todo = []
        for cell in batch:
            key = key_if_new(cell, emb)
            if key is None:
                bar.update(1)
            else:
                todo.append((cell, key))
        if not todo:
            return
        rest = todo
        if not hasattr(emb, "lookup"):  # an encoder: its features go into the encoding cache once, then shared
            from wordeval.tasks.families import family_module

            cell, key = todo[0]
            prepare = getattr(family_module(cell.task.family), "prepare_encoder", None)
            if prepare is not None and getattr(emb, "keeps_encodings", False):
                # encoded alone (all threads), then every cell trains side by side on the cached features
                try:
                    prepare(cell.task.spec, emb, plan_.datasets[cell.task.name], config=cell.config)
                except WordevalError:
                    pass  # each cell meets the same error and reports it as its own
            else:  # the first cell encodes (and trains) alone, the others then read its encodings
                outcome(cell, lambda: stored(cell, compute_cell(cell, emb, plan_.datasets[cell.task.name],
                                                                progress=progress, predictions=pending), key))
                bar.update(1)
                rest = todo[1:]
        if not rest:
            return
        at_once = _fits_at_once([c for c, _ in rest], emb, plan_.datasets, min(threads, len(rest)))
        with _one_torch_thread(), ThreadPoolExecutor(max_workers=at_once) as pool:
            # each fit its own bar (tqdm gives each a line of a terminal; off one, whole lines): without them
            # the run's bar stood at 0 cells with its clock stopped while the seeds trained
            futures = [pool.submit(compute_cell, c, emb, plan_.datasets[c.task.name], progress=progress,
                                   predictions=pending) for c, _ in rest]
            try:
                for (c, k), fut in zip(rest, futures):
                    outcome(c, lambda: stored(c, fut.result(), k))
                    bar.update(1)
            except BaseException:
                STOP.set()  # the fits still running stop at their next epoch, before the pool waits for them
                for fut in futures:
                    fut.cancel()
                raise

    from wordeval.held_signals import interrupts_kept
    raise_swallowed = exits.enter_context(interrupts_kept())
    try:
        i = 0
        while i < len(cells):
            batch = _concurrent_batch(cells, i, threads)
            cell = batch[0]
            bar.set_postfix_str(visible(f"{cell.rep.name} {cell.task.name}"), refresh=False)
            try:
                if len(batch) == 1:
                    try:
                        outcome(cell, lambda: one(cell))
                    finally:
                        bar.update(1)
                else:
                    outcome(cell, lambda: side_by_side(batch))
            finally:
                i += len(batch)
                cache.release_unused(cells[i:])
            raise_swallowed()  # a Ctrl-C that a library swallowed stops the run here, its cells stored
    finally:
        cache.before_load = caller_before_load
        bar.close()
        exits.close()
    warn_predictions_not_written(summary, predictions, named=plan_.named)
    return summary


def warn_predictions_not_written(summary: RunSummary, predictions, *,
                                 named: Callable[[str], str] = str) -> None:
    """A stored record's predictions were written (or not) when it was computed; resuming writes none. Only
    those the folder lacks are said: resuming an interrupted run into its own folder was told "nothing
    written ... a new --out computes them again" for cells whose files were already there. ``named``: how the
    message names the ``predictions`` and ``out`` keywords (``Plan.named``: the CLI's options)."""
    if predictions is None or not summary.cached:
        return
    from wordeval.results.predictions import recorded_keys

    missing = set(summary.cached) - recorded_keys(predictions)
    if missing:
        log.warning("wordeval: warning: %s: nothing written for %d cell(s) already in the store and without "
                    "predictions in %s (predictions are written when a cell is computed: a new %s computes "
                    "them again)", named("predictions"), len(missing), predictions, named("out"))


def _run_group(cells: list[Cell], plan_: Plan, store, cache: EmbeddingCache, summary: RunSummary,
               predictions, outcome: Callable, stored: Callable) -> None:
    """Cells scored together under the intersection policy: one item set for every representation.
    ``outcome(cell, fn)``: how a record's store write is run, so that each one that fails (under --keep-going)
    is its own cell's failure; ``stored(cell, record, key)``: the write, and its "stored ..." line, as for a
    cell computed alone."""
    first = cells[0]
    embs = [cache.get(*c.load_key) for c in cells]
    fps = [e.info.fingerprint for e in embs]
    keys = [request_key_for(c, e, group_fingerprints=fps) for c, e in zip(cells, embs)]
    found = [store.get_request(k) for k in keys]
    if all(f is not None for f in found):
        for f, k in zip(found, keys):
            store.found(f, k)
        summary.cached.extend(getattr(f, "stored_key", f.cache_key()) for f in found)
        for cell in cells:
            log.info("cached %s", cell.describe())
        return
    records = compute_group(cells, embs, plan_.datasets[first.task.name], predictions=predictions)
    for cell, rec, key in zip(cells, records, keys):
        if isinstance(rec, NotAvailableError):
            _skip(summary, store, cell, str(rec), skip_kind(rec))
        else:
            # each record stored as its own cell's outcome: a failed write of the first ended the loop, and under
            # --keep-going the others were neither stored nor reported (nor their prediction files dropped)
            outcome(cell, lambda: stored(cell, rec, key))


def run(representations: Sequence, tasks: Iterable, *, out, seeds: Sequence[int] = (0,), data_home=None,
        keep_going: bool = False, progress: bool = False, intersection: bool = False,
        restrict_vocab: int | None = None, common_vocabulary: bool = False, predictions=None,
        load_options: Mapping[str, Any] | None = None) -> RunSummary:
    """Plan, then compute into the store at ``out`` (created; resumed when it holds earlier records), and
    return a RunSummary (request keys computed and already stored, skips, failures).
    ``representations``: embedding specs (an id, a file, ``LABEL=SPEC``) or ``Representation``s; ``tasks``:
    task names, spec files, Tasks or ``(task, config)`` pairs (not family names); either may be one on its
    own.
    ``seeds``: extrinsic tasks get one record per seed, intrinsic tasks one record (first seed; default (0,)).
    ``data_home``: where datasets are read (default None: ``WORDEVAL_DATA``, and the package artifacts).
    ``keep_going``: record a cell's error and go on (default False: the first error stops the run).
    ``progress``: show progress bars (default False).
    ``intersection``: score similarity and STS on the items every representation covers (default False).
    ``restrict_vocab``: analogy's candidate set, the first N rows (default None: the task's own).
    ``common_vocabulary``: every representation answers analogies over the words all share (default False).
    ``predictions``: a folder to write per-item predictions to (default None: none written).
    ``load_options``: how files are read, e.g. ``{"allow_pickle": True}`` for gensim .kv files (see ``plan``;
    default None: each option at its ``wordeval.evaluation.LOAD_OPTIONS`` value)."""
    from wordeval.output_paths import check_output
    from wordeval.results.run_log import registered
    from wordeval.results.store import ResultStore

    keep_going, progress, intersection, common_vocabulary = flags(keep_going=keep_going, progress=progress,
                                                                  intersection=intersection,
                                                                  common_vocabulary=common_vocabulary)
    out = check_output(out, "store", option="out")  # as --out: never into what wordeval did not write
    if predictions is not None:
        check_output(predictions, "predictions", option="predictions", within={"out": out})
    p = plan(representations, tasks, seeds=seeds, data_home=data_home, intersection=intersection,
             restrict_vocab=restrict_vocab, common_vocabulary=common_vocabulary, keep_going=keep_going,
             progress=progress, load_options=load_options)
    cache = load_before_store(p, keep_going=keep_going)
    from wordeval.output_paths import prepare_predictions_folder
    from wordeval.results.store_discard import made_folder

    # the predictions folder is made once registered: a run refused there leaves no folder behind
    with ResultStore(out, run=True) as store, registered(store, planned_cells(p)), made_folder(
            predictions, lambda: predictions and str(prepare_predictions_folder(predictions, within={"out": out}))
    ) as folder:
        return execute(p, store, progress=progress, keep_going=keep_going, predictions=folder,
                       embeddings=cache)


def planned_cells(plan_: Plan) -> list[tuple[str, str, int, str]]:
    """(label, task, seed, config key) of every planned cell: what a run registers in the store."""
    from wordeval.results.record import config_hash

    return [(c.rep.name, c.task.name, c.seed, config_hash(keyed_config(c))) for c in plan_.cells]
