"""Which runs wrote a store, which cells each planned, and whether it is still running.

Why: a store holds only finished records, so a run killed midway (SIGKILL, a lost node) or one still writing
left compare and report averaging the seeds that happened to be there and silent about the rest; and two runs
started on the same ``--out`` at once computed the same cells twice. A run now registers itself and its
planned cells in the store (``runs``, ``planned``) in one transaction, refusing (exit 2) when a live run on this
host already plans one of its cells; readers list the planned cells that have no record yet, as in progress
(their run is alive) or not computed (it ended or was killed before them).

A run opened with ``ResultStore(..., run=True)`` is in ``runs`` from the moment it opens the store, as a
starting run (``run_start``) listed in ``unregistered_runs`` until this registration takes its row over.

Liveness: on the host that runs it, by its pid (and /proc start time). A run on another host (a shared file
system, a job array over nodes) cannot be probed, so a running run refreshes its heartbeat in the store
(``heartbeats``) every ``HEARTBEAT_INTERVAL`` seconds from a daemon thread; a run on another host whose last
beat is more than ``HEARTBEAT_TIMEOUT`` seconds old (in the store's file-system time, so the hosts' clocks
need not agree: ``store_clock``) is dead, its unstored cells not computed, and it blocks no one; with a fresh
beat it is alive and blocks as a live run here does. A run registered by a wordeval without heartbeats, on
another host, stays unknown: reported as "in progress, or stopped without closing the store", and never
blocks a run here. A killed run not yet reaped by its parent (a zombie) is dead.

Which record is a planned cell's: a run's planned cell is done only when that run stored its record, or found
it already stored (``cell_records``: one row per planned cell, its record's key written in the transaction
that stores the record). Matched on (label, task, seed) alone, a run planning a cell under another config
(``--set epochs=...``) and killed before it had the earlier run's record taken for it, and nothing was said
missing; the record's own keys cannot be matched instead (its config differs from the plan's for several
families, and the fingerprint is not known at plan time). Runs registered by a wordeval without this table are
still matched on (label, task, seed). Another run's record of the same cell under the same config completes
it too, when compare keeps that record: the newest plan alone left a killed resume's cells 'not computed'
next to their records. Runs still going when a run planning one of their (label, task, seed) under another
config registers are named in ``overlaps``: their plans are not superseded by its plan, so their unstored
cells stay listed (see ``unfinished_cells``).
"""
from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
import socket
import sqlite3
import threading
import time
import uuid
from typing import Any, Iterable, Iterator

from wordeval.errors import ConfigError, WordevalError
from wordeval.held_signals import interrupts_held
from wordeval.results import store_clock

DDL = """
CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL,
                                 started REAL NOT NULL, finished REAL, outcome TEXT);
CREATE TABLE IF NOT EXISTS planned (run_id TEXT NOT NULL, label TEXT NOT NULL, task TEXT NOT NULL,
                                    seed INTEGER NOT NULL, cell TEXT NOT NULL, PRIMARY KEY (run_id, cell));
CREATE TABLE IF NOT EXISTS heartbeats (run_id TEXT PRIMARY KEY, beat REAL NOT NULL);
CREATE TABLE IF NOT EXISTS cell_records (run_id TEXT NOT NULL, cell TEXT NOT NULL, record_key TEXT,
                                         PRIMARY KEY (run_id, cell));
CREATE TABLE IF NOT EXISTS overlaps (run_id TEXT NOT NULL, live TEXT NOT NULL, PRIMARY KEY (run_id, live));
CREATE TABLE IF NOT EXISTS clocks (host TEXT PRIMARY KEY, skew REAL NOT NULL, measured REAL NOT NULL);
CREATE TABLE IF NOT EXISTS run_files (run_id TEXT PRIMARY KEY, device INTEGER NOT NULL,
                                      inode INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS unregistered_runs (run_id TEXT PRIMARY KEY);
"""
# tables of their own, not columns of runs or planned: a wordeval without them inserts rows by position
TABLES = ("runs", "planned", "heartbeats", "cell_records", "overlaps", "clocks", "run_files",
          "unregistered_runs")
