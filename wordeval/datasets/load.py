"""``load(name)``: resolve a dataset spec through its sources (see sources.py for the order), verify every
file's sha256, parse, check the item counts against the spec, and return a ``Dataset``.

Data homes: several may be given (repeated ``--data-home``, or ``WORDEVAL_DATA`` as an ``os.pathsep``
list); a dataset is taken from the first home that holds all its files. A user's spec file brings a
``local`` source: its own files, sha256 pinned when the spec gives one, the reader sniffed when it
names none, and a seeded dev split carved from train when there is no dev file.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from wordeval.datasets.sources import (SourceUnavailable, damaged_copy, locate_artifact, locate_data_home, locate_url,
                                       sha256_file, tree_sha256 as tree_digest, verify)
from wordeval.datasets.spec import DatasetSpec, Source
from wordeval.datasets.types import Dataset
from wordeval.errors import ChecksumError, ConfigError, HintError, InputFormatError, MissingFileError, NotAvailableError
from wordeval.paths import data_homes
from wordeval.url_credentials import hide_credentials

_SPLIT_ORDER = {"train": 0, "dev": 1, "test": 2, "all": 3}
# Options of a local source that steer loading rather than the reader.
_LOADER_OPTIONS = ("hints", "spec", "dev_from_train")


def get_spec(name: str) -> DatasetSpec:
    from wordeval.registry import REGISTRY
    return REGISTRY.resolve("dataset", name)


def all_specs() -> list[DatasetSpec]:
    from wordeval.registry import REGISTRY
    return [entry.load() for entry in REGISTRY.entries("dataset")]


def reader_function(name: str) -> Callable:
    from wordeval.datasets.readers import reader
    return reader(name)


# The families whose readers take a folder: BATS (analogy), a folder per class (classification), SemEval's
# STS.input files (sts). Every other family reads one file per split.
_FOLDER_FAMILIES = ("analogy", "classification", "sts")


def locate_local(spec: DatasetSpec, source: Source) -> dict[str, Path]:
    paths = {}
    spec_path = source.options.get("spec")
    for key, f in source.files.items():
        p = Path(f.path)
        if not p.exists():
            if spec_path:  # the line and key that named it: the spec alone left the user to find which key
                raise MissingFileError(f"{_spec_key(spec_path, key)}: file not found ({p})"
                                       + _working_directory_hint(spec_path, p))
            raise MissingFileError(f"{p}: file {key!r} of {spec.name} not found")
        if spec_path and p.is_dir() and not _reads_folder(spec.family, p):
            # the reader's "DIR: is a directory, expected a file" named neither the spec, its line nor the key
            from wordeval.tasks.families import a_family
            family = a_family(spec.family)
            raise MissingFileError(f"{_spec_key(spec_path, key)}: {p} is a folder, and {family} task reads a "
                                   "file" + (" (or a folder of SemEval STS.input.NAME.txt files)"
                                             if spec.family == "sts" else ""))
        paths[key] = p
    return paths


def _working_directory_hint(spec_path: str, path: Path) -> str:
    """A path written relative to where the command runs, not to the spec: say so where that file exists,
    since 'file not found' beside a file the user can see sent them checking its spelling."""
    folder = Path(spec_path).parent
    try:
        rel = path.relative_to(folder)
        here = Path.cwd() / rel
        if here.exists() and here.resolve() != path.resolve():
            return (f"; a path in a spec is read from the spec file's folder, {folder}, not from the working "
                    f"directory, where {rel} is: write it relative to the spec, or absolute")
    except (ValueError, OSError):
        pass
    return ""


def _reads_folder(family: str, path: Path) -> bool:
    if family == "sts":
        from wordeval.datasets.parsers_sts import semeval_inputs
        return bool(semeval_inputs(path))
    return family in _FOLDER_FAMILIES


def _spec_key(spec_path: str, key: str) -> str:
    """``SPEC:LINE: files.test`` for a file key of a user's spec (``train/pos`` is ``classes.train.pos``)."""
    from wordeval.tasks.spec_file import line_of_table_key

    split, _, label = key.partition("/")
    table, name = ("files", key) if not label else ("classes" if split == "all" else f"classes.{split}", label)
    return f"{spec_path}:{line_of_table_key(spec_path, table, name) or 1}: {table}.{name}"


