"""Linear-chain CRF on CoNLL-2003 with GloVe-6B-50d + k-means cluster features: the per-type item builder
(wordeval/extrinsic/learners/crf_items.py, streamed to crfsuite) against the former per-token path.

Each contender runs in its own child process (whole-process peak RSS by ``harness.peak_rss_of``):

- ``former@5000``: the former path (one Python dict per token with every attribute string spelled out, all
  training items held as crfsuite ItemSequences, then appended) on the former default profile's fixed-seed
  5,000-sentence train subsample — what ``profile=default`` trained on until now;
- ``new@5000``: the new path on the same subsample (same items, so the same model: the F1s must be equal);
- ``new@all``: the new path on all 14,041 training sentences — the default profile now.

The former path on all sentences is not run (it is the cost that made the cap): its time is extrapolated from
``former@5000`` — item building scaled by training tokens, plus ``new@all``'s crfsuite time (crfsuite gets the
same items either way). Dev is scored once after training (crfsuite has no early stopping: "dev selection as
today"), test once. One seed (L-BFGS is deterministic; the seed only moves k-means).

With ``--brown SPEC`` the CRF also runs on a Brown clustering's bit-string prefixes, with and without the
word/shape features, and on the word/shape features alone.

    WORDEVAL_DATA=/work/shared/data flock /tmp/wordeval-bench.lock .venv/bin/python benchmarks/bench_crf.py \
        --brown brown:corpus=news,clusters=1000
    .venv/bin/python benchmarks/bench_crf.py --smoke --out /tmp/crf    # toy data, seconds, not a result
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import BenchmarkReport, peak_rss_of, standard_arguments  # noqa: E402
from wordeval.paths import data_home_variable  # noqa: E402

FORMER_CAP = 5000  # the former default profile's max_train_sentences_linear


# -- the former per-token path (crf.py before crf_items.py), kept here as the measured baseline --------------
def former_items(features, split: str, cluster_of, window: int) -> list:
    import pycrfsuite

    from wordeval.extrinsic.features import CASING_CLASSES

    s = features.splits[split]
    table = features.table
    dims = [f"e{j}" for j in range(table.shape[1])]
    out = []
    for ids, cas, oov in zip(s.ids, s.casing, s.oov):
        n = len(ids)
        per_token = []
        for i in range(n):
            f: dict = {"bias": 1.0}
            for off in range(-window, window + 1):
                j = i + off
                if j < 0 or j >= n:
                    f[f"{off}:pad"] = 1.0
                    continue
                f.update(zip((f"{off}:{d}" for d in dims), table[ids[j]].tolist()))
                f[f"{off}:case={CASING_CLASSES[cas[j]]}"] = 1.0
                if oov[j]:
                    f[f"{off}:oov"] = 1.0
                if cluster_of is not None and cluster_of[ids[j]] >= 0:
                    f[f"{off}:k={cluster_of[ids[j]]}"] = 1.0
            per_token.append(f)
        out.append(pycrfsuite.ItemSequence(per_token))
    return out


def flat_cached_items(features, split: str, window: int) -> list:
    """Alternative: per-(offset, type) dicts with the prefixed names, merged into one flat dict per token."""
    import pycrfsuite

    from wordeval.extrinsic.learners.crf_items import ItemBuilder

    builder = ItemBuilder(features, window=window)
    prefixed: dict = {}
    s = features.splits[split]
    out = []
    for k in range(len(s.ids)):
        pos = builder._positions(split, k)
        n = len(pos)
        items = []
        for i in range(n):
            item = {"bias": 1.0}
            for off in range(-window, window + 1):
                j = i + off
                key = (off, s.tokens[k][j]) if 0 <= j < n else (off, None)
                d = prefixed.get(key)
                if d is None:
                    src = pos[j] if 0 <= j < n else {"pad": 1.0}
                    d = prefixed[key] = {f"{off}:{a}": v for a, v in src.items()}
                item.update(d)
            items.append(item)
        out.append(pycrfsuite.ItemSequence(items))
    return out


def brown_section(report: BenchmarkReport, args, runs: dict) -> None:
    from wordeval.embeddings.load import load_embedding

    brown = load_embedding(args.brown)
    p = dict(brown.info.parameters)
    meta = {"spec": args.brown, **{k: p.get(k) for k in ("corpus", "corpus_tokens", "vocab_size", "n_clusters",
                                                          "min_count", "lowercase")}}
    from wordeval.embeddings.builders import cache_folder
    from wordeval.embeddings.corpus import CorpusSource

    params = {k: p[k] for k in ("clusters", "min_count", "lowercase", "max_documents")}
    folder, _ = cache_folder("brown", params, CorpusSource(p["corpus"], lowercase=p["lowercase"],
                                                           max_documents=p["max_documents"]))
    built = json.loads((folder / "meta.json").read_text())
    meta.update(train_seconds=built["train_seconds"], train_cpu_seconds=built["train_cpu_seconds"])
    report.raw["brown"] = meta
    rows = [[name.split("@")[0], f"{r['total_seconds']:.1f}", f"{r['peak_rss_mib']:,.0f}",
             f"{100 * r['dev_f1']:.2f}", f"{100 * r['test_f1']:.2f}"]
            for name, r in runs.items() if name.split("@")[0] in ("lexical", "brown", "brown+lexical")]
    report.add(f"""## Brown clusters as the representation (all {runs['brown@all']['train_sentences']:,} sentences)