HEARTBEAT_INTERVAL = 60.0  # seconds between two beats of a running run
HEARTBEAT_TIMEOUT = 600.0  # seconds without a beat after which a run on another host is dead
log = logging.getLogger(__name__)


def cell_id(label: str, task: str, seed: int, config_key: str = "") -> str:
    return f"{label}\x1f{task}\x1f{seed}\x1f{config_key}"


def _proc_stat(pid: int) -> tuple[str | None, float | None]:
    """Process ``pid``'s state letter and when it started (seconds since the epoch), from Linux's /proc; None
    where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None, None
    state = fields[0].decode("ascii", "replace") if fields else None
    try:
        with open("/proc/stat", "rb") as f:
            boot = next(float(line.split()[1]) for line in f if line.startswith(b"btime "))
        return state, boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return state, None


def _alive(host: str, pid: int, started: float | None = None, beat: float | None = None,
           store_now: float | None = None) -> bool | None:
    """True or False; None (unknown) for a run on another host that writes no heartbeat. A process with the
    run's pid that started after the run registered is another one that reused the pid (a killed run's pid,
    given to a new process, kept refusing every later run on the store). ``store_now``: the store's time now
    (``store_clock``), which a remote run's beat is judged against."""
    if host != socket.gethostname():
        if beat is None:
            return None
        return (store_clock.now() if store_now is None else store_now) - beat <= HEARTBEAT_TIMEOUT
    from wordeval.process_exists import process_exists

    if pid == os.getpid():
        return True
    if not process_exists(pid):
        return False
    state, since = _proc_stat(pid)
    if state in ("Z", "X"):  # killed, not yet reaped (a parent that never waits, a container without init)
        return False
    # /proc's start time is in clock ticks since a boot time in whole seconds: 2 s of slack
    return not (started is not None and since is not None and since > started + 2.0)


def _store_file(db: sqlite3.Connection) -> tuple[int, int] | None:
    """(device, inode) of the file ``db`` is connected to; None where unknown."""
    try:
        # SQLite gives the name back as UTF-8 text: as a str, os.stat encoded it in the locale's encoding, and a
        # store under a non-ASCII folder was a UnicodeEncodeError (a traceback) where that is ASCII (LC_ALL=C)
        st = os.stat(db.execute("PRAGMA database_list").fetchone()[2].encode("utf-8", "surrogateescape"))
    except (sqlite3.Error, OSError, TypeError, IndexError, AttributeError):
        return None
    return (st.st_dev, st.st_ino) if st.st_ino else None


