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
        s.update(ks=[2, 4], prefixes=[1, 2, 3], embeddings=["word2vec-SG", "GloVe"], seeds=[0])
    elif mode == "quick":
        s.update(ks=[16, 64], prefixes=[2, 4, 6], embeddings=["word2vec-SG", "GloVe"], seeds=[0])
    else:
        # two of the five embeddings (the two of the GloVe/word2vec debate): see the report's protocol
        s.update(ks=[16, 64, 256, 1024, 4096], prefixes=[2, 4, 6, 8, 10, 12, 16],
                 embeddings=["GloVe", "word2vec-SG"], seeds=[0])
    return s


def conditions(s: dict) -> dict:
    """label -> (spec, extra tagging config)."""
    out = {"CRF baseline (word/shape)": ("repro-none", {})}
    c = s["brown"].split("clusters=")[1].split(",")[0]
    out[f"CRF + Brown prefixes (C={c})"] = (s["brown"], {"clusters": 1})
    out[f"CRF + Brown path (C={c})"] = (s["brown"], {})
    for p in s["prefixes"]:
        out[f"CRF + Brown prefix P={p}"] = (f"repro-prefix:p={p}", {})
    for name in s["embeddings"]:
        for k in s["ks"]:
            for seed in s["seeds"]:
                out[f"CRF + {name} k-means K={k} s{seed}"] = (f"repro-kmeans:of={name},k={k},seed={seed}", {})
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


def _dev_test(records, label: str):
    import numpy as np
    recs = [r for r in records if r.label == label]
    if not recs:
        return None
    dev = [v for r in recs for v in (r.extra.get("per_seed") or {}).get("dev", []) if v is not None]
    test = [r.main_value for r in recs]
    return {"dev": float(np.mean(dev)) if dev else None, "test": float(np.mean(test)),
            "test_ci": recs[0].ci.get(recs[0].main_score), "n": len(recs),
            "train_seconds": float(sum(sum((r.extra.get("per_seed") or {}).get("train_seconds", [0]))
                                       for r in recs))}


def write_report(report, s: dict, conds: dict, records: list, *, built: dict, log: list, store, args,
                 seconds: float) -> None:
    import wordeval

    ner = rc.task_name(s["ner"])
    recs = rc.records_of(records, conds, [ner], learner="crf")
    # 10,000 resamples: Holm over every pair of ~20 conditions needs p-values below 0.001 to mean anything
    comp = wordeval.compare(recs, n_boot=10_000) if len({r.label for r in recs}) >= 2 else None
    base = "CRF baseline (word/shape)"
    vals = {lab: _dev_test(recs, lab) for lab in conds}
    missing = [lab for lab, v in vals.items() if v is None]
    first = next(iter(built.values()))
    corpus = rc.corpus_protocol(type("I", (), {"parameters": first.get("parameters", {})})())
    crf_cfg = next((r.config for r in recs), {})
    protocol = {"mode": s["mode"], "corpus": corpus, "corpus_search": rc.CORPUS_SEARCH, "representations": built,
                "conditions": {k: {"spec": v[0], "config": {**s["crf"], **v[1]}} for k, v in conds.items()},
                "ks": s["ks"], "prefixes": s["prefixes"], "kmeans_seeds": s["seeds"], "ner_task": ner,
                "crf_learner_settings": crf_cfg.get("learner_settings"), "store": str(store),
                "dataset_sha256": next((r.dataset_sha256 for r in recs), None), "versions": rc.versions()}
    tok = corpus.get("corpus_tokens")
    report.add(f"""## Protocol

- Corpus `{corpus.get('corpus')}`: {tok if tok is None else f'{tok:,}'} tokens, fingerprint `{corpus.get('corpus_fingerprint')}`
  ({rc.CORPUS_SEARCH.split(': ')[0]}: see ner-features.md; nothing larger than `news` was found).
- CRF as in ner-features.md: crfsuite L-BFGS, c2 = 1, {crf_cfg.get('learner_params', {}).get('epochs', '?')} iterations,
  window +-2, word/shape baseline features in every row, all {crf_cfg.get('subsample', {}).get('n_sentences', {}).get('train', '?')}
  training sentences of CoNLL-2003; dev scored after training (no selection on it: there is nothing to select),
  test once.
- k-means: MiniBatchKMeans (n_init = 3) of the L2-normalised vectors of each representation's whole vocabulary;
  the feature is the word's cluster id alone (no vectors). Seeds: {s['seeds']} -- **one k-means seed per K**, not
  3: the CRF itself is deterministic (L-BFGS on fixed items), so the only randomness is the clustering, and
  3 seeds x 5 K x 5 embeddings of ~3-minute CRF runs did not fit the shared 2-core machine beside the other two
  reproductions. For the same reason the K curve is drawn for {len(s['embeddings'])} of the 5 embeddings of
  ner-features.md ({', '.join(s['embeddings'])}); K = 1024 for all five is in ner-features.md. Rerunning with
  more seeds or embeddings (edit `settings`) resumes into the same store.
- Brown: `{s['brown']}`, every path cut to its first P bits (P = {', '.join(map(str, s['prefixes']))}; a path shorter than P
  stays whole), one feature per word; plus Turian et al.'s prefixes 4/6/10/20 together and the whole path.
""")
    base_v = vals.get(base)
    rows = []
    for lab, v in vals.items():
        if v is None:
            rows.append([lab, "–", "–", "–", "missing"])
            continue
        t = rc.pair_test(comp, ner, lab, base) if lab != base else None
        rows.append([lab, f"{100 * v['dev']:.2f}" if v["dev"] is not None else "–", rc.cell_text(comp, lab, ner),
                     "–" if lab == base else rc.test_text(t), f"{v['train_seconds']:.0f}"])
    report.add("## CRF F1 by cluster features\n\nDev F1, test F1 [95 % CI over test sentences], paired difference "
               "to the baseline (F1 points [CI], Holm over all pairs), CRF training+tagging seconds.\n\n"
               + report.table(["features", "dev F1", "test F1", "- baseline", "s"], rows))
    curves, peaks = {}, []
    for name in s["embeddings"]:
        pts = [(k, vals.get(f"CRF + {name} k-means K={k} s{s['seeds'][0]}")) for k in s["ks"]]
        curves[name] = [(k, v["dev"], v["test"]) for k, v in pts if v is not None]
    curves["Brown prefix"] = [(p, v["dev"], v["test"]) for p in s["prefixes"]
                              if (v := vals.get(f"CRF + Brown prefix P={p}")) is not None]
    for name, pts in curves.items():
        if not pts:
            continue
        kd = max(pts, key=lambda x: x[1] if x[1] is not None else -1)
        kt = max(pts, key=lambda x: x[2])
        unit = "P" if name == "Brown prefix" else "K"
        peaks.append(f"{name}: dev peaks at {unit} = {kd[0]} ({100 * kd[1]:.2f}), test at {unit} = {kt[0]} "
                     f"({100 * kt[2]:.2f}); range over {unit} {100 * (max(p[2] for p in pts) - min(p[2] for p in pts)):.2f} "
                     "test F1 points")
    findings = _findings(comp, s, vals, base, curves, ner)
    report.add("## Where the curves peak\n\n" + "\n".join(f"- {p}" for p in peaks))
    report.add("## What reproduced and what did not\n\n" + "\n".join(f"- {f}" for f in findings))
    if missing:
        report.add(f"## Missing cells\n\n{len(missing)} of {len(conds)} conditions are not in the store yet (rerun "
                   "the same command): " + ", ".join(missing))
    total_train = sum(v["train_seconds"] for v in vals.values() if v)
    hist = rc.compute_history(store, list(conds))
    report.add(f"## Time on 2 cores\n\nAll invocations that computed cells of this report (some cells are shared "
               f"with ner-features.md): {hist['seconds'] / 60:.1f} min of wall time for {hist['cells']} cells in "
               f"{hist['invocations']} calls. This invocation: {seconds:.0f} s (cells already in the store are reused). "
               f"CRF time recorded in the records: {total_train / 60:.1f} min over {len(vals) - len(missing)} "
               "conditions." + rc.notes_text(args))
    report.raw.update(protocol=protocol, values=vals, curves=curves, peaks=peaks, findings=findings,
                      missing=missing, run_log=log, seconds=seconds, compute_history=hist, comparison=comp.to_dict() if comp else None)
    _figure(report, curves, base_v, s, Path(args.out))


