"""wordeval status STORE : the runs that wrote a result store and the state of each planned cell, read-only.

Exit codes: 0 every cell stored; 4 some cells in progress (a live run computes them: wait); 5 some cells not
computed (their run ended, failed or was killed: the same command computes only those); 3 some cells skipped
with a reason, none missing; 6 nothing planned yet (no cell, no finished run: a store in creation, or a run
starting or stopped before it registered its plan); 2 no store there. The first that applies, in that order:
6, 4, 5, 3."""
from __future__ import annotations

import argparse
import json
import sys
import time


# no run row either: a run records its row when it opens the store (``run_start``), and removes it when it is
# refused or fails before it registers; "a run is starting, or was stopped" was said here before it did
NO_PLAN_YET = ("no record, no skip, no run's plan and no run starting: its run was refused or stopped on an "
               "error before it registered its plan (which leaves no row), or is of a wordeval that records "
               "a run only once it registers, or the store was opened without a run (ResultStore in "
               "Python); the same run command plans and computes its cells")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("store", nargs="?", default="wordeval-results", metavar="STORE",
                   help="result store: the --out folder of a run, or its .sqlite file (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print the runs, the cells and the counts as JSON")
    p.epilog = ("exit codes: 0 every cell stored; 4 some cells in progress (wait); 5 some not computed (the "
                "same run command computes only those); 3 some skipped with a reason, none missing; 6 "
                "nothing planned yet: no cell and no finished run (a store in creation, or a run starting, "
                "or stopped before it planned: wait for a live run, else the same run command plans and "
                "computes); 2 no store there")


def run(args: argparse.Namespace) -> int:
    from wordeval.results.store_status import store_status

    from wordeval.misplaced_arguments import check_results_arguments
    check_results_arguments([args.store], "status", "no wordeval result store here")
    status = store_status(args.store)
    if args.json:
        sys.stdout.write(json.dumps(status, indent=1, allow_nan=False) + "\n")  # whole: never half a document
    else:
        print(text(status))
    return status["exit_code"]


def _when(t: float | None) -> str:
    return "-" if t is None else time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))


def text(status: dict) -> str:
    lines = [f"{status['store']}: {status['records']} record(s)"]
    if status["runs"]:
        lines.append("Runs (oldest first; times by each run's host):")
        for r in status["runs"]:
            beat = (f"; last heartbeat {r['heartbeat_age_s']:.0f} s ago"
                    if r["finished"] is None and r["heartbeat_age_s"] is not None
                    and "heartbeat" not in r["judged_by"] else "")
            lines.append(f"  {r['run_id'][:8]}  {r['state']:<11}  pid {r['pid']} on {r['host']}, started "
                         f"{_when(r['started'])}, ended {_when(r['finished'])}; {_plan(r)}{beat}; "
                         f"{r['judged_by']}")
        if any(r["finished"] is None for r in status["runs"]):
            lines.append(f"  (heartbeat ages {status['heartbeat_clock']})")
    elif status.get("in_creation"):
        from wordeval.results.store import IN_CREATION
        lines.append(f"Runs: none yet ({IN_CREATION})")
    elif status["nothing_planned"]:
        # "a store written before wordeval registered its runs" was said of a run stopped before it registered
        lines.append(f"Runs: none registered yet ({NO_PLAN_YET})")
    else:
        lines.append("Runs: none registered (a store written before wordeval registered its runs, or by "
                     "compare's inputs alone)")
    lines += _cell_lines(status["cells"])
    s = status["summary"]
    runs = ", ".join(f"{n} {state}" for state, n in s["runs"].items())
    unplanned = s["cells"] - s["planned"]
    # the runs' plans hold only the cells they set out to compute: say which of the cells are not in one
    outside = (f" ({s['planned']} planned by the runs, {unplanned} in no run's plan: skipped when planned, or "
               f"stored without one)") if status["runs"] and unplanned else ""
    lines.append(f"Summary: {s['cells']} cell(s){outside}: {s['stored']} stored, {s['in_progress']} in progress, "
                 f"{s['not_computed']} not computed, {s['skipped']} skipped; {len(status['runs'])} run(s)"
                 + (f": {runs}" if runs else "")
                 + ("; nothing planned yet" if status["nothing_planned"] else ""))
    # each line escaped on its own: the store's path, a skip reason or a host may hold a newline, which in
    # the whole text was kept and split a line in two
    from wordeval.visible_text import visible
    return "\n".join(visible(line) for line in lines)


def _plan(run: dict) -> str:
    """What a run planned; for one that has not registered its plan (``run_start``), whether it is starting
    or was stopped before it registered: 'planned 0 cell(s)' read as a run that planned nothing."""
    if run.get("registered", True):  # JSON of a wordeval before runs were recorded at open has no such key
        return f"planned {run['planned_cells']} cell(s){_done(run)}"
    if run["state"] == "starting":
        return f"starting (pid {run['pid']}): its plan is not registered yet"
    return f"stopped before it registered its plan ({run['state']})"


def _done(run: dict) -> str:
    """What a run did with its planned cells: 'recorded 8' was said alike of a run that computed 8 cells and
    of a rerun that found all 8 stored and served them."""
    if run["recorded_cells"] is None:  # a wordeval without cell_records: which cells it stored is not known
        return ""
    text = f": {run['computed_cells']} computed, {run['served_cells']} served from the store (already stored)"
    since = run["recorded_cells"] - run["computed_cells"] - run["served_cells"]
    return text + (f", {since} recorded and since replaced by a later run" if since else "")


def _seeds(seeds: list) -> str:
    if any(x is None for x in seeds):
        return "all seeds"
    return f"seed{'s' if len(seeds) > 1 else ''} {', '.join(map(str, seeds))}"


def _cell_lines(cells: list[dict]) -> list[str]:
    """Cells grouped by state and reason, then by task, the representations of a task on one line: one line
    per (task, representation) repeated a skip's reason (a data file's whole location) on every line, 56
    such lines for the demo's store."""
    by_reason: dict[tuple[str, str], dict[str, dict[str, list]]] = {}
    for c in cells:
        tasks = by_reason.setdefault((c["state"], c["reason"]), {})
        tasks.setdefault(c["task"], {}).setdefault(c["embedding"], []).append(c["seed"])
    lines = []
    for (state, reason), tasks in by_reason.items():
        # the reason of an unfinished cell starts with its state: said once
        why = reason[len(state) + 2:] if reason.startswith(f"{state}: ") else reason
        lines.append(f"Cells {state}" + (f" ({why})" if why else "") + ":")
        for task, labels in tasks.items():
            by_seeds: dict[str, list[str]] = {}
            for label, seeds in labels.items():
                by_seeds.setdefault(_seeds(seeds), []).append(label)
            said = "; ".join(f"{', '.join(names)} ({seeds})" for seeds, names in by_seeds.items())
            lines.append(f"  {task}: {said}")
    return lines
