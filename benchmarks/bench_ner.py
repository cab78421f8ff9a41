"""Sequence labelling benchmark: CoNLL-2003 NER with frozen GloVe-6B-50d through the window MLP (default
profile), and the dev-only comparison that chose the MLP's default decoding.

1. Per seed: training wall and CPU seconds, best epoch, ``converged``, and dev/test F1 of the *same* trained
   model decoded greedily and by the scaled-likelihood Viterbi (early stopping on the default decoding).
2. Decoding choice: one model per dataset (CoNLL-2003, CoNLL-2000, UD-EWT, WNUT-16; seed 0; early stopping
   on greedy dev scores, so the training does not favour the Viterbi rule), dev decoded every way — the
   rule before task version 3 (raw posteriors times train bigrams) shown for reference. Test is not looked at.
3. Optionally (``--crf``) the linear-chain CRF learner (crfsuite) on the same task, one seed.

    WORDEVAL_DATA=/work/shared/data flock /tmp/wordeval-bench.lock .venv/bin/python benchmarks/bench_ner.py
    .venv/bin/python benchmarks/bench_ner.py --smoke --out /tmp/ner    # a WNUT-16 slice, seconds
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import BenchmarkReport, load_average, standard_arguments  # noqa: E402
from wordeval.paths import data_home_variable  # noqa: E402

CHOICE_DATASETS = ("conll2003", "conll2000", "ud-ewt", "wnut16")


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Task:
    """One dataset's features and tags."""

    def __init__(self, name: str, embedding, splits: dict, *, scheme: str | None, is_pos: bool):
        from wordeval.extrinsic.features import build_features

        self.name, self.scheme, self.is_pos = name, scheme, is_pos
        self.n_sentences = {s: len(v) for s, v in splits.items()}
        self.tags = {s: [list(x.tags) for x in v] for s, v in splits.items()}
        self.features = build_features(embedding, {s: [x.tokens for x in v] for s, v in splits.items()})
        self.metric = "accuracy" if self.is_pos else "f1"

    @classmethod
    def load(cls, name: str, embedding, *, data_home) -> "Task":
        from wordeval import datasets

        ds = datasets.load(name, data_home=data_home)
        return cls(name, embedding, {s: list(ds.splits[s]) for s in ("train", "dev", "test")},
                   scheme=ds.metadata.get("scheme"), is_pos=ds.family == "pos")

    def score(self, gold, pred) -> float:
        from wordeval.extrinsic.spans import span_scores, token_accuracy_counts

        if self.is_pos:
            c, t = token_accuracy_counts(gold, pred)
            return float(c.sum()) / max(1, int(t.sum()))
        return span_scores(gold, pred, scheme=self.scheme)["f1"]


def previous_rule(learner, train_tags, log_posteriors):
    """The decoding before task version 3, for reference: raw log-posteriors plus add-one smoothed start and
    bigram log-probabilities (normalised over tags only, no end state) — the tag prior counted twice."""
    from types import SimpleNamespace

    from wordeval.extrinsic.learners.decoding import viterbi

    n = len(learner.vocab)
    counts = np.ones((n + 1, n))
    for tags in train_tags:
        ids = learner.vocab.encode(tags)
        np.add.at(counts, (np.concatenate([[n], ids[:-1]]), ids), 1)
    logp = np.log(counts / counts.sum(axis=1, keepdims=True))
    model = SimpleNamespace(log_start=logp[n], log_trans=logp[:n], log_end=np.zeros(n))
    return viterbi([np.asarray(lp, dtype=np.float64) for lp in log_posteriors], model)


def decode_all(task: Task, learner, split: str, *, reference: bool = False) -> dict[str, float]:
    from wordeval.extrinsic.learners.decoding import decode

    lp = learner.log_posteriors(task.features, split)
    out = {how: task.score(task.tags[split], [learner.vocab.decode(p) for p in decode(lp, learner.bigrams, how)])
           for how in ("greedy", "viterbi")}
    if reference:
        paths = previous_rule(learner, task.tags["train"], lp)
        out["previous"] = task.score(task.tags[split], [learner.vocab.decode(p) for p in paths])
    return out


