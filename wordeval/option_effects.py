"""Options the user gave that change nothing under the rest of the config (3CosMul's epsilon with method
3cosadd, SIF's a with mean pooling), and several seeds where every task is deterministic: they were taken
without a word, and the record still listed them, so a user believed they had been applied. Each becomes a
one-line note on stderr; a contradiction between options is a ConfigError where it is checked instead.

A family module declares ``APPLIES_ONLY_WITH = {option: (other option, (values under which it acts))}``.
"""
from __future__ import annotations

import contextlib
import logging
import threading
import warnings
from typing import Any, Iterator, Mapping, Sequence

log = logging.getLogger("wordeval.notices")

# The notes a run has said that its cells give, each cell for itself (a --seeds 3 run said one three times),
# and its Python warnings as (class, text); None outside a run, where each call is its own evaluation and says
# its notes.
_said_in_run: set[Any] | None = None
_said_lock = threading.Lock()  # a run's seeds may score side by side in threads


@contextlib.contextmanager
def said_once_per_run() -> Iterator[None]:
    """Within it, a note a cell gives (``note_lookup_options_on_encoder``) is said once, and so is a Python
    warning of one class and text, the same in every cell: Python's own once-per-place memory is reset by each
    ``catch_warnings`` a cell's scoring leaves (``stats.item_scores.correlation``), and a --workers run warns
    again what each cell's worker kept (``worker_warnings.say_warnings``). Warnings that differ are all
    said."""
    global _said_in_run
    outer, _said_in_run = _said_in_run, (set() if _said_in_run is None else _said_in_run)
    shown = warnings.showwarning

    def once(message, category, filename, lineno, file=None, line=None):
        if _first_time((category, str(message))):
            shown(message, category, filename, lineno, file, line)

    warnings.showwarning = once
    try:
        yield
    finally:
        _said_in_run = outer
        if warnings.showwarning is once:  # else another took the place after it, and passes on to ``once``
            warnings.showwarning = shown


def _first_time(message: Any) -> bool:
    with _said_lock:
        if _said_in_run is None:
            return True
        if message in _said_in_run:
            return False
        _said_in_run.add(message)
        return True


def say_note(message: str) -> None:
    """``message`` on stderr, once within a run (``said_once_per_run``)."""
    if _first_time(message):
        log.warning("%s", message)


@contextlib.contextmanager
def notes_kept(into: list) -> Iterator[None]:
    """Within it, the notes this thread logs go into ``into`` instead of stderr: a Dask worker's cell returns
    them to the client, which says each once per run. A worker said them itself: on a --scheduler's workers
    into their logs, never to the user, and on --workers once per cell, a run's three seeds three times."""
    thread = threading.get_ident()

    def keep(record: logging.LogRecord) -> bool:
        if record.thread != thread:
            return True
        into.append(record.getMessage())
        return False

    log.addFilter(keep)
    try:
        yield
    finally:
        log.removeFilter(keep)


def idle_options(family: str, given: Mapping[str, Any], cfg: Mapping[str, Any]) -> list[str]:
    """What ``given`` (the user's own options, before defaults) asks for that ``cfg`` (the effective config)
    leaves without effect, one sentence each."""
    from wordeval.tasks.families import family_module

    rules = getattr(family_module(family), "APPLIES_ONLY_WITH", {})
    out = []
    for key, (on, values) in rules.items():
        if key in given and cfg.get(on) not in values:
            allowed = ", ".join(map(repr, values[:-1])) + " or " * (len(values) > 1) + repr(values[-1])
            out.append(f"{key}={given[key]!r} has no effect: it applies only with {on} = {allowed}, and {on} "
                       f"is {cfg.get(on)!r}")
    cost = getattr(family_module(family), "cost_notes", None)  # settings that run, but far longer
    return out + (cost(given, cfg) if cost is not None else [])


def given_options(task, config: Mapping[str, Any] | None) -> dict[str, Any]:
    """What the user asked of ``task``: ``config``, over the [config] of a spec file of theirs (a built-in
    task's own defaults are not the user's)."""
    own = {} if str(task.spec.origin or "").startswith("builtin:") else dict(task.spec.parameters or {})
    return {**own, **dict(config or {})}


def note_idle_options(by_task: Sequence[tuple[str, Sequence[str]]]) -> None:
    """One line per distinct note, naming the tasks it concerns (a --set reaches every task of a run)."""
    tasks_of: dict[str, list[str]] = {}
    for task, notes in by_task:
        for text in notes:
            tasks_of.setdefault(text, []).append(task)
    for text, tasks in tasks_of.items():
        log.warning("wordeval: note: %s (%s)", text, ", ".join(tasks))


