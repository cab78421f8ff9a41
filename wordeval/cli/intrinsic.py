"""``wordeval intrinsic EMBEDDING... [--tasks ...]``: similarity, analogy and STS with explicit policies.

Prints a table (score, 95 % CI, n_used/n_total, coverage) or, with ``--json``, the records as a JSON list;
always writes one versioned record per embedding × task into ``--out`` (atomically: temp file, then rename).
"""
from __future__ import annotations

import argparse

INTRINSIC_FAMILIES = ("similarity", "analogy", "sts")
DEFAULT_TASKS = ("similarity", "analogy/google")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("embeddings", nargs="+", metavar="EMBEDDING",
                        help="embedding spec: [LABEL=]path, registered id (glove-6b-50d) or builder spec")
    parser.add_argument("--tasks", nargs="+", default=list(DEFAULT_TASKS), metavar="TASK",
                        help="task names (similarity/simlex999) or whole families (similarity, analogy, sts); "
                             f"default: {' '.join(DEFAULT_TASKS)}")
    parser.add_argument("--oov", choices=("skip", "penalize"), default="skip",
                        help="pairs/questions with OOV words: skip them, or score them as worst (cosine -1 / wrong)")
    parser.add_argument("--intersection", action="store_true",
                        help="score every embedding on the items all of them cover (needs several embeddings)")
    parser.add_argument("--case", choices=("exact", "lower", "exact-then-lower"), default="exact-then-lower")
    parser.add_argument("--restrict-vocab", type=int, default=None, metavar="N",
                        help="only the first N rows count (analogy candidates and question filter; similarity OOV)")
    parser.add_argument("--method", choices=("3cosadd", "3cosmul", "pairdirection"), default="3cosadd",
                        help="analogy method")
    parser.add_argument("--honest", action="store_true", help="analogy: do not exclude the query words")
    parser.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    parser.add_argument("--out", default="results", metavar="DIR", help="directory for the result records")
    parser.add_argument("--json", action="store_true", help="print the records as a JSON list instead of a table")


def family_config(family: str, args) -> dict:
    cfg = {"case": args.case}
    if family in ("similarity", "analogy"):
        cfg["restrict_vocab"] = args.restrict_vocab
        cfg["oov"] = args.oov
    if family == "analogy":
        cfg.update(method=args.method, honest=args.honest)
    if family == "sts":
        cfg["oov"] = args.oov
    return cfg


def evaluate_all(embeddings, task_names, args) -> list:
    from wordeval.errors import ConfigError
    from wordeval.evaluate import family_module, task_spec
    from wordeval.intrinsic.recording import load_items

    records = []
    for name in task_names:
        spec = task_spec(name)
        module = family_module(spec.family)
        cfg = family_config(spec.family, args)
        if args.intersection:
            if not hasattr(module, "evaluate_intersection"):
                raise ConfigError(f"--intersection is not defined for {spec.family} tasks")
            cfg.pop("oov", None)
            records += module.evaluate_intersection(spec, embeddings, config=cfg, seed=args.seed)
        else:
            records += [module.evaluate(spec, e, config=cfg, seed=args.seed) for e in embeddings]
    return records


def write_records(records, out_dir) -> list:
    import os
    import re
    import tempfile
    from pathlib import Path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for rec in records:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{rec.task}__{rec.embedding.get('name')}__{rec.cache_key()}")
        fd, tmp = tempfile.mkstemp(dir=out, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(rec.to_json(indent=1))
            os.replace(tmp, out / f"{stem}.json")
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        paths.append(out / f"{stem}.json")
    return paths


def format_table(records) -> str:
    def num(x, digits=3):
        return "nan" if x is None or x != x else f"{x:.{digits}f}"

    rows = [("task", "embedding", "score", "value", "95% CI", "used/total", "coverage")]
    for r in records:
        lo, hi = (r.ci.get(r.main_score) or [None, None])
        rows.append((r.task, str(r.embedding.get("name")), r.main_score, num(r.main_value),
                     f"[{num(lo)}, {num(hi)}]", f"{r.n_used}/{r.n_total}", f"{100 * r.coverage:.1f}%"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def run(args) -> int:
    import json

    from wordeval.embeddings.load import load_embedding
    from wordeval.errors import ConfigError
    from wordeval.evaluate import expand_tasks

    if args.intersection and len(args.embeddings) < 2:
        raise ConfigError("--intersection needs at least two embeddings")
    if args.restrict_vocab is not None and args.restrict_vocab <= 0:
        raise ConfigError(f"--restrict-vocab must be positive, got {args.restrict_vocab}")
    task_names = expand_tasks(args.tasks, INTRINSIC_FAMILIES, "intrinsic")
    embeddings = [load_embedding(s) for s in args.embeddings]
    records = evaluate_all(embeddings, task_names, args)
    write_records(records, args.out)
    if args.json:
        print(json.dumps([r.to_dict() for r in records], allow_nan=False))
    else:
        print(format_table(records))
    return 0