def train(task: Task, *, seed: int, stop_on: str, epochs: int | None, record: bool = True):
    """Fit the window MLP with its defaults (and the default profile's epochs). With ``record``, every epoch's
    dev score under every decoding is recorded on the side (the stopping rule sees only ``stop_on``'s); the
    time that recording takes is measured and subtracted from the training time."""
    from wordeval.extrinsic.learners.window_mlp import WindowMLPTagger
    from wordeval.extrinsic.profiles import get_profile

    learner = WindowMLPTagger(epochs=epochs or get_profile("default")["epochs"]["mlp"], decode=stop_on)
    trajectory, side = [], {"wall": 0.0, "cpu": 0.0}

    def score(gold, pred):
        if not record:
            return task.score(gold, pred)
        w, c = time.perf_counter(), cpu_seconds()
        trajectory.append(decode_all(task, learner, "dev", reference=True))
        side["wall"] += time.perf_counter() - w
        side["cpu"] += cpu_seconds() - c
        return task.score(gold, pred)  # what the learner alone computes (counted in its time)

    load0, wall0, cpu0 = load_average(), time.perf_counter(), cpu_seconds()
    learner.fit(task.features, task.tags["train"], task.tags["dev"], score=score, seed=seed, progress=False)
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    timing = {"wall_seconds": round(wall - side["wall"], 2), "cpu_seconds": round(cpu - side["cpu"], 2),
              "recording_wall_seconds": round(side["wall"], 2), "load_before": load0, "load_after": load_average()}
    return learner, trajectory, timing


def settings_of(learner) -> dict:
    return {k: v for k, v in vars(learner).items()
            if not k.startswith("_") and isinstance(v, (bool, int, float, str, type(None)))}


def pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.2f}"


def headline(report: BenchmarkReport, task: Task, seeds: int, epochs: int | None) -> list[dict]:
    from wordeval.extrinsic.learners.window_mlp import DEFAULT_DECODE

    rows = []
    for seed in range(seeds):
        # seed 0's per-epoch record doubles as the decoding-choice run when the default stops on greedy
        learner, trajectory, timing = train(task, seed=seed, stop_on=DEFAULT_DECODE, epochs=epochs,
                                            record=seed == 0)
        row = {"seed": seed, **timing, "best_epoch": learner.best_epoch, "epochs_trained": len(learner.history),
               "converged": learner.converged, "dev": decode_all(task, learner, "dev"),
               "test": decode_all(task, learner, "test"), "dev_per_epoch": trajectory,
               "settings": settings_of(learner)}
        rows.append(row)
        print(f"seed {seed}: {timing['wall_seconds']} s wall, best epoch {learner.best_epoch}, dev {row['dev']}, "
              f"test {row['test']}", flush=True)
    report.raw["headline"] = {"task": task.name, "n_sentences": task.n_sentences, "seeds": rows}
    s = rows[0]["settings"]
    table = [[r["seed"], f"{r['wall_seconds']:.1f}", f"{r['cpu_seconds']:.1f}",
              f"{r['cpu_seconds'] / r['epochs_trained']:.2f}",
              f"{r['load_before'][0] if r['load_before'] else '?'}",
              f"{r['best_epoch'] + 1} of {r['epochs_trained']}", "yes" if r["converged"] else "**no**",
              pct(r["dev"]["greedy"]), pct(r["dev"]["viterbi"]), pct(r["test"]["greedy"]), pct(r["test"]["viterbi"])]
             for r in rows]
    if len(rows) > 1:
        mean = lambda key, how: statistics.mean(r[key][how] for r in rows)  # noqa: E731
        sd = lambda key, how: statistics.stdev(r[key][how] for r in rows)  # noqa: E731
        table.append(["mean ± sd", f"{statistics.mean(r['wall_seconds'] for r in rows):.1f}",
                      f"{statistics.mean(r['cpu_seconds'] for r in rows):.1f}", "", "", "", "",
                      *(f"{pct(mean(k, h))} ± {pct(sd(k, h))}" for k in ("dev", "test") for h in ("greedy", "viterbi"))])
    n = task.n_sentences
    report.add(f"""## 1. {task.name}, GloVe-6B-50d frozen, window MLP

Train / dev / test: {n['train']:,} / {n['dev']:,} / {n['test']:,} sentences. Learner settings: window ±{s['window']},
hidden {s['hidden']}, dropout {s['dropout']} ({s['dropout'] / 2} on the inputs), Adam {s['lr']}, batch {s['batch_size']},
up to {s['epochs']} epochs, patience {s['patience']} on dev F1 decoded by the default rule (`decode={s['decode']}`),
{s['threads']} torch thread, frozen embeddings, OOV `unk`, case `exact-then-lower`, casing feature. Each row is one
trained model; its dev and test splits are decoded both ways (`greedy`: per-token argmax; `viterbi`: scaled
likelihoods p(y|x)/p(y) under add-one train tag bigrams). Train seconds: the whole `fit` (building the windows,
every epoch, the dev decoding after each epoch), less the time this script spends recording seed 0's extra
per-epoch decodings; CPU seconds of this process over the same span (less the same recording).
Load average: the 1-minute figure when the seed started (other engineers' jobs share these 2 cores).

""" + report.table(["seed", "train s (wall)", "CPU s", "CPU s / epoch", "load", "best epoch", "converged", "dev greedy",
                    "dev viterbi", "test greedy", "test viterbi"], table))
    return rows