def locate(spec: DatasetSpec, source: Source, *, data_home=None, cache_home=None, allow_download: bool = True,
           offline_only: bool = False, progress: bool = False) -> dict[str, Path]:
    """Paths of the source's files, or SourceUnavailable saying why not."""
    if source.kind == "local":
        return locate_local(spec, source)
    if source.kind == "data_home":
        homes = data_homes(data_home)
        if not homes:
            return locate_data_home(source, None)
        reasons = []
        for home in homes:
            try:
                return locate_data_home(source, home)
            except SourceUnavailable as exc:
                reasons.append(str(exc))
        raise SourceUnavailable("; ".join(reasons))
    if source.kind == "artifact":
        return locate_artifact(source, cache_home=cache_home, offline_only=offline_only)
    if offline_only:
        allow_download = False
    return locate_url(source, spec.name, cache_home=cache_home, allow_download=allow_download, progress=progress)


def resolve(spec: DatasetSpec, *, data_home=None, cache_home=None, allow_download: bool = True,
            progress: bool = False) -> tuple[Source, dict[str, Path], list[str]]:
    """First source that can provide the files: (source, paths, reasons the earlier ones could not)."""
    reasons = []
    for source in spec.sources:
        try:
            return source, locate(spec, source, data_home=data_home, cache_home=cache_home,
                                  allow_download=allow_download, progress=progress), reasons
        except SourceUnavailable as exc:
            reasons.append(f"{source.describe()}: {exc}")
        except NotAvailableError as exc:  # a download that failed: try the next source, keep the reason
            reasons.append(f"{source.describe()}: {exc}")
    if spec.bring_your_own:
        # which of its files the data home lacks, and where each was looked for: the advice alone listed every
        # file, and a home holding eng.train without eng.testb left the user to find which one was missing
        held = [r.removeprefix("data_home: ") for r in reasons
                if r.startswith("data_home: not in the data home")]
        advice = spec.own_files_advice(data_homes(data_home))
        raise MissingFileError(f"{spec.name}: {'; '.join(held) + '. ' if held else ''}{advice}")
    raise NotAvailableError(f"{spec.name}: no source could provide the files: {'; '.join(reasons)}")


def _reader_and_options(spec: DatasetSpec, source: Source, paths: dict[str, Path]) -> tuple[Callable, dict, dict]:
    options = {k: v for k, v in source.options.items() if k not in _LOADER_OPTIONS}
    notes: dict[str, Any] = {}
    name = source.reader
    if source.kind == "local":
        from wordeval.datasets.sniff import sniff

        hints = dict(source.options.get("hints") or {})
        try:
            sniffed, sniffed_options, lines = sniff(spec.family, paths, hints)
        except HintError as exc:
            raise _at_spec_line(exc, source.options.get("spec")) from None
        if name == "auto":
            name = sniffed
        options = {**sniffed_options, **options}
        notes = {"reader": name, "reader_options": options, "sniffed": list(lines)}
        if hints.get("decimal") == "," and options.get("decimal") == ",":
            # the spec's word, not a sniffed guess: a score written with a point contradicts it. Not a reader
            # option the record keeps: the scores read are the same whenever the run goes through
            options = {**options, "strict_decimal": True}
    return reader_function(name), options, notes


def _at_spec_line(exc: HintError, spec_path: str | None) -> ConfigError:
    """A hint the files cannot take, named where the user wrote it: SPEC:LINE."""
    if not spec_path:
        return exc
    from wordeval.tasks.spec_file import line_of_key, line_of_table_key
    entry = getattr(exc, "entry", None)
    line = line_of_table_key(spec_path, exc.key, entry) if entry is not None else line_of_key(spec_path, exc.key)
    return ConfigError(f"{spec_path}:{line or 1}: {exc}")


def _at_pin(exc: ChecksumError, source: Source, key: str) -> ChecksumError:
    """A user's pinned sha256 that the file does not match, named where the spec pins it (SPEC:LINE): the line
    named the data file alone, not the spec that expected another digest."""
    spec_path = source.options.get("spec")
    if not spec_path:
        return exc
    from wordeval.tasks.spec_file import line_of_table_key
    return ChecksumError(f"{spec_path}:{line_of_table_key(spec_path, 'sha256', key) or 1}: {exc}")


