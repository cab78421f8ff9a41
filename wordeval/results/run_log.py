"""Which runs wrote a store, which cells each planned, and whether it is still running.

Why: a store holds only finished records, so a run killed midway (SIGKILL, a lost node) or one still writing
left compare and report averaging the seeds that happened to be there and silent about the rest; and two runs
started on the same ``--out`` at once computed the same cells twice. A run now registers itself and its
planned cells in the store (``runs``, ``planned``) in one transaction, refusing (exit 2) when a live run on this
host already plans one of its cells; readers list the planned cells that have no record yet, as in progress
(their run is alive) or not computed (it ended or was killed before them).

Liveness is known only on the host that runs it (its pid); a run registered from another host that has not
finished is reported as "in progress, or stopped without closing the store" and never blocks a run here.
"""
from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import time
import uuid
from typing import Any, Iterable, Iterator

from wordeval.errors import ConfigError

DDL = """
CREATE TABLE IF NOT EXISTS runs (run_id TEXT PRIMARY KEY, host TEXT NOT NULL, pid INTEGER NOT NULL,
                                 started REAL NOT NULL, finished REAL, outcome TEXT);
CREATE TABLE IF NOT EXISTS planned (run_id TEXT NOT NULL, label TEXT NOT NULL, task TEXT NOT NULL,
                                    seed INTEGER NOT NULL, cell TEXT NOT NULL, PRIMARY KEY (run_id, cell));
"""


def cell_id(label: str, task: str, seed: int, config_key: str = "") -> str:
    return f"{label}\x1f{task}\x1f{seed}\x1f{config_key}"


def _started_at(pid: int) -> float | None:
    """When process ``pid`` started (seconds since the epoch), from Linux's /proc; None where unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        with open("/proc/stat", "rb") as f:
            boot = next(float(line.split()[1]) for line in f if line.startswith(b"btime "))
        return boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _alive(host: str, pid: int, started: float | None = None) -> bool | None:
    """True or False on this host; None (unknown) for a run on another one. A process with the run's pid that
    started after the run registered is another one that reused the pid (a killed run's pid, given to a new
    process, kept refusing every later run on the store)."""
    if host != socket.gethostname():
        return None
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        pass
    since = _started_at(pid)
    # /proc's start time is in clock ticks since a boot time in whole seconds: 2 s of slack
    return not (started is not None and since is not None and since > started + 2.0)


def _when(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))


def _describe(host: str, pid: int, started: float) -> str:
    here = "" if host == socket.gethostname() else f" on {host}"
    return f"pid {pid}{here}, started {_when(started)}"


@contextlib.contextmanager
def registered(store, cells: Iterable[tuple[str, str, int, str]]) -> Iterator[str]:
    """Register a run planning ``cells`` ((label, task, seed, config key)) in ``store`` for the duration of the
    block; its outcome (finished, interrupted, failed) is written on the way out."""
    db: sqlite3.Connection = store._db
    mine = {cell_id(*c): c for c in cells}
    run_id = uuid.uuid4().hex
    with store.transaction():
        busy = []
        for rid, host, pid, started in db.execute(
                "SELECT run_id, host, pid, started FROM runs WHERE finished IS NULL").fetchall():
            alive = _alive(host, pid, started)
            if alive is False:
                db.execute("UPDATE runs SET outcome = 'killed' WHERE run_id = ?", (rid,))
                continue
            if alive is None:
                continue
            theirs = [c for (c,) in db.execute("SELECT cell FROM planned WHERE run_id = ?", (rid,)).fetchall()
                      if c in mine]
            if theirs:
                busy.append((_describe(host, pid, started), theirs))
        if busy:
            who, theirs = busy[0]
            label, task, seed, _ = mine[theirs[0]]
            raise ConfigError(f"{store.path}: another run ({who}) plans {len(theirs)} of this run's "
                              f"{len(mine)} cell(s) (e.g. {task} on {label}, seed {seed}) into this store; "
                              f"wait for it to finish (then this command computes only what is left), or give "
                              f"this run another --out")
        db.execute("INSERT INTO runs VALUES (?, ?, ?, ?, NULL, 'running')",
                   (run_id, socket.gethostname(), os.getpid(), time.time()))
        db.executemany("INSERT OR IGNORE INTO planned VALUES (?, ?, ?, ?, ?)",
                       [(run_id, c[0], c[1], int(c[2]), k) for k, c in mine.items()])
    outcome = "failed"
    try:
        yield run_id
        outcome = "finished"
    except BaseException as exc:  # Ctrl-C, SIGTERM (the CLI's own exception): interrupted; an error: failed
        outcome = "failed" if isinstance(exc, Exception) else "interrupted"
        raise
    finally:
        with contextlib.suppress(Exception):  # the store may be gone or full; the run's own error says so
            with store.transaction():
                db.execute("UPDATE runs SET finished = ?, outcome = ? WHERE run_id = ?",
                           (time.time(), outcome, run_id))


def unfinished_cells(db: sqlite3.Connection, records, skipped) -> list[dict[str, Any]]:
    """Planned cells (label, task, seed) with no record and no skip entry, newest plan first: each with its
    state, 'in progress' or 'not computed', and a reason naming the run that planned it."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"runs", "planned"} <= tables:
        return []  # a store written before runs were registered
    done = {(str(r.embedding.get("name")), r.task, int(r.seed)) for r in records}
    said = {(str(s.get("embedding")), str(s.get("task"))) for s in skipped}
    rows = db.execute("SELECT p.label, p.task, p.seed, r.host, r.pid, r.started, r.finished, r.outcome "
                      "FROM planned p JOIN runs r ON p.run_id = r.run_id ORDER BY r.started DESC").fetchall()
    seen: set[tuple[str, str, int]] = set()
    grouped: dict[tuple[str, str, str, str], list[int]] = {}
    for label, task, seed, host, pid, started, finished, outcome in rows:
        key = (label, task, int(seed))
        if key in done or key in seen or (label, task) in said or ("(all)", task) in said:
            continue
        seen.add(key)
        who = _describe(host, pid, started)
        alive = None if finished is not None else _alive(host, pid, started)
        if finished is None and alive is not False:
            state = "in progress"
            reason = (f"in progress: the run computing it ({who}) has not stored it yet" if alive else
                      f"in progress, or stopped without closing the store: planned by a run ({who}) that has "
                      f"not finished")
        else:
            state = "not computed"
            how = {"interrupted": "was interrupted", "failed": "stopped on an error"}.get(
                outcome or "", "was killed" if finished is None else "ended")
            reason = (f"not computed: the run that planned it ({who}) {how} before computing it; the same "
                      f"command computes only what is missing")
        grouped.setdefault((label, task, state, reason), []).append(int(seed))
    return [{"task": task, "embedding": label, "seeds": sorted(seeds), "state": state,
             "reason": f"seed{'s' if len(seeds) > 1 else ''} {', '.join(map(str, sorted(seeds)))} {reason}"}
            for (label, task, state, reason), seeds in grouped.items()]