def copied_runs(db: sqlite3.Connection) -> set[str]:
    """Runs of this host registered into another file than ``db``'s: this store is a copy (``cp -a``) taken
    while they ran, and they write into the original. Judged by their pid alone, a live one refused every run
    into the copy ('another run plans ... into this store') until it ended, and status listed its cells as in
    progress there. Only this host's runs: another host may see one file under other device numbers."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    here = _store_file(db) if "run_files" in tables else None
    if here is None:
        return set()
    rows = db.execute("SELECT f.run_id, f.device, f.inode FROM run_files f JOIN runs r "
                      "ON r.run_id = f.run_id WHERE r.host = ?", (socket.gethostname(),)).fetchall()
    return {run_id for run_id, device, inode in rows if (device, inode) != here}


def _when(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))


def _describe(host: str, pid: int, started: float) -> str:
    here = "" if host == socket.gethostname() else f" on {host}"
    return f"pid {pid}{here}, started {_when(started)}"


@contextlib.contextmanager
def registered(store, cells: Iterable[tuple[str, str, int, str]], *, option: str = "out") -> Iterator[str]:
    """Register a run planning ``cells`` ((label, task, seed, config key)) in ``store`` for the duration of the
    block; its outcome (finished, interrupted, failed) is written on the way out. ``option``: how a refusal
    names where the store was given (the CLI passes its ``--out``, the demo its ``--store``)."""
    db: sqlite3.Connection = store._db
    mine = {cell_id(*c): c for c in cells}
    # the run's row since it opened the store (``run_start``), if it recorded one: one run, one row
    run_id = getattr(store, "starting_run", None) or uuid.uuid4().hex
    mine_cells = {_measurement(c[0], c[1], int(c[2])) for c in mine.values()}
    try:
        offset = store_clock.measure_offset(db, store.path) or 0.0
    except sqlite3.Error:
        offset = 0.0
    with store.transaction():
        store_now = store_clock.now() - offset
        busy, overlapping = [], []
        elsewhere = copied_runs(db)
        for rid, host, pid, started, beat in db.execute(
                "SELECT r.run_id, r.host, r.pid, r.started, h.beat FROM runs r LEFT JOIN heartbeats h "
                "ON h.run_id = r.run_id WHERE r.finished IS NULL").fetchall():
            alive = False if rid in elsewhere else _alive(host, pid, started, beat, store_now)
            if alive is False:
                db.execute("UPDATE runs SET outcome = 'killed' WHERE run_id = ?", (rid,))
                continue
            planned_rows = db.execute("SELECT cell, label, task, seed FROM planned WHERE run_id = ?",
                                      (rid,)).fetchall()
            if any(_measurement(label, task, int(seed)) in mine_cells for _, label, task, seed in planned_rows):
                # running beside this one (under another config, or unknown): its plan is not superseded by
                # this run's, and readers keep listing what it leaves unstored
                overlapping.append(rid)
            if alive is None:
                continue
            theirs = [c for c, *_ in planned_rows if c in mine]
            if theirs:
                busy.append((_describe(host, pid, started), theirs))
        if busy:
            who, theirs = busy[0]
            label, task, seed, _ = mine[theirs[0]]
            raise ConfigError(f"{store.path}: another run ({who}) plans {len(theirs)} of this run's "
                              f"{len(mine)} cell(s) (e.g. {task} on {label}, seed {seed}) into this store; "
                              f"wait for it to finish (then this command computes only what is left), or give "
                              f"this run another {option}")
        # OR REPLACE: a new rowid for a row recorded at open, since the newest plan is the last registered
        db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, NULL, 'running')",
                   (run_id, socket.gethostname(), os.getpid(), time.time()))
        db.execute("DELETE FROM unregistered_runs WHERE run_id = ?", (run_id,))
        db.executemany("INSERT OR IGNORE INTO planned VALUES (?, ?, ?, ?, ?)",
                       [(run_id, c[0], c[1], int(c[2]), k) for k, c in mine.items()])
        db.execute("INSERT OR REPLACE INTO heartbeats VALUES (?, ?)", (run_id, store_now))
        here = _store_file(db)
        if here is not None:
            db.execute("INSERT OR REPLACE INTO run_files VALUES (?, ?, ?)", (run_id, *here))
        # NULL until the cell's record is stored or found; its rows also say this run records them
        db.executemany("INSERT OR IGNORE INTO cell_records VALUES (?, ?, NULL)", [(run_id, k) for k in mine])
        db.executemany("INSERT OR IGNORE INTO overlaps VALUES (?, ?)", [(run_id, rid) for rid in overlapping])
    store.starting_run = None
    outcome = "failed"
    beating = _Heartbeat(store.path, run_id, offset)
    outer, store.run_id = getattr(store, "run_id", None), run_id
    error: WordevalError | None = None
    try:
        yield run_id
        outcome = "finished"
    except BaseException as exc:  # Ctrl-C, SIGTERM (the CLI's own exception): interrupted; an error: failed
        outcome = "failed" if isinstance(exc, Exception) else "interrupted"
        error = exc if isinstance(exc, WordevalError) else None
        raise
    finally:
        # a second SIGTERM or Ctrl-C here (a batch scheduler signals every process of the job, `timeout` passes
        # it on again) left the run unclosed: listed as killed, the cells it had found stored as not computed
        with interrupts_held():
            beating.stop()
            with contextlib.suppress(Exception):  # the store may be gone or full; the run's own error says so
                store.flush_found()
            store.run_id = outer
            with contextlib.suppress(Exception):
                with store.transaction():
                    db.execute("UPDATE runs SET finished = ?, outcome = ? WHERE run_id = ?",
                               (time.time(), outcome, run_id))
            if error is not None:
                with contextlib.suppress(Exception):
                    _say_what_was_kept(error, db, run_id, store.path)


def _say_what_was_kept(error: WordevalError, db: sqlite3.Connection, run_id: str, path) -> None:
    """An error in a later cell (the second representation's weights, found when it is loaded) ended the run
    with the error alone, and exit 2 reads as 'nothing written', while the store kept the cells done before
    it: said at the end of the error's line, with how to resume."""
    rows = db.execute("SELECT p.label, c.record_key IS NOT NULL FROM planned p JOIN cell_records c "
                      "ON c.run_id = p.run_id AND c.cell = p.cell WHERE p.run_id = ?", (run_id,)).fetchall()
    kept = [label for label, done in rows if done]
    if not kept:
        return
    labels = ", ".join(dict.fromkeys(kept))
    error.args = (f"{error} (the store {path} holds {len(kept)} of this run's {len(rows)} cells, with results "
                  f"for {labels} only; once this is fixed, the same command computes only the missing cells)",)


def satisfied_step(run_id: str, record, key: str) -> tuple[str, tuple]:
    """The SQL step that makes ``record`` (stored under cache key ``key``) the record of run ``run_id``'s
    planned cell: its own (label, task, seed), which one run plans under one config only."""
    return ("UPDATE cell_records SET record_key = ? WHERE run_id = ? AND cell IN (SELECT cell FROM planned "
            "WHERE run_id = ? AND label = ? AND task = ? AND seed = ?)",
            (key, run_id, run_id, str(record.embedding.get("name")), record.task, int(record.seed)))


class _Heartbeat:
    """Refreshes a run's beat every HEARTBEAT_INTERVAL seconds from a daemon thread, on a connection of its
    own (an sqlite3 connection is not shared between threads). A beat that fails (the store busy past the
    timeout, gone, or full) is skipped: the next one tries again, and the run itself reports a lost store."""

    def __init__(self, path, run_id: str, offset: float = 0.0):
        self._path, self._run_id, self._offset = path, run_id, offset
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"wordeval-heartbeat-{run_id[:8]}",
                                        daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        db = None
        try:
            while not self._stop.wait(HEARTBEAT_INTERVAL):
                try:
                    # mode=rw: a store deleted under the run is not created again, empty, by its beat
                    db = db or sqlite3.connect(f"{Path(self._path).resolve().as_uri()}?mode=rw", uri=True,
                                               timeout=30.0, isolation_level=None)
                    measured = store_clock.measure_offset(db, self._path)
                    self._offset = self._offset if measured is None else measured
                    db.execute("UPDATE heartbeats SET beat = ? WHERE run_id = ?",
                               (store_clock.now() - self._offset, self._run_id))
                except sqlite3.Error as exc:
                    log.debug("heartbeat of run %s not written: %s", self._run_id, exc)
        finally:
            if db is not None:
                db.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60.0)


