"""The default suite end to end: ``wordeval run glove-6b-50d --suite default --seeds 3`` into an empty result store.

The run happens in a child process (``peak_rss_of``: whole-process peak RSS and wall time) that calls the CLI
in-process with timing hooks around three runner entry points, so nothing in the evaluators changes:

- ``Task.load_dataset`` (the plan loads and checks every dataset before any cell runs): load time per task;
- ``EmbeddingCache.get``: the representation's load (from the binary vector cache when it is warm);
- ``runner.compute_cell``: each cell's wall time (one cell = one task and seed).

Within a cell, the records' own timings split the time: ``train`` is the learner's fitting (tagging:
``per_seed.train_seconds``; classification: ``per_seed[].seconds``, the C search and fit), ``features``
the tagging features (``feature_seconds``), ``score`` the rest (features of the other families, predicting,
metrics, bootstrap CIs). Standard data from ``WORDEVAL_DATA``; the result store is new, while the vector
cache, fetched artifacts and built models are whatever this machine holds (the report says whether the
GloVe load came from the binary cache). Goal (issue #14): <= 10 minutes on 2 cores.

    flock /tmp/wordeval-bench.lock .venv/bin/python benchmarks/bench_suite.py
    .venv/bin/python benchmarks/bench_suite.py --smoke --out /tmp/x
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import BenchmarkReport, data_home_argument, data_home_cli, peak_rss_of, standard_arguments  # noqa: E402

GOAL_S = 600.0
EMBEDDING = "glove-6b-50d"
SMOKE_TASKS = ["similarity/ws353", "pos/ptb-pos"]
SMOKE_SETTINGS = ["profile=\"quick\"", "epochs=1"]


def child(out_json: str, cli_args: list[str]) -> None:
    """Run the CLI in this process with the timing hooks; write what they saw to ``out_json``."""
    from wordeval import runner
    from wordeval.cli import main as cli_main
    from wordeval.tasks.task import Task

    seen: dict = {"dataset_load": {}, "embedding_load": [], "cells": []}
    load_dataset = Task.load_dataset

    def timed_load(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return load_dataset(self, *args, **kwargs)
        finally:
            seen["dataset_load"][self.name] = seen["dataset_load"].get(self.name, 0.0) + time.perf_counter() - t0

    get = runner.EmbeddingCache.get

    def timed_get(self, spec, label):
        fresh = (spec, label) not in self._loaded
        t0 = time.perf_counter()
        emb = get(self, spec, label)
        if fresh:
            seen["embedding_load"].append({"spec": spec, "seconds": time.perf_counter() - t0,
                                           "from_binary_cache": getattr(emb, "cache_path", None) is not None})
        return emb

    compute = runner.compute_cell

    def timed_cell(cell, *args, **kwargs):
        t0 = time.perf_counter()
        rec = compute(cell, *args, **kwargs)
        t1 = time.perf_counter()
        seen["cells"].append({"task": cell.task.name, "family": cell.task.family, "seed": cell.seed,
                              "seconds": t1 - t0, "started": t0, "ended": t1})
        return rec

    Task.load_dataset = timed_load
    runner.EmbeddingCache.get = timed_get
    runner.compute_cell = timed_cell
    seen["seed_threads"] = runner.default_seed_threads()
    t0 = time.perf_counter()
    rc = cli_main(cli_args)
    seen["cli_seconds"] = time.perf_counter() - t0
    seen["exit_code"] = rc
    seen["t0"] = t0
    Path(out_json).write_text(json.dumps(seen), encoding="utf-8")


def record_times(store: Path) -> dict[tuple[str, int], dict]:
    """(task, seed) -> train / features seconds from the records' own fields."""
    from wordeval.results.store import ResultStore

    out = {}
    with ResultStore(store) as s:
        for rec in s.records():
            per_seed = rec.extra.get("per_seed")
            train = features = None
            if isinstance(per_seed, dict) and "train_seconds" in per_seed:  # tagging
                train = float(sum(per_seed["train_seconds"]))
                features = rec.extra.get("feature_seconds")
            elif isinstance(per_seed, list) and per_seed and "seconds" in per_seed[0]:  # classification
                train = float(sum(p["seconds"] for p in per_seed))
            out[(rec.task, rec.seed)] = {"train": train, "features": features, "main": rec.main_value}
    return out


