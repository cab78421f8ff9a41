"""wordeval status STORE : the runs that wrote a result store and the state of each planned cell, read-only.

Exit codes: 0 every cell stored; 4 some cells in progress (a live run computes them: wait); 5 some cells not
computed (their run ended, failed or was killed: the same command computes only those); 3 some cells skipped
with a reason, none missing; 2 no store there. The first that applies, in that order: 4, 5, 3."""
from __future__ import annotations

import argparse
import json
import sys
import time


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("store", nargs="?", default="wordeval-results", metavar="STORE",
                   help="result store: the --out folder of a run, or its .sqlite file (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print the runs, the cells and the counts as JSON")
    p.epilog = ("exit codes: 0 every cell stored; 4 some cells in progress (wait); 5 some not computed (the same "
                "run command computes only those); 3 some skipped with a reason, none missing; 2 no store there")


def run(args: argparse.Namespace) -> int:
    from wordeval.results.store_status import store_status

    status = store_status(args.store)
    if args.json:
        json.dump(status, sys.stdout, indent=1, allow_nan=False)
        sys.stdout.write("\n")
    else:
        from wordeval.visible_text import visible_lines
        print(visible_lines(text(status)))
    return status["exit_code"]


def _when(t: float | None) -> str:
    return "-" if t is None else time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t))


def text(status: dict) -> str:
    lines = [f"{status['store']}: {status['records']} record(s)"]
    if status["runs"]:
        lines.append("Runs (oldest first; times by each run's host):")
        for r in status["runs"]:
            done = f", recorded {r['recorded_cells']}" if r["recorded_cells"] is not None else ""
            beat = (f"; last heartbeat {r['heartbeat_age_s']:.0f} s ago"
                    if r["finished"] is None and r["heartbeat_age_s"] is not None
                    and "heartbeat" not in r["judged_by"] else "")
            lines.append(f"  {r['run_id'][:8]}  {r['state']:<11}  pid {r['pid']} on {r['host']}, started "
                         f"{_when(r['started'])}, ended {_when(r['finished'])}; planned {r['planned_cells']} "
                         f"cell(s){done}{beat}; {r['judged_by']}")
        if any(r["finished"] is None for r in status["runs"]):
            lines.append(f"  (heartbeat ages {status['heartbeat_clock']})")
    else:
        lines.append("Runs: none registered (a store written before wordeval registered its runs, or by "
                     "compare's inputs alone)")
    groups: dict[tuple[str, str, str, str], list] = {}
    for c in status["cells"]:
        groups.setdefault((c["task"], c["embedding"], c["state"], c["reason"]), []).append(c["seed"])
    if groups:
        lines.append("Cells (task on representation: state, seeds):")
    for (task, label, state, reason), seeds in groups.items():
        said = ", ".join("all" if s is None else str(s) for s in seeds)
        # the reason of an unfinished cell starts with its state: said once
        why = reason[len(state) + 2:] if reason.startswith(f"{state}: ") else reason
        lines.append(f"  {task} on {label}: {state}, seed{'s' if len(seeds) > 1 else ''} {said}"
                     + (f" ({why})" if why else ""))
    s = status["summary"]
    runs = ", ".join(f"{n} {state}" for state, n in s["runs"].items())
    lines.append(f"Summary: {s['cells']} cell(s): {s['stored']} stored, {s['in_progress']} in progress, "
                 f"{s['not_computed']} not computed, {s['skipped']} skipped; {len(status['runs'])} run(s)"
                 + (f": {runs}" if runs else ""))
    return "\n".join(lines)