def unfinished_cells(db: sqlite3.Connection, records) -> list[dict[str, Any]]:
    """Planned cells (label, task, seed) with no record and no skip entry in the store, newest plan first: each
    with its state, 'in progress' or 'not computed', and a reason naming the run that planned it.

    Which plans still count: the newest plan of a cell under one config, unless its run stored or found its
    record, or another run that planned it under that config did and compare keeps that record (a run killed
    before writing the cells it had found stored; not a record of the label's earlier vectors, which compare
    leaves out, since the config holds no fingerprint); an older plan under another config only while its run
    was running beside the newer one (``overlaps``), since one that ended before was given up for the new one.
    "Newest" is the order in which runs registered in the store, not their hosts' clocks."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"runs", "planned"} <= tables:
        return []  # a store written before runs were registered
    done = {_measurement(str(r.embedding.get("name")), r.task, int(r.seed)) for r in records}
    # a skip of one seed (an error under --keep-going) says nothing of the others: matched on (label, task)
    # alone, it hid the seeds a killed run never reached
    said: set[tuple[str, str]] = set()  # (label or "(all)", task) skipped whole: no data
    said_seeds: dict[tuple[str, str], set[int]] = {}
    for key, task, label in db.execute("SELECT request_key, task, embedding_name FROM skipped"):
        seed = skipped_seed(key, task, label)
        if seed is None:
            said.add((label, task))
        else:
            said_seeds.setdefault((label, task), set()).add(seed)
    matched_runs: set[str] = set()  # runs that record which record is each planned cell's
    satisfied: dict[str, dict[str, str]] = {}  # cell (config included) -> run -> the record it stored or found
    if "cell_records" in tables:
        present = {key for (key,) in db.execute("SELECT key FROM records")}
        for run_id, cell, record_key in db.execute("SELECT run_id, cell, record_key FROM cell_records"):
            matched_runs.add(run_id)
            if record_key in present:
                satisfied.setdefault(cell, {})[run_id] = record_key
    compared: set[str] | None = None  # the keys of the records compare keeps, when first needed
    overlaps = set(db.execute("SELECT run_id, live FROM overlaps").fetchall()) if "overlaps" in tables else set()
    # a store last written by a wordeval without heartbeats has no such table
    joined = "FROM planned p JOIN runs r ON p.run_id = r.run_id"
    beat = f"h.beat {joined} LEFT JOIN heartbeats h ON h.run_id = r.run_id" if "heartbeats" in tables \
        else f"NULL {joined}"
    rows = db.execute("SELECT p.run_id, p.cell, p.label, p.task, p.seed, r.host, r.pid, r.started, "
                      f"r.finished, r.outcome, {beat} ORDER BY r.rowid DESC").fetchall()
    store_now, judged = store_clock.reader_now(db)
    elsewhere = copied_runs(db)
    seen: set[str] = set()
    newer: dict[tuple[str, str, int | None], list[str]] = {}  # runs that planned a cell later, under any config
    grouped: dict[tuple[str, str, str, str], list[int]] = {}
    for run_id, cell, label, task, seed, host, pid, started, finished, outcome, last_beat in rows:
        key = _measurement(label, task, int(seed))
        later = newer.setdefault(key, [])
        superseded = cell in seen or any((n, run_id) not in overlaps for n in later if n != run_id)
        seen.add(cell)
        if run_id not in later:
            later.append(run_id)
        if superseded:
            continue
        if run_id not in matched_runs:
            stored = key in done
        elif run_id in satisfied.get(cell, {}):
            stored = True
        else:
            if compared is None and satisfied.get(cell):
                compared = _compared_keys(records)
            stored = bool(compared and set(satisfied.get(cell, {}).values()) & compared)
        if stored or (label, task) in said or ("(all)", task) in said or \
                int(seed) in said_seeds.get((label, task), ()):
            continue
        who = _describe(host, pid, started)
        alive = None if finished is not None else \
            False if run_id in elsewhere else _alive(host, pid, started, last_beat, store_now)
        if finished is None and alive is not False:
            state = "in progress"
            remote = f" (its last heartbeat {store_now - last_beat:.0f} s ago, {judged})" \
                if alive and host != socket.gethostname() else ""
            reason = (f"in progress: the run computing it ({who}) has not stored it yet{remote}" if alive else
                      f"in progress, or stopped without closing the store: planned by a run ({who}) that has "
                      f"not finished")
        else:
            state = "not computed"
            how = {"interrupted": "was interrupted", "failed": "stopped on an error"}.get(
                outcome or "", "was killed" if finished is None else "ended")
            if finished is None and host != socket.gethostname():
                how = (f"stopped writing its heartbeat at {_when(last_beat)} (more than "
                       f"{HEARTBEAT_TIMEOUT:.0f} s ago {judged}: killed, or its host lost)")
            reason = (f"not computed: the run that planned it ({who}) {how} before computing it; the same "
                      f"command computes only what is missing")
            if run_id in elsewhere and finished is None:
                reason = (f"not computed: the run that planned it ({who}) writes into the store this one "
                          f"was copied from, not into this copy; the same command computes only what is "
                          f"missing")
        grouped.setdefault((label, task, state, reason), []).append(int(seed))
    return [{"task": task, "embedding": label, "seeds": sorted(seeds), "state": state,
             "reason": seeds_said(seeds) + reason}
            for (label, task, state, reason), seeds in grouped.items()]


def served_times(db: sqlite3.Connection) -> dict[str, float]:
    """Stored key -> when the latest run that reused it began, for records a later run found stored (its
    planned cell's record, ``cell_records``) instead of computing: a user back on an earlier data file or
    option got that record from the run, while compare kept showing the record computed last. A run that
    began before the row's commit computed it, or found a record this key named before (a key is reused when
    a record on other data moves aside), so it does not count. Empty for a store without the run log."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"runs", "cell_records"} <= tables:
        return {}
    rows = db.execute("SELECT c.record_key, MAX(r.started) FROM cell_records c "
                      "JOIN runs r ON r.run_id = c.run_id JOIN records s ON s.key = c.record_key "
                      "WHERE r.started > s.stored_at GROUP BY c.record_key")
    return {key: float(started) for key, started in rows.fetchall()}