def parse_source(spec: DatasetSpec, source: Source, paths: dict[str, Path]) -> tuple[dict, dict[str, Any], dict]:
    """Verify sha256 of every file, parse, check counts. Returns (splits, extra metadata, files)."""
    files = {}
    folders = []
    for key, path in paths.items():
        name = source.files[key].path if source.kind != "local" else key
        if source.kind == "local" and path.is_dir():  # a user's folder (BATS layout, class folders): digested below
            folders.append(key)
            files[name] = ""
            continue
        try:
            files[name] = verify(path, source.files[key])
        except ChecksumError as exc:
            if source.kind == "local":
                raise _at_pin(exc, source, key) from None
            if source.kind == "data_home":  # the user's copy: said how it can be scored, if not as this task
                from wordeval.datasets.own_copy import own_task_advice
                raise ChecksumError(f"{exc}; {own_task_advice(spec, source, paths)}") from None
            if not (hint := damaged_copy(path, source)):
                raise
            raise ChecksumError(f"{exc}{hint}") from None
    read, options, notes = _reader_and_options(spec, source, paths)
    try:
        splits, extra = read(paths, **options)
    except HintError as exc:  # a hint the data contradicts (a label_map key no file has)
        raise _at_spec_line(exc, source.options.get("spec")) from None
    item_lines = extra.pop("item_lines", None) or {}  # per split, each item's line: for messages only
    # a folder's digest covers the files its reader names as read (a README edited beside SemEval's STS files
    # made them other data), else every file in it
    read_in = extra.pop("folder_files", None) or {}
    for key in folders:
        files[key] = tree_digest(paths[key], read_in.get(key))
        pin = source.files[key].sha256
        if pin and files[key] != pin:
            # a pin taken while a folder's digest covered every file in it (README, spec) differs now too
            covers = "the files its reader reads" if read_in.get(key) is not None else "every file in it"
            raise _at_pin(ChecksumError(f"{paths[key]}: folder digest {files[key]} differs from the pinned {pin} "
                                        f"(a folder's digest covers {covers})"),
                          source, key)
    # files a reader found beside the named ones (SemEval's STS.gs.NAME.txt beside STS.input.NAME.txt) are
    # part of the data: their digests are recorded with the named files'
    for name, found in sorted((extra.pop("also_read", None) or {}).items()):
        files[name] = sha256_file(Path(found))
    if "sniffed" in notes:  # what a comment rule left out of each user file is said with what was sniffed
        _note_skipped_lines(extra, paths, notes["sniffed"])
    extra = {**extra, **notes}
    split_rule = source.options.get("dev_from_train")
    if split_rule and "dev" not in splits and "train" in splits:
        before = splits["train"]
        splits, extra["derived_split"] = _dev_from_train(splits, **split_rule, spec=source.options.get("spec"))
        if "scheme" in extra:  # chunk tags
            _check_carved_chunks(splits, split_rule, paths["train"], source.options.get("spec"))
        if "n_tokens" in extra:  # the reader counted train whole, before dev was carved out of it
            extra["n_tokens"] = {k: sum(len(s.tokens) for s in v) for k, v in splits.items()}
        carved = _tags_carved_out_of_train(before, splits, split_rule)
        if carved:
            extra["warnings"] = extra.get("warnings", []) + carved
    first = next(iter(paths.values()))
    for split, items in splits.items():
        if not len(items):
            raise InputFormatError(paths.get(split, first), None, f"at least one item in split {split!r} of {spec.name}",
                                   "none" + _emptied_by_deduplicate(extra.get("deduplicated"), split))
    spec_path = source.options.get("spec")
    from wordeval.tasks.spec_file import line_of_key, line_of_table_key
    for split, want in spec.counts.items():
        got = len(splits.get(split, ()))
        if split not in splits and spec_path:
            # a typo (counts = {tset = 12}) was told "expected 12 items in split 'tset' ..., got 0 (truncated or
            # different file?)", blaming the data file
            from wordeval.close_names import close_names
            close = close_names(split, list(splits), n=1)
            raise InputFormatError(spec_path, line_of_table_key(spec_path, "counts", split),
                                   f"counts keys among the splits of {spec.name} ({', '.join(splits)})",
                                   repr(split) + (f" (did you mean {close[0]!r}?)" if close else ""))
        if got != want:
            # the split's own file (the first file named the train file for a short test file), and for a user
            # spec the line that declared the count
            where = f" ({spec_path}:{line_of_key(spec_path, 'counts') or 1})" if spec_path else ""
            raise InputFormatError(paths.get(split, first), None, f"{want} items in split {split!r} of {spec.name}"
                                   f"{where}", f"{got} (truncated or different file?)")
    if spec.metadata.get("score_scale") is not None:
        _check_score_scale(spec.metadata["score_scale"], splits, paths, source.options.get("spec"), item_lines)
    return splits, extra, files


