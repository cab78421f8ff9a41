"""Where wordeval may write: never over what it did not create.

Every output folder wordeval makes holds a marker file (``.wordeval-output``) naming its kind (``store``,
``report``, ``predictions``). ``check_output`` is called before any work starts:

- a path that does not exist is fine (created later, its parent must be writable);
- an existing empty folder is fine;
- an existing folder with the marker of the same kind is fine (a store is resumed, a report replaced
  atomically); with ``force`` a wordeval output of another kind may be replaced too;
- anything else — a regular file, a foreign non-empty folder, the folder of an input being read or a
  folder that contains one, the current directory or one of its parents, the home directory, ``/`` — is an
  ``OutputError`` (exit 2) with one line saying why, and nothing is touched.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable, Mapping

from wordeval.errors import OutputError

MARKER = ".wordeval-output"
# what the temporary folder that tests a parent's writability is named after (``_check_creatable``)
PROBE = "wordeval-probe"
KINDS = ("store", "report", "predictions")
# What each kind writes at its top level: a folder that is about to be removed must hold nothing else, so a
# file a user added to a wordeval output (notes.txt in a report folder) stops the replacement instead of
# going with it.
_WRITTEN = {
    # the database and the files SQLite keeps beside it, by their exact names: a prefix also took a user's
    # copy (results.sqlite.bak) or folder (results.sqlite-old/) for the store's, and --force removed them
    "store": lambda name: name in {"results.sqlite", "results.sqlite-wal", "results.sqlite-shm",
                                   "results.sqlite-journal", "results.dask.log"},  # dask_log's, beside it
    "report": lambda name: name in {"report.md", "report.tex", "report.html", "results.csv", "results.json",
                                    "references.bib", "figures"},
    # each file with its .json sidecar (wordeval.results.predictions.sidecar)
    "predictions": lambda name: name.removesuffix(".json").endswith((".tsv", ".conll")) and "__" in name,
}
# ... and below it: a report's figures folder holds only the figures it draws (each as PNG and SVG); a file a
# user put there went with the folder when the report was replaced
_WRITTEN_BELOW = {("report", "figures"): lambda name: bool(re.fullmatch(r"[a-z_]+\.(png|svg)", name))}


def _marker_leftover(name: str) -> bool:
    """A temporary file or folder of wordeval's atomic writes (``wordeval.atomic_write``), left behind when
    the process was killed between its write and its rename (the marker's, by an older wordeval, without the
    writer in its name): wordeval's own, so it neither makes the folder a user's nor counts as content. The
    next write of that name there sweeps it."""
    from wordeval.atomic_write import is_leftover_name

    return is_leftover_name(name) or (name.startswith(f".{MARKER}.") and name.endswith(".tmp"))


def write_marker(folder: str | os.PathLike, kind: str) -> None:
    from wordeval.atomic_write import atomic_write_text
    import wordeval

    atomic_write_text(Path(folder) / MARKER, json.dumps({"kind": kind, "wordeval": wordeval.__version__}) + "\n")


def marker_kind(folder: str | os.PathLike) -> str | None:
    """The kind of wordeval output in ``folder`` (None when it is not one). A store folder written before
    markers existed (only ``results.sqlite`` and its WAL files) counts as a store."""
    folder = Path(folder)
    if (folder / MARKER).is_symlink():
        # wordeval writes its marker as a file, never a link: a link to another output's marker made a user's
        # folder pass for that output, and its files (report.md, results.csv) were replaced
        return None
    try:
        # not a regular file (a FIFO): opened, it blocked the check until something wrote into it
        if (folder / MARKER).is_file():
            data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
            kind = data.get("kind") if isinstance(data, dict) else None
            return kind if kind in KINDS else None
    except (OSError, ValueError):
        pass
    try:
        names = {p.name for p in folder.iterdir() if not _marker_leftover(p.name)}
    except OSError:
        return None
    if ("results.sqlite" in names and names <= {"results.sqlite", "results.sqlite-wal", "results.sqlite-shm"}
            and is_store_file(folder / "results.sqlite")):
        return "store"
    return None


def is_store_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a wordeval result store: an SQLite file whose meta table names its store schema.
    Read-only, and any failure is "no": another program's database named results.sqlite must never be taken
    for a store and written into."""
    return store_schema(path) is not None


