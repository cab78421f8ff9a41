"""Reproduction: the cluster-count trade-off of cluster features for NER (Turian et al. 2010; Guo et al. 2014)
-> reports/repro/cluster-tradeoff.md (+ .json, + figure).

CRF F1 on CoNLL-2003 (all training sentences, dev and test) as a function of the number of clusters: k-means of
each embedding's vectors for K in {16, 64, 256, 1024, 4096} (the cluster id added to the word/shape baseline,
without the vectors), and the Brown clustering (1,000 clusters) cut at each prefix length P (the P-bit prefix
of every word's path, i.e. the clustering at depth P of the merge tree), beside Turian et al.'s combination of
prefixes 4, 6, 10 and 20 and the baseline alone. Same corpus, representations, CRF and store as
repro_ner_features.py (the cells both scripts need are computed once).

    WORDEVAL_DATA=/work/shared/data flock /tmp/wordeval-bench.lock .venv/bin/python benchmarks/repro_cluster_tradeoff.py
    .venv/bin/python benchmarks/repro_cluster_tradeoff.py --quick --out /tmp/q    # a few minutes, not the result
    .venv/bin/python benchmarks/repro_cluster_tradeoff.py --smoke --out /tmp/s    # toy data, seconds
"""
from __future__ import annotations

import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import repro_common as rc  # noqa: E402
import repro_ner_features as nf  # noqa: E402
from harness import BenchmarkReport  # noqa: E402

NAME = "cluster-tradeoff"


def settings(args) -> dict:
    s = nf.settings(args)
    mode = s["mode"]
    if mode == "smoke":
        s.update(ks=[2, 4], prefixes=[1, 2, 3], embeddings=["word2vec-SG", "GloVe"],
                 seeds_of={"word2vec-SG": [0], "GloVe": [0, 1]})
    elif mode == "quick":
        s.update(ks=[16, 64, 256], prefixes=[2, 4, 6], embeddings=["word2vec-SG", "GloVe"],
                 seeds_of={"word2vec-SG": [0], "GloVe": [0]})
    else:
        # three k-means seeds per embedding and K (the CRF itself is deterministic); --seeds N changes it
        n = getattr(args, "seeds", None) or 3
        s.update(ks=[16, 64, 256, 1024, 4096], prefixes=[2, 4, 6, 8, 10, 12, 16], embeddings=list(nf.VECTOR_REPS),
                 seeds_of={name: list(range(n)) for name in nf.VECTOR_REPS})
    return s


def kmeans_label(name: str, k: int, seed: int) -> str:
    return f"CRF + {name} k-means K={k} s{seed}"


def conditions(s: dict) -> dict:
    """label -> (spec, extra tagging config), cheapest and most needed first (an interrupted run leaves whole
    curves behind): baseline, Brown, then k-means seed 0 of every embedding, then the further seeds."""
    out = {"CRF baseline (word/shape)": ("repro-none", {})}
    c = s["brown"].split("clusters=")[1].split(",")[0]
    out[f"CRF + Brown prefixes (C={c})"] = (s["brown"], {"clusters": 1})
    out[f"CRF + Brown path (C={c})"] = (s["brown"], {})
    for p in s["prefixes"]:
        out[f"CRF + Brown prefix P={p}"] = (f"repro-prefix:p={p}", {})
    for rank in range(max(len(v) for v in s["seeds_of"].values())):
        for name in s["embeddings"]:
            if rank < len(s["seeds_of"][name]):
                seed = s["seeds_of"][name][rank]
                for k in s["ks"]:
                    out[kmeans_label(name, k, seed)] = (f"repro-kmeans:of={name},k={k},seed={seed}", {})
    return out


