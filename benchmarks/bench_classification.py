"""Document classification with pooled word vectors: wordeval against the same recipe written by hand.

Embedding: the packaged GloVe 6B 50d (400,000 words). Datasets: BBC, MR, CR, SST-2, SST-5, TREC-6, TREC-50
(``classification/<name>``, their fixed splits), each through its full protocol:

- wordeval: ``Task.score`` (``extrinsic.classification``: tokenise, mean pooling with OOV tokens skipped and
  the exact-then-lower case policy, StandardScaler + LogisticRegression, C chosen by each task's
  protocol: stratified 5-fold CV on train (BBC, TREC), dev accuracy (SST-2/5), SentEval's 10-fold CV
  (MR, CR)), one seed;
- peer: SentEval's bag-of-vectors recipe written by hand on maintained libraries: the same tokens
  (wordeval's tokenizer, so that the features can match), gensim's ``KeyedVectors.get_mean_vector`` (plain
  mean, missing words ignored, a zero vector for a document without a known word), the same scikit-learn
  pipeline, grid and folds. Its KeyedVectors is built from the same matrix, not timed (like
  wordeval's loading).

Both contenders alternate (``--repeats``, min and median). The test predictions are compared document by
document, and the pooled features (wordeval's ``DocumentPooler`` vs gensim's means) element by element.
Whole-process peak RSS: each contender over all datasets in its own child process, beside a child that
only loads the embedding and the datasets. Published figures for context: SentEval's GloVe bag-of-words.

    WORDEVAL_DATA=/work/shared/data flock /tmp/wordeval-bench.lock .venv/bin/python benchmarks/bench_classification.py
    .venv/bin/python benchmarks/bench_classification.py --smoke --out /tmp/x
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (BenchmarkReport, data_home_argument, data_home_cli, fmt_seconds, peak_rss_of,  # noqa: E402
                     standard_arguments, time_alternating)

DEFAULT_DATASETS = ("bbc", "mr", "cr", "sst2", "sst5", "trec6", "trec50")
SMOKE = {"dataset": "bbc", "train": 200, "test": 60}  # BBC comes from a package artifact: no data folder needed
CONFIG = {"n_seeds": 1, "pooling": "mean", "oov": "skip", "case": "exact-then-lower"}

# Context, not an oracle (other vectors, other splits): GloVe 840B 300d bag-of-words + logistic regression as
# quoted in the earlier hand-written report (SentEval; Conneau et al. 2017, Table 4), and for SST-5 the
# averaged word vectors of Socher et al. (2013, Table 1).
PUBLISHED = {"mr": ("78.7", "GloVe 840B 300d BoW, SentEval (Conneau et al. 2017, Table 4)"),
             "cr": ("78.5", "GloVe 840B 300d BoW, SentEval (Conneau et al. 2017, Table 4)"),
             "sst2": ("79.8", "GloVe 840B 300d BoW, SentEval (Conneau et al. 2017, Table 4)"),
             "trec6": ("83.6", "GloVe 840B 300d BoW, SentEval (Conneau et al. 2017, Table 4)"),
             "sst5": ("32.7", "VecAvg, Socher et al. (2013, Table 1)")}


def load_tasks(names, data_home, smoke):
    """(name, task, dataset) for each name; in --smoke, a slice of BBC."""
    from wordeval.tasks.task import get_task

    out = []
    for name in ([SMOKE["dataset"]] if smoke else names):
        task = get_task(f"classification/{name}")
        ds = task.load_dataset(data_home=data_home)
        if smoke:
            # evenly spaced items: the files are grouped by class
            ds = dataclasses.replace(ds, splits={k: _spread(ds.splits[k], SMOKE[k]) for k in ("train", "test")})
        out.append((name, task, ds))
    return out


def score(task, emb, ds, smoke):
    """wordeval's contender: ``Task.score`` on the task's own data. --smoke's slice of BBC is other data under
    BBC's name, which Task.score refuses (its record would say BBC): the family's scorer, which Task.score
    calls after its checks, scores the slice."""
    if not smoke:
        return task.score(emb, config=CONFIG, seed=0, dataset=ds)
    from wordeval.tasks.families import family_module

    return family_module(task.family).score(task.spec, emb, ds, config=task.validate_config(CONFIG), seed=0)


def _spread(items, n):
    items = list(items)
    return [items[i] for i in np.linspace(0, len(items) - 1, min(n, len(items))).astype(int)]


def gensim_vectors(emb):
    from gensim.models import KeyedVectors

    kv = KeyedVectors(emb.dim)
    kv.add_vectors(list(emb.words), np.asarray(emb.vectors, dtype=np.float32))
    return kv


def peer_features(kv, docs):
    """SentEval's bag of vectors with gensim: the mean of the known words (as written, else lowercased)."""
    index = kv.key_to_index
    out = np.zeros((len(docs), kv.vector_size))
    for i, toks in enumerate(docs):
        keys = [w if w in index else w.lower() for w in toks]
        if any(k in index for k in keys):
            out[i] = kv.get_mean_vector(keys, pre_normalize=False, ignore_missing=True)
    return out


