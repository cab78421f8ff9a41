"""Encoder throughput: wordeval's MiniLM encoder against sentence-transformers ``encode`` in the same run.

Workloads (all-MiniLM-L6-v2 from its package artifact, CPU):

- sentences: every sentence of STS12 (4,468; short), ``encode_sentences`` vs ``SentenceTransformer.encode``;
- documents: BBC News training documents (most longer than 256 tokens, so both cut them there);
- tokens: every sentence of CoNLL-2003 (14,041 + 3,250 + 3,453), ``encode_tokens`` (one vector per word, first
  subword) in one call (as ``extrinsic.features.build_features`` now makes it) and in calls of 64 sentences
  (as it made them before: padding then cost 1.77x the real tokens on CoNLL-2003),
  vs ``encode(output_value="token_embeddings")`` of the sentences joined by spaces (the same forward passes,
  without the word alignment).

wordeval's linear layers run on oneDNN (``BertEncoder(cpu_linear="auto")``, see
``wordeval.embeddings.onednn_linear``); the sentence and document tables also time the same encoder with
torch's own layers (``cpu_linear="torch"``), so that the table shows what each part adds.

Contenders alternate (``--repeats``, min and median). Both run with the same torch intra-op threads (the
encoder's default: the cores this process may use); a second table shows the effect of the thread count on
this machine. Whole-process peak RSS (``peak_rss_of``) is measured for the token workload and the documents,
each in its own child process. Sentence vectors are compared with sentence-transformers' (directions: its
pipeline ends in a Normalize module); tests/test_bert.py checks them against a bound derived from float32
eps. Goals (issue #14): at least sentence-transformers' throughput on sentences, and the CoNLL-2003 token
features in at most 3 minutes on 2 cores.

    flock /tmp/wordeval-bench.lock .venv/bin/python benchmarks/bench_encoder.py
    .venv/bin/python benchmarks/bench_encoder.py --smoke --out /tmp/x
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (BenchmarkReport, data_home_argument, fmt_seconds, peak_rss_of, standard_arguments,  # noqa: E402
                     time_alternating)

TOKENS_GOAL_S = 180.0
CHUNK = 64  # sentences per encode_tokens call in build_features
PLAIN = "wordeval encode_sentences, torch's linear layers"  # key of the cpu_linear="torch" contender


def load_workloads(smoke: bool, data_home: list[str]) -> dict:
    import wordeval.datasets as d

    sts = d.load("sts12")
    sentences = [t for p in next(iter(sts.splits.values())) for t in (p.sentence1, p.sentence2)]
    docs = [x.text for x in d.load("bbc").splits["train"]]
    if smoke:
        tokens = [list(x.tokens) for x in d.load("wnut16").splits["train"][:50]]
        return {"sentences": ("STS12 sentences (smoke: 40)", sentences[:40]),
                "documents": ("BBC News documents (smoke: 8)", docs[:8]),
                "tokens": ("WNUT-16 sentences (smoke: 50)", tokens)}
    if not data_home:
        raise SystemExit("the token workload needs CoNLL-2003: set WORDEVAL_DATA or pass --data-home")
    conll = d.load("conll2003", data_home=data_home)
    tokens = [list(x.tokens) for split in ("train", "dev", "test") for x in conll.splits[split]]
    return {"sentences": (f"STS12 sentences ({len(sentences):,})", sentences),
            "documents": ("BBC News training documents (first 300)", docs[:300]),
            "tokens": (f"CoNLL-2003 train + dev + test sentences ({len(tokens):,})", tokens)}


class Threads:
    """torch's intra-op threads set for a block and put back (what the encoder does for itself)."""

    def __init__(self, n: int):
        self.n = n

    def __enter__(self):
        import torch
        self.before = torch.get_num_threads()
        torch.set_num_threads(self.n)

    def __exit__(self, *exc):
        import torch
        torch.set_num_threads(self.before)


def count_pieces(enc, texts=None, sentences=None) -> int:
    if texts is not None:
        return sum(map(len, enc._truncated_ids(list(texts))))
    return sum(len(p) + len(enc._prefix) + len(enc._suffix) for p, _ in enc._pieces_many(sentences))


def padded_tokens(lengths: np.ndarray, batch_size: int) -> int:
    """Positions the model computes when these inputs are sorted by length and cut into batches."""
    order = np.sort(lengths)[::-1]
    return int(sum(int(order[i]) * len(order[i:i + batch_size]) for i in range(0, len(order), batch_size)))