def _emptied_by_deduplicate(record, split: str) -> str:
    """Why a split read from a file that holds items has none: deduplicate = true dropped them all as copies
    of another split's. 'got none' named that file alone, as if it were empty."""
    n = ((record or {}).get("n_before") or {}).get(split)
    if not n:
        return ""
    of = sorted((record.get("in_earlier") or {}).get(split) or {})
    splits = " and ".join(repr(s) for s in of)
    if n == 1:
        return (", after deduplicate = true dropped its one item"
                + (f" as a copy of a {splits} item" if of else ""))
    return (f", after deduplicate = true dropped all {n} of its items"
            + (f" as copies of {splits} items" if of else ""))


def _check_score_scale(scale, splits: dict, paths: dict, spec_path: str | None, item_lines: dict) -> None:
    """Gold scores outside the declared ``score_scale``: the wrong score column, or a file rated on another
    scale than the one the spec (and the records) claim. The data line is named where the reader gave it: a
    line number in the split's file, or (file, line) where a split's scores come from other files (SemEval's
    STS.gs.NAME.txt beside the STS.input.NAME.txt the spec names)."""
    low, high = scale
    first = next(iter(paths.values()))
    for split, items in splits.items():
        lines = item_lines.get(split)
        for i, item in enumerate(items):
            score = getattr(item, "score", None)
            if score is not None and not low <= score <= high:
                from wordeval.tasks.spec_file import line_of_key
                where = f" ({spec_path}:{line_of_key(spec_path, 'score_scale') or 1})" if spec_path else ""
                where_read = lines[i] if lines is not None and len(lines) == len(items) else None
                path, lineno = where_read if isinstance(where_read, tuple) else (paths.get(split, first), where_read)
                raise InputFormatError(path, lineno,
                                       f"gold scores within score_scale = [{low:g}, {high:g}]{where}",
                                       f"{score:g} for {_item_words(item)}")


def _item_words(item) -> str:
    words = [getattr(item, k) for k in ("word1", "word2", "sentence1", "sentence2") if hasattr(item, k)]
    return " / ".join(repr(w[:40]) for w in words)


def _note_skipped_lines(extra, paths, sniffed: list) -> None:
    """What a comment rule left out of each file; CoNLL-U's multiword-token and empty-node lines apart from
    its comments (a note of 45 comments for 30 comments and 15 multiword tokens)."""
    kinds = (("comment_lines", "comment"), ("multiword_lines", "multiword-token"),
             ("empty_node_lines", "empty-node"))
    counts = {kind: extra.get(kind) or {} for kind, _ in kinds}
    for key in dict.fromkeys(k for c in counts.values() for k in c):
        name = paths[key].name if key in paths else key
        n = counts["comment_lines"].get(key, 0)
        if not any(counts[kind].get(key) for kind, _ in kinds[1:]):
            sniffed.append(f"{name}: 1 line skipped as a comment" if n == 1 else
                           f"{name}: {n} lines skipped as comments")
            continue
        said = [f"{m} {what} line{'s' if m != 1 else ''}" for kind, what in kinds
                if (m := counts[kind].get(key, 0)) or kind == "comment_lines"]
        sniffed.append(f"{name}: {', '.join(said)} skipped")


def _dev_from_train(splits: dict, *, fraction: float, seed: int, spec: str | None = None) -> tuple[dict, dict]:
    """A seeded dev split carved out of train (stratified by label for classification items)."""
    from wordeval.datasets.parsers_seq import derive_splits
    from wordeval.datasets.parsers_text import stratified_split
    from wordeval.datasets.types import LabeledText

    train = list(splits["train"])
    if train and isinstance(train[0], LabeledText):
        try:
            parts = stratified_split(train, ["train", "dev"], [1 - fraction, fraction], seed)
        except ValueError:  # a class too small to stratify: plain seeded split
            parts = derive_splits(train, ["train", "dev"], [1 - fraction, fraction], seed)
    else:
        parts = derive_splits(train, ["train", "dev"], [1 - fraction, fraction], seed)
    if not len(parts.get("dev", ())) or not len(parts.get("train", ())):
        from wordeval.errors import ConfigError
        raise ConfigError(f"{spec + ': ' if spec else ''}train has {len(train)} item(s): a dev split of {fraction:g} of them is empty (or leaves "
                          f"no training item); give a dev file, or a larger dev_fraction, in the spec")
    out = {k: v for k, v in splits.items() if k != "train"}
    out.update(parts)
    return out, {"from": "train", "into": ["train", "dev"], "fractions": [1 - fraction, fraction], "seed": seed,
                 "n_before": len(train)}