`{args.brown}`: {meta['n_clusters']:,} clusters of the {meta['vocab_size']:,} words with at least
{meta['min_count']} occurrences in {meta['corpus_tokens']:,} tokens of the `{meta['corpus']}` corpus
(lowercased: {meta['lowercase']}); built once by `wordeval.embeddings.brown_train` in
{meta['train_seconds'] / 60:.1f} min wall, {meta['train_cpu_seconds'] / 60:.1f} min CPU (when it was built, not in
this run). Same CRF (window ±{args.window}, {args.iterations} iterations); "brown" = the bit-string prefixes
4, 6, 10, 20 of each window token, "lexical" = word/shape features (lowercased word, shape, 3-letter
prefix and suffix), "lexical" alone = a clustering that covers no word.

""" + report.table(["features", "whole run s", "peak RSS MiB", "dev F1", "test F1"], rows))


def item_formats(report: BenchmarkReport, args, n_sentences: int) -> None:
    """Which item format python-crfsuite converts fastest (train split head, no cluster features)."""
    import pycrfsuite

    from harness import fmt_seconds, time_alternating
    from wordeval.extrinsic.features import build_features
    from wordeval.extrinsic.learners.crf_items import ItemBuilder

    emb, splits, _ = load_data(args.smoke, data_home_variable())
    head = splits["train"][:n_sentences]
    features = build_features(emb, {"train": [x.tokens for x in head]})

    def nested():
        b = ItemBuilder(features, window=args.window)
        return [pycrfsuite.ItemSequence(x) for x in b.sequences("train")]

    contenders = {"former: one flat dict per token, names spelled out": lambda: former_items(
                      features, "train", None, args.window),
                  "flat dicts merged from per-(offset, type) prefixed dicts": lambda: flat_cached_items(
                      features, "train", args.window),
                  "nested per-type dicts (crf_items.py)": nested}
    res = time_alternating(contenders, repeats=args.repeats)
    first = [[x.items() for x in r["result"][:20]] for r in res.values()]
    same = all(f == first[0] for f in first)
    n_tok = sum(len(x.tokens) for x in head)
    report.raw["item_formats"] = {k: {"seconds": v["seconds"]} for k, v in res.items()}
    report.add(f"""## Item formats: building + converting the items of {len(head):,} sentences ({n_tok:,} tokens)

Seconds, min / median of {args.repeats} alternating repeats (window ±{args.window}, no cluster features), each
from a cold per-type cache. The expanded items are {"identical" if same else "NOT identical"} across formats.
Attribute lists (``["name", ...]``) are not a candidate: they carry only binary attributes, and the
embedding dimensions are real-valued.

