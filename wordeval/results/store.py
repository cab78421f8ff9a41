"""The result store: one SQLite file (WAL journal, one transaction per record) holding versioned JSON records.

Why SQLite rather than a folder of JSON files: a commit is atomic and durable even when the writer is killed
with SIGKILL mid-write (the WAL is replayed or discarded on the next open), several readers can open the
store while a run is writing, and a lookup by key is an index probe. Records are kept as the JSON text of
``ResultRecord.to_json()`` — never pickles — so any SQLite client can read them back.

Two keys per row: ``key`` is ``ResultRecord.cache_key()`` (what the record itself says it is) and
``request_key`` is what the runner asked for before computing it (embedding fingerprint, task@version,
requested config, seed); the runner probes ``request_key`` to skip finished work without recomputing.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from wordeval.atomic_write import descriptors_exhausted, path_identity
from wordeval.errors import InputFormatError, MissingFileError
from wordeval.paths import refuse_special_file
from wordeval.readable_text import readable_data
from wordeval.results import store_locks
from wordeval.results.record import ResultRecord, config_hash
from wordeval.results.run_log import DDL as RUN_LOG_DDL
from wordeval.results.run_log import TABLES as RUN_LOG_TABLES
from wordeval.results.run_log import satisfied_step, served_times, unfinished_cells
from wordeval.results.store_write_errors import open_for_writing_said, sqlite_said, write_failed_advice
from wordeval.results.wal_frames import wal_adds_to

STORE_FILENAME = "results.sqlite"
STORE_SCHEMA = 1
# a record's JSON without its per-item columns (``ResultStore.records(per_item=False)``)
_WITHOUT_ITEMS = "json_remove(json, '$.per_item')"
# and, beside it, the shape of those columns (``record.item_shape_problem``): what each column is and how
# long, not its items, which cost as much in SQLite as in Python. The lengths by path reuse json_type's parse
# of the record (json_array_length of each column's text parsed the columns again: +60 % on 4,000 records)
_ITEM_SHAPE = ("json_type(json, '$.per_item'), (SELECT json_group_array(json_array(c.key, c.type, "
               "CASE c.type WHEN 'array' THEN json_array_length(records.json, c.fullkey) END)) "
               "FROM json_each(records.json, '$.per_item') c)")
STORE_TABLES = frozenset({"meta", "records", "skipped", *RUN_LOG_TABLES})
# what readers say of a store in creation (``ResultStore.in_creation``), which they read as an empty store
IN_CREATION = ("a store in creation, no records yet: a run is creating it, or was stopped (Ctrl-C, kill) "
               "while it created it and the same run command resumes it")

_DDL = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (
    key TEXT PRIMARY KEY,
    request_key TEXT,
    task TEXT NOT NULL,
    task_version TEXT NOT NULL,
    embedding_name TEXT NOT NULL,
    fingerprint TEXT,
    stored_at REAL NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_request ON records(request_key);
CREATE INDEX IF NOT EXISTS records_cell ON records(task, embedding_name);
CREATE TABLE IF NOT EXISTS skipped (
    request_key TEXT PRIMARY KEY,
    task TEXT NOT NULL,
    embedding_name TEXT NOT NULL,
    reason TEXT NOT NULL,
    stored_at REAL NOT NULL
);
"""


def request_key(fingerprint: str | None, task: str, task_version: str, config: Mapping[str, Any],
                seed: int, *, label: str = "") -> str:
    """Key of a requested evaluation, computable before running it: the same vectors under two labels, or
    the same task under two seeds, are two requests whose records coexist."""
    raw = f"{fingerprint}|{label}|{task}@{task_version}|{config_hash(dict(config))}|seed={seed}"
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:24]


def earlier_data_key(key: str, dataset_sha256: Mapping[str, Any] | None,
                     reading: Mapping | None = None) -> str:
    """Where a record computed on other data than the one replacing it stays: the record key holds no data
    digest (a user's spec keeps its version when its file is corrected), so the new record's key is the old
    one's, and INSERT OR REPLACE deleted the number a user may have cited. ``reading`` (``data_reading``) is
    in the digest where the record has one, so two readings of the same files are kept apart too."""
    what: Any = dict(dataset_sha256 or {})
    if reading is not None:
        what = {"sha256": what, "reading": reading}
    digest = hashlib.sha256(json.dumps(what, sort_keys=True, default=repr).encode()).hexdigest()[:12]
    return f"{key}.data-{digest}"


def data_reading(record) -> dict | None:
    """How a record's data files were read: its reader and options. A user's spec can read the same files
    another way (columns.label on the topic column instead of the sentiment one, a label_map, TREC's fine):
    the sha256 is unchanged but the items are not. None for a record that does not say."""
    reader = (getattr(record, "dataset", None) or {}).get("reader")
    if not isinstance(reader, Mapping):
        return None
    return {"name": reader.get("name"), "options": reader.get("options")}


def reading_text(record) -> str:
    """``data_reading`` as one comparable, hashable text (options in key order)."""
    return json.dumps(data_reading(record), sort_keys=True, default=repr)