def sentence_section(report, enc, st, label, texts, repeats, key, plain=None) -> dict:
    """``plain``: the same encoder with torch's own linear layers (``cpu_linear="torch"``), timed as a third
    contender to show what the oneDNN layers add."""
    threads = enc.threads

    def ours():
        return enc.encode_sentences(texts)

    def theirs():
        with Threads(threads):
            return st.encode(texts, convert_to_numpy=True, show_progress_bar=False, normalize_embeddings=False)

    contenders = {"wordeval encode_sentences": ours, "sentence-transformers encode": theirs}
    if plain is not None:
        contenders[PLAIN] = lambda: plain.encode_sentences(texts)
    timings = time_alternating(contenders, repeats=repeats, warmup=True)
    if plain is not None:
        timings[PLAIN].pop("result")
    a = timings["wordeval encode_sentences"].pop("result")
    b = timings["sentence-transformers encode"].pop("result")
    a_n = a / np.linalg.norm(a, axis=1, keepdims=True)
    b_n = b / np.linalg.norm(b, axis=1, keepdims=True)
    diff = float(np.abs(a_n - b_n).max())
    cos = float((a_n * b_n).sum(axis=1).min())
    pieces = count_pieces(enc, texts=texts)
    label_of = {"wordeval encode_sentences": f"wordeval encode_sentences (linear layers: {enc.cpu_linear})"}
    if plain is not None:
        label_of[PLAIN] = f"wordeval encode_sentences (linear layers: {plain.cpu_linear})"
    rows = [(label_of.get(name, name), fmt_seconds(e), f"{len(texts) / e['median']:.0f}",
             f"{pieces / e['median']:.0f}") for name, e in timings.items()]
    ratio = timings["sentence-transformers encode"]["median"] / timings["wordeval encode_sentences"]["median"]
    report.add(f"## {label}\n\n{len(texts):,} texts, {pieces:,} tokens after cutting at "
               f"{enc.sentence_max_length} (specials included), torch threads {threads}.\n")
    report.add(report.table(["contender", "seconds, min / median", "texts/s (median)", "tokens/s (median)"], rows))
    report.add(f"wordeval / sentence-transformers throughput (medians): **{ratio:.2f}x**. Unit vectors: max "
               f"|difference| {diff:.2e}, smallest cosine {cos:.7f}.\n")
    return {"label": label, "n": len(texts), "tokens": pieces, "threads": threads, "timings": timings,
            "cpu_linear": enc.cpu_linear, "max_abs_diff_unit": diff, "min_cosine": cos,
            "throughput_ratio_median": ratio, "key": key}


def token_section(report, enc, st, label, sentences, repeats, chunked=True) -> dict:
    threads = enc.threads
    joined = [" ".join(s) for s in sentences]

    def ours():
        return enc.encode_tokens(sentences)

    def ours_chunked():
        out = []
        for i in range(0, len(sentences), CHUNK):
            out.extend(enc.encode_tokens(sentences[i:i + CHUNK]))
        return out

    def theirs():
        with Threads(threads):
            return st.encode(joined, output_value="token_embeddings", show_progress_bar=False)

    contenders = {"wordeval encode_tokens (one call)": ours,
                  f"wordeval encode_tokens ({CHUNK} sentences a call)": ours_chunked,
                  "sentence-transformers encode, token_embeddings": theirs}
    if not chunked:  # --no-chunked: a third less time; the padding it costs is still counted below
        del contenders[f"wordeval encode_tokens ({CHUNK} sentences a call)"]
    timings = time_alternating(contenders, repeats=repeats)
    a = timings["wordeval encode_tokens (one call)"].pop("result")
    b = timings[f"wordeval encode_tokens ({CHUNK} sentences a call)"].pop("result") if chunked else None
    timings["sentence-transformers encode, token_embeddings"].pop("result")
    shapes_ok = all(x.shape == (len(s), enc.dim) for x, s in zip(a, sentences))
    same = all(np.array_equal(x, y) for x, y in zip(a, b)) if chunked else None
    words = sum(map(len, sentences))
    lengths = np.array([len(p) + len(enc._prefix) + len(enc._suffix) for p, _ in enc._pieces_many(sentences)])
    pieces = int(lengths.sum())
    padded = {"one call": padded_tokens(lengths, enc.batch_size),
              f"{CHUNK} sentences a call": sum(padded_tokens(lengths[i:i + CHUNK], enc.batch_size)
                                              for i in range(0, len(lengths), CHUNK))}
    rows = [(name, fmt_seconds(e), f"{len(sentences) / e['median']:.0f}", f"{words / e['median']:.0f}",
             f"{pieces / e['median']:.0f}") for name, e in timings.items()]
    best = timings["wordeval encode_tokens (one call)"]
    report.add(f"## Token features: {label}\n\n{len(sentences):,} sentences, {words:,} words, {pieces:,} "
               f"subword tokens with specials, torch threads {threads}.\n")
    report.add(report.table(["contender", "seconds, min / median", "sentences/s", "words/s", "tokens/s"], rows))
    report.add("Tokens the model computes, padding included (batches of "
               f"{enc.batch_size}, inputs sorted by length within each call): "
               + "; ".join(f"{k}: {v:,} ({v / pieces:.2f}x the real tokens)" for k, v in padded.items()) + ".\n")
    report.add(f"One vector per word: {'yes' if shapes_ok else '**no**'}"
               + ("" if same is None else f"; calls of {CHUNK} give the same vectors as one call: "
                  f"{'yes (bit for bit)' if same else 'within rounding (batches differ)'}") + ".\n")
    return {"label": label, "n": len(sentences), "words": words, "tokens": pieces, "threads": threads,
            "timings": timings, "padded_tokens": padded, "one_vector_per_word": shapes_ok, "chunked_identical": same,
            "best_seconds": best["min"], "median_seconds": best["median"]}


