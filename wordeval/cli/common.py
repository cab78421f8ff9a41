"""Options and steps the evaluating commands (run, intrinsic, extrinsic) share: representations, tasks,
seeds, data homes, ``--set KEY=VALUE``, the store output, and the summary with its exit code.

Exit codes: 0 everything asked for was computed or already stored; 2 a user error, found before any long
work and with nothing written; 3 finished, but some tasks were skipped because their data is not available
(or, with ``--keep-going``, failed with a user error) — the summary lists them; 130 interrupted.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
from typing import Any

from wordeval.options import MAX_N_SEEDS, MAX_SEED, cli_type, integer


def add_representations(p: argparse.ArgumentParser) -> None:
    p.add_argument("embeddings", nargs="+", metavar="EMBEDDING",
                   help="[LABEL=]SPEC: a file, a registered id (glove-6b-50d, minilm, spacy-md) or a builder "
                        "(lsa:corpus=news, word2vec:corpus=news,window=5, glove:corpus=news, minilm:type-level); "
                        "LABEL=SPEC_A|SPEC_B uses SPEC_A for word-level tasks (similarity, analogy) and SPEC_B "
                        "for the rest. A label may hold any character but '=' and control characters (quote it "
                        "in the shell)")
    add_load_options(p)


def add_load_options(p: argparse.ArgumentParser) -> None:
    """How embedding files are read (as ``wordeval info`` has them): two run-wide flags, and the format and
    vocabulary, which differ per file, as NAME=VALUE for the representation named NAME (its label, else its
    spec as written), or a bare VALUE when there is only one representation."""
    p.add_argument("--allow-pickle", action="store_true",
                   help="load pickles, which can run code when loaded (only files you trust): gensim .kv/.model files "
                        "and the weights of a bert:model=FOLDER that has them only as pytorch_model.bin, .pt, "
                        ".pth or .ckpt")
    p.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                   help="invalid UTF-8 in the words of a file: fail naming the line (default) or substitute U+FFFD "
                        "(recorded in the record's embedding parameters)")
    p.add_argument("--format", action="append", default=[], metavar="[NAME=]FORMAT",
                   help="read the file of representation NAME as FORMAT instead of detecting it (glove, word2vec, "
                        "word2vec-bin, fasttext-vec, fasttext-bin, npy, gensim-kv); repeatable; NAME= may be left "
                        "out when there is one representation")
    p.add_argument("--vocab", action="append", default=[], metavar="[NAME=]PATH",
                   help="vocabulary file of the .npy matrix of representation NAME (default: found next to it); "
                        "repeatable; NAME= may be left out when there is one representation")


def representations_of(args) -> list:
    """The representations of ``args.embeddings`` with the load options of ``add_load_options``; a --format or
    --vocab that names no representation, or one that is not a file, is a ConfigError naming the option."""
    from wordeval.errors import ConfigError
    from wordeval.evaluation import Representation
    from wordeval.runner import _is_file_spec

    reps = [Representation.parse(text) for text in args.embeddings]
    names = [r.name for r in reps]
    per_rep: dict[str, dict[str, str]] = {}
    for option, key in (("--format", "format"), ("--vocab", "vocab")):
        for item in getattr(args, key, None) or []:
            head, eq, value = item.partition("=")
            if eq and head in names:
                name = head
            elif len(reps) == 1:
                if key == "format" and eq and _is_format(value):
                    # 'c=word2vec-bin' was refused as "expected a format", as if the format were misspelt
                    raise ConfigError(f"{option} {item!r}: {head!r} is not a representation of this run (it has "
                                      f"{names[0]!r}); name it, or give the format alone")
                name, value = names[0], item
            else:
                raise ConfigError(f"{option} {item!r}: expected NAME={key.upper()} with NAME one of the "
                                  f"representations ({', '.join(names)})"
                                  + (f"; {head!r} is none of them" if eq else ""))
            if not value:
                raise ConfigError(f"{option} {item!r}: expected a {key} after '='")
            if key in per_rep.get(name, {}):
                raise ConfigError(f"{option}: given twice for {name!r}")
            rep = reps[names.index(name)]
            not_file = [s for s in dict.fromkeys((rep.intrinsic, rep.extrinsic)) if not _is_file_spec(s)]
            if not_file:
                # a spec written without a label is its own name: "'glove-6b-50d' of 'glove-6b-50d'" said it twice
                of = f" of {name!r}" if name != not_file[0] else ""
                raise ConfigError(f"{option} {item!r}: {not_file[0]!r}{of} is not an existing file "
                                  f"({option} is for files)")
            if key == "format":
                from wordeval.registry import REGISTRY
                known = REGISTRY.names("format")
                if value not in known:
                    raise ConfigError(f"{option} {item!r}: expected a format, one of {', '.join(known)}")
            per_rep.setdefault(name, {})[key] = value
    run_wide = {"allow_pickle": bool(getattr(args, "allow_pickle", False)),
                "encoding_errors": getattr(args, "encoding_errors", "strict")}
    return [r.with_options({**run_wide, **per_rep.get(r.name, {})}) for r in reps]


def _is_format(text: str) -> bool:
    from wordeval.registry import REGISTRY
    return text in REGISTRY.names("format")


# intrinsic and extrinsic print the records of their cells (evaluate_and_print), run its summary
# how plan()'s errors (and execute's, load_records') name its keywords here: a Python caller reads the keyword
# it gave (data_home...)
PLAN_OPTION_NAMES = {"data_home": "--data-home", "intersection": "--intersection",
                     "common_vocabulary": "--common-vocab", "restrict_vocab": "--restrict-vocab", "oov": "--oov",
                     "seed": "--seed", "predictions": "--save-predictions", "out": "--out"}

RECORDS_JSON_HELP = "print the records of the run's cells as a JSON list on stdout, instead of the table"


def add_run_options(p: argparse.ArgumentParser, *, default_out: str = "wordeval-results",
                    default_seeds: int | None = None, json_help: str = "print a JSON summary on stdout") -> None:
    p.add_argument("--out", default=default_out,
                   help="result store folder: created, or resumed when it is one (default: %(default)s)")
    p.add_argument("--seed", type=cli_type(integer(0, MAX_SEED), "--seed"), default=0,
                   help="the first of the --seeds N seeds of extrinsic training (SEED .. SEED+N-1"
                        + (f"; N is {default_seeds} unless given, so --seed 1 alone trains seeds 1 .. "
                           f"{default_seeds}" if default_seeds and default_seeds > 1 else "")
                        + "), 0 to 4,294,967,295; an intrinsic task is scored once, and the seed moves only "
                        "its bootstrap CI (default: 0)")
    p.add_argument("--seeds", type=cli_type(integer(1, MAX_N_SEEDS), "--seeds"), default=default_seeds,
                   metavar="N",
                   help="extrinsic tasks run with seeds SEED..SEED+N-1, one record each; N from 1 to 1,000"
                        + (f" (default: {default_seeds})" if default_seeds else
                           " (default: the suite's, else 1); with one seed, a tagging or classification record "
                           "trains the task's n_seeds (SEED..SEED+2 unless the suite, the spec or --set n_seeds=1 "
                           "says otherwise)"))
    p.add_argument("--data-home", action="append", default=None, metavar="DIR",
                   help="folder with the standard benchmarks; repeatable, the first that holds a dataset wins "
                        "(default: $WORDEVAL_DATA, an os.pathsep-separated list)")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="settings",
                   help="a task option for every family that has it (TOML value syntax: 3, true, \"x\", [1, 2])")
    p.add_argument("--keep-going", action="store_true",
                   help="record a task that fails with a user error as skipped and go on (exit code 3)")
    p.add_argument("--save-predictions", metavar="DIR", default=None,
                   help="write per-item predictions (CoNLL tags, labels, analogy answers) into DIR")
    p.add_argument("--force", action="store_true", help="allow replacing a wordeval output of another kind")
    p.add_argument("--json", action="store_true", help=json_help)


def parse_settings(items: list[str]) -> dict[str, Any]:
    from wordeval import toml_reader
    from wordeval.errors import ConfigError

    out: dict[str, Any] = {}
    for item in items:
        key, eq, value = item.partition("=")
        key = key.strip()
        if not eq or not key:
            raise ConfigError(f"--set {item!r}: expected KEY=VALUE")
        if key in out:  # the last one won without a word, and the record said only that one
            raise ConfigError(f"--set {key}: given twice ({item.strip()!r} after another {key}=): "
                              "give it once")
        try:
            parsed = toml_reader.loads(f"v = {value}")
        except toml_reader.TOMLDecodeError:
            out[key] = value  # a bare word: the string itself
            continue
        if list(parsed) != ["v"]:
            # 'n_boot=100\nn_boot=200' ran with 100, the lines after the first one's value unread
            raise ConfigError(f"--set {key}={value!r}: expected one value (TOML: 3, true, \"x\", [1, 2]), "
                              f"not further lines of KEY = VALUE")
        out[key] = parsed["v"]
    return out


def check_settings_apply(settings: dict[str, Any], task_names) -> None:
    """``run`` passes its --set options to every task and each drops what its family does not take (so
    ``--set epochs=5`` reaches the taggers and skips the similarity tasks); a key that no task of the run takes
    is a typo or a wrong task list, and an error here rather than a silent default."""
    from wordeval.close_names import close_names
    from wordeval.errors import ConfigError
    from wordeval.tasks.task import get_task

    if not settings:
        return
    known: set[str] = set()
    for name in task_names:
        known |= get_task(name).known_options()
    for key in settings:
        if key not in known:
            close = close_names(key, sorted(known), n=1)
            raise ConfigError(f"--set {key}: no task of this run takes that option"
                              + (f" (did you mean {close[0]!r}?)" if close else "")
                              + f"; they take: {', '.join(sorted(known))}")


def name_bad_settings(settings: dict[str, Any], items) -> None:
    """A --set value a family refuses was one line in the family's words ("OOV policy must be one of skip,
    penalize, intersection, got 'bad'") naming neither --set nor the key; the planner validates each task's
    whole config, so the key is found as the one whose removal makes the config valid."""
    from wordeval.errors import ConfigError
    from wordeval.tasks.task import get_task

    for name, cfg in items if settings else ():
        task = get_task(name)
        try:
            task.validate_config(cfg, strict=False)
        except ConfigError as error:
            for key in (k for k in settings if k in cfg):
                try:
                    task.validate_config({k: v for k, v in cfg.items() if k != key}, strict=False)
                except ConfigError:
                    continue
                said = str(error)  # some checks name the key already: "n_boot=5: expected an integer >= 10"
                raise ConfigError(f"--set {said}" if said.startswith(f"{key}=")
                                  else f"--set {key}={settings[key]!r}: {said}") from None


def settings_for(name, settings: dict[str, Any], names) -> dict[str, Any]:
    """The --set options of task ``name`` in a run of tasks ``names``. A key that families take with values of
    their own (learner: crf for the taggers, logreg for classification; oov; pooling) goes to the tasks whose
    family has the value, when a task of the run has it: `run --suite quick --set learner=crf`, README's own
    example, stopped at classification's "learner must be logreg or finetune". A value no task has is left
    to the family's check, which names it."""
    from wordeval.tasks.families import family_module
    from wordeval.tasks.task import get_task

    def refuses(task_name, key, value) -> bool:
        domain = getattr(family_module(get_task(task_name).family), "VALUE_DOMAINS", {}).get(key)
        return domain is not None and value not in domain

    def takes(task_name, key, value) -> bool:
        return key in get_task(task_name).known_options() and not refuses(task_name, key, value)

    return {key: value for key, value in settings.items()
            if not (refuses(name, key, value) and any(takes(n, key, value) for n in names))}


