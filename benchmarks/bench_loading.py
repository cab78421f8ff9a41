"""Loading benchmark: wordeval against gensim on the same word2vec text file, time and whole-process memory.

For each size (default 100k x 300 and 400k x 300 random vectors, written with 5 significant digits) it
measures, with ``benchmarks/harness.py``:

- wall time, min and median of ``--repeats`` alternating repeats in this process: wordeval cold (detect,
  parse, checks, fingerprint, cache write into an empty cache), wordeval's arrow tier forced (no cache),
  wordeval from the binary cache (lookup, CRC verification, and the sum of the matrix, so that every page
  is touched inside the timed region), and gensim ``KeyedVectors.load_word2vec_format``; every contender
  ends by summing its matrix;
- whole-process peak RSS, each in its own child process (``peak_rss_of``): the interpreter baseline
  (``import wordeval, numpy``), ``wordeval info`` cold and from the cache (what a user runs), the two text
  tiers forced, and gensim;
- that wordeval and gensim return the same vectors (content fingerprint).

The goal it checks (issue #14): loading stays within 1.3x the matrix above the baseline, and never above
gensim's whole-process peak.

    flock /tmp/wordeval-bench.lock .venv/bin/python benchmarks/bench_loading.py
    .venv/bin/python benchmarks/bench_loading.py --smoke --out /tmp/x
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import BenchmarkReport, fmt_seconds, peak_rss_of, standard_arguments, time_alternating  # noqa: E402

BUDGET = 1.3  # peak above the baseline, in matrices


def generate(path: Path, rows: int, dim: int, seed: int) -> None:
    """A word2vec text file of random vectors; values from a pool so that writing is fast."""
    rng = np.random.default_rng(seed)
    pool = np.array([f"{v:.5g}" for v in np.round(rng.standard_normal(65536) * 0.4, 5)], dtype=object)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{rows} {dim}\n")
        for start in range(0, rows, 10000):
            idx = rng.integers(0, len(pool), size=(min(10000, rows - start), dim))
            fh.write("".join(f"w{start + i} {' '.join(row)}\n" for i, row in enumerate(pool[idx].tolist())))


def _touch(vectors) -> float:
    return float(np.asarray(vectors).sum(dtype=np.float64))


def contenders(path: Path, scratch: Path) -> dict:
    from gensim.models import KeyedVectors

    from wordeval.embeddings.load import load_embedding
    from wordeval.embeddings.text_format import load_text_vectors

    counter = iter(range(10**6))

    def cold():
        i = next(counter)
        shutil.rmtree(scratch / f"cold-{i - 1}", ignore_errors=True)  # the previous run's entry (~ms)
        emb = load_embedding(path, cache_home=scratch / f"cold-{i}")
        return emb, _touch(emb.vectors)

    def arrow():
        emb = load_text_vectors(path, header=True, format="word2vec", fast=True)
        return emb, _touch(emb.vectors)

    def cached():
        emb = load_embedding(path, cache_home=scratch / "warm")
        assert getattr(emb, "cache_path", None), "expected a cache hit"
        return emb, _touch(emb.vectors)

    def gensim():
        kv = KeyedVectors.load_word2vec_format(str(path), binary=False)
        return kv, _touch(kv.vectors)

    load_embedding(path, cache_home=scratch / "warm")  # fill the cache the reload contender reads
    return {"wordeval cold (parse + cache write)": cold, "wordeval, arrow tier forced": arrow,
            "wordeval from the cache (+ touch)": cached, "gensim load_word2vec_format": gensim}


def memory(path: Path, scratch: Path) -> dict[str, dict]:
    py = sys.executable
    env = {"WORDEVAL_QUIET": "1"}
    tier = ("from wordeval.embeddings.text_format import load_text_vectors as L; import numpy as np; "
            f"e = L({str(path)!r}, header=True, format='word2vec', fast=%s); e.vectors.sum(dtype=np.float64)")
    cache = str(scratch / "mem-cache")
    runs = {
        "baseline: python + import wordeval, numpy": ([py, "-c", "import wordeval, numpy"], {}),
        "wordeval info, cold": ([py, "-m", "wordeval", "info", str(path)], {"WORDEVAL_CACHE": cache}),
        "wordeval info, from the cache": ([py, "-m", "wordeval", "info", str(path)], {"WORDEVAL_CACHE": cache}),
        "wordeval numpy tier (library call)": ([py, "-c", tier % "False"], {}),
        "wordeval arrow tier (library call)": ([py, "-c", tier % "True"], {}),
        "gensim load_word2vec_format": ([py, "-c", "from gensim.models import KeyedVectors as K; import numpy as np; "
                                         f"K.load_word2vec_format({str(path)!r}).vectors.sum(dtype=np.float64)"], {}),
    }
    out = {}
    for name, (cmd, extra) in runs.items():
        res = peak_rss_of(cmd, env={**env, **extra})
        if res["returncode"] != 0:
            raise SystemExit(f"{name} failed: {res['stderr']}")
        out[name] = res
        print(f"  {name:45s} peak {res['peak_rss_mib']:7.1f} MiB  {res['seconds']:7.2f} s", file=sys.stderr)
    return out


def run_case(report: BenchmarkReport, rows: int, dim: int, *, seed: int, repeats: int, scratch: Path) -> None:
    from wordeval.embeddings.base import content_fingerprint

    path = scratch / f"random-{rows}x{dim}.w2v.txt"
    t0 = time.perf_counter()
    generate(path, rows, dim, seed)
    matrix_mib = rows * dim * 4 / 2**20
    print(f"{rows} x {dim}: generated {path.stat().st_size / 2**20:.0f} MiB in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr)
    timings = time_alternating(contenders(path, scratch), repeats=repeats)
    results = {name: entry.pop("result")[0] for name, entry in timings.items()}
    kv = results["gensim load_word2vec_format"]
    same = {name: emb.info.fingerprint == content_fingerprint(list(kv.index_to_key), kv.vectors)
            for name, emb in results.items() if name.startswith("wordeval")}
    del results, kv
    mem = memory(path, scratch)
    base = mem["baseline: python + import wordeval, numpy"]["peak_rss_mib"]
    gensim_peak = mem["gensim load_word2vec_format"]["peak_rss_mib"]
    cold = timings["wordeval cold (parse + cache write)"]
    reload_ = timings["wordeval from the cache (+ touch)"]
    gensim_t = timings["gensim load_word2vec_format"]
    report.add(f"## {rows:,} x {dim} word2vec text ({path.stat().st_size / 2**20:.0f} MiB file, "
               f"matrix {matrix_mib:.0f} MiB)\n")
    report.add(report.table(["contender", "seconds, min / median", "vs gensim (median)"], [
        (name, fmt_seconds(entry), f"{gensim_t['median'] / entry['median']:.1f}x")
        for name, entry in timings.items()]))
    report.add(f"Cache reload vs cold parse (medians): {cold['median'] / reload_['median']:.0f}x. "
               f"Same vectors as gensim (content fingerprint): "
               + ", ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in same.items()) + ".\n")
    rows_mem = []
    for name, res in mem.items():
        above = res["peak_rss_mib"] - base
        verdict = ""
        if name.startswith("wordeval"):
            ok = above <= BUDGET * matrix_mib and res["peak_rss_mib"] <= gensim_peak
            verdict = "yes" if ok else "**no**"
        rows_mem.append((name, f"{res['peak_rss_mib']:.0f}", f"{above:.0f}" if name != next(iter(mem)) else "",
                         f"{above / matrix_mib:.2f}" if name != next(iter(mem)) else "", verdict))
    report.add(report.table(["child process", "peak RSS (MiB)", "above baseline", "in matrices",
                             f"within {BUDGET}x and gensim's peak"], rows_mem))
    report.raw.setdefault("cases", []).append({"rows": rows, "dim": dim, "seed": seed, "matrix_mib": matrix_mib,
                                               "file_bytes": path.stat().st_size, "timings": timings,
                                               "memory": mem, "same_as_gensim": same})
    path.unlink()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    standard_arguments(parser)
    parser.add_argument("--sizes", nargs="+", default=["100000x300", "400000x300"], help="ROWSxDIM, one case each")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = ["2000x50"] if args.smoke else args.sizes
    report = BenchmarkReport("loading", "Loading word2vec text: wordeval vs gensim (time and whole-process memory)")
    report.add("Random vectors written with 5 significant digits. Timings are in this process, alternating "
               f"the contenders ({args.repeats} repeats, min / median); each contender ends by summing its "
               "matrix, so the cache reload includes paging the memory map in (and its CRC verification). "
               "Memory is each command's whole-process peak RSS in its own child process; the goal is a peak "
               f"within {BUDGET}x the float32 matrix above the baseline and never above gensim's peak. The "
               "arrow tier is used automatically only from 640 MiB matrices (its fixed ~90 MB would break "
               "the budget below that); it is forced here to show why.\n")
    with tempfile.TemporaryDirectory(prefix="wordeval-bench-") as tmp:
        for size in sizes:
            rows, dim = (int(x) for x in size.lower().split("x"))
            run_case(report, rows, dim, seed=args.seed, repeats=args.repeats, scratch=Path(tmp))
    import gensim
    import pyarrow
    report.add(f"Versions: numpy {np.__version__}, pyarrow {pyarrow.__version__}, gensim {gensim.__version__}.")
    print(report.write(args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