def skipped_seed(key: str, task: str, label: str) -> int | None:
    """The seed of a skip entry that names one cell (``store.skip_key``'s "label|task|seed"); None for one of a
    whole task."""
    head, _, seed = key.rpartition("|")
    return int(seed) if head == f"{label}|{task}" and seed.lstrip("-").isdigit() else None


def seeds_said(seeds) -> str:
    """How an unfinished cell's reason starts: the seeds it holds ('seeds 0, 1 ')."""
    return f"seed{'s' if len(seeds) > 1 else ''} {', '.join(map(str, sorted(seeds)))} "


def run_state(host: str, pid: int, started: float, finished: float | None, outcome: str | None,
              beat: float | None, store_now: float, judged: str, *, copied: bool = False) -> tuple[str, str]:
    """A registered run's state (running, finished, failed, interrupted, killed, or unknown: a run on another
    host that writes no heartbeat) and what told it, as ``unfinished_cells`` and ``registered`` judge it."""
    if finished is not None:
        return outcome or "finished", "written by the run itself as it ended"
    if outcome == "killed":
        return "killed", "written by a later run, which found it dead"
    if copied:
        return "killed", "this store is a copy taken while it ran: it goes on writing into the original"
    alive = _alive(host, pid, started, beat, store_now)
    if host == socket.gethostname():
        return ("running" if alive else "killed"), "judged by its pid on this host"
    if alive is None:
        return "unknown", ("cannot be judged: it writes no heartbeat (a wordeval without them) on another "
                           "host; in progress, or stopped without closing the store")
    return ("running" if alive else "killed"), (f"judged by its last heartbeat, {store_now - beat:.0f} s ago "
                                                f"{judged} (dead after {HEARTBEAT_TIMEOUT:.0f} s)")


def _measurement(label: str, task: str, seed: int) -> tuple[str, str, int | None]:
    """What a planned cell measures: an intrinsic task's seed moves only its CI, so its records of all seeds
    are one measurement (compare keeps the latest): a plan of seed 0 killed before it, then a run with
    --seed 1, left seed 0 listed as not computed beside the task's score."""
    from wordeval.tasks.families import FAMILIES

    family = FAMILIES.get(task.split("/", 1)[0])
    return (label, task, None if family is not None and family.kind == "intrinsic" else seed)


def _compared_keys(records) -> set[str]:
    """The keys of the records compare and report keep (one per cell and seed, of each label's latest vectors
    and each task's latest data)."""
    from wordeval.report.cells import group_records

    grouped, _, _ = group_records(list(records))
    return {rec.cache_key() for recs in grouped.values() for rec in recs}