def task_options_of(args, items, options: dict[str, str], settings: dict[str, Any]) -> None:
    """The task options given as their own CLI flags (``options``: flag -> config key; a flag left out is
    None in ``args``) against the run's tasks: a flag that no task of the run takes, or that --set gives
    another value, is a ConfigError. ``items``: (task name, the config the flags make for it)."""
    from wordeval.errors import ConfigError
    from wordeval.tasks.task import get_task

    taken = {key for _, cfg in items for key in cfg}
    for flag, key in options.items():
        value = getattr(args, flag.lstrip("-").replace("-", "_"))
        if value is None:
            continue
        if key not in taken:
            # classification has its own oov (skip, zero, random, unk) that the tagging flag --oov does not
            # set: "no task of this run takes it" read as if it had none
            own = [get_task(n).name for n, _ in items if key in get_task(n).known_options()]
            raise ConfigError(f"{flag}: no task of this run takes it "
                              f"({', '.join(get_task(n).name for n, _ in items)}); "
                              + (f"{', '.join(own)} {'has' if len(own) == 1 else 'have'} an option {key} of "
                                 f"{'its' if len(own) == 1 else 'their'} own: --set {key}=VALUE"
                                 if own else "leave it out or add a task it applies to"))
        if key in settings and settings[key] != value:
            raise ConfigError(f"{flag} {value} and --set {key}={settings[key]!r} ask for two values of "
                              f"{key}: give one")