def _findings(comp, s, vals, base, curves, ner) -> list[str]:
    out = []
    b = vals.get(base)
    for name, pts in curves.items():
        if len(pts) < 2 or b is None:
            continue
        unit = "P" if name == "Brown prefix" else "K"
        best = max(pts, key=lambda x: x[1] if x[1] is not None else -1)
        label = (f"CRF + Brown prefix P={best[0]}" if name == "Brown prefix"
                 else f"CRF + {name} k-means K={best[0]} s{s['seeds'][0]}")
        t = rc.pair_test(comp, ner, label, base)
        interior = best[0] not in (pts[0][0], pts[-1][0])
        out.append(f"{name}: the dev-best {unit} = {best[0]} is {'an interior optimum' if interior else 'at the end of the grid'}"
                   f" (a trade-off between granularity and sparsity {'is' if interior else 'is not'} visible on dev); "
                   f"its test gain over the baseline: {rc.test_text(t)}.")
    return out


def _figure(report, curves, base_v, s, out: Path) -> None:
    if not any(curves.values()):
        return
    fig = rc.figure(figsize=(10, 4))
    axes = [fig.add_axes([0.07, 0.13, 0.40, 0.78]), fig.add_axes([0.57, 0.13, 0.40, 0.78])]
    for name, pts in curves.items():
        if not pts:
            continue
        ax = axes[1] if name == "Brown prefix" else axes[0]
        xs = [p[0] for p in pts]
        ax.plot(xs, [100 * p[2] for p in pts], "o-", label=f"{name} test")
        if any(p[1] is not None for p in pts):
            ax.plot(xs, [100 * p[1] if p[1] is not None else float("nan") for p in pts], "x:", alpha=0.6,
                    label=f"{name} dev")
    for ax, xl in zip(axes, ("k-means K (log scale)", "Brown prefix length P (bits)")):
        if base_v:
            ax.axhline(100 * base_v["test"], color="grey", ls="--", lw=1, label="baseline test")
        ax.set_xlabel(xl)
        ax.set_ylabel("CoNLL-2003 F1")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=6, ncol=2)
    axes[0].set_xscale("log", base=2)
    report.raw["figure"] = rc.write_figure(fig, out, "cluster-tradeoff")
    report.add("![CRF F1 vs number of clusters](cluster-tradeoff.png)")


if __name__ == "__main__":
    sys.exit(main())
