"""A 2M x 300 word2vec binary evaluated on similarity + analogy: whole-process peak memory (goal <= 4 GB).

The file: 2,000,000 x 300 float32 (2.4 GB), written by this script into a temporary folder. Its first
400,000 rows are GloVe 6B 50d's words with their vectors mapped to 300 dimensions by a fixed random Gaussian
matrix (inner products kept in expectation, so similarity and analogy still mean something and the
analogy's tile pruning meets realistic scores); the other 1,600,000 rows are random words ``w<i>`` with
random vectors of the same per-dimension spread (a large vocabulary's long tail, the worst case for pruning).

Each command runs alone in a child process (``harness.peak_rss_of``: exact whole-process peak RSS):

- baseline: ``import wordeval, numpy``;
- ``wordeval intrinsic FILE`` with its default tasks (every similarity set + Google analogy, all 2M rows
  candidates), cold: detect, stream-parse, checks, fingerprint, cache write, then the tasks;
- the same from the binary cache (a second result store);
- gensim: ``KeyedVectors.load_word2vec_format(binary=True)``, ``evaluate_word_pairs`` on WordSim-353 and
  ``evaluate_word_analogies`` (restrict_vocab=300000, gensim's default) on the first
  ``GENSIM_QUESTIONS`` Google questions (its peak is reached on the first query; all 19,544 would take
  gensim minutes).

Memory is the point here: each child runs once, and its wall time (interpreter start and loading
included) is indicative only. The goal (issue #14): <= 4 GB (4,096 MiB) whole-process peak for wordeval.

    WORDEVAL_DATA=/work/shared/data flock /tmp/wordeval-bench.lock .venv/bin/python benchmarks/bench_large.py
    .venv/bin/python benchmarks/bench_large.py --smoke --out /tmp/x
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import BenchmarkReport, data_home_argument, data_home_cli, peak_rss_of, standard_arguments  # noqa: E402

GOAL_MIB = 4096.0
GENSIM_QUESTIONS = 300
REAL_ROWS = 400_000  # GloVe 6B's vocabulary


def generate(path: Path, rows: int, dim: int, seed: int) -> dict:
    """The word2vec binary described in the module docstring; returns what it holds."""
    from wordeval.embeddings.packaged import load_glove_6b_50d

    glove = load_glove_6b_50d()
    real = min(REAL_ROWS, len(glove.words), rows)
    rng = np.random.default_rng(seed)
    proj = rng.standard_normal((glove.dim, dim)).astype(np.float32) / np.sqrt(dim)
    spread = float((np.asarray(glove.vectors[:10000]) @ proj).std())
    words = list(glove.words[:real])
    with open(path, "wb") as fh:
        fh.write(f"{rows} {dim}\n".encode())
        for start in range(0, rows, 50_000):
            stop = min(start + 50_000, rows)
            block = np.empty((stop - start, dim), dtype="<f4")
            n_real = max(0, min(stop, real) - start)
            block[:n_real] = np.asarray(glove.vectors[start:start + n_real]) @ proj
            block[n_real:] = rng.standard_normal((stop - start - n_real, dim), dtype=np.float32) * spread
            names = [words[i] if i < real else f"w{i}" for i in range(start, stop)]
            fh.write(b"".join(w.encode() + b" " + v.tobytes() + b"\n" for w, v in zip(names, block)))
    return {"rows": rows, "dim": dim, "real_rows": real, "seed": seed, "bytes": path.stat().st_size,
            "matrix_mib": rows * dim * 4 / 2**20}


def gensim_code(path: Path, questions: int) -> str:
    return f"""
import itertools, tempfile
from gensim.models import KeyedVectors
from gensim.test.utils import datapath
kv = KeyedVectors.load_word2vec_format({str(path)!r}, binary=True)
print('pairs', kv.evaluate_word_pairs(datapath('wordsim353.tsv'))[0])
with open(datapath('questions-words.txt')) as fh, tempfile.NamedTemporaryFile('w', suffix='.txt') as out:
    out.writelines(itertools.islice(fh, {questions + 1}))
    out.flush()
    print('analogy', kv.evaluate_word_analogies(out.name)[0])
