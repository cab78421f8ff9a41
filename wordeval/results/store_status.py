"""What a result store holds and what its runs are doing, read without writing to it (``wordeval status``).

Why: the only listing of runs in progress, killed runs and cells not computed was the "Incomplete" line and the
Skipped section of ``compare``/``report``, which also need records to compare and compute bootstrap CIs. A
researcher watching a long or distributed run needs each run's state and each planned cell's, and a script
needs an exit code that says whether to wait, resume or go on.

Each cell is (representation label, task, seed): stored (a record), in progress, not computed (as
``run_log.unfinished_cells`` judges the runs' plans), or skipped (the store's reason). A store written by a
wordeval that did not register runs lists its records and skips, and no runs."""
from __future__ import annotations

import os
import sqlite3
from typing import Any

from wordeval.paths import refuse_special_file
from wordeval.results import run_log, run_start, store_clock

STATES = ("stored", "in progress", "not computed", "skipped")
# exit codes, most urgent first: cells a live run still computes (wait), cells no run will compute (run the
# same command again), cells skipped with a reason (as `run`'s exit 3); 0 when every cell is stored
EXIT_CODES = {"in progress": 4, "not computed": 5, "skipped": 3}
# a store with no cell (no record, no skip, no run's plan) and no finished run: in creation, or its run is
# still starting or was stopped (Ctrl-C, kill) before it registered its plan (the run's row, ``run_start``,
# says which). Exit 0 read as "every cell stored" to a script polling status until 0, and 5 or 4 would claim
# cells the store does not name
NOTHING_PLANNED = 6


def store_status(path: str | os.PathLike) -> dict[str, Any]:
    """The runs, cells and counts of the store at ``path`` (a folder or a .sqlite file), opened read-only."""
    from wordeval.results.store import ResultStore

    from wordeval.results.store import resolve_store_path

    resolve_store_path(path)  # an empty path is refused before any folder is looked at
    # a pipe or a device, having no .sqlite suffix, was looked for as a folder: '/dev/fd/63/results.sqlite: no
    # wordeval result store here'
    refuse_special_file(path)
    _refuse_other_outputs(path)
    with ResultStore(path, readonly=True) as store:
        db = store._db
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        records = list(store.records(per_item=False))  # cells and runs: no item is read
        unfinished = run_log.unfinished_cells(db, records)
        runs = _runs(db, tables)
        _, clock = store_clock.reader_now(db)
        planned = (db.execute("SELECT DISTINCT label, task, seed FROM planned").fetchall()
                   if "planned" in tables else [])
        skips = db.execute("SELECT request_key, task, embedding_name, reason FROM skipped").fetchall()
        store_path = str(store.path)
        in_creation = store.in_creation
    cells = _cells(records, planned, skips, unfinished)
    counts = {state: sum(c["state"] == state for c in cells) for state in STATES}
    # a cell skipped when its run was planned (no data, a representation the family cannot use) is in no
    # run's plan: a run line said "planned 1 cell(s)" under a summary of 2, without saying why
    in_plans = {run_log._measurement(label, task, int(seed)) for label, task, seed in planned}
    n_planned = sum(c["seed"] is not None and run_log._measurement(c["embedding"], c["task"], int(c["seed"]))
                    in in_plans for c in cells)
    nothing_planned = not cells and not any(r["state"] == "finished" for r in runs)
    exit_code = NOTHING_PLANNED if nothing_planned else next(
        (code for state, code in EXIT_CODES.items() if counts[state]), 0)
    return {"store": store_path, "in_creation": in_creation, "nothing_planned": nothing_planned,
            "records": len(records), "runs": runs,
            "heartbeat_clock": clock, "cells": cells,
            "summary": {**{s.replace(" ", "_"): n for s, n in counts.items()}, "cells": len(cells),
                        "planned": n_planned, "runs": {s: sum(r["state"] == s for r in runs)
                                 for s in dict.fromkeys(r["state"] for r in runs)}},
            "exit_code": exit_code}


def _runs(db: sqlite3.Connection, tables: set[str]) -> list[dict[str, Any]]:
    if not {"runs", "planned"} <= tables:
        return []
    beat = "h.beat FROM runs r LEFT JOIN heartbeats h ON h.run_id = r.run_id" if "heartbeats" in tables \
        else "NULL FROM runs r"
    rows = db.execute(f"SELECT r.run_id, r.host, r.pid, r.started, r.finished, r.outcome, {beat} "
                      "ORDER BY r.rowid").fetchall()
    planned = dict(db.execute("SELECT run_id, COUNT(*) FROM planned GROUP BY run_id").fetchall())
    recorded = dict(db.execute("SELECT run_id, COUNT(record_key) FROM cell_records GROUP BY run_id").fetchall()) \
        if "cell_records" in tables else {}
    made = _computed_and_served(db) if "cell_records" in tables else {}
    store_now, judged = store_clock.reader_now(db)
    elsewhere = run_log.copied_runs(db)
    unregistered = run_start.unregistered(db, tables)
    out = []
    for run_id, host, pid, started, finished, outcome, last_beat in rows:
        state, how = run_log.run_state(host, int(pid), started, finished, outcome, last_beat, store_now,
                                       judged, copied=run_id in elsewhere)
        if run_id in unregistered and state == "running":  # opened the store, its plan not registered yet
            state = "starting"
        out.append({"run_id": run_id, "host": host, "pid": int(pid), "started": started, "finished": finished,
                    "state": state, "registered": run_id not in unregistered, "judged_by": how,
                    "last_heartbeat": last_beat,
                    "heartbeat_age_s": None if last_beat is None else round(store_now - last_beat, 1),
                    "planned_cells": int(planned.get(run_id, 0)),
                    # runs of a wordeval without cell_records do not say which cells they stored
                    "recorded_cells": int(recorded[run_id]) if run_id in recorded else None,
                    **dict(zip(("computed_cells", "served_cells"),
                               made.get(run_id, (0, 0)) if run_id in recorded else (None, None)))})
    return out


