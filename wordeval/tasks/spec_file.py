"""Task declaration files (TOML, read with the standard library's tomllib, tomli on Python 3.10): built-in
tasks and users' benchmarks are declared the same way, one file per task, holding the task and its dataset.

Minimal user file (paths relative to the file; everything else sniffed from the data)::

    name = "card660"            # the task becomes FAMILY/NAME, e.g. similarity/card660
    family = "similarity"       # similarity | analogy | sts | pos | chunking | ner | classification | qvec | qvec-cca
    [files]
    test = "dataset.tsv"        # supervised families: train, dev (optional: split off train, seeded), test

Optional keys: version, description, citation, licence, canonical, main_score, direction, counts,
``sha256`` (file key -> digest, pinned when given), the reader hints ``format``, ``delimiter``, ``header``,
``comment``, ``columns``, ``encoding``, ``scheme``, ``score_scale``, ``decimal``, ``fine`` (TREC), ``labels``,
``subset`` (STS), ``pos_suffix`` (similarity: strip | keep tags such as ``sun-n``), ``[label_map]``
(classification: rename or drop labels), ``deduplicate`` (classification, STS, tagging: one copy of each
text, pair or sentence, test's kept; ``dedupe.TEST_FIRST``, classification's ``TEST_TRAIN_FIRST``),
``escapes`` (classification: "backslash" reads ``\\n`` as a line break, Zhang et al.'s CSVs; ``text_escapes``);
``[classes]`` (label -> file, SentEval's one file per class; or ``[classes.train]``/``[classes.test]``),
``phrases``/``phrase_separator`` (multiword similarity items), ``protocol`` ("split" | "dev" | "cv10"),
``dev_fraction`` and ``split_seed`` (the seeded dev split carved from train when a tagging task has no dev file; classification uses none), and a
``[config]`` table of task defaults.
Built-in files list their ``[[sources]]`` instead (data home, package artifact, canonical URL, each with
sha256-pinned files) plus ``counts``.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
from pathlib import Path
from typing import Any

from wordeval import toml_reader
from wordeval.datasets.spec import DataFile, DatasetSpec, Source
from wordeval.errors import ConfigError, InputFormatError, MissingFileError
from wordeval.paths import refuse_special_file
from wordeval.tasks.families import FAMILIES, family_info
from wordeval.tasks.families import a_family as _a
from wordeval.tasks.spec import TaskSpec

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]*\Z")  # \Z: '$' let a trailing newline in ("mine\n")
_COMMON = {"name", "family", "version", "description", "dataset", "dataset_description", "dataset_version",
           "main_score", "direction", "split", "licence", "license", "citation", "canonical", "counts",
           "bring_your_own", "metadata", "config"}
# the reader hints a spec may give (checked by ``sniff.HINTS``), named once for both uses below
_HINT_KEYS = ("format", "delimiter", "header", "comment", "columns", "encoding", "scheme", "decimal", "fine",
              "labels", "subset", "label_map", "pos_suffix")
_USER_SOURCE = {"files", "classes", "sha256", "score_scale", "dev_fraction", "split_seed", "deduplicate",
                "escapes", *_HINT_KEYS}
_CONFIG_SHORTHANDS = {"phrases", "phrase_separator", "protocol"}
# keys only some families read: given to another family they were accepted and ignored without a word
# (scheme = "IOB2" on a similarity task was even printed back by `datasets check`)
_FAMILY_ONLY_KEYS = {"scheme": ("chunking", "ner"), "labels": ("classification",), "fine": ("classification",),
                     "label_map": ("classification",), "subset": ("sts",), "decimal": ("similarity", "sts"),
                     "pos_suffix": ("similarity", "analogy"), "score_scale": ("similarity", "sts"),
                     # CoNLL and word/TAG files have no header line: header = true was ignored
                     "header": ("similarity", "analogy", "sts", "classification"),
                     # word pairs, analogy questions and QVEC oracles are not deduplicated: refused rather
                     # than read as done
                     "deduplicate": ("classification", "sts", "pos", "chunking", "ner"),
                     "escapes": ("classification",)}
_TOP_LEVEL = _COMMON | _USER_SOURCE | _CONFIG_SHORTHANDS
# what describes or reads a dataset's own files: nothing under dataset = NAME, whose declaration says it
_OWN_DATA_ONLY = (_USER_SOURCE - {"files", "classes"}) | {"counts", "metadata", "dataset_description",
                                                          "dataset_version", "licence", "license",
                                                          "canonical", "bring_your_own"}
_BUILTIN_ONLY = {"sources", "caveats"}  # caveats: what the report says of a built-in dataset
_TABLES = {"files", "config", "metadata"}  # the other tables' readers check their own type
_TAGGING = ("pos", "chunking", "ner")
_SUPERVISED = (*_TAGGING, "classification")
_SOURCE_KEYS = {"kind", "reader", "artifact", "note", "options", "files"}
_FILE_KEYS = {"path", "sha256", "url", "member", "tree_sha256"}


def _line_of(text: str, key: str) -> int | None:
    # [ \t]*, not \s*: \s also matches newlines, and a blank line before the key moved the line number up
    m = (re.search(rf"^[ \t]*{re.escape(key)}[ \t]*[=.\[]", text, re.M)
         or re.search(rf"^\[\[?{re.escape(key)}[.\]]", text, re.M))
    return text[:m.start()].count("\n") + 1 if m else None


def line_of_key(path: str | os.PathLike, key: str) -> int | None:
    """The line of ``key`` in a spec file (for errors found after the spec was read: data against options)."""
    try:
        return _line_of(Path(path).read_text(encoding="utf-8", errors="replace"), key)
    except OSError:
        return None


def _read_spec_bytes(path: Path) -> bytes:
    # a spec is read more than once (planned, then loaded by the run): from a FIFO the second read waited for
    # good, and from a socket read_bytes raised a traceback
    refuse_special_file(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise MissingFileError(f"{path}: task spec file not found") from None
    except IsADirectoryError:
        raise MissingFileError(f"{path}: is a directory, expected a task spec file (.toml)") from None
    except PermissionError:
        raise MissingFileError(f"{path}: permission denied (cannot read the task spec file)") from None


def _read_toml(path: Path, raw: bytes) -> tuple[dict[str, Any], str]:
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # Notepad's BOM: TOML does not allow one
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputFormatError(path, line, "UTF-8 TOML", f"undecodable byte 0x{raw[exc.start]:02x}") from None
    try:
        return toml_reader.loads(text), text
    except toml_reader.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise InputFormatError(path, int(m.group(1)) if m else None, "valid TOML", str(exc)) from None


def _close_hint(key: str, known) -> str:
    # the known keys fill a long line: a typo ('descripton') was left to be found in it by eye
    from wordeval.close_names import close_names

    close = close_names(key, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _misplaced_hint(key: str, table: str) -> str:
    # TOML puts every key after a [table] header into that table: score_scale written below [files] was
    # answered as an unknown file key, which sent the user looking for a typo
    return (f" ({key} is a top-level key, and TOML reads every key below [{table}] as part of that table: "
            f"write {key} above [{table}])")


def _names_a_file(base: Path, value) -> bool:
    return isinstance(value, str) and bool(value.strip()) and (base / os.path.expanduser(value)).exists()


def _fail(path, text, key, expected, got=None):
    raise InputFormatError(path, _line_of(text, key) if key else None, expected, got)


def _line_in(text: str, table: str, key: str) -> int | None:
    """The line of ``key`` inside ``[table]`` (or ``table.key = ...``), else of the table."""
    m = re.search(rf"^\[{re.escape(table)}\][^\n]*\n", text, re.M)
    line = None
    if m:
        after = text[m.end():]
        end = re.search(r"^\[", after, re.M)
        body = after[:end.start()] if end else after
        k = re.search(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", body, re.M)
        line = text[:m.end() + k.start()].count("\n") + 1 if k else None
    k = re.search(rf"^[ \t]*{re.escape(table)}\.\"?{re.escape(key)}\"?[ \t]*=", text, re.M)
    if line is None and k:
        line = text[:k.start()].count("\n") + 1
    return line or _line_of(text, table)


def line_of_table_key(path: str | os.PathLike, table: str, key: str) -> int | None:
    """As ``line_of_key``, for ``key`` inside ``[table]``: ``test`` of [files], not of [counts]."""
    try:
        return _line_in(Path(path).read_text(encoding="utf-8", errors="replace"), table, key)
    except OSError:
        return None


def _fail_in(path, text, table: str, key: str, expected, got=None):
    """As _fail, at the line of ``key`` inside ``[table]`` (or ``table.key = ...``), else of the table."""
    raise InputFormatError(path, _line_in(text, table, key), expected, got)


def _string(data, key, path, text, *, default=None, required=False):
    value = data.get(key, default)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        _fail(path, text, key, f"{key} = a non-empty string", repr(value))
    return value


_VERSION = re.compile(r"(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*")


def _version(data, key, path, text, default: str) -> str:
    """A version string, or an integer taken as its digits: a TOML float is refused, since version = 1.10 read
    as "1.1" (the same version as 1.1), and a list or a boolean was stored as its Python repr. A task's
    ``version`` is whole numbers joined by dots, as the built-in ones count up from "1": -1, 0, "01" or "abc"
    named no version a bump could follow ("01" and "1" two of one). A ``dataset_version`` names a release of
    the data as its authors do (a built-in one is a commit), so any string."""
    value = data.get(key, default)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    elif not isinstance(value, str) or not value.strip():
        _fail(path, text, key, f'{key} = a string such as "1.10" (or an integer)', repr(value))
    if key == "version" and not (_VERSION.fullmatch(value) and value.strip("0.")):
        _fail(path, text, key, 'version = a string such as "1.10" or "2" (whole numbers joined by dots, not '
              "all 0), or a positive integer", repr(value) if isinstance(data.get(key), str) else value)
    return value


def _citation(data, path, text) -> str:
    """BibTeX entries, checked now: references.bib holds them as written, and one unbalanced brace there
    swallowed every entry after it. Plain text (no '@') is kept and written to references.bib as a comment."""
    from wordeval.report.bibtex import bibtex_problem

    value = (_string(data, "citation", path, text) or "").strip()
    if value.startswith("@") and (problem := bibtex_problem(value)):
        _fail(path, text, "citation", "citation = BibTeX entries (@type{key, field = {...}}) with balanced braces "
              "and no control characters, or plain text without a leading '@'", problem)
    return value


@functools.lru_cache(maxsize=None)
def _builtin_root() -> Path:
    return Path(__file__).resolve().parent / "builtin"


def builtin_files() -> dict[str, Path]:
    """``family/name`` -> declaration file of every built-in task (listing only, nothing parsed)."""
    out = {}
    root = _builtin_root()
    for family_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for f in sorted(family_dir.glob("*.toml")):
            out[f"{family_dir.name}/{f.stem}"] = f
    return out


def load_spec_file(path: str | os.PathLike, *, builtin: bool = False) -> tuple[TaskSpec, DatasetSpec | None]:
    """Parse and check one declaration file. Returns the task and the dataset it declares (None when the file
    refers to a dataset declared by another task with ``dataset = "NAME"`` and has no files of its own)."""
    from wordeval.options import flag_argument
    from wordeval.paths import path_argument, resolved
    # a text is true: builtin="no" let a user's file declare what only the package's own may ([[sources]])
    builtin = flag_argument(builtin, "builtin")
    path = resolved(path_argument(path, "task spec file"), "task spec file")
    # keyed by the file's bytes, not its path alone: in a notebook, a spec edited and evaluated again was
    # served from the cache as it was first read (a timestamp can stay equal across two quick edits)
    return _load(path, builtin, _read_spec_bytes(path))


@functools.lru_cache(maxsize=256)
def _load(path: Path, builtin: bool, raw: bytes) -> tuple[TaskSpec, DatasetSpec | None]:
    data, text = _read_toml(path, raw)
    known = _COMMON | _CONFIG_SHORTHANDS | (_BUILTIN_ONLY if builtin else set()) | _USER_SOURCE
    if "sources" in data and not builtin:
        _fail(path, text, "sources", "[files] (a user's spec names its files; [[sources]] declares a built-in "
              "task's)", "[[sources]]")
    unknown = sorted(set(data) - known)
    if unknown:
        _fail(path, text, unknown[0], f"known keys only ({', '.join(sorted(known))})",
              f"unknown key {unknown[0]!r}{_close_hint(unknown[0], known)}")
    for key in _TABLES & set(data):
        if not isinstance(data[key], dict):  # files = 5 or metadata = 5 was a traceback further down
            _fail(path, text, key, f"a [{key}] table", f"{key} = {data[key]!r}")
    name = _string(data, "name", path, text, required=True)
    if not _NAME.match(name):
        # "letters" alone read as any letter: a Turkish or Greek name ('türkçe') was refused as if it had none
        _fail(path, text, "name", "name = ASCII letters (A-Z, a-z), digits and . _ + -, starting with a letter "
              "or digit (no spaces or slashes)", repr(name))
    family = _string(data, "family", path, text, required=True)
    if family not in FAMILIES:
        _fail(path, text, "family", f"family = one of {', '.join(FAMILIES)}",
              repr(family) + _close_hint(family, FAMILIES))
    info = family_info(family)
    if not builtin:
        _check_not_builtin_name(f"{family}/{name}", path, text)
    if builtin:
        expected = path.parent.name + "/" + path.stem
        if f"{family}/{name}" != expected:
            _fail(path, text, "name", f"family/name {expected!r} (the file's place)", f"{family}/{name}")
    version = _version(data, "version", path, text, "1")
    direction = _string(data, "direction", path, text, default="higher")
    if direction not in ("higher", "lower"):
        _fail(path, text, "direction", 'direction = "higher" or "lower"', repr(direction))
    main_score = _string(data, "main_score", path, text) or info.main_score
    if main_score not in info.allowed_main_scores:
        _fail(path, text, "main_score", f"main_score one of {', '.join(info.allowed_main_scores)} for "
              f"{_a(family)} task (a score that comparisons can recompute on resampled items)",
              repr(main_score))
    config = dict(data.get("config") or {})
    if not isinstance(data.get("config", {}), dict):
        _fail(path, text, "config", "a [config] table")
    for key in _CONFIG_SHORTHANDS & set(data):
        config[key] = data[key]
    dataset_name = _string(data, "dataset", path, text) or name
    has_files = any(k in data for k in ("files", "classes", "sources"))
    task = TaskSpec(name=f"{family}/{name}", version=version, family=family, dataset=dataset_name,
                    main_score=main_score, direction=direction,
                    split=_string(data, "split", path, text) or _default_split(data, family, builtin),
                    description=_string(data, "description", path, text) or "",
                    parameters=config, origin=f"builtin:{family}/{name}.toml" if builtin else str(path),
                    spec_sha256="" if builtin else hashlib.sha256(raw).hexdigest())
    if not builtin:
        _check_task_config(task, path, text)
    if not has_files:
        if "dataset" not in data:
            _fail(path, text, "files", "a [files] table (or [classes], or dataset = NAME of another task's data)")
        if "citation" in data:
            # a citation belongs to the data, and this data is declared (and cited) by the task that owns it:
            # the entry here was read by nothing and silently left out of references.bib
            _fail(path, text, "citation", f"no citation in a task that reads another task's data (dataset = "
                  f"{dataset_name!r} is cited by its own declaration)", "a citation")
        # the built-in data is read, described and counted as its own task declares it: these keys were
        # accepted and ignored (delimiter, sha256, counts, deduplicate ...), so the spec said what was not done
        ignored = sorted((k for k in _OWN_DATA_ONLY if k in data), key=lambda k: _line_of(text, k) or 0)
        if ignored:
            key = ignored[0]
            _fail(path, text, key, f"{key} only in a spec that names its own files ([files] or [classes]; "
                  f"dataset = {dataset_name!r} is read as its own task reads it, and {key} would be ignored)",
                  f"{key} = {_toml_text(data[key])}")
        if not builtin:
            _check_dataset_name(dataset_name, family, path, text)
            _check_builtin_split(dataset_name, data, path, text)
        return task, None
    if not builtin and "dataset" in data:
        _check_own_dataset_name(dataset_name, path, text)
    counts = data.get("counts") or {}
    if not isinstance(counts, dict) or not all(isinstance(v, int) and v >= 0 for v in counts.values()):
        _fail(path, text, "counts", "counts = {split = number of items, ...}", repr(counts))
    metadata = dict(data.get("metadata") or {})
    for key in ("scheme", "score_scale", "pos_suffix"):  # pos_suffix: analogy's tag warning heeds a "keep"
        if key in data:
            metadata[key] = data[key]
    sources = (_builtin_sources(data, path, text) if "sources" in data
               else (_user_source(data, path, text, family),))
    dataset = DatasetSpec(
        name=dataset_name, version=_version(data, "dataset_version", path, text, version), family=family,
        description=_string(data, "dataset_description", path, text) or task.description or f"user dataset {name}",
        counts=counts, licence=_string(data, "licence", path, text) or _string(data, "license", path, text)
        or "not stated (user-supplied)", citation=_citation(data, path, text),
        canonical=_string(data, "canonical", path, text) or str(path), sources=sources, metadata=metadata,
        bring_your_own=_string(data, "bring_your_own", path, text) or "", caveats=_caveats(data, path, text))
    return task, dataset


def _check_not_builtin_name(task: str, path, text: str) -> None:
    """A user's spec may not take a built-in task's family/name: stores, compare and report key a task by it,
    so the user's records and the built-in task's were one task, the later replacing the earlier under one
    row (a row named simlex999 could show a 12-pair file's score)."""
    builtin_file = builtin_files().get(task)
    if builtin_file is None:
        return
    data = load_spec_file(builtin_file, builtin=True)[0].dataset
    name = task.partition("/")[2]
    _fail(path, text, "name", f"name = one no built-in task has ({task} is built in, and its records and this "
          f"spec's would be stored, compared and reported as one task; choose another name, with dataset = "
          f"{json.dumps(data)} to read the built-in data under it)", repr(name))


def _caveats(data, path, text: str) -> tuple[str, ...]:
    value = data.get("caveats", [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        _fail(path, text, "caveats", "caveats = a list of non-empty strings", repr(value))
    return tuple(value)


def _check_task_config(task: TaskSpec, path, text: str) -> None:
    """A user spec's task options (``[config]`` and the shorthands ``phrases``, ``protocol``) checked by their
    family now, at the line of the key the error names: they were checked only when a run began, in a
    message naming neither the spec nor the line."""
    from wordeval.tasks.task import Task

    try:
        checked = Task(task).validate_config()
    except ConfigError as exc:
        message = str(exc)
        named = [k for k in sorted(task.parameters, key=len, reverse=True)
                 if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", message, re.I)]
        line = (_line_of(text, named[0]) if named else None) or _line_of(text, "config") or 1
        raise ConfigError(f"{path}:{line}: {message}") from None
    for key, value in task.parameters.items():
        kind = _quoted_kind(value, checked.get(key))
        if kind:
            # TOML has numbers and booleans: `epochs = "30"` was read as 30 without a word, so a spec that says
            # something else than it means passed (and a typo such as "3O" was the only way to learn of it)
            line = _line_of(text, key) or _line_of(text, "config") or 1
            raise ConfigError(f"{path}:{line}: expected {key} = {kind}, written without quotes (TOML reads a "
                              f"quoted value as a string), got {key} = {_toml_text(value)}")


def _quoted_kind(raw: Any, checked: Any) -> str | None:
    """'an integer', 'a number' or 'a boolean' where a spec wrote as a string what its family reads as one."""
    if isinstance(raw, str):
        if isinstance(checked, bool):
            return "a boolean"
        if isinstance(checked, int):
            return "an integer"
        if isinstance(checked, float):
            return "a number"
        return None
    if isinstance(raw, list) and isinstance(checked, (list, tuple)) and len(raw) == len(checked):
        return next((k for k in map(_quoted_kind, raw, checked) if k), None)
    if isinstance(raw, dict) and isinstance(checked, dict):
        return next((k for n, v in raw.items() if (k := _quoted_kind(v, checked.get(n)))), None)
    return None


def _toml_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (str, list, dict)) else str(value)


def _check_own_dataset_name(name: str, path, text: str) -> None:
    """A spec with files of its own names its data: a built-in dataset's name there put the user's file under
    that name in the records, and README's dataset = NAME (read the built-in data) was silently not done."""
    from wordeval.registry import REGISTRY
    if name in REGISTRY.names("dataset"):
        _fail(path, text, "dataset", "dataset = a name no built-in dataset has where the spec names its own "
              f"files (without [files] or [classes] the task reads the built-in {name!r})", repr(name))


def _check_dataset_name(name: str, family: str, path, text: str) -> None:
    from wordeval.datasets.load import get_spec
    from wordeval.errors import UnknownNameError

    try:
        data = get_spec(name)
    except UnknownNameError as exc:
        raise UnknownNameError(f"{path}:{_line_of(text, 'dataset') or 1}: {exc}") from None
    # another family's data (a similarity task on conll2003's sentences) passed `datasets check` and ended the
    # run in a traceback; QVEC and QVEC-CCA read the same oracles
    qvec = ("qvec", "qvec-cca")
    if data.family != family and not (data.family in qvec and family in qvec):
        got = f"{name!r}, {data.family} data"
        if family in _TAGGING and data.family in _TAGGING:
            # CoNLL-2000 holds POS beside its chunks: a researcher asking for them was told only 'chunking data'.
            # The name stands for the column its own task scores (its records, cache and counts are that one
            # dataset's), so another column is the same files named under [files], which the family sniffs
            # (a data home's files only: an artifact's members are no path a user can name)
            got += f", whose tags are its {data.family} column"
            files = next((s.files for s in data.sources if s.kind == "data_home"), None)
            if files:
                named = ", ".join(f"{split} = \"{f.path}\"" for split, f in files.items())
                got += (f": to tag another column of its files, name them under [files] ({named} under the data "
                        f"home) instead of dataset; {_a(family)} task finds its column, or set "
                        "columns = {token = ..., tag = ...}")
        _fail(path, text, "dataset", f"dataset = the name of {family} data ({_a(family)} task reads it)", got)


def _check_builtin_split(name: str, data, path, text: str) -> None:
    """``split`` under ``dataset = NAME`` among the splits its declaration counts: an intrinsic task scored
    the data's one split whatever split named, and its record said the split named (train, over a test)."""
    from wordeval.datasets.load import get_spec

    splits = sorted(get_spec(name).counts)
    if "split" in data and splits and data["split"] not in splits:
        _fail(path, text, "split", f"split = one of {', '.join(repr(s) for s in splits)} (the splits of "
              f"dataset = {name!r})", repr(data["split"]) + _close_hint(str(data["split"]), splits))


def _builtin_sources(data, path, text) -> tuple[Source, ...]:
    out = []
    for i, src in enumerate(data["sources"]):
        where = f"[[sources]] #{i + 1}"
        if not isinstance(src, dict) or set(src) - _SOURCE_KEYS:
            _fail(path, text, "sources", f"{where} with keys {', '.join(sorted(_SOURCE_KEYS))}", repr(src)[:80])
        files = {}
        for key, f in (src.get("files") or {}).items():
            if not isinstance(f, dict) or "path" not in f or set(f) - _FILE_KEYS:
                _fail(path, text, "sources", f"{where}: files.{key} = {{path = ..., sha256 = ...}}", repr(f)[:80])
            files[key] = DataFile(f["path"], f.get("sha256"), url=f.get("url"), member=f.get("member"),
                                  tree_sha256=f.get("tree_sha256"))
        artifact = _artifact(src["artifact"], path, text) if src.get("artifact") else None
        try:
            out.append(Source(src.get("kind", ""), files, src.get("reader", ""), dict(src.get("options") or {}),
                              artifact=artifact, note=src.get("note", "")))
        except ValueError as exc:
            _fail(path, text, "sources", f"{where}: a valid source", str(exc))
    return tuple(out)


def _artifact(name: str, path, text):
    """The package artifact called ``name`` (``NAME`` or ``NAME-sdist``) in the artifact table."""
    import importlib

    from wordeval.artifacts import PackageArtifact

    for module in ("wordeval.artifact_table", "wordeval.datasets.packages"):
        try:
            table = importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        for obj in vars(table).values():
            if isinstance(obj, PackageArtifact) and name == obj.name + ("-sdist" if obj.sdist else ""):
                return obj
    _fail(path, text, "artifact", "an artifact named in wordeval/artifact_table.py", repr(name))


def _default_split(data, family: str, builtin: bool) -> str:
    """The split an intrinsic user task scores when its spec names none: its one file, whatever its key. The
    record said "test" for a file under [files] all, train or dev (the split is in no request key, so only
    the record's dataset.split moves; a spec with a test file is recorded as before)."""
    files = data.get("files")
    if not builtin and family not in _SUPERVISED and isinstance(files, dict) and len(files) == 1 \
            and "classes" not in data and next(iter(files)) in ("train", "dev", "all"):
        return next(iter(files))
    return "test"


def _relative_file(base: Path, value, path, text, table, key) -> Path:
    if not isinstance(value, str) or not value.strip():
        _fail_in(path, text, table, key, f"{table}.{key}: a path relative to the spec file", repr(value))
    from wordeval.errors import WordevalError
    from wordeval.paths import expand_user
    try:
        p = expand_user(value, f"{table}.{key}")
    except WordevalError as exc:  # ~NAME of no user, or ~ without a home: a traceback, at `datasets check` too
        _fail_in(path, text, table, key, f"{table}.{key}: a path relative to the spec file", str(exc))
    return p if p.is_absolute() else (base / p)


def _user_source(data, path: Path, text: str, family: str) -> Source:
    base = path.parent
    files: dict[str, Path] = {}
    for key, value in (data.get("files") or {}).items():
        if key not in ("train", "dev", "test", "all"):
            _fail_in(path, text, "files", key, "file keys train, dev, test (or all)",
                     repr(key) + (_misplaced_hint(key, "files") if key in _TOP_LEVEL
                                  else _close_hint(key, ("train", "dev", "test", "all"))))
        files[key] = _relative_file(base, value, path, text, "files", key)
    classes = data.get("classes")
    if classes is not None and family != "classification":
        # one file per class is classification's layout: a similarity task read its one [classes] file as
        # the split "all/LABEL" and scored it, the label ignored
        _fail(path, text, "classes", f"[files] for {_a(family)} task ([classes] label = file is for a "
              f"classification task)", "[classes]")
    if classes is not None:
        if not isinstance(classes, dict) or not classes:
            _fail(path, text, "classes", "[classes] label = file (or [classes.train], [classes.test])")
        nested = all(isinstance(v, dict) for v in classes.values())
        groups = classes if nested else {"all": classes}
        for split, table in groups.items():
            if split not in ("train", "dev", "test", "all") or not isinstance(table, dict):
                _fail(path, text, "classes", "[classes] label = file, or per split [classes.train] ...", repr(split))
            for label, value in table.items():
                if split == "all" and label in _TOP_LEVEL and not _names_a_file(base, value):
                    _fail_in(path, text, "classes", label, "[classes] label = file",
                             f"{label} = {value!r}{_misplaced_hint(label, 'classes')}")
                files[f"{split}/{label}"] = _relative_file(base, value, path, text,
                                                           "classes" if split == "all" else f"classes.{split}", label)
    if not files:
        _fail(path, text, "files", "at least one file under [files] or [classes]")
    splits = {k.partition("/")[0] for k in files}
    _check_split_keys(family, splits, data, path, text)
    pins = data.get("sha256") or {}
    if not isinstance(pins, dict):
        _fail(path, text, "sha256", "sha256 = {file key = hex digest}")
    for key, digest in pins.items():
        if key not in files:
            _fail(path, text, "sha256", f"sha256 keys among {', '.join(sorted(files))}", repr(key))
        if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-fA-F]{64}", digest.strip()):
            _fail(path, text, "sha256", "a 64-digit hex sha256", repr(digest))
    # as Windows' certutil and Get-FileHash print them: upper case
    pins = {k: v.strip().lower() for k, v in pins.items()}
    _check_family_keys(data, family, path, text)
    if "score_scale" in data:
        _check_score_scale(data["score_scale"], path, text)
    hints = {k: data[k] for k in _HINT_KEYS if k in data}
    _check_hints(hints, path, text)
    options: dict[str, Any] = {"hints": hints, "spec": str(path)}
    if "deduplicate" in data:
        if not isinstance(data["deduplicate"], bool):  # "true" in quotes too: TOML reads it as a string
            _fail(path, text, "deduplicate", "deduplicate = true or false, written without quotes",
                  f"deduplicate = {_toml_text(data['deduplicate'])}")
        if data["deduplicate"]:  # a reader option: copies are dropped before any split is used
            from wordeval.datasets.dedupe import TEST_FIRST, TEST_TRAIN_FIRST
            options["deduplicate"] = list(TEST_TRAIN_FIRST if family == "classification" else TEST_FIRST)
    if "escapes" in data:
        _check_escapes(data["escapes"], path, text)
        if data["escapes"] != "none":  # a reader option: the texts are decoded as each file is read
            options["escapes"] = data["escapes"]
    if family == "classification":
        # its learner chooses C by cross-validation on train and uses no dev split: a dev carved from train
        # only took 10 % of the user's training documents away
        for key in ("dev_fraction", "split_seed"):
            if key in data:
                _fail(path, text, key, f"no {key} for a classification task (C is chosen by cross-validation on "
                      f"train, which is used whole)", repr(data[key]))
    elif family in _SUPERVISED and "dev" not in splits and "train" in splits:
        frac = data.get("dev_fraction", 0.1)
        seed = data.get("split_seed", 0)
        if not isinstance(frac, (int, float)) or not 0 < frac < 1:
            _fail(path, text, "dev_fraction", "dev_fraction = a number in (0, 1)", repr(frac))
        if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
            _fail(path, text, "split_seed", "split_seed = a non-negative integer", repr(seed))
        options["dev_from_train"] = {"fraction": float(frac), "seed": seed}
    else:
        # no dev split is carved here (an intrinsic task, or a tagging task with its own dev file): the keys were
        # accepted unchecked and ignored, so a spec meant to hold out 20 % of train was run on another split
        for key in ("dev_fraction", "split_seed"):
            if key in data:
                why = (f"{_a(family)} task with a dev file uses that file" if family in _TAGGING
                       else f"{_a(family)} task trains nothing")
                _fail(path, text, key, f"{key} only for {_a(*_TAGGING)} task without a dev file ({why})",
                      f"{key} = {data[key]!r}")
    datafiles = {key: DataFile(str(p), pins.get(key)) for key, p in files.items()}
    reader = hints.get("format", "auto")
    return Source("local", datafiles, reader, options)


def _check_split_keys(family: str, splits: set, data, path, text: str) -> None:
    """The file keys a family reads. A tagger trains on train, stops on dev and is scored on test (it has no
    cross-validation: ``all`` alone cannot be split). An intrinsic task scores one file: given several, the
    others would be hashed and never read (and train + dev, without the scored split, had no file to score).
    Classification's needs depend on its protocol, which ``--set`` may change: they are checked with the data
    (``wordeval.extrinsic.classification.check_data``)."""
    got = ", ".join(sorted(splits))
    if family in _TAGGING:
        for needed in ("train", "test"):
            if needed not in splits:
                _fail(path, text, "files", f"[files] train and test for {_a(family)} task (dev optional: "
                      f"else a seeded part of train); taggers have no cross-validation over one file", got)
        if "all" in splits:
            _fail(path, text, "files", f"[files] train, dev, test for {_a(family)} task (no 'all')", got)
    elif family != "classification" and len(splits) > 1:
        scored = data.get("split", "test")
        _fail(path, text, "files", f"one file for {_a(family)} task ([files] {scored} = ...; it is the one "
              f"scored, {_a(family)} task trains nothing)", got)
    elif family != "classification" and data.get("split", next(iter(splits))) not in splits:
        # the one file was scored anyway, and the record named the split it was told: split = "train" over a
        # test file recorded a score on train
        _fail(path, text, "split", f"split = {next(iter(splits))!r}, the key of the {family} task's one file (the "
              f"split it scores)", repr(data["split"]))


def _check_family_keys(data, family: str, path, text: str) -> None:
    for key, families in _FAMILY_ONLY_KEYS.items():
        if key in data and family in FAMILIES and family not in families:
            _fail(path, text, key, f"{key} only for {_a(*families)} task ({_a(family)} task "
                                   f"does not read it)", f"{key} = {data[key]!r}")


def _check_escapes(value, path, text: str) -> None:
    from wordeval.datasets.text_escapes import ESCAPES

    if not isinstance(value, str) or value not in ESCAPES:
        close = _close_hint(value, ESCAPES) if isinstance(value, str) else ""
        _fail(path, text, "escapes", f"escapes = {' or '.join(map(json.dumps, ESCAPES))} (\"backslash\": "
              "'\\n' is a line break, '\\\"' a quote and '\\\\' a backslash, as Zhang et al.'s CSVs write "
              "them)",
              f"escapes = {_toml_text(value)}{close}")


def _check_score_scale(value, path, text: str) -> None:
    """``score_scale = [low, high]``: the range the gold scores were rated on, checked against the data when
    it is read (a 0-10 file declared as 1-7 was accepted, and any value, a string too, was recorded)."""
    # finite: TOML's inf is a float, and [0, inf] passed as a scale while it bounds nothing a rater could use
    ok = (isinstance(value, list) and len(value) == 2
          and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value)
          and value[0] < value[1])
    if not ok:
        _fail(path, text, "score_scale", "score_scale = [lowest, highest] (two numbers, lowest first)", repr(value))


def _check_hints(hints: dict, path, text: str) -> None:
    """Reader hints checked here, where a bad value can be reported at its line of the spec (the sniffer
    checks them again, for callers that pass hints directly)."""
    from wordeval.datasets.sniff import HINTS

    for key, value in hints.items():
        if key == "label_map" and isinstance(value, dict):  # a bad entry at its own line, not the table's
            for label, to in value.items():
                try:
                    HINTS[key][0]({label: to}, key)
                except ConfigError as exc:
                    raise ConfigError(f"{path}:{_line_in(text, key, label) or 1}: {exc}") from None
        try:
            checked = HINTS[key][0](value, key)
        except ConfigError as exc:
            raise ConfigError(f"{path}:{_line_of(text, key) or 1}: {exc}") from None
        kind = _quoted_kind(value, checked)
        if kind:  # `header = "yes"` was read as true, where [config] refuses a quoted boolean
            raise ConfigError(f"{path}:{_line_of(text, key) or 1}: expected {key} = {kind}, written without quotes "
                              f"(TOML reads a quoted value as a string), got {key} = {_toml_text(value)}")