def peer(kv, task, dataset, cfg, seed=0):
    """The recipe by hand: tokens, gensim means, the scikit-learn pipeline and the choice of C of the task's
    protocol (split: CV on train; dev: dev accuracy; cv10: 10 folds over all documents, C by an inner CV)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    from wordeval.extrinsic.pooling import tokenize

    def features(items):
        return peer_features(kv, [tokenize(it.text, tokenizer=cfg["tokenizer"]) for it in items])

    def logreg(c=1.0):
        return make_pipeline(StandardScaler(),
                             LogisticRegression(C=c, solver="lbfgs", max_iter=cfg["max_iter"]))

    def search():
        return GridSearchCV(logreg(), {"logisticregression__C": cfg["c_grid"]}, scoring="accuracy",
                            refit=True,
                            cv=StratifiedKFold(n_splits=cfg["cv_folds"], shuffle=True, random_state=seed))

    def labels(items):
        return np.array([it.label for it in items], dtype=object)

    with threadpool_limits(limits=1):  # as wordeval: small dense fits, BLAS threads only add overhead
        if cfg["protocol"] == "cv10":
            test = [it for k in ("all", "train", "dev", "test") for it in dataset.splits.get(k, ())]
            x, y = features(test), labels(test)
            pred, chosen = np.empty(len(y), dtype=object), []
            outer = StratifiedKFold(n_splits=cfg["cv_outer_folds"], shuffle=True, random_state=seed)
            for tr, te in outer.split(x, y.astype(str)):
                fold = search().fit(x[tr], y[tr])
                pred[te] = fold.predict(x[te])
                chosen.append(fold.best_params_["logisticregression__C"])
            c = max(set(chosen), key=chosen.count)
        else:
            train, test = dataset.splits["train"], dataset.splits[task.spec.split]
            x_train, x_test, y_train = features(train), features(test), labels(train)
            if cfg["protocol"] == "dev":
                dev = dataset.splits["dev"]
                x_dev, y_dev = features(dev), labels(dev)
                models = [logreg(c).fit(x_train, y_train) for c in cfg["c_grid"]]
                right = [int(np.sum(m.predict(x_dev) == y_dev)) for m in models]
                best = right.index(max(right))
                model, c = models[best], cfg["c_grid"][best]
            else:
                model = search().fit(x_train, y_train)
                c = model.best_params_["logisticregression__C"]
            pred = model.predict(x_test)
    gold = [it.label for it in test]
    pred = list(pred)
    return {"pred": pred, "accuracy": float(accuracy_score(gold, pred)),
            "macro_f1": float(f1_score(gold, pred, average="macro", zero_division=0)), "C": float(c)}


def chosen_c(per_seed) -> float:
    """The seed's C; under cv10 the C most folds chose."""
    if "C" in per_seed:
        return per_seed["C"]
    folds = per_seed["C_per_fold"]
    return max(set(folds), key=folds.count)