def same_data(a, b) -> bool:
    """Whether two records of one cell were computed on the same items: same files (and, for a user's task,
    the same spec file: ``ResultRecord.data_version``), read the same way."""
    return a.data_version() == b.data_version() and reading_text(a) == reading_text(b)


def aside_key(record) -> str:
    """The key a record moves to when a record on other data (``same_data``) takes its cache key."""
    return earlier_data_key(record.cache_key(), record.data_version(), data_reading(record))


def skip_key(task: str, label: str | None = None, seed: int | None = None) -> str:
    """Key of a skipped entry: one cell (label, task, seed), a label's whole task (seed None: no data), or with
    no label the whole task (stores written before skips named their labels)."""
    return f"(all)|{task}" if label is None else f"{label}|{task}|{seed}"


def resolve_store_path(path: str | os.PathLike) -> Path:
    """A store is addressed by its folder (``--out DIR``) or by the sqlite file itself."""
    from wordeval.paths import path_argument
    if not os.fspath(path_argument(path, "result store")).strip():
        # Path('') is the current folder: `status "$STORE"` with STORE unset read whatever store was there
        from wordeval.errors import ConfigError
        raise ConfigError("result store: an empty path, expected a store folder or its .sqlite file (an empty "
                          "value is not the current folder)")
    p = Path(path)
    if p.suffix in (".sqlite", ".db"):
        return p
    return p / STORE_FILENAME


def stores_named_otherwise(folder: Path) -> str:
    """'; name the store file it holds: R/mine.sqlite' for a folder without results.sqlite that holds a store
    file of another name (``--out R/mine.sqlite``): ``compare R/`` was told R/ is "neither a result store ..."
    and ``status R/`` that R/results.sqlite is none, with no word of the store beside it."""
    try:
        found = sorted(os.fspath(f) for f in folder.iterdir()
                       if f.suffix in (".sqlite", ".db") and f.is_file())
    except OSError:
        return ""
    return f"; name the store file it holds: {', '.join(found)}" if found else ""