def store_schema(path: str | os.PathLike) -> str | None:
    """The store schema ``path`` declares (read-only; None when it is no wordeval store)."""
    import sqlite3

    if not Path(path).is_file():  # SQLite's open of a FIFO (f.sqlite made by mkfifo) waited for a writer for good
        return None
    try:
        db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE name = 'store_schema'").fetchone()
            return None if row is None else str(row[0])
        finally:
            db.close()
    except (sqlite3.Error, OSError, ValueError):
        return None


def _not_a_store(path: Path, name_new: str) -> str:
    """Why an existing file is not resumed as a store, and what to do. A store cut short on disk (a truncated
    copy, a full disk under another tool) was called "not a wordeval result store", in a folder wordeval had
    marked as one, while compare and status said SQLite found it malformed."""
    damage, limit = _sqlite_damage(path)
    if limit is not None:
        # under `ulimit -f` SQLite cannot grow the -shm it reads a WAL store through and says 'disk I/O
        # error': a sound store (often the one that limit cut short while the last run created it) was
        # called damaged, and the user told to give it up rather than to raise the limit and resume it
        return (f"cannot be read ({damage}: the file-size limit (ulimit -f) of {limit:,} bytes was reached); "
                f"raise the limit, then run the same command again to resume")
    return (f"exists and SQLite cannot read it ({damage}: a store damaged or cut short, or no database), so a run "
            f"cannot resume it; {name_new}" if damage
            else f"exists and is not a wordeval result store; {name_new}")


def _sqlite_damage(path: Path) -> tuple[str | None, int | None]:
    """What SQLite says of a file it cannot read (None when it reads it: another program's database), and the
    file-size limit where that limit is why it cannot."""
    import sqlite3

    from wordeval.results.store_write_errors import file_size_limit_hit

    if not path.is_file():  # a FIFO: its open waits for a writer (``store_schema``)
        return None, None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            db.execute("SELECT name FROM sqlite_master").fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return str(exc), file_size_limit_hit(path, exc)
    except (OSError, ValueError):
        return None, None
    return None, None


def _check_store_to_resume(store_file: Path, raw: str, option: str) -> None:
    """A store is written into only when it is one of the schema this wordeval writes. Before, a marked
    folder's results.sqlite was opened whatever it was: another program's database got wordeval's tables
    added, and a store of another schema failed after planning with 'disk full, read-only or locked?'."""
    from wordeval.results.store import STORE_SCHEMA

    if not store_file.exists():
        return
    found = store_schema(store_file)
    if found is None and _store_being_created(store_file):
        return  # a run killed while it created the store (marker written, tables not yet): resumed
    if found is None:
        # a store cut short on disk (a truncated copy, a full disk under another tool) was called "not a wordeval
        # result store" in a folder wordeval had marked as one, while compare and status said it was damaged
        why = _not_a_store(store_file, "name a new folder")
        raise OutputError(f"{option} {raw}: {store_file.name} {why}")
    if found != str(STORE_SCHEMA):
        raise OutputError(f"{option} {raw}: a wordeval result store of store schema {found}, and this wordeval "
                          f"writes schema {STORE_SCHEMA}; name a new folder")


def _store_being_created(store_file: Path) -> bool:
    """Whether the results.sqlite of a folder marked as a store is one whose creation was cut short: an empty
    file, or an SQLite file holding nothing but some of wordeval's tables and no schema yet. Before, a run
    killed at that moment left a folder that every later run refused as 'not a wordeval result store'."""
    return _tables_in_creation(store_file) is not None


