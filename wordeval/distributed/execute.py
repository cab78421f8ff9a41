"""The client loop of a distributed run: keys first, skip what is stored, submit the rest, store each
record as its future completes (see ``wordeval.distributed`` for the design).

Outcomes mirror ``runner.execute``: a record is stored under its request key; data that is not available is
a skip (exit code 3); a user error is recorded as failed with ``keep_going`` (exit code 3) or else ends the
run (exit code 2) after the records that had already come back are stored; any other exception is re-raised
(a bug) after Dask's bounded retries. A worker process that dies is Dask's business: the cell runs again on
another worker, up to ``distributed.scheduler.allowed-failures`` deaths, then counts as a failed cell.
"""
from __future__ import annotations

import contextlib
import logging
import sys
import time
import uuid
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Mapping

from wordeval.distributed.client_paths import data_home_for_workers, for_workers
from wordeval.errors import NotAvailableError, WordevalError
from wordeval.provenance import working_directory
from wordeval.readable_text import readable_text
from wordeval.results.superseded import superseded_note
from wordeval.runner import (Cell, Plan, RunSummary, _skip, request_key_for, skip_kind, value_text,
                             warn_predictions_not_written)

log = logging.getLogger("wordeval.run")

# A scheduler that hangs (SIGSTOP, a frozen VM) keeps its connection open and the kernel still acknowledges it,
# so neither Dask's TCP timeout nor its client heartbeat (sent, never awaited) notices: the run waited for
# ever. After PROBE_AFTER seconds without a result the client asks the scheduler who it is, and one that gives
# no answer within ANSWER_WITHIN seconds ends the run; what came back is stored.
SCHEDULER_PROBE_AFTER = 10.0
SCHEDULER_ANSWER_WITHIN = 30.0