"""


def empty_cache(cache: Path) -> Path:
    """A cache without vectors (the first run parses the file) sharing the fetched package artifacts."""
    from wordeval.paths import cache_home

    cache.mkdir()
    artifacts = cache_home(create=False) / "artifacts"
    if artifacts.is_dir():
        (cache / "artifacts").symlink_to(artifacts)
    return cache


def store_scores(store_dir: Path) -> dict:
    from wordeval.results.store import ResultStore

    with ResultStore(store_dir) as store:
        return {r.task: {"score": r.main_value, "main_score": r.main_score, "n_used": r.n_used,
                         "n_total": r.n_total} for r in store.records()}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    standard_arguments(ap)
    ap.add_argument("--rows", type=int, default=2_000_000)
    ap.add_argument("--dim", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    data_home_argument(ap, "folder with the similarity originals")
    ap.add_argument("--tmp", default=None, help="folder for the 2.4 GB file and its cache (default: system temp)")
    args = ap.parse_args(argv)
    rows, dim = (20_000, 50) if args.smoke else (args.rows, args.dim)
    report = BenchmarkReport("large", f"A {rows:,} x {dim} word2vec binary on similarity + analogy: "
                                      "whole-process peak memory")
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="wordeval-large-", dir=args.tmp) as tmp:
        tmp = Path(tmp)
        path = tmp / f"random-{rows}x{dim}.bin"
        t0 = time.perf_counter()
        info = generate(path, rows, dim, args.seed)
        print(f"generated {info['bytes'] / 2**20:.0f} MiB in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        data = data_home_cli(args.data_home)
        if args.smoke:  # sets that come from package artifacts: no data folder needed
            data += ["--tasks", "similarity/ws353", "similarity/simlex999", "analogy/google"]
        env = {"WORDEVAL_QUIET": "1", "WORDEVAL_CACHE": str(empty_cache(tmp / "cache")), "HF_HUB_OFFLINE": "1"}
        runs = {
            "baseline: python + import wordeval, numpy": [py, "-c", "import wordeval, numpy"],
            "wordeval intrinsic, cold (parse + cache write + tasks)":
                [py, "-m", "wordeval", "intrinsic", str(path), "--out", str(tmp / "store-cold"), *data],
            "wordeval intrinsic, from the cache":
                [py, "-m", "wordeval", "intrinsic", str(path), "--out", str(tmp / "store-cached"), *data],
            f"gensim load_word2vec_format + WS-353 + {GENSIM_QUESTIONS} Google questions":
                [py, "-c", gensim_code(path, GENSIM_QUESTIONS)],
        }
        mem = {}
        for name, cmd in runs.items():
            res = peak_rss_of(cmd, env=env)
            if res["returncode"] != 0:
                raise SystemExit(f"{name} failed: {res['stderr']}")
            mem[name] = res
            if "cold" in name:  # the next run must read what this one wrote
                cached = [p for p in (tmp / "cache").rglob("*") if p.is_file() and "artifacts" not in p.parts]
                if not cached:
                    raise SystemExit("the cold run left no vector cache behind")
            print(f"  {name:60s} peak {res['peak_rss_mib']:7.1f} MiB  {res['seconds']:6.1f} s", file=sys.stderr)
        scores = {"cold": store_scores(tmp / "store-cold"), "cached": store_scores(tmp / "store-cached")}
    base = mem["baseline: python + import wordeval, numpy"]["peak_rss_mib"]
    rows_md = []
    for name, res in mem.items():
        verdict = ("yes" if res["peak_rss_mib"] <= GOAL_MIB else "**no**") if name.startswith("wordeval") else ""
        rows_md.append((name, f"{res['peak_rss_mib']:.0f}", f"{res['peak_rss_mib'] - base:.0f}",
                        f"{(res['peak_rss_mib'] - base) / info['matrix_mib']:.2f}", f"{res['seconds']:.0f}", verdict))
    report.add(f"File: {info['bytes'] / 2**20:,.0f} MiB word2vec binary, float32 matrix {info['matrix_mib']:,.0f} MiB; "
               f"the first {info['real_rows']:,} rows are GloVe 6B 50d's words (vectors mapped to {dim} "
               f"dimensions by a fixed random matrix), the rest random words and vectors (seed {args.seed}).\n")
    report.add("## Whole-process peak memory\n\n" + report.table(
        ["child process", "peak RSS (MiB)", "above baseline (MiB)", "above baseline, in matrices",
         "wall seconds (one run)", f"<= {GOAL_MIB:.0f} MiB"], rows_md))
    cold, cached = scores["cold"], scores["cached"]
    same = cold == cached
    report.add("## Scores (sanity)\n\nMain score per task of the cold run; the run from the cache gave "
               + ("the same records' scores" if same else "**different** scores") + ".\n\n" + report.table(
                   ["task", "main score", "items used / total"],
                   [(t, f"{v['main_score']} {v['score']:.4f}", f"{v['n_used']:,} / {v['n_total']:,}") for t, v in sorted(cold.items())]))
    wordeval_peaks = [r["peak_rss_mib"] for n, r in mem.items() if n.startswith("wordeval")]
    report.add(f"## Goal\n\n- A {rows:,} x {dim} word2vec binary evaluated on similarity + analogy in <= 4 GB: "
               + ("**met**" if max(wordeval_peaks) <= GOAL_MIB else "**not met**")
               + f" (highest wordeval peak {max(wordeval_peaks):,.0f} MiB).")
    import gensim
    report.add(f"Versions: numpy {np.__version__}, gensim {gensim.__version__}.")
    report.raw = {"file": info, "memory": mem, "scores": scores, "goal_mib": GOAL_MIB,
                  "gensim_questions": GENSIM_QUESTIONS}
    print(report.write(args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