def main(argv=None) -> int:
    args = rc.arguments(__doc__.splitlines()[0], NAME).parse_args(argv)
    if not args.smoke and not args.data_home:
        print("set WORDEVAL_DATA (or --data-home) to the standard benchmark folder (CoNLL-2003)", file=sys.stderr)
        return 2
    s = settings(args)
    store = rc.store_path(args, "store")
    rc.register(specs=s["specs"], brown=s["brown"], cache_dir=str(store / "clusterings"))
    report = BenchmarkReport(NAME, "Reproduction: the cluster-count trade-off of cluster features for NER"
                             + {"smoke": " (SMOKE: toy data, not a result)",
                                "quick": " (QUICK: small corpus and data, not the result)"}.get(s["mode"], ""))
    log: list = []
    t0 = time.perf_counter()
    built = rc.build_all({**{n: s["specs"][n] for n in s["embeddings"]}, "Brown": s["brown"]},
                         report_only=args.report_only)
    conds = conditions(s)
    # cheapest first (baseline, Brown), then k-means by K: an interrupted run leaves whole curves behind
    groups: list[tuple[tuple, list]] = []  # consecutive conditions with the same config, in order
    for label, (spec, extra) in conds.items():
        key = tuple(sorted(extra.items()))
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append((label, spec))
    for key, reps in groups:
        extra = dict(key)
        rc.run_cells(reps, [(s["ner"], {**s["crf"], **extra})], store=store, seeds=s["crf_seeds"],
                     data_home=args.data_home, report_only=args.report_only, log=log)
    seconds = time.perf_counter() - t0
    write_report(report, s, conds, rc.load_store(store), built=built, log=log, store=store, args=args,
                 seconds=seconds)
    print(report.write(args.out))
    return 0


def _curve(records, base_rec, points: dict, *, n_boot: int = 10_000):
    """One curve as its own comparison: the baseline and one representation per point (seed records of a
    k-means K relabelled as one representation with the k-means seed as its seed: mean +- sd over seeds, paired
    bootstrap over sentences x seeds). points: x -> [labels]. Returns (comparison, rows)."""
    import copy

    import numpy as np
    import wordeval

    recs = [copy.copy(base_rec)]
    recs[0].embedding = dict(base_rec.embedding, name="baseline")
    for x, labels in points.items():
        for label in labels:
            for r in records:
                if r.label == label:
                    r2 = copy.copy(r)
                    r2.embedding = dict(r.embedding, name=str(x))
                    if "k-means" in label:
                        r2.seed = int(label.rsplit(" s", 1)[1])
                    recs.append(r2)
    have = [x for x in points if any(r.label == str(x) for r in recs)]
    if not have:
        return None, []
    comp = wordeval.compare(recs, n_boot=n_boot)
    task = recs[0].task
    rows = []
    for x in have:
        dev = [v for r in recs if r.label == str(x) for v in (r.extra.get("per_seed") or {}).get("dev", [])
               if v is not None]
        cell = comp.cells[(str(x), task)]
        rows.append({"x": x, "dev": float(np.mean(dev)) if dev else None, "test": cell["value"], "sd": cell.get("sd"),
                     "ci": cell.get("ci"), "n_seeds": cell.get("n_seeds", 1),
                     "vs_baseline": rc.pair_test(comp, task, str(x), "baseline"), "label": str(x)})
    return comp, rows