def seeds_of(args, default: int = 1) -> list[int]:
    from wordeval.errors import ConfigError

    n = args.seeds if args.seeds is not None else default
    if args.seed + n - 1 > MAX_SEED:
        raise ConfigError(f"--seed {args.seed} with {n} seeds: the last, {args.seed + n - 1}, is above "
                          f"{MAX_SEED}, the largest seed numpy and scikit-learn take")
    return list(range(args.seed, args.seed + n))


def announce_seeds(plan, args) -> None:
    """The seeds the run's extrinsic cells train, said once before the first cell (by ``extrinsic`` and
    ``run``): ``--seed 1`` trained seeds 1, 2 and 3 (extrinsic's --seeds is 3 by default, and with one seed a
    record trains the task's n_seeds), said only by the "stored" lines, one a record, as each finished."""
    import logging

    trained = [cell for cell in plan.cells if cell.task.kind == "extrinsic"]
    seeds = sorted({cell.seed for cell in trained})
    if not seeds:  # an intrinsic task is scored once; its seed moves only the bootstrap
        return
    if len(seeds) == 1:
        # a record of seed s trains seeds s .. s + n_seeds - 1 (runner.plan keeps n_seeds with one seed)
        n_seeds = max(int(cell.config.get("n_seeds") or 1) for cell in trained)
        said = f"seed {seeds[0]} (--seeds 1)" if n_seeds == 1 else (
            f"seed {seeds[0]} (--seeds 1): one record a task, which trains seeds {_listed(seeds[0], n_seeds)} "
            "(the task's n_seeds; --set n_seeds=1 for one)")
    else:
        listed = ", ".join(map(str, seeds)) if len(seeds) <= 5 else f"{seeds[0]} .. {seeds[-1]}"
        said = (f"seeds {listed} (--seed {args.seed} is the first of --seeds {len(seeds)} seeds, a record "
                "each; --seeds 1 for one)")
    logging.getLogger("wordeval.run").info("%s", said)