class ResultStore:
    """Records keyed by cache key. Open with ``ResultStore(dir_or_file)``; use as a context manager.

    ``readonly=True`` opens an existing store without writing anything (not even the WAL's shared-memory
    file when the folder is read-only), so a store on a read-only file system can be compared and reported.
    A store folder holds the marker file of a wordeval output (``wordeval.output_paths``). ``run=True``: the
    opener is a run that registers its plan next (``run_log.registered``); it is listed as starting from the
    open on (``run_start``), and its row is removed if it closes the store without registering."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True, readonly: bool = False,
                 run: bool = False, _again: bool = False):
        from wordeval.atomic_write import machine_errors
        from wordeval.options import flag_argument

        # a text is true: create="no" made a store where the caller asked for none
        create, readonly = flag_argument(create, "create"), flag_argument(readonly, "readonly")
        run = flag_argument(run, "run")
        self.path = resolve_store_path(path)
        self.readonly = readonly
        self.run_id: str | None = None  # the run registered on this connection (run_log.registered)
        # run=True: the opener is a run that registers its plan next; its row is written at open, so that
        # status tells a run starting now from one stopped before it registered (``run_start``)
        self.starting_run: str | None = uuid.uuid4().hex if run and not readonly else None
        self._found: list[tuple[str, tuple]] = []  # steps of store.found not written yet
        # a store a run is creating now, or was creating when it was killed, read as empty (``readonly``)
        self.in_creation = False
        # what this open made (the file, the marker, the folders): a run that stops on an error having stored
        # nothing removes it (``store_discard``); empty where it made nothing
        self.made: dict[str, Any] = {}
        self._own_run = self.starting_run
        if not self.path.exists() and not (readonly and _in_creation(self.path)):
            if readonly or not create:
                given = Path(os.fspath(path))
                if not given.exists():
                    # named as given: "typo/results.sqlite" named a file the user never wrote
                    raise MissingFileError(f"{given}: no such folder or file (no wordeval result store here)")
                raise MissingFileError(f"{self.path}: no wordeval result store here"
                                       f"{stores_named_otherwise(self.path.parent)}")
            if self.path.name == STORE_FILENAME:
                _check_new_store_folder(self.path.parent)
            from wordeval.results.store_discard import to_be_made
            folders, marker = to_be_made(self.path.parent)
            with machine_errors(self.path.parent):
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.made = {"file": True, "folders": folders}
                if self.path.name == STORE_FILENAME:
                    from wordeval.output_paths import write_marker
                    if marker is not None:
                        self.made["marker"] = marker
                    write_marker(self.path.parent, "store")
        ours = False  # a store of ours: its journal mode is ours to set back
        wait = store_locks.BUSY_TIMEOUT_S
        try:
            if readonly:
                self._db, self.in_creation = _connect_readonly(self.path)
            else:
                connected = path_identity(self.path)
                with machine_errors(self.path):
                    # isolation_level=None: we open transactions explicitly, one per write. A store found
                    # there is opened, not created: one removed since (``store_discard``) was created again
                    # here without its marker, or its folder gone, said to be a full disk; it is made below
                    where = self.path if self.made else f"{Path(os.path.abspath(self.path)).as_uri()}?mode=rw"
                    self._db = sqlite3.connect(where, timeout=wait, isolation_level=None, uri=not self.made)
                    _check_writable_store(self._db, self.path)
                    ours = True
                    store_locks.wal_mode_waited(self._db, timeout=wait)
                    self._db.execute("PRAGMA synchronous=FULL")
                    _create_tables(self._db, start=self.starting_run)
                self._identity = path_identity(self.path)
        except sqlite3.OperationalError as exc:
            from wordeval.atomic_write import descriptors_exhausted
            from wordeval.errors import OutputError
            if not readonly and not _again and (("readonly database" in str(exc)
                                                 and path_identity(self.path) != connected)
                                                or (not self.made and not self.path.exists())):
                # removed while this run opened it, by a run that had created it and stored nothing
                # (``store_discard``): SQLite refuses to write a moved file, and the store is created anew
                with contextlib.suppress(sqlite3.Error, AttributeError):
                    self._db.close()
                self.__init__(path, create=create, readonly=readonly, run=run, _again=True)
                return
            if (why := descriptors_exhausted()) is not None:
                raise OutputError(f"{self.path}: cannot open the result store: {why}") from None
            if readonly:
                raise OutputError(f"{self.path}: cannot read the result store: {exc} (locked by another "
                                  f"program, or unreadable?)") from None
            if store_locks.is_busy(exc):  # not the disk: another process's lock outlived the wait
                with contextlib.suppress(sqlite3.Error, AttributeError):
                    self._db.close()
                raise OutputError(store_locks.locked_said(self.path, timeout=wait)) from None
            # a run whose disk filled (or hit ulimit -f) while it created the store was told to "open it
            # read-only", which a run cannot, and not that the same command resumes once there is room
            raise OutputError(f"{self.path}: cannot open the result store for writing: "
                              f"{open_for_writing_said(self.path, exc)}") from None
        except sqlite3.DatabaseError as exc:
            raise InputFormatError(self.path, None, "a wordeval result store (SQLite)", str(exc)) from None
        except KeyboardInterrupt:
            # a Ctrl-C here never reached the caller's `with`, and the CLI's os._exit closes nothing: the
            # store was left in WAL mode with its -wal and -shm beside it, as if the run had been killed
            if getattr(self, "_db", None) is not None:
                if ours:
                    from wordeval.results.run_start import end_start
                    end_start(self, KeyboardInterrupt())
                self.close() if ours else self._db.close()
            raise

    # -- lifecycle ------------------------------------------------------------------------------------
    def close(self) -> None:
        if self.starting_run is not None:  # closed without registering: it did no work (``run_start``)
            from wordeval.results.run_start import end_start
            end_start(self, None)
        if not self.readonly:
            # Leave the file in rollback-journal mode when no one else has it open: then readers (compare,
            # report, cite) open it read-only without creating the WAL's -shm/-wal files beside it. With
            # another writer still connected this fails harmlessly and the store stays in WAL mode.
            try:
                self._db.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.Error:
                pass
        self._db.close()

    def __enter__(self) -> "ResultStore":
        return self

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> None:
        if self.starting_run is not None:  # a Ctrl-C before the run registered is said in its row
            from wordeval.results.run_start import end_start
            end_start(self, exc)
        if isinstance(exc, Exception) and self._own_run is not None and self.made:
            # an interrupted run's row stays, for status; an error leaves nothing of a store it left empty
            from wordeval.results.store_discard import discard_if_empty
            discard_if_empty(self, self._own_run)
        self.close()

    # -- writing --------------------------------------------------------------------------------------
    def _write(self, sql_steps) -> None:
        """One transaction; a full disk or a read-only file rolls back (the store stays consistent) and
        becomes an OutputError that says what to free."""
        from wordeval.errors import OutputError

        if self.readonly:
            raise OutputError(f"{self.path}: opened read-only")
        self.check_in_place()
        try:
            with self._db:  # BEGIN ... COMMIT, ROLLBACK on error
                self._db.execute("BEGIN IMMEDIATE")
                for sql, args in sql_steps:
                    self._db.execute(sql, args)
        except sqlite3.OperationalError as exc:
            if store_locks.is_busy(exc):  # another process's lock outlived the busy wait: not the disk
                raise OutputError(store_locks.locked_said(self.path)) from None
            raise OutputError(f"{self.path}: could not store a record ({sqlite_said(self.path, exc)}); the store "
                              f"is unchanged and consistent: {write_failed_advice(self.path, exc)}") from None

    @contextlib.contextmanager
    def transaction(self):
        """One write transaction (BEGIN IMMEDIATE: writers queue here, not at their first write)."""
        from wordeval.errors import OutputError

        if self.readonly:
            raise OutputError(f"{self.path}: opened read-only")
        self.check_in_place()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
        except sqlite3.OperationalError as exc:
            if store_locks.is_busy(exc):
                raise OutputError(store_locks.locked_said(self.path)) from None
            raise OutputError(f"{self.path}: could not write the store ({sqlite_said(self.path, exc)}); it is "
                              f"unchanged and consistent: {write_failed_advice(self.path, exc)}") from None

    def check_in_place(self) -> None:
        """SQLite keeps writing into a store file that was deleted or replaced while it is open: the run then
        reported every record as stored, exit 0, and they were gone with the file."""
        from wordeval.errors import OutputError

        if self.readonly or getattr(self, "_identity", None) is None:
            return
        if path_identity(self.path) != self._identity:
            raise OutputError(f"{self.path}: the result store was removed or replaced while this run wrote to it; "
                              f"what it stored went with it: run the same command again to recompute")

    def put(self, record: ResultRecord, *, request: str | None = None) -> str:
        """Store (or replace) one record in its own transaction; returns its cache key."""
        text = record.to_json()
        key = record.cache_key()
        steps = []
        earlier = self.get(key)
        if earlier is not None and not same_data(earlier, record):
            # OR REPLACE: a record of that same data kept there before is the same request, older
            steps.append(("UPDATE OR REPLACE records SET key = ? WHERE key = ?", (aside_key(earlier), key)))
        steps += [("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  (key, request, record.task, record.task_version, str(record.embedding.get("name")),
                   record.embedding.get("fingerprint"), time.time(), text))]
        # a cell or task skipped earlier (no data then, an error under --keep-going) and computed now is no
        # longer listed as skipped: reports said "Skipped: ... no source could provide the files" beside its scores
        label = str(record.embedding.get("name"))
        done = [skip_key(record.task), skip_key(record.task, label, record.seed), skip_key(record.task, label)]
        steps.append(("DELETE FROM skipped WHERE request_key IN (?, ?, ?)", tuple(done)))
        if request is not None:
            steps.append(("DELETE FROM skipped WHERE request_key = ?", (request,)))
        if self.run_id is not None:
            steps.append(satisfied_step(self.run_id, record, key))
        self._write(self._found + steps)
        self._found = []
        return key

    def found(self, record: ResultRecord, request: str) -> None:
        """The registered run's planned cell is ``record``, already stored and found by its request key (what
        ``get_request`` returned): said so, or readers took that cell for one the run never reached."""
        if self.run_id is None:
            return
        # the key it is stored under (a version-1 record's is not its cache key)
        row = self._db.execute("SELECT key FROM records WHERE request_key = ? ORDER BY stored_at DESC",
                               (request,)).fetchone()
        self._found.append(satisfied_step(self.run_id, record, row[0] if row else record.cache_key()))
        if len(self._found) >= 256:
            self.flush_found()

    def flush_found(self) -> None:
        """Write the cells found stored since the last write, in batches (a commit per cell found made resuming
        a large grid wait on the disk); one lost with a killed run reads as not computed, and the same command
        then finds it again."""
        if self._found:
            self._write(self._found)
            self._found = []

    def put_task_skipped(self, task: str, labels: Sequence[str], reason: str) -> None:
        """A task skipped for the run's representations (no data): one entry per label, so a later run that
        computes the task on another representation leaves these standing (a single task-wide entry was
        deleted by that record, and reports then called the skipped cells never computed)."""
        now = time.time()
        rows = [(skip_key(task, label), task, label, reason, now) for label in labels] or \
            [(skip_key(task), task, "(all)", reason, now)]
        self._write([("INSERT OR REPLACE INTO skipped VALUES (?, ?, ?, ?, ?)", row) for row in rows])

    def put_skipped(self, request: str, *, task: str, embedding_name: str, reason: str) -> None:
        """Remember why a requested task was not run (no data, missing extra) so reports can say so."""
        self._write([("INSERT OR REPLACE INTO skipped VALUES (?, ?, ?, ?, ?)",
                      (request, task, embedding_name, reason, time.time()))])

    # -- reading --------------------------------------------------------------------------------------
    def _decode(self, key: str, text: str) -> ResultRecord:
        source = f"{self.path}#{key}"
        try:
            record = ResultRecord.from_dict(json.loads(text), source=source)
        except (json.JSONDecodeError, TypeError) as exc:
            raise InputFormatError(source, None, "a JSON result record", str(exc)) from None
        # not always its cache key: a version-1 record's, or one kept beside a record on other data
        record.stored_key = key
        return record

    def get(self, key: str) -> ResultRecord | None:
        row = self._db.execute("SELECT key, json FROM records WHERE key = ?", (key,)).fetchone()
        return self._decode(*row) if row else None

    def get_request(self, request: str) -> ResultRecord | None:
        row = self._db.execute("SELECT key, json FROM records WHERE request_key = ? ORDER BY stored_at DESC",
                               (request,)).fetchone()
        return self._decode(*row) if row else None

    def records_of(self, task: str, label: str) -> list[ResultRecord]:
        """The records of one representation label on one task, oldest first."""
        rows = self._db.execute("SELECT key, json FROM records WHERE task = ? AND embedding_name = ? "
                                "ORDER BY stored_at, key", (task, label)).fetchall()
        return [self._decode(*row) for row in rows]

    def latest_other_record(self, task: str, label: str, seed: int, key: str) -> ResultRecord | None:
        """The newest record of the cell (label, task, seed) stored under a cache key other than ``key``, or
        None. Rows of other seeds are left out by SQLite (a record's top-level seed; a version-1 record, which
        has none, is decoded to tell), and rows are decoded newest first until one fits: ``records_of``
        decoded every record of the label and task, every seed, for each record a run stored."""
        sql = ("SELECT key, json FROM records WHERE task = ? AND embedding_name = ? {} "
               "ORDER BY stored_at DESC, key DESC")
        seed_filter = "AND (json_extract(json, '$.seed') IS NULL OR json_extract(json, '$.seed') = ?)"
        try:
            rows = self._db.execute(sql.format(seed_filter), (task, label, int(seed)))
        except sqlite3.OperationalError:  # an SQLite built without its JSON functions
            rows = self._db.execute(sql.format(""), (task, label))
        for row in rows:
            record = self._decode(*row)
            if int(record.seed) == int(seed) and record.cache_key() != key:
                return record
        return None

    def __contains__(self, key: str) -> bool:
        return self._db.execute("SELECT 1 FROM records WHERE key = ?", (key,)).fetchone() is not None

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM records").fetchone()[0])

    def records(self, *, per_item: bool = True) -> Iterator[ResultRecord]:
        """The records, oldest commit first; each carries its commit time as ``stored_at`` (not part of the
        record: readers use it to order records of the same run.time, which has whole seconds) and, as
        ``served_at``, when a later run last reused it (None if none did, or the store has no run log).
        ``per_item=False``: without their per-item columns (``per_item`` is {}, and is not checked), for
        readers that never pair items (status, results_frame)."""
        rows = self._rows("SELECT key, {json}, stored_at{shape} FROM records ORDER BY stored_at, key", (),
                          per_item)
        yield from self._decoded(rows, per_item)

    def _decoded(self, rows, per_item: bool = True) -> Iterator[ResultRecord]:
        """(key, text, stored_at) rows as records carrying ``stored_at`` and ``served_at``; rows cut of their
        per-item columns (``_rows``) also carry those columns' shape."""
        from wordeval.results.record import item_shape_problem

        served = served_times(self._db)
        for key, text, when, *shape in rows:
            record = self._decode(key, text)
            if shape and item_shape_problem(*shape, record):
                # decoded whole, its columns say what is wrong with them as compare says it
                whole = self._db.execute("SELECT json FROM records WHERE key = ?", (key,)).fetchone()[0]
                record = self._decode(key, whole)
            if not per_item:
                record.per_item = {}
            record.stored_at = when
            record.served_at = served.get(key)
            yield record

    def _rows(self, sql: str, args: Sequence, per_item: bool) -> list[tuple]:
        """``sql``'s rows, its ``{json}`` the record's text, cut of its per-item columns by SQLite unless
        ``per_item``: decoded whole, they were most of status's and results_frame's time, and their Python
        objects about 5 times the store in memory. json_remove copies the rest verbatim (numbers, escapes).
        A cut row also carries its columns' shape (``_ITEM_SHAPE``), which ``_decoded`` checks: status and
        results_frame read a store whose per-item columns compare refuses without a word."""
        if not per_item:
            try:
                return self._db.execute(sql.format(json=f"{_WITHOUT_ITEMS}", shape=f", {_ITEM_SHAPE}"),
                                        args).fetchall()
            except sqlite3.OperationalError:
                # an SQLite built without its JSON functions, or a record it cannot parse, which the whole
                # decode then names as it did
                pass
        return self._db.execute(sql.format(json="json", shape=""), args).fetchall()

    def records_keyed(self, keys: Iterable[str]) -> list[ResultRecord]:
        """The records of ``keys``, in ``records()``'s order and with its ``stored_at`` and ``served_at``: a
        run's own cells, where finding them through ``records()`` decoded every record of the store (2 s of a
        cached one-cell rerun on a store of 8,000 records)."""
        keys = list(dict.fromkeys(keys))
        rows = []
        for start in range(0, len(keys), 500):  # under SQLite's limit on bound parameters
            part = keys[start:start + 500]
            rows += self._db.execute(f"SELECT key, json, stored_at FROM records WHERE key IN "
                                     f"({','.join('?' * len(part))})", part).fetchall()
        return list(self._decoded(sorted(rows, key=lambda row: (row[2], row[0]))))

    def stored_at(self) -> dict[str, float]:
        """cache key -> time of the commit; a rerun that skips finished work leaves these unchanged."""
        return dict(self._db.execute("SELECT key, stored_at FROM records").fetchall())

    def skipped(self) -> list[dict[str, Any]]:
        rows = self._db.execute("SELECT task, embedding_name, reason FROM skipped ORDER BY task, embedding_name")
        return [{"task": t, "embedding": e, "reason": r} for t, e, r in rows.fetchall()]

    def check(self) -> list[str]:
        """SQLite integrity check plus a parse of every record; returns the problems (empty when sound)."""
        problems = [r[0] for r in self._db.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
        for key, text in self._db.execute("SELECT key, json FROM records").fetchall():
            try:
                rec = self._decode(key, text)
            except InputFormatError as exc:
                problems.append(str(exc))
                continue
            if '"schema_version": 1,' in text[:40] or text.startswith('{"schema_version": 1'):
                continue  # keyed by the version-1 rule (no label or seed in the key)
            # a record moved aside by a wordeval that left the reading out of the digest keeps that key
            older = earlier_data_key(rec.cache_key(), rec.dataset_sha256)
            if key not in (rec.cache_key(), aside_key(rec), older):
                problems.append(f"{self.path}#{key}: stored under a key that is not its cache key")
        return problems


def _check_new_store_folder(folder: Path) -> None:
    """Refused as --out refuses them: ResultStore(folder) put its database and marker into a folder of the
    user's files, and turned a report's folder into a store by overwriting its marker. Not the whole of
    ``check_output``: processes that open one new store at once (a job array) see each other's marker, its
    temporary file and a database not yet initialised, which are no reason to refuse."""
    from wordeval.output_paths import MARKER, check_output, marker_kind

    if not folder.is_dir():
        return
    found = marker_kind(folder)
    ours = (f".{MARKER}.", STORE_FILENAME)
    if found not in (None, "store") or (found is None and any(not p.name.startswith(ours) and p.name != MARKER
                                                              for p in folder.iterdir())):
        check_output(folder, "store", option="store")  # raises, with --out's message


def _check_writable_store(db: sqlite3.Connection, path: Path) -> None:
    """An existing SQLite file is written into only when it is a store of this schema (or empty): wordeval's
    tables were added to another program's database, and a store of another schema failed at its first
    statement with a message about disk space."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    schema = db.execute("SELECT value FROM meta WHERE name = 'store_schema'").fetchone() if "meta" in tables else None
    # only wordeval's own tables and no schema yet: another writer of a job array is creating the store now
    if schema is None and not tables <= STORE_TABLES:
        db.close()
        raise InputFormatError(path, None, "a wordeval result store", "an SQLite file without its tables "
                               "(another program's)")
    if schema is not None and str(schema[0]) != str(STORE_SCHEMA):
        db.close()
        raise InputFormatError(path, None, f"a wordeval result store of store schema {STORE_SCHEMA}",
                               f"store schema {schema[0]}")


def _create_tables(db: sqlite3.Connection, *, start: str | None = None) -> None:
    """The tables and the store schema in one transaction: created one statement at a time, a reader opening
    the store meanwhile (status, compare) found some tables and refused it as another program's database, and
    a kill between them left a store of half its tables. Writers of a job array queue at BEGIN IMMEDIATE; the
    ones after the first find everything there (IF NOT EXISTS, OR IGNORE). Every writable open runs it, so a
    table added since a store was written is added to it here. ``start``: the id of a run opening the store,
    whose starting row (``run_start``) is written in this transaction: a store never holds its tables without
    the row of the run that created them."""
    try:
        # statement by statement: executescript commits first, and takes no parameters
        db.execute("BEGIN IMMEDIATE")
        for statement in f"{_DDL}{RUN_LOG_DDL}".split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT OR IGNORE INTO meta VALUES ('store_schema', ?)", (str(int(STORE_SCHEMA)),))
        if start is not None:
            from wordeval.results.run_start import record_start
            record_start(db, start)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _in_creation(path: Path) -> bool:
    from wordeval.output_paths import store_in_creation

    return store_in_creation(path)


def _empty_store() -> sqlite3.Connection:
    """What a reader reads of a store in creation: its tables, empty. Its file holds none of them yet (or not
    all), and every reader's query of a table would fail."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    _create_tables(db)
    return db


def _connect_readonly(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection, and whether it reads a store in creation (an empty one in its place). With a
    writable folder SQLite may still create the WAL index; on a read-only file system it reads a WAL through
    the -shm file already there (SQLite 3.22+), and where there is none it cannot open the store: then
    ``immutable=1`` (nothing else writes it now) reads the main file as it is, unless the WAL adds to it."""
    from wordeval.errors import OutputError

    if not path.exists():  # a marked store folder whose run has not created (or was killed before) the file
        return _empty_store(), True
    if path.is_dir():  # SQLite's 'disk I/O error (locked by another program, or unreadable?)' misled
        raise InputFormatError(path, None, "a wordeval result store (an SQLite file)", "a folder")
    refuse_special_file(path)  # a FIFO's was that 'disk I/O error' too, a socket's 'unable to open'
    uri = path.resolve().as_uri()
    try:
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        return _check_tables(db, path)
    except sqlite3.OperationalError:
        # out of descriptors: said by the caller, and the WAL could not be read either (a module imported
        # here, wal_frames, failed to open as a traceback)
        if descriptors_exhausted() is not None:
            raise
        wal = path.with_name(path.name + "-wal")
        if wal.is_file() and wal_adds_to(path, wal):
            # immutable=1 reads the main file alone: the records a killed run committed only to the WAL were
            # silently missing (or the store read as "without its tables")
            raise OutputError(f"{path}: some of its records are still in {wal.name} (the run that wrote it "
                              f"was stopped before closing it), which SQLite cannot read where the folder is not "
                              f"writable: copy the folder, that file included, to a writable place and read it "
                              f"there") from None
        db = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
        return _check_tables(db, path)


def _check_tables(db: sqlite3.Connection, path: Path) -> tuple[sqlite3.Connection, bool]:
    """An SQLite file without wordeval's tables (empty, or another program's) is no store: said so, not as
    a locked or full disk. One that is a store in creation (``store_in_creation``) is read as an empty store:
    status, compare and report refused a store as another program's while a run was creating it."""
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"meta", "records"} <= tables:
        db.close()
        if _in_creation(path):
            return _empty_store(), True
        raise InputFormatError(path, None, "a wordeval result store",
                               "an SQLite file without its tables (empty, or another program's)")
    # a store of another schema (a newer wordeval's) was read as this one: status, cite, compare and report
    # stopped on a traceback at its first query of a column it lacks, where a run refuses it up front
    schema = db.execute("SELECT value FROM meta WHERE name = 'store_schema'").fetchone()
    if schema is not None and str(schema[0]) != str(STORE_SCHEMA):
        db.close()
        raise InputFormatError(path, None, f"a wordeval result store of store schema {STORE_SCHEMA}",
                               f"store schema {schema[0]} (written by another wordeval: read it with that one)")
    db.execute("SELECT COUNT(*) FROM records").fetchone()
    return db, False