""" + report.table(["format", "seconds"], [[k, fmt_seconds(v)] for k, v in res.items()]))


# -- data ----------------------------------------------------------------------------------------------------
def load_data(smoke: bool, data_home: list[str]):
    """(embedding, splits of (tokens, tags), scheme)."""
    from wordeval.datasets.types import TaggedSentence

    if smoke:  # toy: the tests' hand-made corpus and vectors
        rng = np.random.default_rng(0)
        from wordeval.embeddings.base import StaticEmbedding

        names = {"john": "PER", "mary": "PER", "paris": "LOC", "london": "LOC", "acme": "ORG"}
        filler = ["the", "a", "went", "to", "saw", "with", "and"]
        centres = {t: rng.normal(size=8) for t in ("PER", "LOC", "ORG")}
        words = list(names) + filler
        vecs = [centres[names[w]] + 0.1 * rng.normal(size=8) if w in names else rng.normal(size=8) for w in words]
        emb = StaticEmbedding(words, np.asarray(vecs, dtype=np.float32))
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
        return emb, splits, "IOB2"
    from wordeval import datasets
    from wordeval.embeddings.packaged import load_glove_6b_50d

    ds = datasets.load("conll2003", data_home=data_home)
    return load_glove_6b_50d(), {s: list(ds.splits[s]) for s in ("train", "dev", "test")}, ds.metadata["scheme"]


# -- one contender in a child process ---------------------------------------------------------------------------
def child(args) -> None:
    import pycrfsuite

    from wordeval.extrinsic.features import build_features, cluster_ids
    from wordeval.extrinsic.learners.crf import CRFTagger
    from wordeval.extrinsic.profiles import subsample
    from wordeval.extrinsic.spans import span_scores

    path, cap = args.child.split("@")
    emb, splits, scheme = load_data(args.smoke, data_home_variable())
    train, _ = subsample(splits["train"], None if cap == "all" else int(cap))
    data = {"train": train, "dev": splits["dev"], "test": splits["test"]}
    tags = {s: [list(x.tags) for x in v] for s, v in data.items()}
    phases: dict[str, float] = {}
    rep, clusters, lexical = emb, args.clusters, False
    if path in ("brown", "brown+lexical", "lexical"):  # Brown prefixes (any K > 0), word/shape features
        from wordeval.embeddings.base import EmbeddingInfo
        from wordeval.embeddings.brown import BrownClusters
        from wordeval.embeddings.load import load_embedding

        rep = (load_embedding(args.brown) if path != "lexical" else
               BrownClusters([], [], [], EmbeddingInfo("none", "<memory>", "wordeval-brown", 0, 0, "sha256:0")))
        clusters, lexical = 1, path != "brown"
    t = time.perf_counter()
    features = build_features(rep, {s: [x.tokens for x in v] for s, v in data.items()})
    phases["features"] = time.perf_counter() - t

    def f1(gold, pred) -> float:
        return span_scores(gold, pred, scheme=scheme)["f1"]

    if path == "former":
        t = time.perf_counter()
        cluster_of = cluster_ids(features, args.clusters, seed=0)
        phases["kmeans"] = time.perf_counter() - t
        t = time.perf_counter()
        items = former_items(features, "train", cluster_of, args.window)
        trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
        for it, tg in zip(items, tags["train"]):
            trainer.append(it, tg)
        phases["items+append"] = time.perf_counter() - t
        trainer.set_params({"c1": 0.0, "c2": 1.0, "max_iterations": args.iterations})
        fd, model = tempfile.mkstemp(suffix=".crfsuite")
        os.close(fd)
        t = time.perf_counter()
        trainer.train(model)
        phases["crfsuite train"] = time.perf_counter() - t
        tagger = pycrfsuite.Tagger()
        tagger.open(model)
        scores = {}
        for split in ("dev", "test"):
            t = time.perf_counter()
            pred = [list(tagger.tag(x)) for x in former_items(features, split, cluster_of, args.window)]
            phases[f"tag {split}"] = time.perf_counter() - t
            scores[split] = f1(tags[split], pred)
        os.unlink(model)
    else:
        import wordeval.extrinsic.learners.crf as crf_module

        timed: dict[str, float] = {}

        class TimedTrainer(pycrfsuite.Trainer):  # the real learner's fit, with crfsuite's own time taken out
            def train(self, *a, **k):
                t0 = time.perf_counter()
                out = super().train(*a, **k)
                timed["crfsuite train"] = time.perf_counter() - t0
                return out

        real_cluster_ids = crf_module.cluster_ids

        def timed_cluster_ids(*a, **k):
            t0 = time.perf_counter()
            out = real_cluster_ids(*a, **k)
            timed["kmeans"] = time.perf_counter() - t0
            return out

        pycrfsuite.Trainer, crf_module.cluster_ids = TimedTrainer, timed_cluster_ids
        scores = {}
        learner = CRFTagger(window=args.window, clusters=clusters, lexical=lexical, epochs=args.iterations)
        t = time.perf_counter()
        learner.fit(features, tags["train"], tags["dev"], score=f1, seed=0, progress=False)
        fit = time.perf_counter() - t
        phases.update(timed)
        for split in ("test", "dev"):  # fit tagged dev once already; tagging it again measures that part
            t = time.perf_counter()
            pred = learner.predict(features, split)
            phases[f"tag {split}"] = time.perf_counter() - t
            scores[split] = f1(tags[split], pred)
        phases["items+append"] = fit - timed.get("kmeans", 0.0) - timed["crfsuite train"] - phases["tag dev"]
        assert abs(scores["dev"] - learner.history[0]) < 1e-12
    result = {"contender": args.child, "train_sentences": len(train),
              "train_tokens": int(sum(len(x.tokens) for x in train)), "phases": phases,
              "total_seconds": sum(phases.values()), "dev_f1": scores["dev"], "test_f1": scores["test"]}
    Path(args.result).write_text(json.dumps(result))


# -- the report -------------------------------------------------------------------------------------------------
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    standard_arguments(parser)
    parser.add_argument("--clusters", type=int, default=None, help="k-means K (default 1000; smoke 5)")
    parser.add_argument("--iterations", type=int, default=None, help="L-BFGS iterations (default 100; smoke 5)")
    parser.add_argument("--window", type=int, default=2)
    parser.add_argument("--brown", default=None, help="also a Brown clustering spec, e.g. "
                        "brown:corpus=news,clusters=1000 (built and cached first if missing: ~20 min)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.clusters = args.clusters or (5 if args.smoke else 1000)
    args.iterations = args.iterations or (5 if args.smoke else 100)
    if args.child:
        child(args)
        return 0
    if not args.smoke and not data_home_variable():
        print("set WORDEVAL_DATA to the standard benchmark folder (CoNLL-2003)", file=sys.stderr)
        return 2
    report = BenchmarkReport("crf", "CRF on CoNLL-2003: per-type items streamed to crfsuite vs the former "
                             "per-token path" + (" (SMOKE: toy data, not a result)" if args.smoke else ""))
    cap = 60 if args.smoke else FORMER_CAP
    runs = {}
    with tempfile.TemporaryDirectory() as tmp:
        names = [f"former@{cap}", f"new@{cap}", "new@all"]
        if args.brown:
            from wordeval.embeddings.load import load_embedding
            load_embedding(args.brown)  # built and cached here, not inside a timed child
            names += ["lexical@all", "brown@all", "brown+lexical@all"]
        for name in names:
            out = Path(tmp) / f"{name.replace('@', '_')}.json"
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--result", str(out),
                   "--clusters", str(args.clusters), "--iterations", str(args.iterations), "--window",
                   str(args.window)] + (["--smoke"] if args.smoke else []) + (
                       ["--brown", args.brown] if args.brown else [])
            print(f"running {name} ...", file=sys.stderr, flush=True)
            rss = peak_rss_of(cmd, env={"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"})
            if rss["returncode"] != 0:
                raise RuntimeError(f"{name} failed: {rss['stderr']}")
            runs[name] = {**json.loads(out.read_text()), "peak_rss_mib": rss["peak_rss_mib"],
                          "process_seconds": rss["seconds"]}
    old, same, full = runs[f"former@{cap}"], runs[f"new@{cap}"], runs["new@all"]
    scale = full["train_tokens"] / old["train_tokens"]
    former_all = (old["phases"]["items+append"] * scale + full["phases"]["crfsuite train"]
                  + old["phases"]["tag dev"] + old["phases"]["tag test"] + old["phases"]["kmeans"]
                  + old["phases"]["features"])
    former_rss = full["peak_rss_mib"] + (old["peak_rss_mib"] - same["peak_rss_mib"]) * scale
    report.raw.update(runs=runs, former_all_extrapolated_seconds=former_all, token_scale=scale,
                      former_all_estimated_peak_rss_mib=former_rss,
                      settings={"clusters": args.clusters, "iterations": args.iterations, "window": args.window,
                                "c2": 1.0, "seed": 0})
    phase_names = ["features", "kmeans", "items+append", "crfsuite train", "tag dev", "tag test"]
    rows = []
    for name, r in runs.items():
        rows.append([name, f"{r['train_sentences']:,}"] + [f"{r['phases'].get(p, 0.0):.1f}" for p in phase_names]
                    + [f"{r['total_seconds']:.1f}", f"{r['process_seconds']:.1f}", f"{r['peak_rss_mib']:,.0f}",
                       f"{100 * r['dev_f1']:.2f}", f"{100 * r['test_f1']:.2f}"])
    rows.append(["former@all (extrapolated)", f"{full['train_sentences']:,}", "", "",
                 f"{old['phases']['items+append'] * scale:.1f}", f"{full['phases']['crfsuite train']:.1f}", "", "",
                 f"{former_all:.1f}", "", f"~{former_rss:,.0f} (est.)", "", ""])
    identical = same["dev_f1"] == old["dev_f1"] and same["test_f1"] == old["test_f1"]
    report.add(f"""## Whole runs, one seed (wall seconds per phase)