def choice(report: BenchmarkReport, tasks: dict, epochs: int | None, reuse: dict) -> list[dict]:
    from wordeval.extrinsic.learners.window_mlp import DEFAULT_DECODE

    rows = []
    for name, task in tasks.items():
        if name in reuse:  # the headline's seed-0 model already is this run (same seed, same stopping rule)
            learner, trajectory, timing = reuse[name]
        else:
            learner, trajectory, timing = train(task, seed=0, stop_on="greedy", epochs=epochs)
        best = {how: max(t[how] for t in trajectory) for how in trajectory[0]}
        rows.append({"dataset": name, "metric": task.metric, "best_epoch": learner.best_epoch,
                     "epochs_trained": len(learner.history), "converged": learner.converged,
                     "dev_at_selected_epoch": trajectory[learner.best_epoch],
                     "dev_best_over_epochs": best, "dev_per_epoch": trajectory, **timing})
        print(f"choice {name}: {rows[-1]['dev_at_selected_epoch']}", flush=True)
    report.raw["decoding_choice"] = rows
    table = []
    for r in rows:
        d, b = r["dev_at_selected_epoch"], r["dev_best_over_epochs"]
        win = "greedy" if d["greedy"] > d["viterbi"] else "viterbi" if d["viterbi"] > d["greedy"] else "tie"
        table.append([r["dataset"], r["metric"], f"{r['best_epoch'] + 1} of {r['epochs_trained']}",
                      pct(d["greedy"]), pct(d["viterbi"]), pct(d["previous"]), win,
                      pct(b["greedy"]), pct(b["viterbi"])])
    mean = {how: statistics.mean(r["dev_at_selected_epoch"][how] for r in rows) for how in ("greedy", "viterbi",
                                                                                           "previous")}
    table.append(["mean", "", "", pct(mean["greedy"]), pct(mean["viterbi"]), pct(mean["previous"]), "", "", ""])
    report.raw["decoding_choice_mean"] = mean
    report.add(f"""## 2. Choosing the default decoding (dev only)

One model per dataset (seed 0, GloVe-6B-50d frozen, default profile, early stopping on the *greedy* dev score),
its dev split decoded every way. Scores: entity/chunk F1 (conlleval) or UPOS token accuracy. "previous" is the
rule before task version 3 (raw posteriors times train bigrams: the tag prior counted twice), for reference
only; it is no longer offered. The last two columns are each rule's best dev score over the epochs trained
(same trajectory), a check that the selected epoch does not decide the comparison. Rule: the default is the
decoding with the higher mean dev score over the four datasets; the current default is `{DEFAULT_DECODE}`.

""" + report.table(["dataset", "score", "selected epoch", "greedy", "viterbi", "previous", "better",
                    "best greedy", "best viterbi"], table))
    return rows


def crf_row(report: BenchmarkReport, task: Task, smoke: bool) -> None:
    from wordeval.extrinsic.learners import learner_class
    from wordeval.extrinsic.profiles import get_profile, subsample

    cap = 200 if smoke else get_profile("default")["max_train_sentences_linear"]
    iterations = 5 if smoke else get_profile("default")["epochs"]["crf"]
    learner = learner_class("crf")(epochs=iterations)
    # crfsuite gets the default profile's fixed-seed train subsample; the features hold the whole train split
    _, keep = subsample(task.tags["train"], cap)
    sub = _restrict_train(task.features, keep)
    wall0, cpu0 = time.perf_counter(), cpu_seconds()
    learner.fit(sub, [task.tags["train"][i] for i in keep], task.tags["dev"], score=task.score, progress=False)
    timing = {"wall_seconds": round(time.perf_counter() - wall0, 2), "cpu_seconds": round(cpu_seconds() - cpu0, 2)}
    dev, test = (task.score(task.tags[s], learner.predict(sub, s)) for s in ("dev", "test"))
    report.raw["crf"] = {"train_sentences": len(keep), "iterations": iterations, "dev": dev, "test": test, **timing,
                         "settings": settings_of(learner)}
    report.add(f"""## 3. Linear-chain CRF (crfsuite), same task, one run

{len(keep):,} train sentences (the default profile's cap for the linear learners, fixed-seed subsample),
{iterations} L-BFGS iterations, window ±2 dense features + casing + OOV flag:

""" + report.table(["learner", "train s (wall)", "CPU s", "dev F1", "test F1"],
                   [["crf", f"{timing['wall_seconds']:.1f}", f"{timing['cpu_seconds']:.1f}", pct(dev), pct(test)]]))


