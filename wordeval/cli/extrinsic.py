"""``wordeval extrinsic EMBEDDING... [--tasks ...] [--learner ...] [--seeds N] [--finetune] [--json]``.

POS, chunking and NER go through the tagging evaluator (wordeval.extrinsic.tagging), classification tasks
through the classification evaluator; both write the same versioned result records (one per embedding ×
task, atomically into ``--out``) with per-sentence / per-document items for paired tests.
"""
from __future__ import annotations

import argparse

EXTRINSIC_FAMILIES = ("pos", "chunking", "ner", "classification")
TAGGING_FAMILIES = ("pos", "chunking", "ner")
DEFAULT_TASKS = ("pos/ud-ewt", "chunking/conll2000", "ner/conll2003", "ner/wnut16", "pos/ptb-pos")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("embeddings", nargs="+", metavar="EMBEDDING",
                        help="embedding spec: [LABEL=]path, registered id (glove-6b-50d, minilm) or builder spec")
    parser.add_argument("--tasks", nargs="+", default=list(DEFAULT_TASKS), metavar="TASK",
                        help="task names (ner/conll2003) or whole families (pos, chunking, ner, classification); "
                             f"default: {' '.join(DEFAULT_TASKS)}")
    parser.add_argument("--learner", choices=("crf", "perceptron", "mlp", "bilstm-crf", "bert-finetune"),
                        default="mlp", help="sequence learner (POS/chunking/NER); bert-finetune fine-tunes a "
                                            "transformer encoder (e.g. minilm) with a linear head")
    parser.add_argument("--seeds", type=int, default=3, metavar="N", help="runs with seeds seed..seed+N-1")
    parser.add_argument("--finetune", action="store_true",
                        help="train the embedding layer too (mlp, bilstm-crf; word-lookup representations); "
                             "for a transformer encoder use --learner bert-finetune")
    parser.add_argument("--profile", choices=("quick", "default", "full"), default="default",
                        help="training data and epochs (quick subsamples; recorded in every result)")
    parser.add_argument("--oov", choices=("zero", "unk", "random"), default="unk",
                        help="features of tokens the representation does not cover (tagging)")
    parser.add_argument("--case", choices=("exact", "lower", "exact-then-lower"), default="exact-then-lower")
    parser.add_argument("--clusters", type=int, default=0, metavar="K",
                        help="k-means cluster-id features with K clusters (crf, perceptron); 0 = none")
    parser.add_argument("--epochs", type=int, default=None, help="override the profile's epochs/iterations")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--seed", type=int, default=0, help="first seed")
    parser.add_argument("--out", default="results", metavar="DIR", help="directory for the result records")
    parser.add_argument("--json", action="store_true", help="print the records as a JSON list instead of a table")


def family_config(family: str, args) -> dict:
    if family in TAGGING_FAMILIES:
        return {"learner": args.learner, "n_seeds": args.seeds, "finetune": args.finetune,
                "profile": args.profile, "oov": args.oov, "case": args.case, "clusters": args.clusters,
                "epochs": args.epochs, "device": args.device}
    # classification: a fixed logistic-regression protocol; the sequence-learner flags do not apply
    return {"n_seeds": args.seeds, "case": args.case}


def run(args) -> int:
    import json

    from wordeval.cli.intrinsic import format_table, write_records
    from wordeval.embeddings.load import load_embedding
    from wordeval.errors import ConfigError
    from wordeval.evaluate import expand_tasks, family_module, task_spec

    if args.seeds < 1:
        raise ConfigError(f"--seeds must be at least 1, got {args.seeds}")
    if args.clusters < 0:
        raise ConfigError(f"--clusters must be >= 0, got {args.clusters}")
    task_names = expand_tasks(args.tasks, EXTRINSIC_FAMILIES, "extrinsic")
    specs = [task_spec(n) for n in task_names]
    embeddings = [load_embedding(s) for s in args.embeddings]
    records = []
    for spec in specs:
        module = family_module(spec.family)
        cfg = family_config(spec.family, args)
        for emb in embeddings:
            records.append(module.evaluate(spec, emb, config=cfg, seed=args.seed, progress=not args.json))
    write_records(records, args.out)  # after all runs: a failure leaves no partial set behind
    if args.json:
        print(json.dumps([r.to_dict() for r in records], allow_nan=False))
    else:
        print(format_table(records))
    return 0