def _tables_in_creation(store_file: Path) -> set[str] | None:
    """The tables of a store file whose creation is under way or was cut short (``_store_being_created``;
    none for an empty file), None where it is not one: read in one connection, where the two questions
    opened the database twice."""
    import sqlite3

    from wordeval.results.store import STORE_TABLES

    try:
        if not store_file.is_file():  # a FIFO's size is 0 too, and opening it waits (``store_schema``)
            return None
        if store_file.stat().st_size == 0:
            return set()
        db = sqlite3.connect(f"{store_file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            empty_meta = "meta" not in tables or db.execute("SELECT COUNT(*) FROM meta").fetchone()[0] == 0
            return tables if tables <= STORE_TABLES and empty_meta else None
        finally:
            db.close()
    except (sqlite3.Error, OSError, ValueError):
        return None


def store_in_creation(store_file: str | os.PathLike) -> bool:
    """Whether ``store_file`` is a wordeval store whose creation is under way or was cut short by a kill: in a
    folder marked as a store, no results.sqlite yet or one without its tables (``_store_being_created``);
    anywhere, an SQLite file holding some of wordeval's tables and nothing else (an older wordeval created
    them one by one). An empty database outside a marked folder may be anyone's, and is not taken for one."""
    store_file = Path(store_file)
    marked = store_file.name == "results.sqlite" and marker_kind(store_file.parent) == "store"
    if not store_file.exists():
        return marked and not store_file.is_symlink()
    tables = _tables_in_creation(store_file) if store_file.is_file() else None
    return tables is not None and (marked or bool(tables))


def _is_within(child: Path, parent: Path) -> bool:
    try:
        child.relative_to(parent)
        return True
    except ValueError:
        return False


def same_place(a: Path, b: Path) -> bool:
    """Whether two resolved paths name one file or folder. Resolved names keep the case they were written in,
    so on a case-insensitive file system (macOS APFS, Windows) ``r`` and ``R`` differ as names while naming
    one folder, as do a folder and a bind mount of it: the file system's identity of each settles it."""
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one of them does not exist (yet): not the same as one that does
        return False


def _is_within_place(child: Path, parent: Path) -> bool:
    """``child`` is ``parent`` or below it, by name or by the file system's identity of its folders."""
    return _is_within(child, parent) or any(same_place(c, parent) for c in (child, *child.parents))


def check_output(path: str | os.PathLike, kind: str, *, inputs: Iterable[str | os.PathLike] = (),
                 force: bool = False, option: str = "--out",
                 within: Mapping[str, str | os.PathLike] | None = None,
                 force_option: str | None = None) -> Path:
    """Decide up front whether ``path`` may receive an output of ``kind``; returns the resolved path.
    ``within``: option -> the command's other output folders, which ``path`` must not be, hold or be inside of.
    ``force_option``: how the caller asks for ``force`` (the CLI's ``--force``, ``write_report``'s
    ``force=True``); None where it cannot (``run``, ``ResultStore``, the demo), whose refusal says to remove
    that output instead."""
    there = _is_there(path)
    try:
        return _checked_output(path, kind, inputs=inputs, force=force, option=option, within=within,
                               force_option=force_option)
    except (OutputError, FileNotFoundError):
        # removed while it was looked at: a run that had created it and failed having stored nothing took it
        # away (``store_discard``), and a second run started on the same new --out was refused as "not
        # writable" by what was left of it. Looked at again, as the new path it now is
        if not there or _is_there(path):
            raise
    return _checked_output(path, kind, inputs=inputs, force=force, option=option, within=within,
                           force_option=force_option)


def _is_there(path) -> bool:
    try:
        return os.path.lexists(os.fspath(path))
    except (TypeError, ValueError):  # not a path: _check_output says so
        return False


def _checked_output(path, kind, *, inputs, force, option, within, force_option) -> Path:
    import errno

    try:
        p = _check_output(path, kind, inputs=inputs, force=force, option=option, force_option=force_option,
                          others=within or {})
        _check_not_within(p, path, within or {}, option)
        return p
    except OSError as exc:
        # a name the file system refuses (ENAMETOOLONG) failed the first look at it with a traceback
        if exc.errno != errno.ENAMETOOLONG:
            raise
        raise OutputError(f"{option} {os.fspath(path)}: a name in it is longer than the file system allows "
                          f"({exc.strerror}); choose a shorter one") from None


def _check_not_within(p: Path, raw: str | os.PathLike, within: Mapping[str, str | os.PathLike], option: str) -> None:
    """The marker check below refuses an output inside another only once that one exists: with a new --out,
    --save-predictions inside it was made first and the store then refused its own folder as holding files
    wordeval did not write (exit 2, that folder left behind, and the same command refused for good), and the
    demo's report inside a new --store was refused only after the whole demo had run."""
    for other_option, other in within.items():
        from wordeval.paths import resolved
        folder = resolved(other, other_option, OutputError)
        if folder.suffix in (".sqlite", ".db"):  # a store named by its file: its folder is not an output
            continue
        if not same_place(p, folder) and _is_within_place(p, folder):
            raise OutputError(f"{option} {os.fspath(raw)}: inside {other_option} {os.fspath(other)}; name a "
                              f"folder outside it")


def _overlaps(p: Path, q: Path) -> bool:
    """Whether output ``p`` is ``q``, the folder of ``q`` where that is a store or record file, or holds ``q``."""
    folder = q.parent if q.suffix in (".sqlite", ".db", ".json", ".jsonl") else q
    return same_place(p, q) or same_place(p, folder) or _is_within_place(q, p)


def _check_output(path: str | os.PathLike, kind: str, *, inputs: Iterable[str | os.PathLike],
                  force: bool, option: str, force_option: str | None = None,
                  others: Mapping[str, str | os.PathLike] = {}) -> Path:
    if kind not in KINDS:
        raise ValueError(kind)
    from wordeval.paths import path_argument
    raw = os.fspath(path_argument(path, option))
    if not raw.strip():
        raise OutputError(f"{option}: an empty path")
    from wordeval.paths import dangling_link, expand_user, resolved
    p = resolved(raw, option, OutputError)
    # resolve() follows a link whether or not its target exists: the output was written through it, creating
    # the target (and the folders above it) wherever the link pointed
    expanded = expand_user(raw, option, OutputError)
    if (link := dangling_link(expanded)) is not None:
        raise OutputError(f"{option} {raw}: {'' if link == expanded else f'{link} in it is '}a dangling symbolic "
                          f"link (to {os.readlink(link)}, which does not exist); create its target, or name another "
                          f"path")
    if kind == "store" and p.suffix in (".json", ".jsonl"):
        raise OutputError(f"{option} {raw}: a store is a folder (or a .sqlite file); .json and .jsonl name record "
                          f"files, which compare and report read but a run does not write")
    try:
        cwd = Path.cwd().resolve()
    except FileNotFoundError:  # removed under the command: nothing of it left to write over
        cwd = None
    from wordeval.paths import home_folder
    home = home_folder()
    protected = {Path("/").resolve(), *(x.resolve() for x in (home, cwd) if x is not None)}
    if any(same_place(p, x) for x in protected) or (cwd is not None and _is_within_place(cwd, p)):
        raise OutputError(f"{option} {raw}: refusing to write over the current directory, one of its parents or "
                          f"the home directory; name a new folder")
    for item in inputs:
        q = resolved(item, "input", OutputError)  # a link loop was a traceback (report LOOP --out R)
        if _overlaps(p, q):
            raise OutputError(f"{option} {raw}: is (or contains) the input {os.fspath(item)}; name another folder")
    # before the marker checks below: --save-predictions naming a store --out resumes was told to --force over it
    for other_option, other in others.items():
        if _overlaps(p, resolved(other, other_option, OutputError)):
            # said as an input, `--save-predictions f --out f` named f 'the input', which the command only writes
            raise OutputError(f"{option} {raw}: is (or contains) {other_option} {os.fspath(other)}, which this "
                              f"command writes too; name another folder")
    for parent in p.parents:
        # an output nested in another (a report written into the store's folder) is a foreign file there:
        # that output could no longer be replaced, and --force refused it
        # R/results.sqlite names the store of the store folder R itself; any other file there (REPORT/mine.sqlite,
        # STORE/mine.sqlite) is a file that output did not write, and it stopped the next report over REPORT
        own_store = (kind == "store" and parent == p.parent and p.name == "results.sqlite"
                     and marker_kind(parent) == "store")
        if (parent / MARKER).is_file() and not own_store:
            raise OutputError(f"{option} {raw}: inside the wordeval {marker_kind(parent) or 'output'} {parent}; "
                              f"name a folder outside it")
    if p.exists() and not p.is_dir():
        if kind == "store" and p.suffix in (".sqlite", ".db"):
            # SQLite writes its journal (-wal, -shm) beside the store: a writable store file in a folder that
            # is not was opened, then failed as a "disk full"; and a -wal left there by a killed run cannot be
            # read, so the folder is checked before the file is read: reading it first called such a store
            # "not a store" or damaged, as the store folder's check once did
            if not os.access(p.parent, os.W_OK | os.X_OK):
                raise OutputError(f"{option} {raw}: its folder {p.parent} is not writable (permission denied or "
                                  f"read-only file system), and SQLite writes its journal beside the store")
            # a store addressed by its file (--out results/mine.sqlite): resumed, as is one whose creation a
            # kill cut short (no marker to vouch for it there, but it holds none but wordeval's empty tables)
            if is_store_file(p) or _store_being_created(p):
                _check_store_to_resume(p, raw, option)
                if not os.access(p, os.W_OK):
                    raise OutputError(f"{option} {raw}: not writable (permission denied or read-only file system)")
                return p
            raise OutputError(f"{option} {raw}: {_not_a_store(p, 'name a new file or folder')}")
        raise OutputError(f"{option} {raw}: exists and is a file, not a folder; name a new folder")
    if p.is_dir():
        try:
            empty = all(_marker_leftover(e.name) for e in p.iterdir())
        except PermissionError:
            raise OutputError(f"{option} {raw}: permission denied") from None
        found = marker_kind(p)
        if not empty and found is None:
            # a store written with --out R/mine.sqlite leaves no marker in R: "files wordeval did not write"
            # was false there, and did not say how to resume that store
            own = sorted(e for e in p.iterdir() if e.suffix in (".sqlite", ".db") and is_store_file(e))
            if kind == "store" and own:
                raise OutputError(f"{option} {raw}: holds the store file {own[0]}, not a store folder (no "
                                  f"{MARKER} marker); name that file to resume it, or a new or empty folder")
            # "no marker" beside a forged one (empty, a link, a kind wordeval does not write) sent a user to
            # look for a marker that `ls -a` showed was there
            why = (f"its {MARKER} is not one wordeval wrote" if os.path.lexists(p / MARKER)
                   else f"no {MARKER} marker")
            raise OutputError(f"{option} {raw}: exists and holds files wordeval did not write ({why}); name a new "
                              f"or empty folder")
        if not empty and found != kind and not force:
            how = (f"{force_option} to replace that wordeval output" if force_option
                   else "remove that wordeval output first")
            raise OutputError(f"{option} {raw}: holds a wordeval {found}, not a {kind}; name another folder "
                              f"(or {how})")
        if not empty and (found != kind or kind == "report"):  # the folder will be removed: only if all ours
            _check_only_written_by(p, found, raw, option)
        # before the store is read: a -wal a killed run left in a folder one may not write cannot be read, and
        # the store was said to be damaged
        if not os.access(p, os.W_OK):
            raise OutputError(f"{option} {raw}: not writable (permission denied or read-only file system)")
        if found == kind == "store":
            _check_store_to_resume(p / "results.sqlite", raw, option)
            # a store another user wrote (or one made read-only) in a folder of one's own: the folder's check
            # passed, and the run failed once opened, told to free disk space
            if (p / "results.sqlite").exists() and not os.access(p / "results.sqlite", os.W_OK):
                store = p / "results.sqlite"
                raise OutputError(f"{option} {raw}: its store {store} is not writable (permission denied or "
                                  f"read-only file system); name a new folder, or make it writable")
        return p
    parent = p.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():  # said as not writable, a user looked for a permission to fix on a file
        raise OutputError(f"{option} {raw}: cannot create it: {parent} is a file, not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{option} {raw}: cannot create it: {parent} is not writable")
    _check_creatable(parent, raw, option)
    return p


def _check_creatable(parent: Path, raw: str, option: str) -> None:
    """A folder made and removed in ``parent``: os.access says yes to root everywhere and to anyone on /proc or
    /sys, where mkdir then fails (ENOENT, EPERM), so `report --out /proc/x` was a traceback after the report
    was computed, and the demo ran to its end before its --out failed. Named as a writer's temporary (its pid
    and host): one left by a process killed between the mkdir and the rmdir (SIGKILL, a lost node) stayed in
    the user's folder for good, and is now swept by the next check of ``parent`` once that process is gone."""
    import tempfile

    from wordeval.atomic_write import sweep_abandoned, writer_prefix

    probe_of = parent / PROBE
    sweep_abandoned(probe_of)
    try:
        probe = tempfile.mkdtemp(prefix=writer_prefix(probe_of), dir=parent)
    except OSError as exc:
        raise OutputError(f"{option} {raw}: cannot create it: {parent} takes no new folder "
                          f"({exc.strerror or exc})") from None
    try:
        os.rmdir(probe)
    except OSError:
        pass


def prepare_predictions_folder(path: str | os.PathLike, *, inputs: Iterable[str | os.PathLike] = (),
                               option: str = "predictions",
                               within: Mapping[str, str | os.PathLike] | None = None) -> Path:
    """What the API's ``predictions=`` gets, as ``--save-predictions`` does: the folder checked, then made and
    marked. Before, ``wordeval.run``/``evaluate`` wrote prediction files into any folder, a foreign one too."""
    from wordeval.atomic_write import machine_errors

    folder = check_output(path, "predictions", inputs=inputs, option=option, within=within)
    with machine_errors(folder):
        folder.mkdir(parents=True, exist_ok=True)
        write_marker(folder, "predictions")
    return folder


def _older_temporary_of(name: str, kind: str) -> bool:
    """An older wordeval's temporary (``.NAME.XXXXXXXX.tmp``, no writer in its name) of a file ``kind`` writes:
    a predictions folder holding one was refused by --force as holding files wordeval did not write."""
    shape = re.fullmatch(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp", name)
    return shape is not None and _WRITTEN[kind](shape["name"])


def _check_only_written_by(p: Path, kind: str, raw: str, option: str) -> None:
    # a folder under a file's name (a user's folder named like a prediction file) is not wordeval's: the only
    # folder an output holds is a report's figures, checked below
    foreign = sorted(e.name for e in p.iterdir()
                     if e.name != MARKER and not _marker_leftover(e.name)
                     and (not _WRITTEN[kind](e.name) or (e.is_dir() and not e.is_symlink()
                                                         and (kind, e.name) not in _WRITTEN_BELOW))
                     and not (_older_temporary_of(e.name, kind) and e.is_file() and not e.is_symlink()))
    for (owner, sub), written in _WRITTEN_BELOW.items():
        below = p / sub
        if owner == kind and below.is_dir() and not below.is_symlink():
            foreign += sorted(f"{sub}/{e.name}" for e in below.iterdir()
                              if not (written(e.name) and e.is_file() and not e.is_symlink()))
        elif owner == kind and below.is_symlink():
            foreign.append(sub)
    if foreign:
        raise OutputError(f"{option} {raw}: a wordeval {kind} that also holds files wordeval did not write "
                          f"({', '.join(foreign[:3])}{', ...' if len(foreign) > 3 else ''}); move them or name "
                          f"another folder")


def discard_other_kind(path: str | os.PathLike, kind: str) -> None:
    """With ``--force``, make room for an output of ``kind`` where ``check_output`` found a wordeval output of
    another kind: that folder (and only such a folder, its marker re-read here) is removed. Called when the
    new output is about to be written, not at the check, so a run that stops on a user error replaces
    nothing."""
    import shutil

    p = Path(path)
    found = marker_kind(p) if p.is_dir() else None
    if found is None or found == kind:
        return
    _check_only_written_by(p, found, str(path), "--out")  # checked up front too; the folder may have changed
    import tempfile

    from wordeval.atomic_write import machine_errors, sweep_abandoned, writer_prefix

    with machine_errors(p):
        # renamed aside first, then removed: removed in place, a run killed midway left a half-deleted
        # folder that the next run refused as holding files wordeval did not write; an aside folder left by
        # a killed run is swept by the next (its name names the process)
        sweep_abandoned(p)
        aside = Path(tempfile.mkdtemp(prefix=writer_prefix(p), dir=p.parent))
        os.rmdir(aside)
        os.replace(p, aside)
        shutil.rmtree(aside)