def _listed(first: int, count: int) -> str:
    last = first + count - 1
    return ", ".join(map(str, range(first, last + 1))) if count <= 5 else f"{first} .. {last}"


def prepare_outputs(args, *, inputs=()) -> None:
    """Check --out and --save-predictions before any work (OutputError, exit 2, nothing touched)."""
    from wordeval.output_paths import check_output

    from wordeval.errors import ConfigError

    if args.save_predictions is not None and not args.save_predictions.strip():
        # an unset shell variable (--save-predictions "$DIR") ran without writing any prediction
        raise ConfigError("--save-predictions '': expected a folder")
    args.out = str(check_output(args.out, "store", inputs=inputs, force=args.force, force_option="--force"))
    if args.save_predictions:
        args.save_predictions = str(check_output(args.save_predictions, "predictions",
                                                 force=args.force, option="--save-predictions",
                                                 within={"--out": args.out}, force_option="--force"))


def open_outputs(args) -> None:
    """After planning, just before the store is opened: with --force, a wordeval output of another kind at
    --out goes (checked up front by prepare_outputs)."""
    from wordeval.output_paths import discard_other_kind

    if args.force:
        discard_other_kind(args.out, "store")


def open_predictions(args):
    """Once the run is registered in its store: with --force, a wordeval output of another kind at
    --save-predictions goes; returns the folder, made and marked, or None. Before, this came ahead of the
    store: a run refused there (another live run plans its cells) left a new, empty folder behind, exit 2,
    and with --force had already removed the report that stood there."""
    from pathlib import Path

    from wordeval.atomic_write import machine_errors
    from wordeval.output_paths import discard_other_kind, write_marker

    if not args.save_predictions:
        return None
    if args.force:
        discard_other_kind(args.save_predictions, "predictions")
    with machine_errors(args.save_predictions):
        Path(args.save_predictions).mkdir(parents=True, exist_ok=True)
        write_marker(args.save_predictions, "predictions")
    return args.save_predictions