def _computed_and_served(db: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """Run id -> (cells it computed, cells it served from the store), by when each cell's record was stored:
    during the run, or before it began (as ``run_log.served_times`` tells them apart). 'recorded 8' was said
    of a rerun that computed nothing. A record stored after the run ended was rewritten by a later run
    (--force, a record moved aside): counted as neither, the run's own part no longer told."""
    rows = db.execute("SELECT c.run_id, SUM(s.stored_at >= r.started AND (r.finished IS NULL OR "
                      "s.stored_at <= r.finished)), SUM(s.stored_at < r.started) FROM cell_records c "
                      "JOIN runs r ON r.run_id = c.run_id JOIN records s ON s.key = c.record_key "
                      "GROUP BY c.run_id").fetchall()
    return {run_id: (int(computed or 0), int(served or 0)) for run_id, computed, served in rows}


# a stored cell whose every record compare and report leave out (an upgrade rerun that gave its label a new
# embedding on other tasks, a corrected data file, other settings): 'stored' alone read as 'in the comparison'
LEFT_OUT = ("left out by compare and report: a later record of its label or task supersedes it (another "
            "embedding, data or settings, or for an intrinsic task another seed; compare's notes say which)")


def _compared_cells(records) -> set[tuple[str, str, int]]:
    from wordeval.report.cells import group_records

    groups, _, _ = group_records(records)
    return {(label, task, int(r.seed)) for (label, task), recs in groups.items() for r in recs}


def _cells(records, planned, skips, unfinished) -> list[dict[str, Any]]:
    cells: dict[tuple[str, str, int | None], dict[str, Any]] = {}

    def put(label, task, seed, state, reason=""):
        cells[(label, task, seed)] = {"embedding": label, "task": task, "seed": seed, "state": state,
                                      "reason": reason}

    done = set()
    compared = _compared_cells(records)
    for r in records:
        label, seed = str(r.embedding.get("name")), int(r.seed)
        done.add(run_log._measurement(label, r.task, seed))
        put(label, r.task, seed, "stored", "" if (label, r.task, seed) in compared else LEFT_OUT)
    waiting: dict[tuple[str, str], list[int]] = {}  # (label, task) -> its planned seeds not stored
    for label, task, seed in planned:
        if run_log._measurement(label, task, int(seed)) not in done:
            waiting.setdefault((label, task), []).append(int(seed))
    for key, task, label, reason in skips:
        seed = run_log.skipped_seed(key, task, label)
        if seed is not None:
            put(label, task, seed, "skipped", reason)
            continue
        # a task skipped on a label (no data), or on every label of stores from before skips named them
        hit = [(lab, s) for (lab, t), seeds in waiting.items() for s in seeds
               if t == task and label in (lab, "(all)")]
        for lab, s in hit or [(label, None)]:
            put(lab, task, s, "skipped", reason)
    for u in unfinished:
        said = run_log.seeds_said(u["seeds"])
        reason = u["reason"][len(said):] if u["reason"].startswith(said) else u["reason"]
        for seed in u["seeds"]:
            put(u["embedding"], u["task"], seed, u["state"], reason)
    return sorted(cells.values(), key=lambda c: (c["task"], c["embedding"], c["seed"] is not None, c["seed"] or 0))


def _refuse_other_outputs(path: str | os.PathLike) -> None:
    """A record file, a report folder or any other file was looked for as ``PATH/results.sqlite``, and the error
    named that path, which the user never gave, as if the store had been lost."""
    from pathlib import Path

    from wordeval.errors import ConfigError
    from wordeval.output_paths import marker_kind

    p = Path(path)
    where = "status reads a result store: the --out folder of a run, or its .sqlite file"
    if p.is_file() and p.suffix not in (".sqlite", ".db"):
        records = " (record files hold no runs; compare and report read them)" if p.suffix in (".json", ".jsonl") \
            else ""
        raise ConfigError(f"{p}: not a result store; {where}{records}")
    kind = marker_kind(p) if p.is_dir() else None
    if kind not in (None, "store"):
        raise ConfigError(f"{p}: a wordeval {kind} folder, not a result store; {where}")