def write_report(report, s: dict, conds: dict, records: list, *, built: dict, log: list, store, args,
                 seconds: float) -> None:
    ner = rc.task_name(s["ner"])
    recs = rc.records_of(records, conds, [ner], learner="crf")
    base = "CRF baseline (word/shape)"
    base_rec = next((r for r in recs if r.label == base), None)
    have = {r.label for r in recs}
    missing = [lab for lab in conds if lab not in have]
    first = next(iter(built.values()))
    corpus = rc.corpus_protocol(type("I", (), {"parameters": first.get("parameters", {})})())
    crf_cfg = next((r.config for r in recs), {})
    c = s["brown"].split("clusters=")[1].split(",")[0]
    protocol = {"mode": s["mode"], "corpus": corpus, "corpus_search": rc.CORPUS_SEARCH, "representations": built,
                "conditions": {k: {"spec": v[0], "config": {**s["crf"], **v[1]}} for k, v in conds.items()},
                "ks": s["ks"], "prefixes": s["prefixes"], "kmeans_seeds": s["seeds_of"], "ner_task": ner,
                "crf_learner_settings": crf_cfg.get("learner_settings"), "store": str(store),
                "dataset_sha256": next((r.dataset_sha256 for r in recs), None), "versions": rc.versions()}
    tok = corpus.get("corpus_tokens")
    seeds_text = ", ".join(f"{n} {len(v)}" for n, v in s["seeds_of"].items())
    if min(len(v) for v in s["seeds_of"].values()) < 3:
        seeds_text += (" (fewer than the 3 seeds per point that the full protocol asks for; `--seeds 3` resumes "
                       "into the store)")
    report.add(f"""## Protocol

{rc.versions_line(recs)}- Corpus `{corpus.get('corpus')}`: {tok if tok is None else f'{tok:,}'} tokens, fingerprint `{corpus.get('corpus_fingerprint')}`
  (the largest English running text found in package artifacts; see ner-features.md).
- CRF as in ner-features.md: crfsuite L-BFGS, c2 = 1, {crf_cfg.get('learner_params', {}).get('epochs', '?')} iterations,
  window +-2, the word/shape baseline features in every row, all {crf_cfg.get('subsample', {}).get('n_sentences', {}).get('train', '?')}
  training sentences of CoNLL-2003; dev scored once after training (crfsuite has no early stopping, so nothing
  is selected on dev here: dev is the honest place to read where a curve peaks), test once.
- k-means: MiniBatchKMeans (n_init = 3) of the L2-normalised vectors of each representation's whole vocabulary;
  the feature is the word's cluster id alone (no vectors). The CRF is deterministic (L-BFGS on fixed items), so
  the only randomness is the clustering: k-means seeds per embedding and K: {seeds_text}.
  A point with several seeds shows the mean +- sd over them, its CI and test resample sentences x seeds.
- Brown: `{s['brown']}`; "prefix P" = every word's path cut to its first P bits (a shorter path stays whole),
  one feature per word: the clustering at depth P of the merge tree. Also Turian et al.'s prefixes 4/6/10/20
  together and the whole path.
- Statistics: each curve is its own comparison (baseline + its points), 10,000 paired resamples of test
  sentences (x seeds), Holm over that curve's pairs.
""")
    curves, tables, comps = {}, {}, {}
    if base_rec is not None:
        for name in s["embeddings"]:
            pts = {k: [kmeans_label(name, k, sd) for sd in s["seeds_of"][name]] for k in s["ks"]}
            comps[name], curves[name] = _curve(recs, base_rec, pts)
        brown_pts = {p: [f"CRF + Brown prefix P={p}"] for p in s["prefixes"]}
        brown_pts[f"4/6/10/20 (C={c})"] = [f"CRF + Brown prefixes (C={c})"]
        brown_pts[f"whole path (C={c})"] = [f"CRF + Brown path (C={c})"]
        comps["Brown"], rows_b = _curve(recs, base_rec, brown_pts)
        curves["Brown prefix"] = [r for r in rows_b if isinstance(r["x"], int)]
        tables["Brown"] = rows_b
    base_cell = None
    any_comp = next((cp for cp in comps.values() if cp is not None), None)
    if any_comp is not None:
        base_cell = any_comp.cells.get(("baseline", ner))

    def fmt(r):
        t = f"{100 * r['test']:.2f}"
        if r.get("sd") is not None and r["n_seeds"] > 1:
            t += f" ± {100 * r['sd']:.2f}"
        if r.get("ci") and r["ci"][0] is not None:
            t += f" [{100 * r['ci'][0]:.2f}, {100 * r['ci'][1]:.2f}]"
        return t

    base_text = (f"{100 * base_cell['value']:.2f} [{100 * base_cell['ci'][0]:.2f}, {100 * base_cell['ci'][1]:.2f}]"
                 if base_cell and base_cell.get("ci") else "–")
    dev_base = (base_rec.extra.get("per_seed") or {}).get("dev", [None])[0] if base_rec else None
    report.add(f"## Baseline\n\nWord/shape features alone: test F1 {base_text}, dev F1 "
               f"{100 * dev_base:.2f}." if dev_base is not None else "## Baseline\n\nnot computed yet.")
    krows = []
    for name in s["embeddings"]:
        for r in curves.get(name) or []:
            krows.append([name, r["x"], r["n_seeds"], f"{100 * r['dev']:.2f}" if r["dev"] is not None else "–", fmt(r),
                          rc.test_text(r["vs_baseline"])])
    report.add("## k-means cluster ids\n\nDev F1 (mean over seeds), test F1 (mean ± sd over seeds [95 % CI]), and the "
               "paired difference to the baseline (F1 points [CI], Holm p within the curve).\n\n"
               + report.table(["embedding", "K", "seeds", "dev F1", "test F1", "- baseline"], krows))
    brows = [[r["x"], f"{100 * r['dev']:.2f}" if r["dev"] is not None else "–", fmt(r), rc.test_text(r["vs_baseline"])]
             for r in tables.get("Brown", [])]
    report.add("## Brown prefixes\n\nDev F1, test F1 [95 % CI], paired difference to the baseline.\n\n"
               + report.table(["prefix length P (bits)", "dev F1", "test F1", "- baseline"], brows))
    peaks, findings = [], []
    for name, pts in curves.items():
        if not pts:
            continue
        unit = "P" if name == "Brown prefix" else "K"
        kd = max(pts, key=lambda r: r["dev"] if r["dev"] is not None else -1)
        kt = max(pts, key=lambda r: r["test"])
        spread = 100 * (max(r["test"] for r in pts) - min(r["test"] for r in pts))
        peaks.append(f"{name}: dev peaks at {unit} = {kd['x']} ({100 * kd['dev']:.2f}), test at {unit} = {kt['x']} "
                     f"({100 * kt['test']:.2f}); test F1 spans {spread:.2f} points over the {len(pts)} {unit} values")
        if len(pts) >= 3:
            interior = kd["x"] not in (pts[0]["x"], pts[-1]["x"])
            devs = [r["dev"] for r in pts if r["dev"] is not None]
            dev_spread = 100 * (max(devs) - min(devs)) if devs else float("nan")
            # dev is scored once per point with no test between points: the text locates the peak, it does
            # not claim the curve's shape is established
            findings.append(f"{name}: the dev-best {unit} = {kd['x']} is "
                            f"{'inside the grid (an interior peak, as the trade-off predicts)' if interior else 'at an end of the grid (no interior peak on dev)'}"
                            f", with dev F1 varying by {dev_spread:.2f} points over the {unit} values (no test "
                            f"between {unit} values, so the peak's position is indicative only); its test gain "
                            f"over the baseline: {rc.test_text(kd['vs_baseline'])}.")
    report.add("## Where the curves peak\n\n" + "\n".join(f"- {p}" for p in peaks))
    report.add("## What reproduced and what did not\n\nTurian et al. (2010) and Guo et al. (2014) report that "
               "cluster features help a discrete-feature CRF and that the number of clusters matters, with an "
               "optimum between too coarse and too sparse. Here:\n\n" + "\n".join(f"- {f}" for f in findings))
    _predictors_section(report, s, records, ner)
    if missing:
        report.add(f"## Missing cells\n\n{len(missing)} of {len(conds)} conditions are not in the store yet (rerun "
                   "the same command): " + ", ".join(missing))
    total_train = sum(sum((r.extra.get("per_seed") or {}).get("train_seconds", [0])) for r in recs)
    hist = rc.compute_history(store, list(conds))
    report.add(f"## Time on 2 cores\n\nAll invocations that computed cells of this report (some cells are shared "
               f"with ner-features.md): {hist['seconds'] / 60:.1f} min of wall time for {hist['cells']} cells in "
               f"{hist['invocations']} calls. This invocation: {seconds:.0f} s (cells already in the store are reused). "
               f"CRF time recorded in the records: {total_train / 60:.1f} min over {len(recs)} CRF runs."
               + rc.notes_text(args))
    report.raw.update(protocol=protocol, curves=curves, brown=tables.get("Brown"), peaks=peaks, findings=findings,
                      missing=missing, run_log=log, seconds=seconds, compute_history=hist,
                      comparisons={k: v.to_dict() for k, v in comps.items() if v is not None})
    _figure(report, curves, base_cell, Path(args.out))