def execute_plan(plan, args, *, progress: bool) -> int:
    """Compute the plan into the store at args.out and print the summary; returns the exit code."""
    from wordeval.results.run_log import registered
    from wordeval.results.store import ResultStore
    from wordeval.results.store_discard import made_folder
    from wordeval.runner import execute, load_before_store, planned_cells

    from wordeval.embeddings.bert_support import prefer_passive_openmp

    # before any cell loads torch (a tagger's does, long before an encoder asks): OpenMP reads its wait
    # policy once, and spinning threads made MiniLM ~3x slower on a shared 2-core machine (see cli/demo.py)
    prefer_passive_openmp()
    distributed = getattr(args, "workers", None) or getattr(args, "scheduler", None)
    cache = None
    if getattr(args, "workers", None) and not getattr(args, "scheduler", None):
        from wordeval.distributed.stored_already import stored_already
        if (cache := stored_already(plan, args.out)) is not None:
            from wordeval.option_effects import say_note
            say_note(f"wordeval: note: every cell is stored in {args.out} already: nothing to compute, no "
                     f"Dask cluster started (--workers {args.workers})")
            distributed = None
    if not distributed and cache is None:
        cache = load_before_store(plan, keep_going=args.keep_going)
    with contextlib.ExitStack() as connection:
        client = _scheduler_client(args, connection, plan)
        dask_log = None
        if distributed and client is None:  # before the store, as a --scheduler is connected (local_start)
            from wordeval.distributed.local_start import local_client
            from wordeval.results.store import resolve_store_path
            client, dask_log = local_client(args, connection, resolve_store_path(args.out))
        open_outputs(args)
        with ResultStore(args.out, run=True) as store, \
                registered(store, planned_cells(plan), option="--out"), \
                made_folder(args.save_predictions, lambda: open_predictions(args)) as predictions:
            announce_seeds(plan, args)  # after every check, as extrinsic says it: an error stays one line
            if distributed:
                from wordeval.distributed import execute_distributed
                summary = execute_distributed(plan, store, args=args, client=client, progress=progress,
                                              keep_going=args.keep_going, predictions=predictions,
                                              plugin_registered=True, dask_log=dask_log)
            else:
                summary = execute(plan, store, progress=progress, keep_going=args.keep_going,
                                  predictions=predictions, prebuild=True, embeddings=cache)
            store.check_in_place()  # removed after its last record: the summary would name a store that is gone
            total = len(store)
            path = store.path
            # this run's cells alone, by key: store.records() decoded every record of the store to find them
            records = [r for k in dict.fromkeys([*summary.computed, *summary.cached]) if (r := store.get(k))]
    report_summary(summary, path, total, as_json=args.json)
    from wordeval.cli.convergence_note import print_convergence_note
    print_convergence_note(records)
    return summary.exit_code


def _scheduler_client(args, stack, plan):
    """With --scheduler: connected, and wordeval's plugin registered on the workers, before the store is made.
    A scheduler that died or hung after ``run``'s reachability check (while the run was planned) failed
    after the store was created and the run registered in it, leaving a store of no records behind."""
    if not getattr(args, "scheduler", None):
        return None
    from wordeval.distributed.cluster import open_client
    from wordeval.distributed.execute import _prepare

    option = getattr(args, "scheduler_option", "--scheduler")  # or WORDEVAL_SCHEDULER (cli.run)
    client = stack.enter_context(open_client(scheduler=args.scheduler, option=option))
    _prepare(client, _needed_by_a_new_store(plan, args), args.scheduler, option)
    return client


def _needed_by_a_new_store(plan, args) -> set[tuple[str, float]]:
    """The --worker-resources the plan's cells ask for, where --out holds no store yet: every cell is then to be
    computed, so a resource no worker offers is refused here, before the store is created (it was refused
    after, leaving an empty results.sqlite behind). Into an existing store only the cells not stored yet need
    anything, which the run judges once it has looked them up there."""
    from wordeval.distributed.cluster import cell_classes, parse_worker_resources, resources_for
    from wordeval.results.store import resolve_store_path

    if resolve_store_path(args.out).exists():
        return set()
    table = parse_worker_resources(getattr(args, "worker_resources", None))
    return {(r, a) for cell in plan.cells for r, a in (resources_for(cell_classes(cell), table) or {}).items()}


def report_summary(summary, path, total: int, *, as_json: bool) -> None:
    out = {**summary.to_dict(), "store": str(path), "records_in_store": total}
    if as_json:
        sys.stdout.write(json.dumps(out, indent=1) + "\n")  # encoded whole, written once
    from wordeval.visible_text import visible

    # a representation that cannot do a task (a sentence-only task on word vectors) was counted as "not
    # available", which sent a user after data that no fetch provides
    inapplicable = [s for s in summary.skipped if s.get("kind") == "not-applicable"]
    unavailable = [s for s in summary.skipped if s.get("kind") != "not-applicable"]
    print(visible(f"{len(summary.computed)} computed, {len(summary.cached)} already stored, "
                  f"{len(unavailable)} skipped (not available), {len(inapplicable)} not applicable to the "
                  f"representation, {len(summary.failed)} failed; {total} "
                  f"record{'' if total == 1 else 's'} in {path}"), file=sys.stderr)
    for s in unavailable + inapplicable + summary.failed:
        what = "not applicable:" if s.get("kind") == "not-applicable" else "skipped"
        print(visible(f"  {what} {s['task']} on {s['embedding']}: {s['reason']}"), file=sys.stderr)
