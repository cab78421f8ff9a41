"""``wordeval extrinsic EMBEDDING... [--tasks ...] [--learner ...] [--seeds N] [--finetune] [--json]``.

POS, chunking and NER go through the tagging evaluator, classification tasks through the classification
evaluator; one record per embedding × task × seed goes into the result store ``--out`` (per-sentence /
per-document items for paired tests; ``--save-predictions DIR`` writes the predictions themselves).
"""
from __future__ import annotations

import argparse

from wordeval.cli.common import RECORDS_JSON_HELP, add_representations, add_run_options
from wordeval.options import INT32_MAX, cli_type, integer

EXTRINSIC_FAMILIES = ("pos", "chunking", "ner", "classification")
TAGGING_FAMILIES = ("pos", "chunking", "ner")
DEFAULT_TASKS = ("pos/ud-ewt", "chunking/conll2000", "ner/conll2003", "ner/wnut16", "pos/ptb-pos")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_representations(parser)
    parser.add_argument("--tasks", nargs="+", action="extend", metavar="TASK",
                        help="task names (ner/conll2003), whole families (pos, chunking, ner, classification) or "
                             f"spec files (.toml); default: {' '.join(DEFAULT_TASKS)}")
    # The task options default to None, "not given": a CLI default overrode the [config] of a user's spec (its
    # learner = "crf" trained the window MLP), which `run` honours.
    parser.add_argument("--learner", choices=("crf", "perceptron", "mlp", "bilstm-crf", "bert-finetune"),
                        default=None,
                        help="sequence learner (POS/chunking/NER; default: the task's, else mlp); "
                             "bert-finetune fine-tunes a transformer encoder (e.g. minilm) with a linear "
                             "head")
    parser.add_argument("--finetune", action="store_true", default=None,
                        help="train the embedding layer too (mlp, bilstm-crf; word-lookup representations); "
                             "for a transformer encoder use --learner bert-finetune")
    parser.add_argument("--profile", choices=("quick", "default", "full"), default=None,
                        help="training data and epochs of tagging (quick subsamples; recorded in every "
                             "result; default: the task's, else default)")
    parser.add_argument("--oov", choices=("zero", "unk", "random"), default=None,
                        help="features of tokens the representation does not cover (tagging; default: the "
                             "task's, else unk)")
    parser.add_argument("--case", choices=("exact", "lower", "exact-then-lower"), default=None,
                        help="word lookup (default: the task's, else exact-then-lower)")
    parser.add_argument("--clusters", type=cli_type(integer(0, INT32_MAX), "--clusters"), default=None,
                        metavar="K",
                        help="k-means cluster-id features with K clusters (crf, perceptron), K from 0 to "
                             "2,147,483,647; "
                             "0 = none (default: the task's, else 0)")
    parser.add_argument("--epochs", type=cli_type(integer(1, INT32_MAX), "--epochs"), default=None,
                        metavar="N",
                        help="override the profile's epochs/iterations (1 to 2,147,483,647)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default=None,
                        help="where the torch learners train (default: auto)")
    # extrinsic prints its records as intrinsic does (evaluate_and_print): its help said "a JSON summary",
    # run's text, and a script reading computed/skipped from it found a list of records
    add_run_options(parser, default_seeds=3, json_help=RECORDS_JSON_HELP)


# flag -> the task option it sets
TASK_OPTIONS = {"--learner": "learner", "--finetune": "finetune", "--profile": "profile", "--oov": "oov",
                "--case": "case", "--clusters": "clusters", "--epochs": "epochs", "--device": "device"}


def family_config(family: str, args) -> dict:
    """n_seeds 1 (one record per seed) and the task options of the flags given, none for a flag left out."""
    if family in TAGGING_FAMILIES:
        given = {"learner": args.learner, "finetune": args.finetune, "profile": args.profile, "oov": args.oov,
                 "case": args.case, "clusters": args.clusters, "epochs": args.epochs, "device": args.device}
    else:  # classification: a fixed logistic-regression protocol; the sequence-learner flags do not apply
        given = {"case": args.case}
    return {"n_seeds": 1, **{k: v for k, v in given.items() if v is not None}}


def run(args, *, progress: bool = True) -> int:
    from wordeval.cli.intrinsic import evaluate_and_print

    args.intersection = False
    tasks = args.tasks or list(DEFAULT_TASKS)  # a repeated --tasks used to drop the tasks before it
    return evaluate_and_print(args, tasks, EXTRINSIC_FAMILIES, "extrinsic", progress=progress,
                              config_fn=family_config, options=TASK_OPTIONS)
