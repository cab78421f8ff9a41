"""Accuracy and wall time of the classification tasks for one embedding (default: packaged GloVe 6B 50d).

    WORDEVAL_DATA=../shared/data python benchmarks/bench_classification.py [--datasets mr cr] [--n-seeds 1]
        [--pooling mean] [--oov skip] [--json out.json]

Prints a Markdown table (accuracy, macro-F1, test OOV token rate, chosen C, seconds) for
reports/benchmarks/classification.md. Each dataset runs the full protocol of
``wordeval.extrinsic.classification`` (C by 5-fold CV on train only, refit on train, test once).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import time

DEFAULT_DATASETS = ("bbc", "mr", "cr", "sst2", "sst5", "trec6", "trec50")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", nargs="+", default=list(DEFAULT_DATASETS))
    ap.add_argument("--n-seeds", type=int, default=1)
    ap.add_argument("--pooling", default="mean")
    ap.add_argument("--oov", default="skip")
    ap.add_argument("--json", default=None, help="also write the result records here")
    args = ap.parse_args(argv)

    from wordeval.embeddings.packaged import load_glove_6b_50d
    from wordeval.extrinsic import classification as clf
    from wordeval.registry import REGISTRY

    t0 = time.perf_counter()
    emb = load_glove_6b_50d()
    load_s = time.perf_counter() - t0
    rows, records = [], []
    for name in args.datasets:
        spec = REGISTRY.resolve("task", f"classification/{name}")
        t = time.perf_counter()
        rec = clf.evaluate(spec, emb, config={"n_seeds": args.n_seeds, "pooling": args.pooling, "oov": args.oov},
                           seed=0, progress=False)
        secs = time.perf_counter() - t
        s = rec.scores
        cs = sorted({r["C"] for r in rec.extra["per_seed"]})
        rows.append(f"| {name} | {rec.dataset['n_train']} | {rec.n_total} | {100 * s['accuracy']:.1f}"
                    f"{' ± %.1f' % (100 * s['accuracy_sd']) if args.n_seeds > 1 else ''} | "
                    f"{100 * s['macro_f1']:.1f} | {100 * s['oov_rate']:.1f} | {', '.join(f'{c:g}' for c in cs)} | "
                    f"{secs:.1f} |")
        print(rows[-1], flush=True)
        records.append(rec.to_dict())
    print(f"\nGloVe load {load_s:.1f} s; {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs visible; n_seeds={args.n_seeds}, pooling={args.pooling}, oov={args.oov}")
    print("| dataset | train | test | accuracy % | macro-F1 % | test OOV tokens % | C | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    if args.json:
        with open(args.json + ".tmp", "w", encoding="utf-8") as fh:
            json.dump(records, fh)
        os.replace(args.json + ".tmp", args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
