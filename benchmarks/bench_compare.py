"""Wall time of ``wordeval compare`` and ``wordeval report`` on a store shaped like the demo's.

    flock /tmp/wordeval-bench.lock python benchmarks/bench_compare.py [--smoke] [--out reports/benchmarks]
        [--store DIR]      # an existing store (e.g. the demo's) instead of the synthetic one
        [--baseline REV]   # also time wordeval at git revision REV (exported with `git archive`, recorded)

The synthetic store has the demo's shape with the demo's item counts: 6 representations × 20 tasks (10
similarity, 2 analogy, 3 STS, 3 classification, 1 NER, 1 POS), extrinsic tasks with 3 seed records each,
some representations covering fewer items (so the common-item sets are smaller than the tasks). The numbers
inside are random: this measures the analysis, not the representations. Each command runs as a separate
process (import time included, as a user sees it) at the default 1,000 resamples. Peak memory: each command
once more in its own process under ``peak_rss_of`` (whole-process peak RSS). No peer tool computes these
comparisons (SentEval, MTEB and vecto print per-task scores without paired tests or rank agreement), so no
peer row stands beside them.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, BenchmarkReport, fmt_seconds, peak_rss_of, standard_arguments, time_alternating  # noqa: E402,E501

REPS = ("GloVe-6B-50d", "MiniLM", "spaCy-md", "LSA-news", "word2vec-news", "GloVe-news")
COVERAGE = {"GloVe-6B-50d": 1.0, "MiniLM": 1.0, "spaCy-md": 0.97, "LSA-news": 0.8, "word2vec-news": 0.75,
            "GloVe-news": 0.75}
# task, scorer, main score, items (test sentences / documents / pairs / questions)
TASKS = (
    [(f"similarity/{n}", "spearman", "spearman", k) for n, k in (
        ("men", 3000), ("mturk771", 771), ("mturk287", 287), ("rw", 2034), ("simlex999", 999),
        ("simverb3500", 3500), ("ws353", 353), ("ws353-sim", 203), ("ws353-rel", 252), ("yp130", 130))]
    + [("analogy/google", "mean:correct", "accuracy", 19544), ("analogy/msr", "mean:correct", "accuracy", 8000)]
    + [(f"sts/{n}", "spearman", "spearman_pooled", k) for n, k in (
        ("sts12", 3108), ("sts14-onwn", 750), ("sts14-headlines", 750))]
    + [(f"classification/{n}", "mean:correct", "accuracy", k) for n, k in (("bbc", 445), ("sst2", 1821),
                                                                          ("trec6", 500))]
    + [("ner/wnut16", "f1:counts", "f1", 3850), ("pos/ptb-pos", "accuracy:counts", "accuracy", 1000)])


def synthetic_records(*, smoke: bool = False):
    import numpy as np

    from wordeval.results.record import ResultRecord
    from wordeval.stats.item_scores import score_from_items

    rng = np.random.default_rng(0)
    reps = REPS[:3] if smoke else REPS
    tasks = TASKS[::5] if smoke else TASKS
    out = []
    for task, scorer, main, n in tasks:
        n = min(n, 300) if smoke else n
        family = task.split("/")[0]
        kind = "intrinsic" if family in ("similarity", "analogy", "sts") else "extrinsic"
        gold = np.round(rng.uniform(0, 10, n), 1)  # ratings: many ties, as in the real sets
        labels = rng.integers(0, 4, n)
        totals = rng.integers(5, 40, n)
        gold_spans = rng.integers(0, 3, n)
        for r, rep in enumerate(reps):
            keep = np.ones(n, bool) if kind == "extrinsic" else rng.random(n) < COVERAGE[rep]
            ids = np.flatnonzero(keep)
            for seed in (range(3) if kind == "extrinsic" else [0]):
                if scorer == "spearman":
                    cols = {"gold": gold[ids], "pred": gold[ids] + rng.normal(0, 2 + r, ids.size)}
                elif family == "analogy":
                    cols = {"correct": (rng.random(ids.size) < 0.1 + 0.05 * r).astype(int)}
                elif family == "classification":
                    pred = np.where(rng.random(n) < 0.9 - 0.02 * r, labels, (labels + 1) % 4)
                    cols = {"gold": labels, "pred": pred, "correct": (pred == labels).astype(float)}
                elif family == "ner":
                    tp = rng.binomial(gold_spans, 0.3 + 0.03 * r)
                    cols = {"tp": tp, "fp": rng.binomial(2, 0.2, n), "fn": gold_spans - tp}
                else:
                    cols = {"correct": rng.binomial(totals, 0.85 + 0.01 * r), "total": totals}
                per_item = {"id": ids.tolist(), **{k: np.asarray(v).tolist() for k, v in cols.items()}}
                value = score_from_items(scorer, per_item)
                extra = {"protocol": {"seeds": [seed]}} if kind == "extrinsic" else {}
                if family == "analogy":
                    extra["candidate_vocabulary"] = {"n_candidates": 30000, "restrict_vocab": 30000,
                                                     "vocab_size": 400000}
                out.append(ResultRecord(
                    task=task, task_version="1", family=family, kind=kind,
                    embedding={"name": rep, "fingerprint": f"sha256:{rep}", "source": "synthetic", "citation": None},
                    config={"oov": "skip", "n_seeds": 1} if kind == "extrinsic" else {"oov": "skip"},
                    scores={main: value, **({"oov_rate": 0.05 * r} if family in ("ner", "pos") else {})},
                    main_score=main, n_total=n, n_used=int(ids.size), dataset_sha256={f"{task}.txt": "0" * 64},
                    run={"seed": seed, "time": "2026-01-01T00:00:00", "packages": {}, "command": ["synthetic"],
                         "wordeval_version": "0", "git_revision": None},
                    ci={main: [value - 0.05, value + 0.05]}, per_item=per_item,
                    dataset={"name": task.split("/")[1]}, extra=extra, direction="higher", scorer=scorer,
                    seed=seed))
    return out


def write_store(path: Path, *, smoke: bool = False) -> str:
    from wordeval.results.store import ResultStore

    records = synthetic_records(smoke=smoke)
    with ResultStore(path) as store:
        for rec in records:
            store.put(rec)
    return (f"{len(records)} records: {len({r.label for r in records})} representations × "
            f"{len({r.task for r in records})} tasks, extrinsic tasks with 3 seed records each")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    standard_arguments(ap)
    ap.add_argument("--store", default=None, help="time this store instead of the synthetic one")
    ap.add_argument("--baseline", default=None, metavar="REV",
                    help="a git revision of wordeval to time once as 'before' (exported with git archive)")
    args = ap.parse_args(argv)
    report = BenchmarkReport("compare", "compare and report on a demo-shaped store")  # starts the clock
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.store:
            store, n = Path(args.store), None
        else:
            store = tmp / "store"
            n = write_store(store, smoke=args.smoke)
        n_boot = "50" if args.smoke else "1000"
        compare_cmd = [sys.executable, "-m", "wordeval", "--quiet", "compare", str(store), "--n-boot", n_boot,
                       "--json"]
        report_cmd = [sys.executable, "-m", "wordeval", "--quiet", "report", str(store), "--n-boot", n_boot,
                      "--out", str(tmp / "report")]

        baseline_tree = baseline_rev = None
        if args.baseline:
            baseline_rev = subprocess.run(["git", "rev-parse", "--short=12", args.baseline], cwd=ROOT, check=True,
                                          capture_output=True, text=True).stdout.strip()
            baseline_tree = str(tmp / "baseline")
            Path(baseline_tree).mkdir()
            archive = subprocess.run(["git", "archive", baseline_rev, "wordeval"], cwd=ROOT, check=True,
                                     capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", baseline_tree], input=archive, check=True)

        def run(cmd, tree=None):
            env = dict(os.environ, PYTHONPATH=tree) if tree else None
            res = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp)
            if res.returncode != 0:
                raise RuntimeError(f"{' '.join(cmd)} failed: {res.stderr[-2000:]}")
            return res

        timings = time_alternating({"compare": lambda: run(compare_cmd), "report": lambda: run(report_cmd)},
                                   repeats=1 if args.smoke else args.repeats)
        rss = {name: peak_rss_of(cmd, env={"PYTHONPATH": str(ROOT)}) for name, cmd in
               (("compare", compare_cmd), ("report", report_cmd))}
        for name, r in rss.items():
            if r["returncode"] != 0:
                raise RuntimeError(f"{name} failed under the memory probe: {r['stderr']}")
        if args.baseline:
            timings.update({f"{k} (baseline)": v for k, v in time_alternating(
                {"compare": lambda: run(compare_cmd, baseline_tree),
                 "report": lambda: run(report_cmd, baseline_tree)}, repeats=1).items()})
    shape = n if n is not None else f"store {args.store}"
    report.add(f"{shape}; {n_boot} resamples; each command a fresh process (imports included).\n")
    rows = [[f"wordeval {name.split()[0]}" + (" --json" if name.startswith("compare") else " --out R"),
             f"baseline {baseline_rev}" if "baseline" in name else "this tree", fmt_seconds(entry),
             "" if "baseline" in name else f"{rss[name]['peak_rss_mib']:.0f}"]
            for name, entry in sorted(timings.items())]
    report.add(report.table(["command", "code", "seconds (min / median)", "peak RSS MiB (whole process)"], rows))
    goals = [["compare <= 5 s", "**yes**" if timings["compare"]["median"] <= 5 else "**no**",
              fmt_seconds(timings["compare"])],
             ["report <= 10 s", "**yes**" if timings["report"]["median"] <= 10 else "**no**",
              fmt_seconds(timings["report"])]]
    report.add("\n## Goals (issue #14, median of the repeats)\n")
    report.add(report.table(["goal", "met", "seconds (min / median)"], goals))
    report.raw = {"timings": {k: v["seconds"] for k, v in timings.items()}, "records": n, "n_boot": n_boot,
                  "peak_rss_mib": {k: v["peak_rss_mib"] for k, v in rss.items()}, "baseline_revision": baseline_rev}
    path = report.write(args.out)  # --smoke too (into the --out it is given: the smoke test's tmp folder)
    print(path.read_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
