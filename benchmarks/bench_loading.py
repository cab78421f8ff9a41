"""Loading benchmark: wordeval's text/binary loaders and binary cache against gensim, in the same run.

Generates a random GloVe-format text file (default 400k x 300) and its word2vec-header and word2vec
binary variants in a temporary folder, then times each loader in a fresh subprocess (so peak memory,
read from /proc/self/status VmHWM, belongs to that loader alone) and checks that every loader returns
the same vectors (content fingerprint). Writes a Markdown table with ratios and the raw JSON.

    python benchmarks/bench_loading.py --out reports/benchmarks/loading
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def child(loader: str, path: str) -> None:
    """Run one loader and print its timing, memory and fingerprint as JSON."""
    from wordeval.embeddings.base import content_fingerprint
    from wordeval.embeddings.load import load_embedding

    if loader.startswith("gensim"):
        from gensim.models import KeyedVectors
    else:  # imported lazily by the loader; import first so the baseline holds both libraries' code
        import pyarrow.compute  # noqa: F401
        import pyarrow.csv  # noqa: F401
    baseline = _status("VmRSS")
    start = time.perf_counter()
    if loader == "gensim-glove":
        kv = KeyedVectors.load_word2vec_format(path, binary=False, no_header=True)
    elif loader == "gensim-word2vec":
        kv = KeyedVectors.load_word2vec_format(path, binary=False)
    elif loader == "gensim-word2vec-bin":
        kv = KeyedVectors.load_word2vec_format(path, binary=True)
    elif loader in ("wordeval", "wordeval-cache-write"):
        emb = load_embedding(path, cache=loader == "wordeval-cache-write")
    elif loader == "wordeval-cache-reload":
        emb = load_embedding(path, cache=True)
        assert getattr(emb, "cache_path", None), "expected a cache hit"
    else:
        raise SystemExit(f"unknown loader {loader}")
    seconds = time.perf_counter() - start
    peak = _status("VmHWM") - baseline
    if loader.startswith("gensim"):
        words, vectors = list(kv.index_to_key), kv.vectors
    else:
        words, vectors = emb.words, emb.vectors
    print(json.dumps({"loader": loader, "seconds": seconds, "peak_rss_over_baseline": peak,
                      "matrix_bytes": int(vectors.shape[0] * vectors.shape[1] * 4),
                      "rows": int(vectors.shape[0]), "dim": int(vectors.shape[1]),
                      "fingerprint": content_fingerprint(words, np.asarray(vectors, dtype=np.float32))}))


def generate(folder: Path, rows: int, dim: int, seed: int) -> dict[str, Path]:
    """GloVe text, the same with a word2vec header, and the word2vec binary of the same vectors."""
    rng = np.random.default_rng(seed)
    pool_values = np.round(rng.standard_normal(65536) * 0.4, 5).astype(np.float32)
    pool = np.array([f"{v:.5g}" for v in pool_values], dtype=object)
    pool_values = np.array([float(s) for s in pool], dtype=np.float32)  # exactly what the text says
    glove, w2v, w2v_bin = folder / "random.glove.txt", folder / "random.w2v.txt", folder / "random.w2v.bin"
    with open(glove, "w", encoding="utf-8") as g, open(w2v, "w", encoding="utf-8") as w, open(w2v_bin, "wb") as b:
        w.write(f"{rows} {dim}\n")
        b.write(f"{rows} {dim}\n".encode())
        for start in range(0, rows, 10000):
            idx = rng.integers(0, len(pool), size=(min(10000, rows - start), dim))
            words = [f"w{start + i}" for i in range(idx.shape[0])]
            text = "".join(f"{word} {' '.join(row)}\n" for word, row in zip(words, pool[idx].tolist()))
            g.write(text)
            w.write(text)
            values = pool_values[idx].astype("<f4")
            b.write(b"".join(word.encode() + b" " + values[i].tobytes() + b"\n" for i, word in enumerate(words)))
    return {"glove": glove, "word2vec": w2v, "word2vec-bin": w2v_bin}


def run_child(loader: str, path: Path, env: dict) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", loader, str(path)], capture_output=True,
                          text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{loader} on {path.name} failed:\n{proc.stderr}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["file"] = path.name
    print(f"  {loader:24s} {path.name:18s} {result['seconds']:8.2f} s  peak +{result['peak_rss_over_baseline'] / 2**20:7.0f} MiB",
          file=sys.stderr)
    return result


def render(results: list[dict], meta: dict) -> str:
    by = {(r["loader"], r["file"]): r for r in results}
    matrix_mib = results[0]["matrix_bytes"] / 2**20
    lines = [f"# Loading benchmark ({meta['rows']:,} x {meta['dim']} random vectors)", "",
             f"Generated by `benchmarks/bench_loading.py` on {meta['time']} ({meta['machine']}). Each loader runs in "
             "a fresh subprocess; peak memory is VmHWM minus the RSS just before loading, compared with the "
             f"final float32 matrix ({matrix_mib:.0f} MiB). wordeval timings include format detection, "
             "NaN/duplicate/zero checks and the content fingerprint. All loaders returned the same content "
             f"fingerprint: **{meta['all_equal']}**.", "",
             "Speed-up is against gensim `KeyedVectors.load_word2vec_format` on the same file; for the GloVe file "
             "without `--gensim-no-header` it is against gensim on the same lines with a word2vec header "
             "(gensim's header-less mode is that plus a counting pass, so this understates the speed-up).", "",
             "| file | loader | seconds | speed-up vs gensim | peak memory (MiB) | peak / matrix |",
             "|---|---|---:|---:|---:|---:|"]
    gensim_of = {"random.glove.txt": ("gensim-glove", "random.glove.txt"),
                 "random.w2v.txt": ("gensim-word2vec", "random.w2v.txt"),
                 "random.w2v.bin": ("gensim-word2vec-bin", "random.w2v.bin")}
    for r in results:
        ref = by.get(gensim_of[r["file"]]) or by.get(("gensim-word2vec", "random.w2v.txt"))
        speed = ref["seconds"] / r["seconds"] if ref else float("nan")
        lines.append(f"| {r['file']} | {r['loader']} | {r['seconds']:.3f} | {speed:.1f}x | "
                     f"{r['peak_rss_over_baseline'] / 2**20:.0f} | {r['peak_rss_over_baseline'] / r['matrix_bytes']:.2f} |")
    parse = by[("wordeval-cache-write", "random.glove.txt")]["seconds"]
    reload = by[("wordeval-cache-reload", "random.glove.txt")]["seconds"]
    lines += ["", f"Cache reload vs parsing the GloVe text with wordeval: **{parse / reload:.0f}x** faster "
                  f"({reload:.3f} s vs {parse:.2f} s; the parse time includes writing the cache entry).", "",
              f"Versions: {meta['versions']}. CPUs: {meta['cpus']}; load average at start: {meta['loadavg']}.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--dim", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="reports/benchmarks/loading", help="output path without suffix (.md, .json)")
    parser.add_argument("--gensim-no-header", action="store_true",
                        help="also time gensim on the header-less GloVe file (it reads the file twice; slow)")
    parser.add_argument("--child", nargs=2, metavar=("LOADER", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    import gensim
    import pyarrow

    with tempfile.TemporaryDirectory(prefix="wordeval-bench-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        files = generate(folder, args.rows, args.dim, args.seed)
        print(f"generated in {time.perf_counter() - t0:.1f} s: "
              + ", ".join(f"{p.name} {p.stat().st_size / 2**20:.0f} MiB" for p in files.values()), file=sys.stderr)
        env = {**os.environ, "WORDEVAL_CACHE": str(folder / "cache"), "WORDEVAL_QUIET": "1"}
        # Parsing the GloVe file once with the cache on measures the parse (plus the cache write) and
        # prepares the reload; gensim's header-less mode only adds a counting pass, so by default the GloVe
        # parse is compared with gensim on the same lines with a header (the conservative comparison).
        plan = ([("gensim-glove", "glove")] if args.gensim_no_header else []) + [
            ("gensim-word2vec", "word2vec"), ("wordeval", "word2vec"), ("wordeval-cache-write", "glove"),
            ("wordeval-cache-reload", "glove"), ("gensim-word2vec-bin", "word2vec-bin"), ("wordeval", "word2vec-bin")]
        loadavg = os.getloadavg()
        results = [run_child(loader, files[kind], env) for loader, kind in plan]
    fingerprints = {r["fingerprint"] for r in results}
    meta = {"rows": args.rows, "dim": args.dim, "seed": args.seed, "time": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}",
            "cpus": os.cpu_count(), "loadavg": " ".join(f"{x:.1f}" for x in loadavg),
            "versions": f"numpy {np.__version__}, pyarrow {pyarrow.__version__}, gensim {gensim.__version__}",
            "all_equal": len(fingerprints) == 1}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps({"meta": meta, "results": results}, indent=1) + "\n")
    out.with_suffix(".md").write_text(render(results, meta))
    print(out.with_suffix(".md").read_text())
    if len(fingerprints) != 1:
        raise SystemExit("loaders disagree on the vectors")


if __name__ == "__main__":
    main()
