"""Distributed runs (``wordeval run --workers N``): speed-up, per-cell overhead, and a scale plan from them.

(a) A grid of 4 representations x 8 tasks (offline ones: glove-6b-50d, spacy-md, lsa and word2vec on the
    news corpus; similarity, analogy, STS, classification, POS, NER with short settings) computed serially in
    this process, on a LocalCluster of 1 worker and of 2 workers, alternating, each cluster started fresh (so
    every worker loads what it needs); cluster start-up is timed apart from the grid. The records of the three
    runs are compared (equal except time and provenance). Per-cell seconds on the workers, representation
    loads per worker and each worker's peak RSS are recorded.
(b) Scheduler overhead: 2,000 trivial cells (a tiny representation, ``compute_cell`` replaced in the workers
    by one that returns a prepared record) through the whole distributed path (keys, store probe, submit,
    result, store write), against the same 2,000 through the serial path, and against 2,000 no-op Dask tasks.
(c) From (a) and (b), the cluster size and wall time for 1,000 representations x 40 tasks x 5 seeds, with
    the storage and memory it needs: the arithmetic is in ``scale_plan``; the report says which inputs were
    measured and which are assumptions.

    flock /tmp/wordeval-bench.lock .venv/bin/python benchmarks/bench_distributed.py
    .venv/bin/python benchmarks/bench_distributed.py --smoke --out /tmp/x
"""
from __future__ import annotations

import argparse
import copy
import json
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import BenchmarkReport, standard_arguments  # noqa: E402

REPS = ["glove-6b-50d", "spacy-md", "lsa:corpus=news", "word2vec:corpus=news"]
TASKS = ["similarity/ws353", "similarity/simlex999", "similarity/men", "analogy/msr", "sts/sts12",
         "classification/bbc", "pos/ptb-pos", "ner/wnut16"]
SETTINGS = {"n_seeds": 1, "cv_folds": 3, "max_train": 500, "profile": "quick"}  # dropped where a family lacks one
TARGET = {"representations": 1000, "tasks": 40, "seeds": 5}


# -- inputs ------------------------------------------------------------------------------------------------------

def synthetic(folder: Path, *, n_reps: int, n_tasks: int, words: int = 400, dim: int = 32) -> tuple[list, list]:
    """Word2vec text files of random vectors and similarity task files over their words (smoke runs and the
    trivial cells of (b): no download, nothing that takes long)."""
    rng = np.random.default_rng(0)
    vocab = [f"w{i}" for i in range(words)]
    reps = []
    for r in range(n_reps):
        path = folder / f"rep{r}.txt"
        vec = rng.standard_normal((words, dim)).astype(np.float32)
        path.write_text(f"{words} {dim}\n" + "".join(w + " " + " ".join(f"{x:.4f}" for x in v) + "\n"
                                                      for w, v in zip(vocab, vec)))
        reps.append(f"r{r}={path}")
    tasks = []
    for t in range(n_tasks):
        pairs = rng.integers(0, words, size=(300, 2))
        (folder / f"pairs{t}.tsv").write_text("".join(f"w{a}\tw{b}\t{rng.uniform(0, 10):.2f}\n" for a, b in pairs))
        spec = folder / f"synthetic{t}.toml"
        spec.write_text(f'name = "synthetic{t}"\nfamily = "similarity"\n[files]\ntest = "pairs{t}.tsv"\n')
        tasks.append(str(spec))
    return reps, tasks


def make_plan(reps, tasks, settings):
    from wordeval.runner import plan

    return plan(reps, [(t, settings) for t in tasks], strict_config=False)


def comparable(path) -> dict:
    from wordeval.results.store import ResultStore

    def strip(v):
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items() if "seconds" not in k}
        return [strip(x) for x in v] if isinstance(v, list) else v

    out = {}
    with ResultStore(path, create=False) as store:
        for r in store.records():
            d = json.loads(r.to_json())
            for k in ("time", "git_revision", "command"):
                d["run"].pop(k, None)
            out[r.cache_key()] = strip(d)
    return out