def _restrict_train(features, keep):
    from dataclasses import replace

    tr = features.splits["train"]
    pick = lambda xs: [xs[i] for i in keep]  # noqa: E731
    splits = dict(features.splits, train=replace(tr, tokens=pick(tr.tokens), ids=pick(tr.ids),
                                                  casing=pick(tr.casing), oov=pick(tr.oov)))
    return replace(features, splits=splits)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    standard_arguments(parser)
    parser.add_argument("--seeds", type=int, default=3, help="seeds of the headline run")
    parser.add_argument("--crf", action="store_true", help="add the crfsuite CRF row (one run)")
    parser.add_argument("--no-choice", action="store_true", help="skip the decoding-choice section")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    data_home = data_home_variable()
    if not args.smoke and not data_home:
        print("set WORDEVAL_DATA to the standard benchmark folder (CoNLL-2003, CoNLL-2000, UD-EWT)", file=sys.stderr)
        return 2
    report = BenchmarkReport("ner", "Sequence labelling: window MLP on CoNLL-2003 NER, decoding choice"
                             + (" (SMOKE: toy data, not a result)" if args.smoke else ""),
                             argv=sys.argv if argv is None else ["benchmarks/bench_ner.py", *argv])
    if args.smoke:  # self-contained (no cache, no data home): the tests' kind of hand-made corpus and vectors
        embedding, epochs = None, 2
        head_name, head = "toy", toy_task()
    else:
        from wordeval.embeddings.packaged import load_glove_6b_50d

        embedding, epochs = load_glove_6b_50d(), None
        head_name, head = "conll2003", Task.load("conll2003", embedding, data_home=data_home)
    seeds = 1 if args.smoke else args.seeds
    rows = headline(report, head, seeds, epochs)
    if not args.no_choice:
        from wordeval.extrinsic.learners.window_mlp import DEFAULT_DECODE

        names = (head_name,) if args.smoke else CHOICE_DATASETS
        tasks = {n: head if n == head_name else Task.load(n, embedding, data_home=data_home) for n in names}
        reuse = {}
        if DEFAULT_DECODE == "greedy":  # the headline's seed 0 was stopped on greedy too: the same run
            r0 = rows[0]
            reuse[head_name] = (_Fitted(r0), r0["dev_per_epoch"], {k: r0[k] for k in ("wall_seconds",
                                "cpu_seconds", "load_before", "load_after")})
        choice(report, tasks, epochs, reuse)
    if args.crf:
        crf_row(report, head, args.smoke)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.add(f"\nMemory: whole-process peak RSS of this script {peak:.0f} MiB (every dataset's features and "
               "every trained model of the sections above in one process). No peer stands beside it: the window "
               "MLP is Collobert et al.'s learner as wordeval implements it, and no maintained package offers it.\n")
    report.raw["peak_rss_mib"] = peak
    path = report.write(args.out)
    print(f"wrote {path}")
    return 0


def toy_task() -> Task:
    from wordeval.datasets.types import TaggedSentence
    from wordeval.embeddings.base import StaticEmbedding

    rng = np.random.default_rng(0)
    names = {"john": "PER", "mary": "PER", "paris": "LOC", "london": "LOC", "acme": "ORG"}
    filler = ["the", "a", "went", "to", "saw", "with", "and"]
    centres = {t: rng.normal(size=8) for t in ("PER", "LOC", "ORG")}
    words = list(names) + filler
    vecs = [centres[names[w]] + 0.1 * rng.normal(size=8) if w in names else rng.normal(size=8) for w in words]
    splits = {}
    for split, n in (("train", 120), ("dev", 30), ("test", 30)):
        sents = []
        for _ in range(n):
            toks, tags = [], []
            for _ in range(int(rng.integers(3, 8))):
                if rng.random() < 0.3:
                    w = list(names)[int(rng.integers(len(names)))]
                    toks.append(w.capitalize())
                    tags.append(f"B-{names[w]}")
                else:
                    toks.append(filler[int(rng.integers(len(filler)))])
                    tags.append("O")
            sents.append(TaggedSentence(tuple(toks), tuple(tags)))
        splits[split] = sents
    return Task("toy", StaticEmbedding(words, np.asarray(vecs, dtype=np.float32)), splits, scheme="IOB2",
                is_pos=False)


class _Fitted:
    """The parts of a fitted learner that ``choice`` reads, from a headline row."""

    def __init__(self, row):
        self.best_epoch, self.converged = row["best_epoch"], row["converged"]
        self.history = [None] * row["epochs_trained"]


if __name__ == "__main__":
    sys.exit(main())