def _json_records(p: Path) -> tuple[list[ResultRecord], list[dict[str, Any]]]:
    refuse_special_file(p)  # a FIFO among a folder's .json records waited for a writer for good
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputFormatError(p, None, "UTF-8 JSON result records") from None
    except PermissionError:
        raise MissingFileError(f"{p}: permission denied") from None
    items: list[Any] = []
    skipped: list[dict[str, Any]] = []
    if p.suffix == ".jsonl":
        for lineno, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append((lineno, f"{p}:{lineno}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise InputFormatError(p, lineno, "one JSON result record per line", exc.msg) from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputFormatError(p, exc.lineno, "JSON result records", exc.msg) from None
        if isinstance(data, Mapping) and "records" in data:
            skipped.extend(data.get("skipped", []))
            data = data["records"]
        if isinstance(data, list):  # a record is named by its place in the list, as a .jsonl one by its line
            items = [(None, f"{p} (record {i} of {len(data)})", d) for i, d in enumerate(data, 1)]
        else:
            items = [(None, str(p), data)]
    if not items and not skipped:
        # it was read as no records: compare said "nothing to compare" naming no file, or compared the other
        # inputs as if this one had been read
        raise InputFormatError(p, None, "at least one result record", "none (the file holds no records)")
    records = []
    for lineno, where, item in items:
        if not isinstance(item, Mapping):
            raise InputFormatError(p if lineno else where, lineno, "a JSON object per result record",
                                   type(item).__name__)
        records.append(ResultRecord.from_dict(item, source=where))
    return records, skipped


def load_records(sources, *, option_names: Mapping[str, str] | None = None, per_item: bool = True
                 ) -> tuple[list[ResultRecord], list[dict[str, Any]]]:
    """Records (and recorded skips) from any mix of stores (folders or .sqlite files), record files
    (``.json``: one record or a list, or a report's ``results.json``; ``.jsonl``: one per line), folders
    of ``.json`` record files and ResultRecords (what ``evaluate`` returns). ``sources``: one of these or a
    list of them. Stores are opened read-only. ``option_names``: how messages name ``run``'s ``predictions``
    and ``out`` keywords (the CLI passes its ``--save-predictions`` and ``--out``). ``per_item=False``: a
    store's records are read without their per-item columns (``ResultStore.records``); those of record files
    and ResultRecords are left as they are."""
    from wordeval.errors import ConfigError
    from wordeval.output_paths import marker_kind

    if isinstance(sources, (str, os.PathLike, ResultRecord)):
        sources = [sources]
    elif isinstance(sources, Mapping) or not isinstance(sources, Iterable):
        # iterated, None or an int failed with "'int' object is not iterable", and a record's dict was read as
        # its keys, each "neither a result store ..."
        hint = ": a record's dict is read with ResultRecord.from_dict" if isinstance(sources, Mapping) else ""
        raise ConfigError(f"results: expected a store, a record file, a ResultRecord or a list of them, got a "
                          f"{type(sources).__name__}{hint}")
    if option_names is not None and not (isinstance(option_names, Mapping)
                                         and all(isinstance(v, str) for v in option_names.values())):
        # read only where a message names an option: option_names=5 passed until a store had to be named
        raise ConfigError(f"option_names: expected a mapping of keyword -> name (str), got "
                          f"{type(option_names).__name__} {option_names!r:.60}")
    records: list[ResultRecord] = []
    skipped: list[dict[str, Any]] = []
    read: dict[Path, str] = {}  # resolved file -> the source that named it first

    def first_time(f: Path, src) -> bool:
        """A file named twice (the same store, or a store's folder and its .sqlite) is read once: read twice,
        its records were reported as older records 'superseded by the latest one'."""
        key = f.resolve()
        if key in read:
            import warnings
            warnings.warn(f"{os.fspath(src)}: the same file as {read[key]}; read once", stacklevel=3)
            return False
        read[key] = os.fspath(src)
        return True

    for src in sources:
        if isinstance(src, ResultRecord):
            records.append(src)
            continue
        if not isinstance(src, (str, os.PathLike)):
            raise ConfigError(f"results: expected stores, record files or ResultRecords, got a "
                              f"{type(src).__name__}")
        p = Path(src)
        # a FIFO was 'no such result file', and a pipe (/dev/fd/63) or a device, having no suffix, was looked for
        # as a store folder: 'neither a result store, ...'
        refuse_special_file(p)
        # a folder named x.json was 'no such result file': read as the folder of records it may be, or said to be none
        if p.suffix in (".json", ".jsonl") and not p.is_dir():
            if not p.is_file():
                raise MissingFileError(f"{p}: no such result file")
            if not first_time(p, src):
                continue
            r, s = _json_records(p)
            records += r
            skipped += s
            continue
        store_path = resolve_store_path(src)
        refuse_special_file(store_path)  # a store folder's results.sqlite made by mkfifo
        if store_path.is_file() or _in_creation(store_path):
            if not first_time(store_path, src):
                continue
            with ResultStore(store_path, readonly=True) as store:
                own, own_skipped = list(store.records(per_item=per_item)), store.skipped()
                records.extend(own)
                skipped.extend(own_skipped)
                # cells a run planned that are not stored yet (still running, or killed): said, not left silent
                skipped.extend(unfinished_cells(store._db, own))
            continue
        if p.is_dir() and marker_kind(p) == "predictions":  # its .json files describe prediction files
            named = {"predictions": "predictions", "out": "out", **(option_names or {})}
            raise ConfigError(f"{p}: a wordeval predictions folder ({named['predictions']}), not results: "
                              f"name the result store the run wrote (its {named['out']})")
        if p.is_dir() and any(p.glob("*.json")):
            for f in sorted(p.glob("*.json")):
                if not first_time(f, f):
                    continue
                r, s = _json_records(f)
                records += r
                skipped += s
            continue
        if not p.exists():  # a typo was told it is "neither a result store ...", as if it were some other thing
            raise MissingFileError(f"{p}: no such folder or file (expected a result store or record files)")
        raise MissingFileError(f"{p}: neither a result store, a folder of .json records, nor a .json/.jsonl "
                               f"record file{stores_named_otherwise(p) if p.is_dir() else ''}")
    return [_readable_record(r) for r in records], [readable_data(s) for s in skipped]


def in_creation_clause(sources: Iterable) -> str:
    """'; R: a run is creating this store ...' for each store among ``sources`` in creation: 'nothing to
    compare: no result records in R' alone did not say that R is a store whose records are yet to come."""
    said = []
    for src in sources:
        if isinstance(src, (str, os.PathLike)) and Path(src).suffix not in (".json", ".jsonl") \
                and os.fspath(src).strip() and _in_creation(resolve_store_path(src)):
            said.append(f"; {os.fspath(src)} is {IN_CREATION}")
    return "".join(said)


def _readable_record(record: ResultRecord) -> ResultRecord:
    """The record with its text as a UTF-8 file can hold it: an older wordeval wrote paths and command lines
    from a non-UTF-8 locale (LC_ALL=C) with lone surrogates for their undecodable bytes, which every report
    and JSON output of them failed to encode. Items come from data read as UTF-8: per_item is left as is."""
    import dataclasses

    names = [f.name for f in dataclasses.fields(record) if f.name != "per_item"]
    changed = {n: v for n in names if (v := readable_data(getattr(record, n))) != getattr(record, n)}
    if not changed:  # nearly every record: kept as it is, with what the store set on it (stored_at, stored_key)
        return record
    out = dataclasses.replace(record, **changed)
    for name, value in vars(record).items():  # replace() copies the fields only
        if name not in names and name != "per_item":
            setattr(out, name, value)
    return out


__all__ = ["ResultStore", "request_key", "skip_key", "earlier_data_key", "aside_key", "data_reading",
           "reading_text", "same_data", "load_records", "resolve_store_path", "STORE_FILENAME", "IN_CREATION",
           "in_creation_clause"]