def thread_section(report, enc, texts, repeats) -> dict:
    import copy

    cores = enc.threads
    if cores < 2:
        return {}
    one = copy.copy(enc)
    one.threads = 1
    timings = time_alternating({f"threads={cores}": lambda: enc.encode_sentences(texts),
                                "threads=1": lambda: one.encode_sentences(texts)}, repeats=repeats)
    for e in timings.values():
        e.pop("result")
    many, single = timings[f"threads={cores}"]["median"], timings["threads=1"]["median"]
    measured = (f"in this run {cores} threads took {many / single:.2f}x the time of 1 (medians)"
                + (", so they paid off here" if many < single else ", so they did not pay off here"))
    report.add(f"## Thread count on this machine\n\n`encode_sentences` of the first {len(texts):,} STS12 "
               "sentences. On a machine shared with other work, torch's OpenMP threads wait for each other at "
               "every operation; spinning while they wait (OpenMP's default) made 2 threads 3-4x slower than 1 "
               "on a loaded 2-core machine (load average 5-7), so the encoder asks for passive waiting before "
               f"torch loads (`wordeval.embeddings.bert_support.prefer_passive_openmp`); {measured}. "
               "`BertEncoder(threads=...)` / `minilm:threads=1` choose the count.\n")
    report.add(report.table(["torch threads", "seconds, min / median"],
                            [(k, fmt_seconds(e)) for k, e in timings.items()]))
    return timings