def _check_carved_chunks(splits: dict, rule: dict, train: Path, spec: str | None) -> None:
    from wordeval.datasets.parsers_seq import check_carved_chunks
    from wordeval.tasks.spec_file import line_of_key

    line = (line_of_key(spec, "dev_fraction") or line_of_key(spec, "split_seed")) if spec else None
    check_carved_chunks(splits, ["train", "dev"], spec or train, line, f"from {train.name} (dev_fraction "
                        f"{rule['fraction']:g}, split_seed {rule['seed']})")


def _tags_carved_out_of_train(before, splits: dict, rule: dict) -> list[str]:
    """The reader's "never seen in train" warnings compare with the whole train file; a tag whose every
    sentence went to the dev split carved from it is not in the train the learner sees either, and was not
    named: its test items count as errors without a word."""
    from wordeval.datasets.types import TaggedSentence

    if not before or not isinstance(before[0], TaggedSentence):
        return []
    kept = set().union(*(s.tags for s in splits["train"]))
    gone = set().union(*(s.tags for s in before)) - kept
    out = []
    for key in sorted(k for k in splits if k != "train"):
        lost = sorted(gone & set().union(*(s.tags for s in splits[key])))
        if lost:
            shown = ", ".join(map(repr, lost[:3])) + (", ..." if len(lost) > 3 else "")
            out.append(f"{key}: {len(lost)} tag(s) of the train file only in the dev split carved from it "
                       f"(dev_fraction {rule['fraction']:g}, split_seed {rule['seed']}), not in the train the "
                       f"learner sees ({shown}); no learner trained here can predict them, so their items count "
                       f"as errors: another split_seed or a dev file keeps them in train")
    return out


def load(name, *, data_home: str | os.PathLike | list | None = None,
         cache_home: str | os.PathLike | None = None, allow_download: bool = True,
         progress: bool = False) -> Dataset:
    """Load a dataset by registered name (``wordeval datasets list`` shows them) or from its DatasetSpec."""
    spec = name if isinstance(name, DatasetSpec) else get_spec(name)
    from wordeval.datasets.loaded_from import mark_loaded

    source, paths, _ = resolve(spec, data_home=data_home, cache_home=cache_home,
                               allow_download=allow_download, progress=progress)
    return mark_loaded(dataset_from(spec, source, paths), spec)


def source_place(source: Source, paths: dict[str, Path]) -> str:
    """Where ``paths`` came from, as records and ``datasets list`` name it: a data home by its folder (there can
    be several, and 'data_home' alone did not say which one held the files)."""
    if source.kind != "data_home":
        return source.describe()
    roots = {str(p.parents[len(Path(source.files[k].path).parts) - 1]) for k, p in paths.items()}
    return f"data_home:{sorted(roots)[0]}"


def dataset_from(spec: DatasetSpec, source: Source, paths: dict[str, Path]) -> Dataset:
    splits, extra, files = parse_source(spec, source, paths)
    where = source_place(source, paths)
    metadata = {**spec.metadata, **extra, "licence": spec.licence, "canonical": spec.canonical,
                "citation": spec.citation}
    if source.note:
        metadata["source_note"] = source.note
    if source.kind == "url":
        # the source alone said "url:2 files": which URL gave which bytes was not recorded
        metadata["urls"] = [{"url": hide_credentials(f.url), **({"member": f.member} if f.member else {}),
                             "file": f.path, "sha256": files[f.path]} for f in source.files.values()]
    return Dataset(name=spec.name, version=spec.version, family=spec.family,
                   splits={k: tuple(splits[k]) for k in sorted(splits, key=lambda s: _SPLIT_ORDER.get(s, 9))},
                   files=files, source=where, metadata=metadata)