def feature_difference(emb, kv, task, dataset, cfg) -> float:
    """Largest |wordeval pooled feature - gensim mean| over the test documents, relative to the largest |feature|."""
    from wordeval.extrinsic.pooling import DocumentPooler, tokenize

    train = [tokenize(it.text, tokenizer=cfg["tokenizer"]) for it in dataset.splits["train"]]
    test = [tokenize(it.text, tokenizer=cfg["tokenizer"]) for it in dataset.splits[task.spec.split]]
    ours = DocumentPooler(emb, method="mean", oov="skip", case=cfg["case"], seed=0).fit(train).transform(test)
    theirs = peer_features(kv, test)
    ours = np.asarray(ours, dtype=np.float64)
    return float(np.abs(ours - theirs).max() / max(np.abs(ours).max(), 1e-30))


def child(args) -> int:
    """One contender over every dataset, in this process (the parent measures its peak RSS)."""
    from wordeval.embeddings.packaged import load_glove_6b_50d

    emb = load_glove_6b_50d()
    tasks = load_tasks(args.datasets, args.data_home, args.smoke)
    if args.child == "wordeval":
        for _, task, ds in tasks:
            score(task, emb, ds, args.smoke)
    elif args.child == "peer":
        kv = gensim_vectors(emb)
        for _, task, ds in tasks:
            peer(kv, task, ds, task.validate_config(CONFIG))
    return 0