def note_lookup_options_on_encoder(cfg: Mapping[str, Any], defaults: Mapping[str, Any], name: str,
                                   what: str) -> None:
    """``oov`` and ``case`` are word-table lookup policies: an encoder's token states or sentence vectors are
    read whole, so a non-default value changed nothing, while the record (and the store's key) said it applied.
    Known only once the representation is loaded, hence not among the planning notes of ``idle_options``."""
    idle = [f"{key}={cfg[key]!r}" for key in ("oov", "case") if key in cfg and cfg[key] != defaults.get(key)]
    if idle:
        message = (f"wordeval: note: {', '.join(idle)} {'has' if len(idle) == 1 else 'have'} no effect on {name}: "
                   f"{what} (oov and case are the word lookup of a word table)")
        if _first_time(message):
            log.warning("%s", message)


def note_deterministic_seeds(seeds: Sequence[int], kinds: Sequence[str]) -> None:
    """Several seeds when no task trains: an intrinsic score is one measurement (its seed moves only the
    bootstrap CI), computed once, with the first seed; the others asked for nothing."""
    if len(seeds) > 1 and kinds and all(kind == "intrinsic" for kind in kinds):
        log.warning("wordeval: note: %d seeds asked for, but intrinsic scores are deterministic: each task "
                    "is scored once, with seed %d (the seed moves only the bootstrap CI); seeds apply to "
                    "extrinsic tasks", len(seeds), seeds[0])


def crf_fit_reads_no_seed(cfg: Mapping[str, Any]) -> bool:
    """A crf fit that draws nothing at random: no k-means ``clusters``, no ``oov = "random"`` vectors.
    L-BFGS reads the sentences in order (crfsuite's rand() shuffles only its online trainers), so every
    seed gives the same model, byte for byte (tests/test_crf_one_fit_per_record.py)."""
    return cfg.get("learner") == "crf" and not cfg.get("clusters") and cfg.get("oov") != "random"


def note_repeated_crf_fits(seeds: Sequence[int], tasks: Sequence[tuple[Any, Mapping[str, Any]]]) -> None:
    """Several seeds of a crf that draws nothing at random: each seed repeats one fit (sd 0, README's Seeds).
    The seeds of one record are fitted once (``tagging.evaluate_dataset``); the records of several run seeds
    are cells of their own, each a fit, and ``extrinsic --learner crf``, 3 seeds by default, took three times
    as long without a word."""
    repeats: dict[tuple[int, int], list[str]] = {}
    for task, cfg in tasks:
        fits = len(seeds) * int(cfg.get("n_seeds") or 1)
        if crf_fit_reads_no_seed(cfg) and fits > 1:
            repeats.setdefault((fits, len(seeds)), []).append(task.name)
    for (fits, records), names in repeats.items():
        cost = (f" in {records} times the time of one" if records > 1 else
                ", fitted once and recorded for each seed")
        log.warning("wordeval: note: %s: a crf without clusters or oov = \"random\" draws nothing at random, "
                    "so its %d seeds repeat one fit (sd 0)%s; one seed gives the same score",
                    ", ".join(names), fits, cost)


def note_file_options(given: Mapping[str, bool], specs: Sequence[str]) -> None:
    """Options of how a file is read (``--allow-pickle``, ``--encoding-errors replace``, ``--no-cache``) when
    no representation is a file: a registered id or a builder reads no file of the user's."""
    asked = [option for option, on in given.items() if on]
    if asked:
        which = f"{specs[0]} is not one" if len(specs) == 1 else f"none of {', '.join(specs)} is one"
        log.warning("wordeval: note: %s %s no effect: %s for embedding files, and %s", ", ".join(asked),
                    "has" if len(asked) == 1 else "have", "it is" if len(asked) == 1 else "they are", which)


def note_tasks_without_predictions(cells, predictions, *, option: str = "predictions") -> None:
    """--save-predictions with tasks whose family has no per-item output to write (QVEC scores the whole
    matrix against its oracle): their folder stayed empty without a word. ``option``: how the note names the
    folder's keyword (the CLI passes ``--save-predictions``)."""
    from wordeval.tasks.families import family_module

    if predictions is None:
        return
    silent = [name for name, family in dict.fromkeys((c.task.name, c.task.family) for c in cells)
              if not getattr(family_module(family), "WRITES_PREDICTIONS", True)]
    if silent:
        log.warning("wordeval: note: %s: %s write%s no per-item predictions (QVEC and QVEC-CCA score the "
                    "embedding matrix against the oracle as a whole)", option, ", ".join(silent),
                    "s" if len(silent) == 1 else "")
