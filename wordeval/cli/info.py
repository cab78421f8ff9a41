"""``wordeval info EMBEDDING``: what an embedding is (format, size, fingerprint, norms) and how long it took to load."""
from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("embedding", metavar="EMBEDDING",
                        help="[LABEL=]path (format detected) or a registered id such as glove-6b-50d, minilm, spacy-md")
    parser.add_argument("--format", default=None,
                        help="file format instead of detection: glove, word2vec, word2vec-bin, fasttext-vec, "
                             "fasttext-bin, npy, gensim-kv")
    parser.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                        help="invalid UTF-8 in words: fail naming the line (default) or substitute U+FFFD")
    parser.add_argument("--allow-pickle", action="store_true",
                        help="load pickles (only files you trust): gensim .kv/.model files and the weights of a "
                             "bert:model=FOLDER that has them only as pytorch_model.bin, .pt, .pth or .ckpt")
    parser.add_argument("--vocab", default=None, help="vocabulary file for a .npy matrix (default: found next to it)")
    parser.add_argument("--no-cache", action="store_true", help="parse the file even when a binary cache entry exists")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")


def norm_summary(vectors) -> dict:
    """L2 norm quantiles, in float64, computed in blocks of ~4 MiB of float64 so that neither a memory-mapped
    matrix nor a float64 copy of it is ever held whole (65,536-row blocks of dim 300 cost 300 MB at peak)."""
    import numpy as np

    step = max(1, (1 << 22) // (8 * max(1, vectors.shape[1])))
    norms = np.empty(vectors.shape[0], dtype=np.float64)
    for i in range(0, vectors.shape[0], step):
        block = np.asarray(vectors[i:i + step], dtype=np.float64)
        norms[i:i + step] = np.sqrt(np.einsum("ij,ij->i", block, block))
    q = np.quantile(norms, [0.0, 0.05, 0.5, 0.95, 1.0])
    return {"min": float(q[0]), "p05": float(q[1]), "median": float(q[2]), "p95": float(q[3]), "max": float(q[4]),
            "mean": float(norms.mean()), "zero_rows": int((norms == 0).sum()),
            "rows": int(vectors.shape[0])}


def describe(embedding, load_seconds: float) -> dict:
    info = embedding.info
    vectors = getattr(embedding, "vectors", None)
    return {"name": info.name, "source": info.source, "format": info.format, "vocab_size": info.vocab_size,
            "dim": info.dim, "fingerprint": info.fingerprint,
            "norms": norm_summary(vectors) if vectors is not None and vectors.ndim == 2 else None,
            "load_seconds": round(load_seconds, 4), "from_cache": getattr(embedding, "cache_path", None) is not None,
            "parameters": dict(info.parameters)}


def _check_file_options(args: argparse.Namespace) -> None:
    """--format and --vocab as ``intrinsic`` checks them, naming the option: ``--format ""`` (an unset shell
    variable) detected the format without a word, and ``--vocab ""`` was read as the folder '.'."""
    from wordeval.errors import ConfigError
    from wordeval.options import close_hint
    from wordeval.registry import REGISTRY

    if args.vocab is not None and not args.vocab.strip():
        raise ConfigError(f"--vocab {args.vocab!r}: expected a vocabulary file")
    if args.format is not None:
        known = REGISTRY.names("format")
        if args.format not in known:
            raise ConfigError(f"--format {args.format!r}: expected a format, one of {', '.join(known)}"
                              + close_hint([args.format], known))


def run(args: argparse.Namespace) -> int:
    import json
    import time

    _check_file_options(args)
    from wordeval.embeddings.load import load_embedding

    import os

    from wordeval.embeddings.load import split_label

    source = split_label(args.embedding)[1]
    if not os.path.lexists(source):
        from wordeval.misplaced_arguments import task_for_info
        task = task_for_info(source)  # None for a registered embedding, whatever else its name is
        if task:  # the loader's hint says "tasks go after --tasks", which info does not take
            from wordeval.errors import ConfigError
            raise ConfigError(f"{source}: no such embedding file, and not a registered embedding id: {task}")
        from wordeval.embeddings.load import builder_reads_pickles
        from wordeval.option_effects import note_file_options
        # a bert:model=FOLDER reads no file of the user's as a table, but its pickled weights need the flag
        pickles = builder_reads_pickles(args.embedding)
        note_file_options({"--no-cache": args.no_cache, "--allow-pickle": args.allow_pickle and not pickles,
                           "--encoding-errors replace": args.encoding_errors == "replace"}, [args.embedding])
    start = time.perf_counter()
    from wordeval.evaluation import relabelled, spec_label

    emb = load_embedding(args.embedding, format=args.format, allow_pickle=args.allow_pickle,
                         encoding_errors=args.encoding_errors, cache=not args.no_cache, vocab=args.vocab)
    # the name intrinsic, run, compare and report give it: 'x.bin' there was 'x' here
    emb = relabelled(emb, spec_label(args.embedding))
    facts = describe(emb, time.perf_counter() - start)
    if args.json:
        print(json.dumps(facts, indent=1, sort_keys=False))
        return 0
    print(format_facts(facts))
    return 0


def format_facts(facts: dict) -> str:
    rows = [(k, facts[k]) for k in ("name", "source", "format", "vocab_size", "dim", "fingerprint")]
    if facts["norms"]:
        n = facts["norms"]
        # spaCy md's 684,752 words share 20,000 rows: the quantiles are the rows', and beside vocab_size they
        # read as the words' (their median is 7.375, the rows' 7.304)
        shared = (f"  (over the {n['rows']:,} rows, which the {facts['vocab_size']:,} words share)"
                  if n.get("rows") not in (None, facts["vocab_size"]) else "")
        rows.append(("norms", f"min {n['min']:.4g}  median {n['median']:.4g}  mean {n['mean']:.4g}  "
                              f"max {n['max']:.4g}  zero rows {n['zero_rows']}{shared}"))
    rows.append(("load time", f"{facts['load_seconds']:.3f} s" + (f" ({_cache_name(facts['format'])})"
                                                                if facts["from_cache"] else "")))
    for key, value in facts["parameters"].items():
        rows.append((f"  {key}", value))
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{key:<{width}}  {value if value is not None else 'n/a'}" for key, value in rows)


def _cache_name(fmt: str) -> str:
    """Which cache served the embedding: a builder's trained model, or a file's parsed vectors."""
    from wordeval.embeddings.brown import BROWN_FORMAT
    from wordeval.embeddings.builders import BUILT_FORMAT

    return "builder cache" if fmt in (BUILT_FORMAT, BROWN_FORMAT) else "binary cache"