GloVe-6B-50d, window ±{args.window}, k-means K={args.clusters} cluster ids, crfsuite L-BFGS c2=1,
{args.iterations} iterations; features = `build_features` (type table), k-means = `cluster_ids`;
"items+append" = building the items and handing them to crfsuite; "process" = the child process's wall time
(imports and data loading included); peak RSS = the child's whole-process maximum.

""" + report.table(["contender", "train sent.", *phase_names, "sum", "process", "peak RSS MiB", "dev F1",
                    "test F1"], rows) + f"""

- Same subsample, same items: the two paths' F1s are {"identical (dev and test)" if identical else
                                                       "NOT identical: investigate"}.
- Items + append on the same {old['train_sentences']:,} sentences: {old['phases']['items+append']:.1f} s former vs
  {same['phases']['items+append']:.1f} s new ({old['phases']['items+append'] / max(same['phases']['items+append'], 1e-9):.1f}x; crfsuite's own
  conversion of the attribute strings, the same in both, is part of it: the item formats section below
  times the Python side); tagging dev+test: {old['phases']['tag dev'] + old['phases']['tag test']:.1f} s vs
  {same['phases']['tag dev'] + same['phases']['tag test']:.1f} s.
- The whole default-profile run on all {full['train_sentences']:,} sentences takes {full['total_seconds'] / 60:.1f} min
  ({full['process_seconds'] / 60:.1f} min as a process); crfsuite's own training is
  {100 * full['phases']['crfsuite train'] / full['total_seconds']:.0f}% of it. n_seeds=3 (the evaluator's default)
  repeats k-means, items and training per seed.
- The former path on all sentences is extrapolated (not run): its items + append scaled by training tokens
  (x{scale:.2f}) plus the new path's crfsuite time: about {former_all / 60:.1f} min. Its memory grows with the
  held items: {old['peak_rss_mib']:,.0f} MiB vs {same['peak_rss_mib']:,.0f} MiB for the new path at
  {old['train_sentences']:,} sentences, so about {former_rss:,.0f} MiB on all of them (the new path's
  {full['peak_rss_mib']:,.0f} MiB plus the difference scaled by tokens; an estimate).
""")
    if args.brown:
        brown_section(report, args, runs)
    item_formats(report, args, 60 if args.smoke else 2000)
    path = report.write(args.out)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