def _figure(report, curves, base_cell, out: Path) -> None:
    if not any(curves.values()):
        return
    fig = rc.figure(figsize=(10, 5.2))
    # the legends go under the axes, clear of the curves
    axes = [fig.add_axes([0.07, 0.30, 0.40, 0.65]), fig.add_axes([0.57, 0.30, 0.40, 0.65])]
    for i, (name, pts) in enumerate(curves.items()):
        if not pts:
            continue
        ax = axes[1] if name == "Brown prefix" else axes[0]
        xs = [r["x"] for r in pts]
        v = [100 * r["test"] for r in pts]
        lo = [max(0.0, 100 * (r["test"] - r["ci"][0])) if r.get("ci") and r["ci"][0] is not None else 0 for r in pts]
        hi = [max(0.0, 100 * (r["ci"][1] - r["test"])) if r.get("ci") and r["ci"][1] is not None else 0 for r in pts]
        line = ax.errorbar(xs, v, yerr=[lo, hi], fmt="o-", capsize=2, ms=3, label=f"{name} test")
        if any(r["dev"] is not None for r in pts):
            ax.plot(xs, [100 * r["dev"] if r["dev"] is not None else float("nan") for r in pts], "x:", alpha=0.7,
                    color=line[0].get_color(), label=f"{name} dev")
    for ax, xl in zip(axes, ("k-means K (log scale)", "Brown prefix length P (bits)")):
        if base_cell:
            ax.axhline(100 * base_cell["value"], color="grey", ls="--", lw=1, label="baseline test")
        ax.set_xlabel(xl)
        ax.set_ylabel("CoNLL-2003 F1 (test: 95 % CI)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.14))
    axes[0].set_xscale("log", base=2)
    report.raw["figure"] = rc.write_figure(fig, out, "cluster-tradeoff")
    report.add("![CRF F1 vs number of clusters](cluster-tradeoff.png)")


def _predictors_section(report, s: dict, records: list, ner: str) -> None:
    """Kendall tau between each predictor benchmark's ranking of the embeddings and their CRF + k-means ranking
    at each K (clustering seed 0; the intrinsic records are ner-features.md's, from the same store)."""
    import wordeval

    predictors = [rc.task_name(t) for t in nf.PREDICTORS if t in ("qvec-cca/supersenses", "similarity/ws353",
                                                                  "similarity/simlex999")]
    int_recs = rc.records_of(records, s["embeddings"], predictors)
    rows, raw = [], {}
    for k in s["ks"]:
        relabel = {kmeans_label(n, k, 0): n for n in s["embeddings"]}
        ner_recs = rc.records_of(records, relabel, [ner], learner="crf", relabel=relabel)
        if len({r.label for r in ner_recs}) < 2 or not int_recs:
            continue
        comp = wordeval.compare(int_recs + ner_recs, n_boot=1000)
        raw[str(k)] = rc.tau_rows(comp, ner, predictors)
        rows += [[f"K = {k}", row["intrinsic"], rc.tau_text(row)] for row in raw[str(k)]]
    report.raw["predictors_tau"] = raw
    if not rows:
        report.add("## QVEC-CCA vs WS-353 vs SimLex as predictors\n\nNot computed: the store holds no intrinsic "
                   "records of these embeddings (run repro_ner_features.py into the same store).")
        return
    n = len(s["embeddings"])
    report.add("## QVEC-CCA vs WS-353 vs SimLex as predictors of the CRF + k-means ranking\n\nTsvetkov et al. "
               "(2016) report QVEC-CCA correlating with downstream results better than the similarity sets. Kendall "
               "tau-b between each benchmark's ranking of the embeddings (scores from ner-features.md's records) and "
               "their CoNLL-2003 CRF + k-means ranking at each K (clustering seed 0), [95 % item-bootstrap CI], exact "
               "permutation p:\n\n" + report.table(["K", "benchmark", "tau"], rows)
               + f"\n\nThe permutation p-values are uncorrected. With {n} embeddings an exact one cannot go below "
               f"2/{n}! = {2 / math.factorial(n):.4f}; Holm over these {len(rows)} taus asks the smallest to be below "
               f"{0.05 / len(rows):.4f}, so "
               + ("no tau here can be significant after correction" if 2 / math.factorial(n) >= 0.05 / len(rows)
                  else "only a p at that floor could pass")
               + ". The CIs resample items only, not representations: no predictor can be called better here unless "
               "its interval is disjoint from the others'.")


if __name__ == "__main__":
    sys.exit(main())
