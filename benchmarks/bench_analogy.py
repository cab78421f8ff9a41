"""Google analogy on a 300k × 300 embedding: wordeval's batched exact path vs gensim evaluate_word_analogies.

Random vectors (seeded) with the Google question words at random rows — fine for timing, and the worst case
for any pruning. gensim runs ``evaluate_word_analogies(restrict_vocab=300000)`` on every ``--gensim-every``-th
question (the full set takes ~13 min here); its per-question time is extrapolated to 19,544 questions and the
report says so. Its predictions are captured by wrapping ``most_similar`` (negligible overhead) and compared
per question with ours — the script fails unless they are identical.

    python benchmarks/bench_analogy.py --out reports/benchmarks
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import time
import tracemalloc
from pathlib import Path

import numpy as np


def google_questions():
    from gensim.test.utils import datapath
    from wordeval.datasets.types import AnalogyQuestion

    out, section = [], None
    with open(datapath("questions-words.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(": "):
                section = line[2:].strip()
            elif line.strip():
                a, b, c, d = line.split()
                out.append(AnalogyQuestion(a, b, c, (d,), section))
    return out


def build_embedding(questions, n, dim, seed):
    from wordeval.embeddings.base import StaticEmbedding

    words = sorted({w.lower() for q in questions for w in (q.a, q.b, q.c, *q.answers)})
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(n)]
    for w, row in zip(words, rng.choice(n, size=len(words), replace=False)):
        vocab[row] = w
    return StaticEmbedding(vocab, rng.standard_normal((n, dim), dtype=np.float32)), len(words)


def run_gensim(emb, questions, every, restrict):
    from gensim.models import KeyedVectors

    kv = KeyedVectors(emb.dim)
    kv.add_vectors(emb.words, np.asarray(emb.vectors))
    subset = list(range(0, len(questions), every))
    path = Path("/tmp") / f"bench-analogy-subset-{every}.txt"
    with open(path, "w", encoding="utf-8") as fh:
        section = None
        for i in subset:
            q = questions[i]
            if q.section != section:
                fh.write(f": {q.section}\n")
                section = q.section
            fh.write(f"{q.a} {q.b} {q.c} {q.answers[0]}\n")
    captured = []
    original = kv.most_similar

    def recording(*args, **kwargs):
        sims = original(*args, **kwargs)
        captured.append((kwargs.get("positive") or args[0], kwargs.get("negative") or args[1], sims))
        return sims

    kv.most_similar = recording
    t0 = time.perf_counter()
    score, _ = kv.evaluate_word_analogies(str(path), restrict_vocab=restrict)
    seconds = time.perf_counter() - t0
    # gensim's own rule: first of the top 5 whose upper-cased form is not a query word
    predicted = []
    for (b, c), (a,), sims in captured:
        ignore = {a, b, c}
        pred = None
        for word, _ in sims:
            pred = word.upper()
            if pred not in ignore:
                break
        predicted.append(pred)
    return subset, predicted, seconds, score


def main(argv=None) -> int:
    from wordeval.intrinsic.analogy import solve_analogies

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300000)
    ap.add_argument("--dim", type=int, default=300)
    ap.add_argument("--gensim-every", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default="reports/benchmarks")
    args = ap.parse_args(argv)

    questions = google_questions()
    emb, n_words = build_embedding(questions, args.n, args.dim, args.seed)
    cfg = {"case": "lower", "restrict_vocab": args.n, "n_boot": 10}

    t0 = time.perf_counter()
    solve_analogies(questions, emb, config=cfg)  # includes numba compilation (or loading its disk cache)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = solve_analogies(questions, emb, config=cfg)
    warm = time.perf_counter() - t0
    # memory in a separate run: tracemalloc's bookkeeping would slow the timed one
    tracemalloc.start()
    solve_analogies(questions, emb, config=cfg)
    peak_traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    subset, g_pred, g_seconds, g_score = run_gensim(emb, questions, args.gensim_every, args.n)
    ours_pred = [None if ours["predicted"][i] is None else ours["predicted"][i].upper() for i in subset]
    mismatches = [i for i, g, o in zip(subset, g_pred, ours_pred) if g != o]
    g_per_q = g_seconds / len(subset)
    g_full = g_per_q * len(questions)
    result = {
        "embedding": {"rows": args.n, "dim": args.dim, "distribution": "standard normal, seed %d" % args.seed,
                      "google_words_placed": n_words},
        "questions": len(questions), "query_words": ours["n_query_words"], "backend": ours["backend"],
        "wordeval_seconds_warm": warm, "wordeval_seconds_cold": cold,
        "wordeval_peak_traced_bytes": peak_traced,
        "process_peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "gensim_questions_timed": len(subset), "gensim_seconds_subset": g_seconds,
        "gensim_seconds_per_question": g_per_q, "gensim_seconds_full_extrapolated": g_full,
        "speedup_vs_extrapolated_gensim": g_full / warm,
        "speedup_per_question": g_per_q / (warm / len(questions)),
        "answers_compared": len(subset), "answers_identical": not mismatches, "mismatches": mismatches[:20],
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "note": f"{os.cpu_count()} CPU cores; no GPU; gensim timed on every {args.gensim_every}. question" if args.gensim_every > 1 else f"{os.cpu_count()} CPU cores; no GPU; gensim timed on every question"},
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "analogy.json").write_text(json.dumps(result, indent=1))
    if len(subset) == len(questions):
        gensim_rows = (f"\n**Speed-up: {g_full / warm:.0f}×** (gensim's measured time on all {len(questions):,} "
                       f"questions / wordeval warm time).")
    else:
        gensim_rows = (f"| gensim, **extrapolated** to all questions | {g_full:.0f} | {len(questions):,} | |\n\n"
                       f"**Speed-up: {g_full / warm:.0f}×** (extrapolated gensim time / wordeval warm time: gensim's "
                       f"measured per-question time on {len(subset):,} questions times {len(questions):,}, "
                       f"not a full run).")
    md = f"""# Google analogy on {args.n:,} × {args.dim}: wordeval batched path vs gensim

Produced by `python benchmarks/bench_analogy.py` ({result['machine']['note']}).

| | seconds | questions | per question |
|---|---:|---:|---:|
| wordeval `solve_analogies` (3CosAdd, backend {ours['backend']}, warm) | {warm:.2f} | {len(questions):,} | {1e3 * warm / len(questions):.3f} ms |
| wordeval, first call (incl. numba compile / cache load) | {cold:.2f} | {len(questions):,} | |
| gensim `evaluate_word_analogies(restrict_vocab={args.n})`, measured | {g_seconds:.1f} | {len(subset):,} (every {args.gensim_every}th) | {1e3 * g_per_q:.1f} ms |
{gensim_rows}

Answers: {len(subset):,} questions compared word by word with gensim's predictions —
{'identical' if not mismatches else f'{len(mismatches)} MISMATCHES'}.

Memory: peak traced allocation during the wordeval solve {peak_traced / 2**20:.0f} MiB (candidate chunks of 8,192
rows × {ours['n_query_words']} query words; the embedding itself, {args.n * args.dim * 4 / 2**20:.0f} MiB, is
never copied or normalised as a whole); process peak RSS {result['process_peak_rss_bytes'] / 2**20:.0f} MiB
(includes gensim's own copy of the vectors).
"""
    (out / "analogy.md").write_text(md)
    print(md)
    if mismatches:
        print(f"answers differ on {len(mismatches)} questions: {mismatches[:20]}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