def worker_facts(client) -> list[dict]:
    def facts(dask_worker=None):
        import resource

        from wordeval.distributed.worker import loaded
        return {**loaded(dask_worker), "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    return list(client.run(facts).values())


# -- (a) speed-up ------------------------------------------------------------------------------------------------

def run_grid(p, scratch: Path, name: str, workers: int | None) -> dict:
    from wordeval.results.store import ResultStore
    from wordeval.runner import execute

    out = scratch / name
    if workers is None:
        t0 = time.perf_counter()
        with ResultStore(out) as store:
            summary = execute(p, store)
        # the serial run is this process: its whole-process peak so far (the representations were loaded
        # here before timing, as a serial `wordeval run` holds them too); read before any cluster starts
        return {"seconds": time.perf_counter() - t0, "store": out, "computed": len(summary.computed),
                "failed": summary.failed,
                "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    from wordeval.distributed import execute_distributed
    from wordeval.distributed.cluster import open_client

    t0 = time.perf_counter()
    with open_client(workers=workers) as client:
        client.wait_for_workers(workers)
        started = time.perf_counter() - t0
        stats: dict = {}
        t1 = time.perf_counter()
        with ResultStore(out) as store:
            summary = execute_distributed(p, store, client=client, stats=stats)
        seconds = time.perf_counter() - t1
        facts = worker_facts(client)
    return {"seconds": seconds, "startup_seconds": started, "store": out, "computed": len(summary.computed),
            "failed": summary.failed, "stats": stats, "workers": facts}


def grid_section(report, args, scratch: Path) -> dict:
    if args.smoke:
        reps, tasks = synthetic(scratch, n_reps=2, n_tasks=2)
    else:
        reps, tasks = REPS, TASKS
        from wordeval.evaluation import load_embedding
        for spec in reps:  # builders train once into the cache; timing starts from a warm cache
            load_embedding(spec)
    t0 = time.perf_counter()
    p = make_plan(reps, tasks, SETTINGS)
    plan_seconds = time.perf_counter() - t0
    runs: dict[str, list] = defaultdict(list)
    for i in range(args.grid_repeats):
        for name, workers in (("serial", None), ("1 worker", 1), ("2 workers", 2)):
            runs[name].append(run_grid(p, scratch, f"{name.replace(' ', '-')}-{i}", workers))
    ref = comparable(runs["serial"][0]["store"])
    equal = {name: all(comparable(r["store"]) == ref for r in rs) for name, rs in runs.items()}
    best = {name: min(r["seconds"] for r in rs) for name, rs in runs.items()}
    speedup = best["1 worker"] / best["2 workers"]
    rows = []
    for name, rs in runs.items():
        rows.append([name, ", ".join(f"{r['seconds']:.1f}" for r in rs),
                     ", ".join(f"{r['startup_seconds']:.1f}" for r in rs) if "startup_seconds" in rs[0] else "-",
                     rs[0]["computed"], "yes" if equal[name] else "NO"])
    last = runs["2 workers"][-1]
    units = last["stats"].get("units", [])
    per_family: dict[str, list] = defaultdict(list)
    for u in runs["1 worker"][-1]["stats"].get("units", []):
        per_family[u["family"]].append(u["seconds"] / u["cells"])
    loads = runs["1 worker"][-1]["stats"].get("fingerprints", [])
    report.add(f"## (a) {len(reps)} representations x {len(tasks)} tasks: serial, 1 worker, 2 workers\n\n"
               f"Representations: {', '.join(f'`{r}`' for r in (reps if not args.smoke else ['synthetic']))}; "
               f"tasks: {', '.join(f'`{t}`' for t in (tasks if not args.smoke else ['synthetic']))}; settings "
               f"`{SETTINGS}` (where a family has them). {len(p.cells)} cells. Each distributed run starts a fresh "
               f"LocalCluster (1 cell per worker, BLAS threads = cores // workers); start-up is timed apart.\n\n"
               + report.table(["run", "grid seconds (each repeat)", "cluster start s", "cells computed",
                               "records equal to serial"], rows) + "\n\n"
               f"**Speed-up, 2 workers over 1 worker, measured in this run: {speedup:.2f}x** "
               f"(best of {args.grid_repeats}, the contenders alternating). The serial run uses the datasets "
               f"that planning loaded ({plan_seconds:.1f} s, not in its time); a worker loads each dataset and "
               f"representation it needs itself, inside its time. "
               f"With 2 workers, {len(units)} units ran on {len({u['pid'] for u in units})} processes; "
               f"representation loads per worker: "
               f"{', '.join(str(w['loads']) for w in last['workers'])} "
               f"(of {len(reps)} representations; each is loaded at most once per worker process); "
               f"worker peak RSS: {', '.join(format(w['peak_rss_mib'], '.0f') for w in last['workers'])} MiB, "
               f"against {runs['serial'][0]['peak_rss_mib']:.0f} MiB for the serial run (whole process, read "
               f"after the first serial run and before any cluster started).\n")
    report.add(report.table(["family", "cells", "mean s per cell (1 worker)", "max s"],
                            [[f, len(v), f"{np.mean(v):.2f}", f"{max(v):.2f}"] for f, v in sorted(per_family.items())])
               + "\n\nFirst load of each representation on a worker (the fingerprint task; 1-worker run): "
               + ", ".join(f"`{x['label']}` {x['seconds']:.1f} s" for x in loads) + ".\n")
    store_bytes = sum(f.stat().st_size for f in Path(runs["serial"][0]["store"]).iterdir() if f.is_file())
    return {"runs": {k: [{kk: vv for kk, vv in r.items() if kk != "store"} for r in v] for k, v in runs.items()},
            "best_seconds": best, "speedup_2_over_1": speedup, "plan_seconds": plan_seconds, "records_equal": equal,
            "per_family_seconds": {f: float(np.mean(v)) for f, v in per_family.items()},
            "load_seconds": {x["label"]: x["seconds"] for x in loads},
            "worker_peak_rss_mib": max(w["peak_rss_mib"] for r in runs["2 workers"] for w in r["workers"]),
            "serial_peak_rss_mib": runs["serial"][0]["peak_rss_mib"],
            "store_bytes_per_record": store_bytes / max(1, runs["serial"][0]["computed"]), "cells": len(p.cells),
            "representations": ["synthetic"] if args.smoke else list(reps)}


# -- (b) overhead ------------------------------------------------------------------------------------------------

def _trivial(template_json: str):
    """Installed in each worker: compute_cell returns the prepared record with the cell's seed."""
    def install():
        from wordeval import runner
        from wordeval.results.record import ResultRecord

        template = ResultRecord.from_dict(json.loads(template_json))

        def trivial(cell, *args, **kwargs):
            rec = copy.deepcopy(template)
            rec.seed = cell.seed
            return rec
        runner.compute_cell = trivial
    return install


def overhead_section(report, args, scratch: Path) -> dict:
    from distributed import as_completed

    from wordeval import runner
    from wordeval.distributed import execute_distributed
    from wordeval.distributed.cluster import open_client
    from wordeval.evaluation import load_embedding
    from wordeval.results.store import ResultStore
    from wordeval.runner import Cell, Plan, execute

    n = 50 if args.smoke else 2000
    folder = scratch / "trivial"
    folder.mkdir()
    reps, tasks = synthetic(folder, n_reps=1, n_tasks=1)
    base = make_plan(reps, tasks, {})
    cell = base.cells[0]
    template = runner.compute_cell(cell, load_embedding(cell.embedding_spec, label=cell.rep.name),
                                   base.datasets[cell.task.name])
    cells = [Cell(cell.rep, cell.task, dict(cell.config), seed, data=cell.data) for seed in range(n)]
    p = Plan(cells, [], base.datasets, list(range(n)))
    install = _trivial(template.to_json())

    original = runner.compute_cell
    install()
    try:
        t0 = time.perf_counter()
        with ResultStore(folder / "serial") as store:
            execute(p, store)
        serial = time.perf_counter() - t0
    finally:
        runner.compute_cell = original
    out: dict = {"cells": n, "serial_seconds": serial, "distributed_seconds": [], "dask_noop_seconds": []}
    with open_client(workers=2) as client:
        client.wait_for_workers(2)
        client.run(install)
        for i in range(args.repeats):
            t0 = time.perf_counter()
            futures = [client.submit(int, k, pure=False) for k in range(n)]
            for _ in as_completed(futures):
                pass
            out["dask_noop_seconds"].append(time.perf_counter() - t0)
            del futures
            t0 = time.perf_counter()
            with ResultStore(folder / f"dist-{i}") as store:
                summary = execute_distributed(p, store, client=client)
            out["distributed_seconds"].append(time.perf_counter() - t0)
            assert len(summary.computed) == n
    per = {k: min(out[k]) / n * 1000 if isinstance(out[k], list) else out[k] / n * 1000
           for k in ("serial_seconds", "distributed_seconds", "dask_noop_seconds")}
    out["ms_per_cell"] = per
    report.add(f"## (b) Scheduler overhead: {n:,} trivial cells\n\n"
               "One tiny representation, one similarity task, seeds 0..N-1 (distinct request keys); in the workers "
               "`compute_cell` returns a prepared record, so what is timed is the path around a cell: request keys, "
               "store probe, submission, the result's trip back, one SQLite transaction per record (synchronous=FULL), "
               f"progress. LocalCluster of 2 workers, started before timing; min of {args.repeats}.\n\n"
               + report.table(["path", "seconds (each repeat)", "ms per cell"], [
                   ["serial (`runner.execute`, in process)", f"{serial:.2f}", f"{per['serial_seconds']:.2f}"],
                   ["distributed (`execute_distributed`, 2 workers)",
                    ", ".join(f"{s:.2f}" for s in out["distributed_seconds"]), f"{per['distributed_seconds']:.2f}"],
                   ["Dask alone: no-op tasks submitted and gathered",
                    ", ".join(f"{s:.2f}" for s in out["dask_noop_seconds"]), f"{per['dask_noop_seconds']:.2f}"]])
               + f"\n\nOverhead of the distributed path over the serial one: "
               f"{per['distributed_seconds'] - per['serial_seconds']:.2f} ms per cell; the client, the single writer, "
               f"completes at most {1000 / per['distributed_seconds']:.0f} cells per second whatever the cluster size.\n")
    return out


# -- (c) scale plan ----------------------------------------------------------------------------------------------

def catalog_mix(n_tasks: int) -> dict[str, int]:
    """The built-in catalog's family proportions scaled to ``n_tasks`` (largest remainders)."""
    from wordeval.registry import REGISTRY

    counts = Counter(name.split("/")[0] for name in REGISTRY.names("task"))
    total = sum(counts.values())
    raw = {f: c * n_tasks / total for f, c in counts.items()}
    mix = {f: int(v) for f, v in raw.items()}
    for f in sorted(raw, key=lambda f: raw[f] - mix[f], reverse=True)[:n_tasks - sum(mix.values())]:
        mix[f] += 1
    return mix


def scale_plan(grid: dict, overhead: dict, *, target=TARGET) -> dict:
    from wordeval.tasks.families import FAMILIES

    mix = catalog_mix(target["tasks"])
    cost = dict(grid["per_family_seconds"])
    assumed = {}
    for fam in mix:  # a family the grid did not measure takes the nearest measured one's cost
        if fam not in cost:
            proxy = {"chunking": "pos", "pos": "ner", "ner": "pos", "qvec": "similarity",
                     "qvec-cca": "similarity"}.get(fam) or max(cost, key=cost.get)
            cost[fam] = cost.get(proxy, max(cost.values()))
            assumed[fam] = proxy
    cells_per_rep = {f: n * (target["seeds"] if FAMILIES[f].kind == "extrinsic" else 1) for f, n in mix.items()}
    per_rep = sum(cells_per_rep.values())
    cells = per_rep * target["representations"]
    cpu = target["representations"] * sum(cells_per_rep[f] * cost[f] for f in mix)
    load = max(grid["load_seconds"].values()) if grid["load_seconds"] else 0.0
    efficiency = min(1.0, grid["speedup_2_over_1"] / 2)
    client_ms = overhead["ms_per_cell"]["distributed_seconds"]
    floor = cells * client_ms / 1000

    def wall(workers: int) -> tuple[float, float]:
        loads = target["representations"] * min(workers, per_rep) * load  # worst case: every worker loads each
        return max((cpu + loads) / (workers * efficiency), floor), loads

    rows = [{"workers": w, "wall_hours": wall(w)[0] / 3600, "load_hours_total": wall(w)[1] / 3600}
            for w in (8, 32, 128, 512, 2048)]
    need_24h = next((w for w in range(1, 100001) if wall(w)[0] <= 24 * 3600), None)
    return {"mix": mix, "assumed_cost_from": assumed, "cells_per_representation": per_rep, "cells": cells,
            "cpu_hours": cpu / 3600, "load_seconds_per_representation": load, "parallel_efficiency": efficiency,
            "client_floor_hours": floor / 3600, "rows": rows, "workers_for_24h": need_24h,
            "store_gib": cells * grid["store_bytes_per_record"] / 2**30,
            "worker_peak_rss_mib": grid["worker_peak_rss_mib"], "grid_representations": grid["representations"]}


def scale_section(report, plan: dict) -> None:
    mix = ", ".join(f"{f} {n}" for f, n in sorted(plan["mix"].items()))
    rows = [[r["workers"], f"{r['wall_hours']:.1f}", f"{r['load_hours_total']:.1f}"] for r in plan["rows"]]
    report.add(
        f"## (c) Scale plan: {TARGET['representations']:,} representations x {TARGET['tasks']} tasks x "
        f"{TARGET['seeds']} seeds (extrapolated)\n\n"
        f"- **Assumed** task mix (the built-in catalog's proportions scaled to {TARGET['tasks']}): {mix}; extrinsic "
        f"tasks run once per seed, intrinsic ones once: {plan['cells_per_representation']} cells per "
        f"representation, **{plan['cells']:,} cells**.\n"
        f"- **Measured** in (a): seconds per cell per family on one worker (with the short settings above; a full "
        f"CoNLL-2003 NER cell is ~98 s wall per seed, reports/benchmarks/ner.md); 2-worker parallel efficiency "
        f"{plan['parallel_efficiency']:.2f}; slowest first load of a representation on a worker "
        f"{plan['load_seconds_per_representation']:.1f} s. In (b): {plan['client_floor_hours'] * 3600 / plan['cells'] * 1000:.2f} "
        f"ms per cell through the client (an upper bound: its 2 workers shared this machine's cores with it).\n"
        + (f"- **Assumed**: a family the grid did not run costs what the family named here costs: "
           f"{', '.join(f'{k} as {v}' for k, v in sorted(plan['assumed_cost_from'].items()))}.\n"
           if plan["assumed_cost_from"] else "") +
        f"- **Extrapolated**: {plan['cpu_hours']:.0f} worker-hours of cells; the single-writer client alone needs "
        f"{plan['client_floor_hours']:.2f} h for {plan['cells']:,} cells (a floor whatever the cluster size); "
        f"representation loads counted in the worst case (every worker loads every representation it touches).\n\n"
        + report.table(["workers (1 cell each)", "wall hours", "of which loading (worker-hours)"], rows) +
        f"\n\nWorkers for the whole grid within 24 h: **{plan['workers_for_24h']}**. Storage: "
        f"{plan['store_gib']:.2f} GiB of result store (measured {plan['store_gib'] * 2**30 / plan['cells'] / 1024:.1f} "
        f"KiB per record, per-item values included), plus each representation's binary cache entry (rows x dim x 4 "
        f"bytes; 0.48 GB for a 400k x 300 model, **assumed** size: 0.48 TB for 1,000 such models on a shared file "
        f"system). Memory per worker: measured peak {plan['worker_peak_rss_mib']:.0f} MiB in (a) (holding "
        f"{', '.join(plan['grid_representations'])}); a 400k x 300 model adds its 0.48 GB (memory-mapped from the cache, shared by "
        f"the workers of one node), and an extrinsic cell adds its feature matrices.\n")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    standard_arguments(parser)
    parser.add_argument("--grid-repeats", type=int, default=None,
                        help="repeats of the (a) grid per contender (default 1; the grid takes minutes)")
    args = parser.parse_args(argv)
    args.grid_repeats = args.grid_repeats or 1
    if args.smoke:
        args.repeats = 1
    report = BenchmarkReport("distributed", "Distributed runs on Dask: speed-up, per-cell overhead, scale plan")
    with tempfile.TemporaryDirectory(prefix="wordeval-bench-dist-") as tmp:
        scratch = Path(tmp)
        (scratch / "grid").mkdir()
        grid = grid_section(report, args, scratch / "grid")
        overhead = overhead_section(report, args, scratch)
        plan = scale_plan(grid, overhead)
        scale_section(report, plan)
    report.raw = {"grid": grid, "overhead": overhead, "scale_plan": plan, "target": TARGET, "settings": SETTINGS}
    print(report.write(args.out))


if __name__ == "__main__":
    main()
