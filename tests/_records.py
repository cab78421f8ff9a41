"""Hand-built result records with known per-item values, shared by the comparison/report/store tests."""
from __future__ import annotations

import numpy as np
from scipy.stats import spearmanr

from wordeval.results.record import ResultRecord


def spearman_from_items(cols):
    return float(spearmanr(cols["gold"], cols["pred"]).statistic)


def accuracy_from_items(cols):
    total = float(np.sum(cols["total"]))
    return float(np.sum(cols["correct"]) / total) if total else float("nan")


SCORERS = {"similarity": spearman_from_items, "pos": accuracy_from_items}


def make_record(name: str, task: str, per_item: dict, *, fingerprint: str | None = None, time: str = "2024-01-01",
                seed: int = 0) -> ResultRecord:
    family = task.split("/")[0]
    kind = "intrinsic" if family in ("similarity", "analogy", "sts") else "extrinsic"
    cols = {k: np.asarray(v) for k, v in per_item.items()}
    value = SCORERS[family](cols)
    main = "spearman" if family == "similarity" else "accuracy"
    return ResultRecord(
        task=task, task_version="1", family=family, kind=kind,
        embedding={"name": name, "fingerprint": fingerprint or f"sha256:{name}", "source": "test",
                   "citation": None, "parameters": {}},
        config={"oov": "skip"}, scores={main: value}, main_score=main, n_total=len(cols["id"]),
        n_used=len(cols["id"]), dataset_sha256={f"{task}.txt": "0" * 64},
        run={"seed": seed, "time": time, "packages": {"numpy": np.__version__}, "command": ["test"]},
        per_item={k: list(v) for k, v in per_item.items()}, dataset={"name": task.split("/")[1]},
        scorer={"similarity": "spearman", "pos": "accuracy:counts"}.get(family, ""), seed=seed)


def toy_records(seed: int = 0, n_sim: int = 200, n_pos: int = 150) -> list[ResultRecord]:
    """Three representations: A best intrinsically by far, C best extrinsically by far (clear flips)."""
    rng = np.random.default_rng(seed)
    gold = rng.normal(size=n_sim)
    noise = {"A": 0.3, "B": 1.0, "C": 3.0}
    acc = {"A": 0.55, "B": 0.7, "C": 0.9}
    out = []
    for name in "ABC":
        pred = gold + rng.normal(scale=noise[name], size=n_sim)
        out.append(make_record(name, "similarity/toy", {"id": list(range(n_sim)), "gold": gold, "pred": pred}))
        total = rng.integers(5, 20, size=n_pos)
        correct = rng.binomial(total, acc[name])
        out.append(make_record(name, "pos/toy", {"id": [f"s{i}" for i in range(n_pos)], "correct": correct,
                                                 "total": total}))
    return out


def classification_accuracy(cols):
    return float(np.mean(np.asarray(cols["gold"]) == np.asarray(cols["pred"])))


SCORERS["classification"] = classification_accuracy


def cli_records(seed: int = 0, n_sim: int = 200, n_doc: int = 300, names=("A", "B", "C")) -> list[ResultRecord]:
    """Similarity + classification records (families whose real scorers exist): A leads on similarity by far,
    C on classification."""
    rng = np.random.default_rng(seed)
    gold = rng.normal(size=n_sim)
    labels = rng.integers(0, 4, size=n_doc)
    out = []
    for k, name in enumerate(names):
        pred = gold + rng.normal(scale=(0.3, 1.0, 3.0)[k], size=n_sim)
        out.append(make_record(name, "similarity/toy", {"id": list(range(n_sim)), "gold": gold, "pred": pred}))
        right = rng.random(n_doc) < (0.5, 0.7, 0.9)[k]
        docs = np.where(right, labels, (labels + 1) % 4)
        rec = make_record(name, "pos/toy", {"id": list(range(n_doc)), "correct": right.astype(int),
                                            "total": np.ones(n_doc, int)})
        rec.task, rec.family, rec.main_score = "classification/toy", "classification", "accuracy"
        rec.scorer = "mean:correct"
        rec.per_item = {"id": [f"d{i}" for i in range(n_doc)], "gold": labels.tolist(), "pred": docs.tolist(),
                        "correct": (docs == labels).astype(int).tolist()}
        rec.scores = {"accuracy": classification_accuracy(rec.per_item)}
        out.append(rec)
    return out


def small_store(folder):
    """A result store at ``folder`` holding ``cli_records`` (30 pairs, 30 documents): returns the folder."""
    from wordeval.results.store import ResultStore

    with ResultStore(folder) as s:
        for r in cli_records(n_sim=30, n_doc=30):
            s.put(r)
    return folder


def pos_record(name: str, seed: int) -> ResultRecord:
    """A pos/toy record of 30 sentences whose counts come from ``seed`` (the run-log and status tests)."""
    rng = np.random.default_rng(seed)
    total = rng.integers(5, 20, size=30)
    return make_record(name, "pos/toy", {"id": list(range(30)), "correct": list(rng.binomial(total, 0.7)),
                                         "total": list(total)}, seed=seed)


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped): a killed run's."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid
