"""wordeval run EMBEDDING... : evaluate representations on a suite or tasks into a result store (resumable)."""
from __future__ import annotations

import argparse

from wordeval.cli.common import PLAN_OPTION_NAMES, add_representations, add_run_options
from wordeval.options import MAX_ROWS, choice, cli_type, integer
from wordeval.suites import SUITE_NAMES


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_representations(p)
    # checked when parsed: --suite "" (an unset shell variable) ran the default suite, all of it
    p.add_argument("--suite", type=cli_type(choice(*SUITE_NAMES), "--suite"), default=None,
                   help="quick, default or full (default: default, unless --tasks)")
    p.add_argument("--tasks", nargs="+", action="extend", metavar="TASK",
                   help="run these instead of a suite: task names, families (similarity) or spec files (.toml)")
    p.add_argument("--intersection", action="store_true",
                   help="similarity/analogy/STS: score every representation on the items all of them cover")
    p.add_argument("--common-vocab", action="store_true",
                   help="analogy: every representation answers over the words all of them share")
    p.add_argument("--restrict-vocab", type=cli_type(integer(1, MAX_ROWS), "--restrict-vocab"), default=None,
                   metavar="N",
                   help="similarity/analogy: only the first N rows of each vocabulary count, N from 1 to "
                        "9,223,372,036,854,775,807 (2^63 - 1; an N above a vocabulary's size keeps all its "
                        "rows)")
    add_run_options(p)
    p.add_argument("--workers", type=cli_type(integer(1, 512), "--workers"), default=None, metavar="N",
                   help="run cells on a local Dask cluster of N worker processes, 1 to 512 (needs "
                        "wordeval[dask])")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run cells on an existing Dask scheduler, e.g. tcp://host:8786 "
                        "(default: $WORDEVAL_SCHEDULER when set)")
    p.add_argument("--worker-resources", default=None, metavar="SPEC",
                   help="Dask resources cells ask for, CLASS=RESOURCE=AMOUNT[,...], e.g. "
                        "'torch=GPU=1,memory=MEMORY=8e9': cells of CLASS run only on workers started with "
                        "--resources RESOURCE=AMOUNT. Classes: all, torch (a transformer or a torch learner), "
                        "transformer, extrinsic, intrinsic, memory (extrinsic cells and transformers), or a "
                        "family (ner, similarity, ...). With --workers, every local worker gets each resource")


def run(args: argparse.Namespace, *, progress: bool = True) -> int:
    import os

    from wordeval.cli.common import (check_settings_apply, execute_plan, name_bad_settings, parse_settings,
                                     prepare_outputs, representations_of, seeds_of, settings_for)
    from wordeval.errors import ConfigError
    from wordeval.evaluation import expand_tasks
    from wordeval.runner import plan
    from wordeval.suites import suite_seeds, suite_tasks
    from wordeval.tasks.families import FAMILIES

    option = "--scheduler"
    if args.scheduler is not None and not args.scheduler.strip():
        # an unset shell variable (--scheduler "$ADDR") ran the whole grid serially on the login node
        raise ConfigError("--scheduler '': expected a scheduler address, e.g. tcp://host:8786")
    # the environment's default gives way to an explicit --workers, as any option's default does
    if args.scheduler is None and not args.workers and os.environ.get("WORDEVAL_SCHEDULER", "").strip():
        args.scheduler, option = os.environ["WORDEVAL_SCHEDULER"].strip(), "WORDEVAL_SCHEDULER"
    args.scheduler_option = option  # named by the run's later messages too (its second connect, ...)
    if args.workers and args.scheduler:
        raise ConfigError("--workers starts a local cluster and --scheduler connects to one: give only one")
    from wordeval.distributed.cluster import check_options
    check_options(workers=args.workers, scheduler=args.scheduler, worker_resources=args.worker_resources,
                  option=option)
    if args.scheduler:  # reachable, before a store is created (the run connects again)
        from wordeval.distributed.cluster import close_quietly, connect
        close_quietly(connect(args.scheduler, option=option))
    if args.tasks and args.suite:  # the suite was dropped without a word
        raise ConfigError("--suite and --tasks both choose the tasks: give one")
    settings = parse_settings(args.settings)
    reps = representations_of(args)
    if args.tasks:
        tasks = [(t, {}) for t in expand_tasks(args.tasks, tuple(FAMILIES), "")]
        default_seeds = 1
    else:
        tasks = suite_tasks(args.suite or "default")
        default_seeds = suite_seeds(args.suite or "default")
    names = [t for t, _ in tasks]
    tasks = [(t, {**cfg, **settings_for(t, settings, names)}) for t, cfg in tasks]
    check_settings_apply(settings, [t for t, _ in tasks])
    name_bad_settings(settings, tasks)
    prepare_outputs(args)
    if args.workers:  # Dask's log goes beside the store, never into a file of the user's (check_ours)
        from wordeval.distributed.dask_log import check_ours
        from wordeval.results.store import resolve_store_path
        check_ours(resolve_store_path(args.out), args.out)
    p = plan(reps, tasks, seeds=seeds_of(args, default_seeds), data_home=args.data_home,
             strict_config=False, intersection=args.intersection, restrict_vocab=args.restrict_vocab,
             common_vocabulary=args.common_vocab,
             keep_going=args.keep_going, progress=progress, option_names=PLAN_OPTION_NAMES)
    return execute_plan(p, args, progress=progress)