def breakdown(seen: dict, records: dict) -> list[dict]:
    tasks: dict[str, dict] = {}
    for name, secs in seen["dataset_load"].items():
        tasks.setdefault(name, {"task": name, "load": 0.0, "cells": 0, "features": 0.0, "train": 0.0,
                                "score": 0.0, "cell_seconds": []})["load"] += secs
    for c in seen["cells"]:
        t = tasks.setdefault(c["task"], {"task": c["task"], "load": 0.0, "cells": 0, "features": 0.0,
                                         "train": 0.0, "score": 0.0, "cell_seconds": []})
        r = records.get((c["task"], c["seed"]), {})
        train, features = r.get("train") or 0.0, r.get("features") or 0.0
        t["cells"] += 1
        t["family"] = c["family"]
        t["cell_seconds"].append(c["seconds"])
        t.setdefault("spans", []).append((c["started"], c.get("ended", c["started"] + c["seconds"])))
        t["train"] += train
        t["features"] += features
        t["score"] += max(0.0, c["seconds"] - train - features)
    for t in tasks.values():
        t["total"] = t["load"] + sum(t["cell_seconds"])
        spans = t.pop("spans", [])
        # cells trained side by side overlap: the task's wall time is its first start to its last end
        t["wall"] = t["load"] + (max(e for _, e in spans) - min(b for b, _ in spans) if spans else 0.0)
    return sorted(tasks.values(), key=lambda t: -t["total"])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    standard_arguments(parser)
    data_home_argument(parser, "folder with the standard benchmarks")
    parser.add_argument("--seeds", type=int, default=3)
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--child"]:  # --child OUT_JSON -- CLI ARGS...
        return child(argv[1], argv[3:])
    args = parser.parse_args(argv)
    if not args.data_home and not args.smoke:
        raise SystemExit("the default suite's standard tasks need WORDEVAL_DATA (or --data-home)")
    seeds = 1 if args.smoke else args.seeds
    report = BenchmarkReport("suite", f"The default suite end to end: {EMBEDDING}, {seeds} seed(s)"
                             + (" (smoke: two tiny tasks)" if args.smoke else ""))
    with tempfile.TemporaryDirectory(prefix="wordeval-bench-suite-") as tmp:
        store, seen_path = Path(tmp) / "store", Path(tmp) / "seen.json"
        cli = ["--quiet", "run", EMBEDDING, "--out", str(store), "--seeds", str(seeds)]
        if args.smoke:
            cli += ["--tasks", *SMOKE_TASKS] + [x for s in SMOKE_SETTINGS for x in ("--set", s)]
        else:
            cli += ["--suite", "default"]
        cli += data_home_cli(args.data_home)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(seen_path), "--", *cli]
        print("running: wordeval " + " ".join(cli), file=sys.stderr)
        env = {"WORDEVAL_QUIET": "1", "TQDM_DISABLE": "1", "HF_HUB_OFFLINE": "1"}
        res = peak_rss_of(cmd, env=env)
        if res["returncode"] not in (0, 3) or not seen_path.exists():
            raise SystemExit(f"the suite run failed ({res['returncode']}): {res['stderr']}")
        seen = json.loads(seen_path.read_text(encoding="utf-8"))
        records = record_times(store)
    rows = breakdown(seen, records)
    cells_total = sum(c["seconds"] for c in seen["cells"])
    cells_wall = (max(c.get("ended", c["started"] + c["seconds"]) for c in seen["cells"])
                  - min(c["started"] for c in seen["cells"])) if seen["cells"] else 0.0
    load_total = sum(seen["dataset_load"].values())
    emb = seen["embedding_load"]
    first_cell = min((c["started"] for c in seen["cells"]), default=seen["t0"])
    wall = res["seconds"]
    shown = ["STORE" if x == str(store) else "DATA" if x in args.data_home else x for x in cli]
    report.add(f"`wordeval {' '.join(shown)}` "
               "in a child process, into an empty result store. The machine's vector cache, fetched artifacts "
               f"and built models are as they were (warm): {EMBEDDING} loaded in "
               + ", ".join(f"{e['seconds']:.1f} s" + (" from the binary vector cache" if e["from_binary_cache"] else "")
                           for e in emb) + f"; load average before the run {report.load_before}.\n")
    report.add(report.table(["", "seconds"], [
        ("whole process (wall, incl. interpreter start and imports)", f"{wall:.0f}"),
        ("plan: datasets loaded and checked", f"{load_total:.0f}"),
        ("cells (sum over all cells)", f"{cells_total:.0f}"),
        ("cells (wall: first cell's start to last cell's end)", f"{cells_wall:.0f}"),
        ("other (imports, store writes, summary)", f"{wall - load_total - cells_wall:.0f}"),
        ("peak RSS of the whole process (MiB)", f"{res['peak_rss_mib']:.0f}")]))
    report.add("## Per task (slowest first)\n\nload = the dataset in the plan; features = tagging features; "
               "train = the learner's fitting, summed over seeds; score = the rest of the cells (features of "
               "other families, prediction, metrics, CIs); total = load + every cell's time; wall = load + the "
               "task's first cell start to its last cell end (less than total where cells trained side by side: "
               "a task's seeds, and consecutive tagging tasks on one representation, whose walls therefore "
               f"overlap; seed threads {seen.get('seed_threads')}, `wordeval.runner.default_seed_threads`). "
               "Seconds.\n")
    report.add(report.table(["task", "cells", "load", "features", "train", "score", "total", "wall",
                             "slowest cell"], [
        (t["task"], t["cells"], f"{t['load']:.1f}", f"{t['features']:.1f}" if t["features"] else "",
         f"{t['train']:.1f}" if t["train"] else "", f"{t['score']:.1f}", f"{t['total']:.1f}", f"{t['wall']:.1f}",
         f"{max(t['cell_seconds']):.1f}" if t["cell_seconds"] else "") for t in rows]))
    skipped = [t for t in rows if not t["cells"]]
    if skipped:
        report.add("Tasks loaded but without cells (skipped: data not here): "
                   + ", ".join(t["task"] for t in skipped) + ".\n")
    met = wall <= GOAL_S
    report.add("## Goal (issue #14)\n")
    report.add(report.table(["goal", "met", "measured"], [
        (f"default suite, {seeds} seed(s), <= {GOAL_S / 60:.0f} minutes on 2 cores",
         "yes" if met else "**no**", f"{wall:.0f} s")], align="llr"))
    report.raw.update({"cli": cli, "process": res, "seen": seen, "records": {f"{k[0]}|{k[1]}": v for k, v in
                                                                          records.items()},
                       "tasks": rows, "goal": {"seconds": GOAL_S, "met": met, "measured": wall},
                       "exit_code": seen["exit_code"], "first_cell_offset": first_cell - seen["t0"]})
    print(report.write(args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