def memory(args) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--datasets", *args.datasets]
    cmd += ["--smoke"] if args.smoke else []
    cmd += data_home_cli(args.data_home)
    out = {}
    for who in ("load", "wordeval", "peer"):
        res = peak_rss_of(cmd + ["--child", who], env={"WORDEVAL_QUIET": "1"})
        if res["returncode"] != 0:
            raise SystemExit(f"child {who} failed: {res['stderr']}")
        out[who] = res
        print(f"  child {who:10s} peak {res['peak_rss_mib']:7.1f} MiB  {res['seconds']:6.1f} s", file=sys.stderr)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    standard_arguments(ap)
    ap.add_argument("--datasets", nargs="+", default=list(DEFAULT_DATASETS))
    data_home_argument(ap, "folder with the SentEval, MR and TREC files")
    ap.add_argument("--child", choices=("load", "wordeval", "peer"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args)

    from wordeval.embeddings.packaged import load_glove_6b_50d

    report = BenchmarkReport("classification", "Document classification, GloVe 6B 50d mean pooling: wordeval vs "
                             "the recipe by hand (gensim + scikit-learn)")
    t0 = time.perf_counter()
    emb = load_glove_6b_50d()
    load_s = time.perf_counter() - t0
    kv = gensim_vectors(emb)
    rows, raw = [], []
    for name, task, ds in load_tasks(args.datasets, args.data_home, args.smoke):
        cfg = task.validate_config(CONFIG)
        timings = time_alternating({"wordeval": lambda: score(task, emb, ds, args.smoke),
                                    "peer": lambda: peer(kv, task, ds, cfg)}, repeats=args.repeats)
        rec, theirs = timings["wordeval"].pop("result"), timings["peer"].pop("result")
        ours_pred = list(rec.per_item["pred"])
        agree = sum(a == b for a, b in zip(ours_pred, theirs["pred"]))
        s = rec.scores
        c = chosen_c(rec.extra["per_seed"][0])
        feat = feature_difference(emb, kv, task, ds, cfg)
        n_train, n_test = rec.extra["protocol"]["n_train"] or rec.n_used, rec.n_used  # cv10: every document
        entry = {"dataset": name, "n_train": n_train, "n_test": n_test, "tokenizer": cfg["tokenizer"],
                 "wordeval": {"accuracy": s["accuracy"], "macro_f1": s["macro_f1"], "oov_rate": s["oov_rate"],
                              "C": c, **timings["wordeval"]},
                 "peer": {k: v for k, v in theirs.items() if k != "pred"} | timings["peer"],
                 "predictions_identical": agree, "predictions_compared": len(ours_pred),
                 "feature_max_rel_difference": feat}
        raw.append(entry)
        pub = PUBLISHED.get(name, ("", ""))[0]
        rows.append([name, f"{n_train:,}", f"{n_test:,}", f"{100 * s['accuracy']:.1f}",
                     f"{100 * theirs['accuracy']:.1f}", f"{100 * s['macro_f1']:.1f}", f"{100 * s['oov_rate']:.1f}",
                     f"{c:g} / {theirs['C']:g}", f"{agree:,} / {len(ours_pred):,}", f"{feat:.1e}",
                     fmt_seconds(timings["wordeval"]), fmt_seconds(timings["peer"]), pub])
        print(f"{name}: wordeval {100 * s['accuracy']:.1f} % in {timings['wordeval']['median']:.1f} s, peer "
              f"{100 * theirs['accuracy']:.1f} % in {timings['peer']['median']:.1f} s; {agree}/{len(ours_pred)} "
              "identical predictions", flush=True)
    mem = memory(args)
    report.raw = {"datasets": raw, "config": CONFIG, "embedding_load_seconds": load_s, "memory": mem,
                  "published": PUBLISHED}
    write_markdown(report, rows, mem, args, load_s)
    report.write(args.out)
    return 0


def write_markdown(report, rows, mem, args, load_s):
    import gensim
    import sklearn

    report.add(f"GloVe 6B 50d (packaged, 400,000 words; loaded in {load_s:.1f} s, not timed), one seed (0), "
               f"mean pooling, OOV tokens skipped, case exact-then-lower. Timings alternate the two contenders "
               f"({args.repeats} repeats, min / median seconds) and cover the whole protocol of one dataset: "
               "tokenising, pooling, the choice of C (5 values; BBC, TREC: 5 stratified folds on train; "
               "SST-2/5: accuracy on dev; MR, CR: SentEval's 10 folds over all documents, C by 5 inner "
               "folds), the fits and the test predictions (MR, CR: every document, by the fold model that "
               "did not see it).\n")
    report.add("## Results\n\n" + report.table(
        ["dataset", "train", "test", "accuracy % wordeval", "accuracy % peer", "macro-F1 % wordeval",
         "test OOV tokens %", "C wordeval / peer", "identical test predictions", "pooled features max rel. diff.",
         "wordeval s, min / median", "peer s, min / median", "published accuracy % (context)"], rows))
    base = mem["load"]["peak_rss_mib"]
    report.add("## Whole-process peak memory\n\nEach in its own child process over all the datasets above "
               "(loading GloVe and the datasets included; the peer also holds its KeyedVectors copy).\n\n"
               + report.table(["child process", "peak RSS (MiB)", "above load only (MiB)", "wall seconds"], [
                   (label, f"{mem[k]['peak_rss_mib']:.0f}", f"{mem[k]['peak_rss_mib'] - base:.0f}" if k != "load"
                    else "", f"{mem[k]['seconds']:.1f}")
                   for k, label in (("load", "load GloVe + datasets only"), ("wordeval", "wordeval Task.score"),
                                    ("peer", "peer: gensim means + scikit-learn"))]))
    sources = "; ".join(f"{k}: {v[1]}" for k, v in PUBLISHED.items())
    report.add(f"""## How it was measured

- wordeval: `get_task("classification/NAME").score(glove, config={CONFIG}, seed=0, dataset=ds)`.
- peer: `KeyedVectors.get_mean_vector(keys, pre_normalize=False, ignore_missing=True)` per document (a key
  as written when GloVe has it, else lowercased; a zero vector when no word is known), then
  `GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(lbfgs)), C grid, StratifiedKFold(5,
  shuffle=True, random_state=0))`, refit on train, predict test. Same tokens as wordeval (its tokenizer).
- "identical test predictions": documents whose predicted label is the same; "pooled features max rel.
  diff.": the largest |difference| between wordeval's pooled test features and gensim's means, over the
  largest |feature| (gensim sums in float32, wordeval in float64).
- Published accuracies are context, not an oracle: other vectors (840B tokens, 300 dimensions), raw
  features, another C grid and fold seed. Sources: {sources}.
- Versions: gensim {gensim.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}.""")


if __name__ == "__main__":
    raise SystemExit(main())
