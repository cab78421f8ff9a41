"""A run in its store from the moment it opens it, before it registers its plan (``run_log.registered``).

Why: a run left no trace in its store until it registered, so ``wordeval status`` said the same thing of a
run starting right now and of one stopped (Ctrl-C, SIGKILL) before it registered, and a script could not
tell whether to wait or to run the command again. A run that opens its store (``ResultStore(..., run=True)``)
now writes its ``runs`` row at once, as ``registered`` writes it (host, pid, start time: what its liveness is
judged by), with outcome 'starting', its first heartbeat and its store file, in the transaction that creates
the store's tables (every writable open runs it, so an existing store gets the row at open), and lists it in
``unregistered_runs``. The registration takes that row over (same run id) and removes it from that list. A run
that ends before it registers: interrupted (Ctrl-C, SIGTERM) marks its row so; any other way (refused, an
error, or closing its store without registering) removes it, as such a run did no work. A killed one stays
'starting' and is judged dead by its pid and start time, or its heartbeat on another host, as registered runs
are (``run_log.run_state``)."""
from __future__ import annotations

import os
import socket
import sqlite3
import time

from wordeval.results import run_log, store_clock

# a row is a starting run's only while it is in unregistered_runs: a registration racing the end of the
# opening never loses its row to it
_UNREGISTERED = "run_id = ? AND run_id IN (SELECT run_id FROM unregistered_runs)"


def record_start(db: sqlite3.Connection, run_id: str) -> None:
    """The starting run's rows, inside the caller's open transaction (after the tables exist)."""
    host = socket.gethostname()
    db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, NULL, 'starting')",
               (run_id, host, os.getpid(), time.time()))
    db.execute("INSERT OR IGNORE INTO unregistered_runs VALUES (?)", (run_id,))
    # in the store's time as this host's readers take it (the offset its last run measured): the registration
    # measures it and writes its beat again
    db.execute("INSERT OR REPLACE INTO heartbeats VALUES (?, ? - COALESCE((SELECT skew FROM clocks "
               "WHERE host = ?), 0.0))", (run_id, store_clock.now(), host))
    here = run_log._store_file(db)
    if here is not None:  # a copy of the store taken now is not this run's (``run_log.copied_runs``)
        db.execute("INSERT OR REPLACE INTO run_files VALUES (?, ?, ?)", (run_id, *here))


def end_start(store, exc: BaseException | None) -> None:
    """A run that opened ``store`` and ends without registering: ``exc`` an interrupt (not an Exception, as
    ``registered`` tells them) marks its row interrupted, anything else removes its rows."""
    import contextlib

    from wordeval.errors import WordevalError
    from wordeval.held_signals import interrupts_held

    run_id, store.starting_run = store.starting_run, None
    if run_id is None:
        return
    if exc is not None and not isinstance(exc, Exception):
        steps = [(f"UPDATE runs SET finished = ?, outcome = 'interrupted' WHERE {_UNREGISTERED}",
                  (time.time(), run_id))]
    else:
        steps = [(f"DELETE FROM {table} WHERE {_UNREGISTERED}", (run_id,))
                 for table in ("runs", "heartbeats", "run_files")]
        steps.append(("DELETE FROM unregistered_runs WHERE run_id = ?", (run_id,)))
    # a second Ctrl-C here left the row 'starting', which the pid then judged; the store may be gone or full,
    # and the run's own error says so
    with interrupts_held(), contextlib.suppress(WordevalError, sqlite3.Error):
        with store.transaction() as db:
            for sql, args in steps:
                db.execute(sql, args)


def unregistered(db: sqlite3.Connection, tables: set[str]) -> set[str]:
    """The runs of ``db`` that opened it and have not registered their plan (empty for an earlier store)."""
    if "unregistered_runs" not in tables:
        return set()
    return {run_id for (run_id,) in db.execute("SELECT run_id FROM unregistered_runs")}