class CellError(WordevalError):
    """A user error raised on a worker, carried to the client as its message (exception objects of ours do
    not always survive pickling)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class Unit:
    """What one future computes: one cell, or the cells of one intersection group."""

    cells: list[Cell]
    keys: list[str] | None = None  # request keys, once every fingerprint is known
    resources: dict[str, float] | None = None
    done: bool = False

    @property
    def specs(self) -> list[tuple[str, str, tuple]]:
        """What its cells load: (spec, label, load options), the key a worker keeps each loaded object by."""
        return [c.load_key for c in self.cells]


def _units(cells: list[Cell]) -> list[Unit]:
    out: list[Unit] = []
    groups: dict[str, Unit] = {}
    for c in cells:
        if c.group is None:
            out.append(Unit([c]))
        elif c.group in groups:
            groups[c.group].cells.append(c)
        else:
            groups[c.group] = Unit([c])
            out.append(groups[c.group])
    return out


def _keys(unit: Unit, fingerprints: Mapping[tuple[str, str], str]) -> list[str]:
    fps = [fingerprints[s] for s in unit.specs]
    stubs = [SimpleNamespace(info=SimpleNamespace(fingerprint=fp)) for fp in fps]
    group = fps if unit.cells[0].group is not None else ()
    return [request_key_for(c, e, group_fingerprints=group) for c, e in zip(unit.cells, stubs)]


@dataclass
class _Run:
    plan: Plan
    store: Any
    summary: RunSummary
    keep_going: bool
    predictions: str | None
    data_home: Any
    table: dict[str, dict[str, float]]
    retries: int
    bar: Any
    fingerprints: dict[tuple[str, str], str] = field(default_factory=dict)
    remaining: dict[tuple[str, str], int] = field(default_factory=dict)
    meta: dict[Any, tuple[str, Any]] = field(default_factory=dict)  # future -> ("fingerprint", spec) | ("unit", u)
    queue: list[Unit] = field(default_factory=list)  # resolved, not yet submitted
    waiting: dict[tuple[str, str, tuple], list[Unit]] = field(default_factory=dict)
    failed_cells: int = 0
    fatal: BaseException | None = None
    client: Any = None
    ac: Any = None
    last_poll: float = 0.0
    started: set = field(default_factory=set)  # keys of the unit futures a worker has begun
    in_flight: int = 0
    max_in_flight: int = 64
    window_checked: float = -1e9
    token: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    submitted: int = 0
    order: dict = field(default_factory=dict)  # (spec, label, options) -> index in plan order
    stats: dict | None = None  # filled for benchmarks: per-unit and per-fingerprint seconds on the workers
    where: str = "the scheduler"
    last_heard: float = field(default_factory=time.monotonic)
    silent: bool = False  # the scheduler stopped answering: nothing more is asked of it
    dask_log: Any = None  # the file that keeps Dask's log of a LocalCluster (dask_log), named in errors

    def next_key(self, kind: str) -> str:
        """A Dask key of its own for every submission (a key reused would return the earlier result)."""
        self.submitted += 1
        return f"wordeval-{kind}-{self.token}-{self.submitted}"

    # -- bookkeeping ----------------------------------------------------------------------------------
    def finish(self, unit: Unit) -> None:
        unit.done = True
        self.bar.update(len(unit.cells))
        for spec in unit.specs:
            self.remaining[spec] -= 1
            if self.remaining[spec] == 0 and self.client is not None and not self.silent:
                from wordeval.distributed import worker
                try:  # drop it from every worker: no remaining cell needs it
                    self.client.run(worker.release, [spec], on_error="ignore",
                                    callback_timeout=SCHEDULER_ANSWER_WITHIN)
                except Exception as exc:  # noqa: BLE001 - a worker gone meanwhile must not stop the run
                    log.debug("release of %s: %s", spec, exc)
        if time.monotonic() - self.last_poll > 0.2:
            self.postfix()

    def on_started(self, event) -> None:
        """A worker began a cell (``worker.run_unit`` logs a Dask event; called in the client's IO thread)."""
        self.started.add(event[1] if isinstance(event, tuple) else event)

    def postfix(self) -> None:
        self.last_poll = time.monotonic()
        running = sum(len(u.cells) for f, (kind, u) in list(self.meta.items())
                      if kind == "unit" and f.key in self.started and not u.done)
        done = len(self.summary.computed) + len(self.summary.cached)
        self.bar.set_postfix_str(f"done={done} running={running} failed={self.failed_cells}", refresh=False)

    def fail(self, unit: Unit, outcome: Mapping[str, Any]) -> None:
        """Record an outcome that is not a record: exactly what ``runner.execute`` does for each cell."""
        if outcome.get("fatal"):  # the worker, not the cell: no cell is recorded as failed for it
            self.fatal = self.fatal or CellError(outcome["reason"], int(outcome.get("exit_code") or 2))
        elif outcome["status"] in ("unavailable", "not-applicable"):
            for cell in unit.cells:
                _skip(self.summary, self.store, cell, outcome["reason"], outcome["status"])
        elif self.keep_going:
            for cell in unit.cells:
                _skip(self.summary, self.store, cell, f"error: {outcome['reason']}", "error")
            self.failed_cells += len(unit.cells)
        elif self.fatal is None:
            self.fatal = CellError(outcome["reason"], int(outcome.get("exit_code") or 2))
        self.finish(unit)

    # -- the steps ------------------------------------------------------------------------------------
    def resolve(self, unit: Unit) -> None:
        """Keys known: already stored -> cached, else queued for submission."""
        unit.keys = _keys(unit, self.fingerprints)
        found = [self.store.get_request(k) for k in unit.keys]
        if all(f is not None for f in found):
            for f, k in zip(found, unit.keys):
                self.store.found(f, k)
            self.summary.cached.extend(getattr(f, "stored_key", f.cache_key()) for f in found)
            for cell in unit.cells:
                log.info("cached %s", cell.describe())
            self.finish(unit)
        else:
            self.queue.append(unit)

    def priority(self, specs, rank: int) -> int:
        """Representations in plan order: a representation's fingerprint task and its cells come before the
        next one's, so a worker holds one or two at a time instead of loading them all first. Within one,
        ``rank`` 2 (its fingerprint) runs first, then 1 (extrinsic cells, the long ones: started early they
        do not leave one worker finishing alone at the end), then 0."""
        if not self.order:
            self.order = {spec: i for i, spec in enumerate(self.remaining)}
        return -3 * min(self.order[s] for s in specs) + rank

    def window(self) -> int:
        """How many cells may wait on the cluster at once: enough to keep every worker thread busy, few
        enough that a grid of 10^5 cells is not held in the scheduler's memory at once."""
        if time.monotonic() - self.window_checked > 5.0:
            self.window_checked = time.monotonic()
            try:
                threads = sum(self.client.nthreads(callback_timeout=SCHEDULER_ANSWER_WITHIN).values())
            except Exception:  # noqa: BLE001
                threads = 0
            self.max_in_flight = max(64, 4 * threads)
        return self.max_in_flight

    def submit_queued(self) -> None:
        from wordeval.distributed import worker

        free = self.window() - self.in_flight
        if free <= 0 or not self.queue:
            return
        batch, self.queue = self.queue[:free], self.queue[free:]
        for unit in batch:
            first = unit.cells[0]
            fut = self.client.submit(worker.run_unit, unit.cells, data_home=self.data_home,
                                     predictions=self.predictions is not None, resources=unit.resources,
                                     retries=self.retries, pure=False, priority=self.priority(unit.specs, int(first.task.kind == "extrinsic")),
                                     key=self.next_key("cell"))
            self.meta[fut] = ("unit", unit)
            self.in_flight += 1
            self.ac.add(fut)
            log.debug("submitted %s", first.describe())

    def on_fingerprint(self, spec: tuple[str, str, tuple], outcome: Mapping[str, Any]) -> None:
        _say_notes(outcome)
        units = self.waiting.pop(spec, [])
        if outcome["status"] != "ok":
            for unit in units:
                if not unit.done:
                    self.fail(unit, outcome)
            return
        self.fingerprints[spec] = outcome["fingerprint"]
        if self.stats is not None:
            self.stats.setdefault("fingerprints", []).append({"spec": spec[0], "label": spec[1],
                                                              "seconds": outcome["seconds"]})
        for unit in units:
            if not unit.done and all(s in self.fingerprints for s in unit.specs):
                self.resolve(unit)

    def on_unit(self, unit: Unit, outcome: Mapping[str, Any]) -> None:
        _say_notes(outcome)
        if outcome["status"] != "ok":
            self.fail(unit, outcome)
            return
        files = outcome.get("predictions") or [[] for _ in unit.cells]
        for cell, record, key, planned, staged in zip(unit.cells, outcome["records"], outcome["keys"], unit.keys,
                                                      files):
            if isinstance(record, NotAvailableError):  # scored together with others it cannot be (runner)
                _skip(self.summary, self.store, cell, str(record), skip_kind(record))
                continue
            if key != planned:
                log.warning("%s: the representation changed between planning and computing; stored as what was "
                            "computed", cell.describe())
            # provenance: the command is the client's (a worker's sys.argv is the dask worker's), spelled as
            # run_provenance spells it (under LC_ALL=C a non-ASCII argument's surrogates broke the report)
            record.run["command"] = [readable_text(a) for a in sys.argv]
            record.run["cwd"] = working_directory()  # the client's too: its command's relative paths are to it
            if not self.stored(cell, record, key, staged):
                break
        if self.stats is not None:
            self.stats.setdefault("units", []).append({
                "task": unit.cells[0].task.name, "family": unit.cells[0].task.family, "cells": len(unit.cells),
                "embedding": unit.cells[0].rep.name, "seconds": outcome["seconds"], "pid": outcome["pid"]})
        self.finish(unit)

    def stored(self, cell: Cell, record, key: str, staged: list[tuple[str, bytes]]) -> bool:
        """``record`` stored, then its prediction files published, as in ``runner.execute``: files exactly
        for the records the store holds. A failed write (disk full) is its cell's failure under keep_going;
        otherwise it ends the run (False: the unit's later records are not stored, as in the serial path)."""
        from wordeval.results.predictions import PendingPredictions, stored_then_published

        note = superseded_note(self.store, record)
        pending = PendingPredictions(self.predictions) if self.predictions is not None else None
        if pending is not None:
            pending.stage(record, staged)
        try:
            self.summary.computed.append(stored_then_published(pending, record,
                                                               lambda: self.store.put(record, request=key)))
            log.info("stored %s: %s = %s%s", cell.describe(), record.main_score, value_text(record.main_value),
                     note)
        except WordevalError as exc:
            if not self.keep_going:
                # kept as the run's error, not raised: raised here, the unit stayed unfinished and the drain
                # stored its records again (a second "stored" line for the records before it)
                self.fatal = self.fatal or exc
                return False
            _skip(self.summary, self.store, cell, f"error: {exc}", "error")
            self.failed_cells += 1
        return True

    def on_future(self, fut, result) -> None:
        kind, what = self.meta[fut]
        if fut.status == "finished":
            outcome = result
        elif fut.status == "cancelled":
            return
        else:
            exc = fut.exception()
            from distributed import KilledWorker
            if not isinstance(exc, KilledWorker):
                if self.fatal is None:
                    # a bug: re-raised with its traceback once finished work is stored, or said in one line
                    # with the traceback in Dask's log file
                    self.fatal = exc if self.dask_log is None else self.bug_said(kind, what, exc)
                return
            where = ("see the worker logs" if self.dask_log is None else
                     f"Dask's log: {self.dask_log}")
            doing = f"loading {what[1]}" if kind == "fingerprint" else what.cells[0].describe()
            outcome = {"status": "error", "exit_code": 2,
                       "reason": f"{doing}: the worker processes running it died each time it was tried (out of memory? "
                                 f"killed?); {where}"}
        if kind == "fingerprint":
            self.on_fingerprint(what, outcome)
        else:
            self.on_unit(what, outcome)

    def bug_said(self, kind: str, what, exc: BaseException) -> BaseException:
        """A cell (or a fingerprint) that raised on a worker, in one line naming it; its traceback goes to
        Dask's log file, which the line names."""
        import traceback

        doing = f"loading {what[1]}" if kind == "fingerprint" else what.cells[0].describe()
        try:
            with open(self.dask_log, "a", encoding="utf-8") as f:
                f.write(f"wordeval: {doing} raised on a worker:\n"
                        f"{''.join(traceback.format_exception(type(exc), exc, exc.__traceback__))}")
        except OSError as err:
            return CellError(f"{doing}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]} on a worker; and "
                             f"its traceback could not be written to {self.dask_log} ({err.strerror or err})", 1)
        return CellError(f"{doing}: {type(exc).__name__}: {' '.join(str(exc).split())[:200]} on a worker (tried "
                         f"{self.retries + 1} times); this is a bug in wordeval, not in your input: please report it "
                         f"with the command line and the traceback in {self.dask_log}", 1)

    # -- the loop -------------------------------------------------------------------------------------
    def start(self, units: list[Unit]) -> list[tuple[str, str, tuple]]:
        """Resolve what the client can know alone; the specs whose fingerprints a worker must give."""
        from wordeval.distributed.keys import cached_fingerprint

        for unit in units:
            for spec in unit.specs:
                self.remaining[spec] = self.remaining.get(spec, 0) + 1
        unknown: list[tuple[str, str, tuple]] = []
        for spec in self.remaining:
            fp = cached_fingerprint(spec[0], options=spec[2])
            if fp is not None:
                self.fingerprints[spec] = fp
            else:
                unknown.append(spec)
        for unit in units:
            missing = [s for s in unit.specs if s not in self.fingerprints]
            if missing:
                for s in dict.fromkeys(missing):
                    self.waiting.setdefault(s, []).append(unit)
            else:
                self.resolve(unit)
        return unknown

    def run(self, client, unknown: list[tuple[str, str, tuple]]) -> None:
        from distributed import as_completed

        from wordeval.distributed import worker
        from wordeval.distributed.cluster import representation_classes, resources_for

        # results come with their futures, gathered in batches by as_completed (a fut.result() per future
        # would be one round trip to the client's IO thread each: 17 ms per cell measured on a loaded machine)
        self.client, self.ac = client, as_completed(with_results=True, raise_errors=False)
        self.last_heard = time.monotonic()
        try:
            client.subscribe_topic(worker.STARTED_TOPIC, self.on_started)
        except Exception as exc:  # noqa: BLE001 - only the progress bar's running count needs it
            log.debug("no start events: %s", exc)
        for spec in unknown:
            fut = client.submit(worker.fingerprint, *spec, pure=False, retries=self.retries,
                                priority=self.priority([spec], 2),
                                resources=resources_for(representation_classes(spec[0]), self.table),
                                key=self.next_key("fingerprint"))
            self.meta[fut] = ("fingerprint", spec)
            self.ac.add(fut)
        self.submit_queued()
        try:
            while (not self.ac.is_empty() or self.queue) and self.fatal is None:
                if not self.ac.has_ready():
                    time.sleep(0.01)
                    if time.monotonic() - self.last_heard > SCHEDULER_PROBE_AFTER:
                        self.probe()
                    if time.monotonic() - self.last_poll > 1.0:
                        self.postfix()
                        self.bar.refresh()
                    continue
                self.last_heard = time.monotonic()
                for fut, result in self.ac.next_batch(block=False):
                    if self.meta.get(fut, ("",))[0] == "unit":
                        self.in_flight -= 1
                    self.on_future(fut, result)
                    self.meta.pop(fut, None)
                    self.started.discard(fut.key)
                self.submit_queued()
        finally:
            self.drain()
            try:
                client.unsubscribe_topic(worker.STARTED_TOPIC)
            except Exception:  # noqa: BLE001
                pass

    def probe(self) -> None:
        """Ask the scheduler for its identity within the bound; one that does not answer ends the run."""
        try:
            self.client.sync(self.client.scheduler.identity, callback_timeout=SCHEDULER_ANSWER_WITHIN)
        except TimeoutError:
            self.silent = True
            done = len(self.summary.computed) + len(self.summary.cached)
            self.fatal = self.fatal or CellError(
                f"{self.where} did not answer for {SCHEDULER_ANSWER_WITHIN:g} s (stopped or hung?): the run stops; "
                f"{done} of {len(self.plan.cells)} cells were done and are stored: run the same command again, on "
                f"a scheduler that answers, to compute the rest")
        except Exception as exc:  # noqa: BLE001 - a scheduler gone: Dask cancels the futures (_check_all_done)
            log.debug("scheduler probe: %s", exc)
        self.last_heard = time.monotonic()

    def drain(self) -> None:
        """Store what already came back, cancel the rest (after a fatal error or an interrupt)."""
        pending = [f for f in self.meta if not f.done()]
        if pending and not self.silent:  # cancelling waits for an answer a silent scheduler never gives
            self.client.cancel(pending)
        for fut in [f for f in self.meta if f.done() and f.status == "finished"]:
            kind, what = self.meta.pop(fut)
            if kind == "unit" and not what.done:
                outcome = fut.result()
                if outcome["status"] == "ok":
                    self.on_unit(what, outcome)
        self.meta.clear()


def _say_notes(outcome: Mapping[str, Any]) -> None:
    """The notes and warnings a worker kept while it loaded a representation or scored a cell
    (``worker.notes_kept``, ``worker_warnings.warnings_kept``)."""
    from wordeval.distributed.worker_warnings import say_warnings
    from wordeval.option_effects import say_note

    for message in outcome.get("notes", ()):
        say_note(message)
    say_warnings(outcome)


def execute_distributed(plan_: Plan, store, *, args=None, client=None, workers: int | None = None,
                        scheduler: str | None = None, worker_resources: str | None = None, data_home=None,
                        progress: bool = False, keep_going: bool = False, predictions=None,
                        retries: int = 2, stats: dict | None = None,
                        plugin_registered: bool = False, dask_log=None) -> RunSummary:
    """``runner.execute`` on a Dask cluster: a new LocalCluster of ``workers`` processes, the scheduler at
    ``scheduler``, or an existing ``client`` (left open). ``args`` (the CLI's namespace) supplies workers,
    scheduler, worker_resources and data_home. ``retries``: reruns of a cell whose task raised something
    other than a user error (a worker's death is counted by Dask's ``allowed-failures`` instead).
    ``stats``: a dict to fill with the workers' seconds per unit and per fingerprint (benchmarks).
    ``plugin_registered``: the caller registered wordeval's plugin on ``client`` for this run already
    (``cli.common._scheduler_client``). ``dask_log``: ``client`` is a LocalCluster's whose Dask log is kept in
    that file (``local_start.local_client``), named by the run's errors."""
    from wordeval.distributed.cluster import (cell_classes, note_idle_resource_classes, open_client,
                                              parse_worker_resources, resources_for, scheduler_named)
    from wordeval.option_effects import note_tasks_without_predictions, said_once_per_run
    from wordeval.progress import logs_above_bars, progress_bar

    note_tasks_without_predictions(plan_.cells, predictions, option=plan_.named("predictions"))
    option = "--scheduler"  # where the address came from (cli.run: or WORDEVAL_SCHEDULER), named in messages
    if args is not None:
        workers = workers or getattr(args, "workers", None)
        if not scheduler and getattr(args, "scheduler", None):
            scheduler, option = args.scheduler, getattr(args, "scheduler_option", option)
        worker_resources = worker_resources or getattr(args, "worker_resources", None)
        data_home = data_home if data_home is not None else getattr(args, "data_home", None)

    table = parse_worker_resources(worker_resources)
    note_idle_resource_classes(table, plan_.cells)
    summary = RunSummary(skipped=[dict(s) for s in plan_.skipped if s.get("kind") != "error"],
                         failed=[dict(s) for s in plan_.skipped if s.get("kind") == "error"])
    for entry in plan_.skipped:
        store.put_task_skipped(entry["task"], entry.get("labels", ()), entry["reason"])
    units = _units(for_workers(plan_.cells))
    data_home = data_home_for_workers(data_home)
    for unit in units:
        unit.resources = resources_for(set().union(*(cell_classes(c) for c in unit.cells)), table)
    bar = progress_bar(total=len(plan_.cells), shown=progress, desc="wordeval run", unit="cell")
    named = scheduler_named(scheduler, option) if scheduler else None
    state = _Run(plan_, store, summary, keep_going, predictions and str(predictions), data_home, table, retries, bar,
                 stats=stats, where=named or "the cluster's scheduler", dask_log=dask_log)
    client_named = "the local cluster" if dask_log is not None else "the cluster"
    exits = contextlib.ExitStack()
    exits.enter_context(said_once_per_run())
    # as in runner.execute: each "stored" line was written after the bar's text, on its line
    exits.enter_context(logs_above_bars(progress))
    try:
        unknown = state.start(units)
        if unknown or state.queue:
            needed = {(r, a) for u in units if not u.done for r, a in (u.resources or {}).items()}
            if client is not None:  # its caller said what it is (cli.common._scheduler_client)
                _prepare(client, needed, scheduler or client_named, option, say=False,
                         register=not plugin_registered)
                state.run(client, unknown)
            else:
                if not scheduler:  # a LocalCluster's Dask log: beside the store, named by the run's errors
                    from wordeval.distributed.dask_log import log_path
                    state.dask_log = log_path(store.path) if getattr(store, "path", None) else None
                with open_client(workers=workers, scheduler=scheduler, resources=table, option=option,
                                 log_file=state.dask_log) as own:
                    # a LocalCluster was announced as it started (cluster._client): said again, it was two lines
                    _prepare(own, needed, scheduler or "the local cluster", option, say=bool(scheduler))
                    state.run(own, unknown)
    finally:
        if progress:  # the counts are redrawn at most every 0.2 s: the last cells' outcomes were left out
            state.postfix()
        bar.close()
        exits.close()
    if state.fatal is not None:
        raise state.fatal
    _check_all_done(units, len(plan_.cells), named or (client_named if client is not None else
                                                        "the local cluster"))
    # as runner.execute says it: a run on a cluster into a new predictions folder was silent about the cells it
    # found stored, whose files it does not write
    warn_predictions_not_written(summary, predictions, named=plan_.named)
    return summary


def _check_all_done(units: list[Unit], total: int, where: str) -> None:
    """Dask cancels every pending future when the client loses its scheduler (killed, its node gone): the
    loop then ran out of futures and the run reported the few stored cells as everything, exit 0."""
    lost = sum(len(u.cells) for u in units if not u.done)
    if lost:
        raise CellError(f"{lost} of {total} cells were not computed: Dask cancelled them (the connection to "
                        f"{where} was lost, or another client cancelled them); what was stored is kept: run the "
                        f"same command again to compute the rest")


def _prepare(client, needed: set[tuple[str, float]], where: str, option: str = "--scheduler", *,
             say: bool = True, register: bool = True) -> None:
    """``where``: a scheduler's address, or what else to call the cluster ("the local cluster"); ``option``:
    where the address came from; ``say``: log the scheduler, its workers and dashboard (once per run);
    ``register``: register wordeval's plugin (once per run: registered again, every worker tore down the
    plugin it had just set up, and the run waited on a second broadcast to all of them)."""
    from wordeval.distributed.cluster import answered, check_resources, scheduler_named, workers_info

    named = where if where.startswith("the ") else scheduler_named(where, option)
    if register:
        _register_plugin(client, named)
    # the dashboard's address is asked of the scheduler too
    info, dashboard = answered(lambda: (workers_info(client), client.dashboard_link), doing="asking for its workers",
                               where=named, seconds=SCHEDULER_ANSWER_WITHIN)
    if say:
        log.info("Dask: %s, %d worker(s) now; dashboard: %s", named, len(info), dashboard)
    check_resources(client, needed, where, info, named)


def _register_plugin(client, named: str) -> None:
    import wordeval
    from wordeval.distributed.cluster import answered
    from wordeval.distributed.worker import WordevalPlugin
    from wordeval.errors import ConfigError

    try:
        answered(lambda: client.register_plugin(WordevalPlugin(wordeval.__version__)),
                 doing="registering wordeval's plugin on its workers", where=named, seconds=SCHEDULER_ANSWER_WITHIN)
    except RuntimeError as exc:
        if "runs wordeval" in str(exc):
            raise ConfigError(str(exc)) from None
        raise