def memory_section(report, smoke: bool, data_home: list[str]) -> dict:
    py = sys.executable
    load_tokens = ("import wordeval.datasets as d\n"
                   + ("s = [list(x.tokens) for x in d.load('wnut16').splits['train'][:50]]\n" if smoke else
                      f"c = d.load('conll2003', data_home={data_home!r})\n"
                      "s = [list(x.tokens) for k in ('train', 'dev', 'test') for x in c.splits[k]]\n"))
    load_docs = "import wordeval.datasets as d\nt = [x.text for x in d.load('bbc').splits['train']][:%d]\n" % (
        8 if smoke else 300)
    ours = "from wordeval.embeddings.bert_types import minilm\ne = minilm(device='cpu')\n"
    theirs = ("from sentence_transformers import SentenceTransformer\n"
              "from wordeval.embeddings.bert import minilm_model_dir\n"
              "m = SentenceTransformer(str(minilm_model_dir()), device='cpu')\n")
    runs = {
        "baseline: import torch, transformers, wordeval": "import torch, transformers, wordeval\n",
        "wordeval encode_tokens, token workload": load_tokens + ours + "e.encode_tokens(s)\n",
        "sentence-transformers token_embeddings, token workload":
            load_tokens + theirs + "m.encode([' '.join(x) for x in s], output_value='token_embeddings')\n",
        "wordeval encode_sentences, documents": load_docs + ours + "e.encode_sentences(t)\n",
        "sentence-transformers encode, documents": load_docs + theirs + "m.encode(t)\n",
    }
    if smoke:  # seconds, not minutes: the code path, not the numbers
        runs = {k: v for k, v in runs.items() if k.startswith(("baseline", "wordeval encode_tokens"))}
    out = {}
    rows = []
    env = {"HF_HUB_OFFLINE": "1", "WORDEVAL_QUIET": "1", "TQDM_DISABLE": "1"}
    for name, code in runs.items():
        res = peak_rss_of([py, "-c", code], env=env)
        if res["returncode"] != 0:
            raise SystemExit(f"{name} failed: {res['stderr']}")
        out[name] = res
        rows.append((name, f"{res['peak_rss_mib']:.0f}", f"{res['seconds']:.1f}"))
        print(f"  {name:60s} peak {res['peak_rss_mib']:7.1f} MiB  {res['seconds']:7.1f} s", file=sys.stderr)
    report.add("## Whole-process peak memory\n\nEach command in its own child process (model load, data load "
               "and encoding; wall time includes them).\n")
    report.add(report.table(["child process", "peak RSS (MiB)", "wall seconds"], rows))
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    standard_arguments(parser)
    data_home_argument(parser, "folder with CoNLL-2003")
    parser.add_argument("--no-chunked", dest="chunked", action="store_false",
                        help=f"leave out the timed {CHUNK}-sentences-a-call token contender (its padding is "
                             "still counted)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from wordeval.embeddings.bert_support import prefer_passive_openmp
    prefer_passive_openmp()  # as the encoder does; before torch loads, so both contenders (and children) get it
    import sentence_transformers
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    from wordeval.embeddings.bert import minilm_model_dir
    from wordeval.embeddings.bert_types import minilm

    repeats = 1 if args.smoke else args.repeats
    work = load_workloads(args.smoke, args.data_home)
    report = BenchmarkReport("encoder", "MiniLM encoding: wordeval vs sentence-transformers (throughput, memory)")
    enc = minilm(device="cpu")
    plain = minilm(device="cpu", cpu_linear="torch") if enc.cpu_linear != "torch" else None
    st = SentenceTransformer(str(minilm_model_dir()), device="cpu")
    report.add(f"all-MiniLM-L6-v2 on CPU; wordeval sorts all inputs by token count once and batches "
               f"{enc.batch_size} at a time under `torch.inference_mode`, its linear layers on {enc.cpu_linear} "
               "(`BertEncoder(cpu_linear=...)`; the sentence tables time torch's own layers too); "
               "sentence-transformers sorts by "
               f"character length and batches 32. Timings alternate the contenders ({repeats} repeats, "
               "min / median, seconds); the goals are judged on medians. OMP_WAIT_POLICY="
               f"{os.environ.get('OMP_WAIT_POLICY')} for every contender (see the thread table).\n")
    raw = {"sentences": sentence_section(report, enc, st, *work["sentences"], repeats, "sentences", plain),
           "documents": sentence_section(report, enc, st, *work["documents"], repeats, "documents", plain),
           "tokens": token_section(report, enc, st, *work["tokens"], repeats, chunked=args.chunked)}
    raw["threads"] = thread_section(report, enc, work["sentences"][1][:1000], repeats)
    raw["memory"] = memory_section(report, args.smoke, args.data_home)
    goals = [("sentences: throughput >= sentence-transformers", raw["sentences"]["throughput_ratio_median"] >= 1,
              f"{raw['sentences']['throughput_ratio_median']:.2f}x"),
             ("documents: throughput >= sentence-transformers", raw["documents"]["throughput_ratio_median"] >= 1,
              f"{raw['documents']['throughput_ratio_median']:.2f}x"),
             (f"token features of the token workload <= {TOKENS_GOAL_S:.0f} s",
              raw["tokens"]["median_seconds"] <= TOKENS_GOAL_S,
              f"{raw['tokens']['median_seconds']:.0f} s (median), {raw['tokens']['best_seconds']:.0f} s (min)")]
    report.add("## Goals (issue #14)\n")
    report.add(report.table(["goal", "met", "measured"], [(g, "yes" if ok else "**no**", m) for g, ok, m in goals],
                            align="llr"))
    raw["goals"] = [{"goal": g, "met": ok, "measured": m} for g, ok, m in goals]
    report.add(f"Versions: torch {torch.__version__}, transformers {transformers.__version__}, "
               f"sentence-transformers {sentence_transformers.__version__}, numpy {np.__version__}.")
    report.raw.update(raw)
    print(report.write(args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
