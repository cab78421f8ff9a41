"""Extrinsic benchmarks: the CoNLL-2003 GloVe-50d window-MLP figure and time, the cluster-K trade-off,
every learner on GloVe-50d and MiniLM, and frozen vs fine-tuned.

    WORDEVAL_DATA=../shared/data python benchmarks/bench_ner.py conll    # F1 + wall time, default profile
    ... bench_ner.py clusters | learners | finetune                       # the other tables (quick profile)

Each experiment appends one JSON line per run to ``--log`` (default reports/benchmarks/ner_runs.jsonl):
task, embedding, learner, config, test score, sd, wall seconds, torch threads, CPU count. The Markdown in
reports/benchmarks/ner.md is written from those lines by hand-checked code below (``report``).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(task: str, emb_spec: str, config: dict, *, log: Path, label: str) -> dict:
    from wordeval.embeddings.load import load_embedding
    from wordeval.evaluate import family_module, task_spec

    import resource

    t0 = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    emb = load_embedding(emb_spec)
    spec = task_spec(task)
    rec = family_module(spec.family).evaluate(spec, emb, config=config, seed=0, progress=False)
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    # The machine is shared: CPU seconds (user+sys of this process) say more than wall time under load.
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    row = {"experiment": label, "task": task, "embedding": emb.info.name, "config": config,
           "score": rec.main_value, "main_score": rec.main_score, "sd": rec.scores.get(f"{rec.main_score}_sd"),
           "per_seed": rec.extra["per_seed"], "oov_rate_test": rec.scores.get("oov_rate"),
           "per_type_f1": rec.extra.get("per_type_f1"), "n_sentences": rec.config["subsample"]["n_sentences"],
           "wall_seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "cpu_count": os.cpu_count(),
           "load_average": os.getloadavg()[0], "git": rec.run.get("git_revision")}
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")
    print(json.dumps({k: row[k] for k in ("experiment", "task", "embedding", "score", "wall_seconds", "cpu_seconds")}), flush=True)
    return row


def conll(log: Path, profile: str = "default") -> None:
    _run("ner/conll2003", "glove-6b-50d", {"learner": "mlp", "n_seeds": 1, "profile": "default"}, log=log,
         label="conll")


def clusters(log: Path, profile: str = "quick", ks=(0, 100, 500, 1000)) -> None:
    for k in ks:
        _run("ner/conll2003", "glove-6b-50d", {"learner": "crf", "n_seeds": 1, "profile": profile, "clusters": k},
             log=log, label=f"clusters-{profile}")


def learners(log: Path, profile: str = "quick", embeddings=("glove-6b-50d", "minilm")) -> None:
    for emb in embeddings:
        for learner in ("crf", "perceptron", "mlp", "bilstm-crf"):
            _run("ner/conll2003", emb, {"learner": learner, "n_seeds": 1, "profile": profile}, log=log,
                 label=f"learners-{profile}")


def finetune(log: Path, profile: str = "quick") -> None:
    for ft in (False, True):
        _run("pos/ud-ewt", "glove-6b-50d", {"learner": "mlp", "n_seeds": 1, "profile": profile, "finetune": ft},
             log=log, label=f"finetune-{profile}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("experiments", nargs="+", choices=("conll", "clusters", "learners", "finetune"))
    parser.add_argument("--profile", default=None, help="profile for the experiments (conll: default, others: quick)")
    parser.add_argument("--log", type=Path, default=ROOT / "reports" / "benchmarks" / "ner_runs.jsonl")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if not os.environ.get("WORDEVAL_DATA"):
        print("set WORDEVAL_DATA to the standard benchmark folder", file=sys.stderr)
        return 2
    args.log.parent.mkdir(parents=True, exist_ok=True)
    for name in args.experiments:
        globals()[name](args.log, **({"profile": args.profile} if args.profile else {}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
