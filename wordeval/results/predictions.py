"""Audit files: the per-item predictions behind a result, in formats other tools read, so a reader can
re-score them (conlleval/seqeval for tags, any script for labels and analogy answers).

One file per (task, representation[, seed], settings) in the predictions folder:
``<family>__<name>__<label>[__seed<k>]__cfg<h>.<ext>`` (a name or label that is not a lowercase safe file
name as it is: its safe part and a digest of it, ``file_name``; ``h``: the first 8 hex digits of the record's
config hash without the seeds it trained, ``file_settings_hash``, so a run with other settings into the same
folder adds its files beside the first run's instead of replacing them, and every seed's file of one setting
carries one digest in every family), each with a ``.json`` beside it naming the record it belongs to (task,
representation fingerprint, seed, config, main score).
Tagging: CoNLL columns ``token gold predicted``, blank line between sentences (what ``conlleval`` reads).
Classification, analogy, similarity and STS: tab-separated with a header row, text cells made inert in a
spreadsheet (``write_table``). Written atomically.
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import numbers
import os
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from wordeval.atomic_write import OWNER, atomic_write_bytes, atomic_write_text, private_folder
from wordeval.errors import CacheError, OutputError
from wordeval.spreadsheet_cells import inert, original_text


def file_name(task, label: str, ext: str, *, seed: int | None = None) -> str:
    """One file per (task, label), also where file names ignore case (macOS, Windows): a name part that does
    not go into a file name as it is (``w2v (sg)``, ``w2v [sg]``, which both became ``w2v_sg``, the second
    file replacing the first; one too long for the file system; or one with a capital letter: ``GloVe`` and
    ``glove``, a task ``NER`` and ``ner``, are one file name there) gets a digest of it after its readable
    part."""
    family, _, name = task.name.rpartition("/")
    parts = [*([family] if family else []), _file_part(name, "task"), _file_part(label, "representation")]
    stem = "__".join(parts)
    return f"{stem}{f'__seed{seed}' if seed is not None else ''}.{ext}"


def _file_part(text: str, fallback: str, *, digest_capitals: bool = True) -> str:
    """``digest_capitals=False``: the rule before b6ff275 (``_earlier_name``)."""
    safe = re.sub(r"[^A-Za-z0-9._+-]+", "_", text).strip("_") or fallback
    if safe != text or (digest_capitals and safe != safe.lower()) or len(safe) > 80:
        safe = f"{safe[:80]}-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
    return safe


_WHITESPACE = re.compile(r"\s")
# a TAB would split the cell, and every line break that a reader splits lines on (csv and pandas: CR and LF;
# str.splitlines: these all) would split the row: a word with a CR in it became a row of its own
_CELL_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, numbers.Number):  # ids, gold scores, cosines (-0.25 stays a number)
        return str(value)
    return inert(_CELL_BREAKS.sub(" ", str(value)))


def write_table(folder: str | os.PathLike, task, embedding, ext: str, header: Sequence[str],
                rows: Iterable[Sequence[Any]], *, seed: int | None = None) -> Path:
    """Tab-separated, one line per row. A text cell that a spreadsheet would run as a formula gets a leading
    apostrophe (``wordeval.spreadsheet_cells``); one with a double quote in it is quoted as csv and pandas
    read it (unquoted, a word ``"`` at the start of a cell made pandas read the following cells and lines as
    one text); ``read_table`` gives back the words."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    path = Path(folder) / file_name(task, embedding.info.name, ext, seed=seed)
    return atomic_write_text(path, buf.getvalue())


def read_table(path: str | os.PathLike) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a file written by ``write_table``, each cell as the text it was written from (a
    TAB or line break in a word was written as a space)."""
    with open(path, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh, delimiter="\t"))
    return header, [[original_text(cell) for cell in row] for row in rows]


def write_conll(folder: str | os.PathLike, task, embedding, sentences: Sequence[Sequence[str]],
                gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], *, seed: int) -> Path:
    """``token gold pred`` per line; any whitespace in a token becomes ``_``: readers split these lines on
    Unicode whitespace (Python's ``str.split``, seqeval's CoNLL readers), so a CoNLL-U FORM with a no-break
    space or a line separator in it would otherwise become two columns or two lines."""
    parts = []
    for tokens, g, p in zip(sentences, gold, pred):
        parts.append("\n".join(f"{_WHITESPACE.sub('_', t) or '_'} {a} {b}" for t, a, b in zip(tokens, g, p)))
    path = Path(folder) / file_name(task, embedding.info.name, "conll", seed=seed)
    return atomic_write_text(path, "\n\n".join(parts) + "\n")


class PendingPredictions:
    """A predictions folder whose files wait for their record to be stored. A file's .json names its record:
    published as the cell was scored, before the store wrote it, a store write that failed (disk full,
    ``ulimit -f``) left files naming a record the store did not hold. Given as ``folder`` below, the files
    are kept here until ``publish(record)`` (after the store's write) or ``drop(record)``."""

    def __init__(self, folder: str | os.PathLike):
        import threading

        self.folder = folder
        # the record is held beside its files: keyed by id() alone, a record staged and never stored (a run
        # going on past its failure) could be freed and its id taken by a later record, which then published
        # the earlier cell's predictions under its own name and .json
        self._files: dict[int, tuple[Any, list[tuple[str, bytes]]]] = {}
        self._lock = threading.Lock()  # cells are scored in threads (runner's side_by_side)

    def stage(self, record, files: list[tuple[str, bytes]]) -> None:
        with self._lock:
            self._files.setdefault(id(record), (record, []))[1].extend(files)

    def publish(self, record) -> None:
        with self._lock:
            _, files = self._files.pop(id(record), (record, []))
        for name, data in files:
            _publish(self.folder, name, data, record)

    def drop(self, record) -> None:
        with self._lock:
            self._files.pop(id(record), None)

    def take(self, record) -> list[tuple[str, bytes]]:
        """``record``'s staged files, as they were written, left unpublished: a Dask worker hands them to the
        client, which publishes them (``stage`` there, then ``stored_then_published``) once its store holds
        the record."""
        with self._lock:
            return self._files.pop(id(record), (record, []))[1]


def stored_then_published(folder, record, put: Callable[[], Any]):
    """``put()`` (the store's write of ``record``), then ``record``'s pending prediction files published;
    dropped when the write fails. ``folder``: a PendingPredictions, or None.

    A Ctrl-C or SIGTERM waits until both are done: one landing in SQLite's commit was raised as the commit
    returned, so the record was stored and its files dropped, and the resume, finding the cell stored,
    wrote none. The wait is the commit's and the files' writing: SQLite's busy wait, in C, held the signal
    anyway."""
    from wordeval.held_signals import interrupts_held

    with interrupts_held():
        try:
            out = put()
        except BaseException:
            if isinstance(folder, PendingPredictions):
                folder.drop(record)
            raise
        if isinstance(folder, PendingPredictions):
            folder.publish(record)
    return out


def _hand_over(folder, paths: Iterable[Path], record) -> None:
    files = [(path.name, path.read_bytes()) for path in paths]
    if isinstance(folder, PendingPredictions):
        folder.stage(record, files)
    else:
        for name, data in files:
            _publish(folder, name, data, record)


def scored_with_predictions(folder, score: Callable[[str | None], Any]):
    """``score(tmp)`` with its prediction files written to a private temporary folder, then published into
    ``folder`` under names that carry the returned record's settings (``published_name``), each with its
    ``.json`` (``sidecar``); a PendingPredictions ``folder`` keeps them until the record is stored. Nothing is
    written into ``folder`` when scoring fails. ``folder`` None: no files."""
    if folder is None:
        return score(None)
    with private_folder("wordeval-predictions") as tmp, _temporary_named(tmp):
        record = score(str(tmp))
        _hand_over(folder, sorted(p for p in tmp.iterdir() if p.name != OWNER), record)
    return record


def scored_group_with_predictions(folder, task, score: Callable[[str | None], list]):
    """``scored_with_predictions`` for representations scored together (``--intersection``,
    ``--common-vocab``: one record each): each file is published with the record of the label it names."""
    if folder is None:
        return score(None)
    with private_folder("wordeval-predictions") as tmp, _temporary_named(tmp):
        records = score(str(tmp))
        by_stem = {file_name(task, r.label, "")[:-1]: r for r in records}
        for path in sorted(p for p in tmp.iterdir() if p.name != OWNER):
            _hand_over(folder, [path], by_stem[path.name.rpartition(".")[0]])
    return records


@contextlib.contextmanager
def _temporary_named(tmp: Path):
    """A full disk or `ulimit -f` in the temporary folder the files wait in: its line said to 'free space
    there (or point the output elsewhere)', and the user moved --save-predictions, which was not where the
    disk was full (a small tmpfs /tmp). The line now says that it is the temporary folder, and what moves
    it."""
    try:
        yield
    except OutputError as exc:
        if isinstance(exc, CacheError) or not str(exc).startswith(os.fspath(tmp) + os.sep):
            raise
        raise OutputError(f"{exc}; that is the temporary folder where predictions wait until their record is "
                          f"stored: free space in {tmp.parent} or set TMPDIR to a folder with room") from None


def _publish(folder, written_as: str, data: bytes, record) -> None:
    name = published_name(written_as, record)
    atomic_write_bytes(Path(folder) / name, data)
    atomic_write_text(Path(folder) / f"{name}.json", sidecar(record, name))
    _remove_earlier_name(Path(folder), name, record)


def _earlier_name(name: str, record) -> str:
    """The name wordeval gave the same file before b6ff275: no digest for a capital in task name or label."""
    from types import SimpleNamespace

    prefix = file_name(SimpleNamespace(name=record.task), record.label, "")[:-1]
    label = _file_part(record.label, "representation", digest_capitals=False)
    earlier = f"{record.task.replace('/', '__')}__{label}"
    return earlier + name[len(prefix):] if name.startswith(prefix) else name


def _remove_earlier_name(folder: Path, name: str, record) -> None:
    """A predictions folder of an older wordeval holds this file under its earlier name (``GloVe`` before
    labels with capitals got a digest): left there, the folder held two files of one cell, the older one of a
    record that this one replaced. It goes, with its sidecar, when that sidecar names this same task and label
    (where file names ignore case, the earlier ``glove`` file is another label's). Likewise a classification
    file named while its digest covered the record's seeds."""
    for earlier in dict.fromkeys((_earlier_name(name, record), _per_seed_digest_name(name, record))):
        _remove_if_same_cell(folder, earlier, name, record)


def _remove_if_same_cell(folder: Path, earlier: str, name: str, record) -> None:
    try:
        if earlier == name or not (folder / earlier).is_file():
            return
    except OSError:
        # the earlier rule kept a long task name whole: a name the file system cannot hold is no file there (it
        # ended the run after the cell's predictions were written, its record unstored)
        return
    try:
        facts = json.loads((folder / f"{earlier}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(facts, dict) or (facts.get("file"), facts.get("task"), facts.get("representation")) != (
            earlier, record.task, record.label):
        return
    (folder / earlier).unlink()
    (folder / f"{earlier}.json").unlink()


# A classification record's config holds the seeds it trained (``seeds: [k]`` under ``--seeds``), so its
# files got one digest per seed while NER's kept one; the file name says the seed already.
NOT_IN_FILE_DIGEST = ("seeds",)


def file_settings_hash(config) -> str:
    """The digest in a prediction file's name: the record's config without the seeds it trained."""
    from wordeval.results.record import config_hash

    return config_hash({k: v for k, v in config.items() if k not in NOT_IN_FILE_DIGEST})


def published_name(name: str, record) -> str:
    """``stem.ext`` -> ``stem__cfg<8 hex>.ext``: the digest of the settings the record was scored with
    (``file_settings_hash``)."""
    stem, dot, ext = name.rpartition(".")
    tag = f"__cfg{file_settings_hash(record.config)[:8]}"
    return f"{stem}{tag}.{ext}" if dot else f"{name}{tag}"


def _per_seed_digest_name(name: str, record) -> str:
    """The name a file had while the digest covered the whole config (a classification record's seeds too)."""
    from wordeval.results.record import config_hash

    stem, _, rest = name.rpartition("__cfg")
    return f"{stem}__cfg{config_hash(record.config)[:8]}{rest[8:]}" if stem else name


def sidecar(record, name: str) -> str:
    """What a predictions file belongs to: enough to find its record in a store and to check a re-scoring
    against the recorded main score (no run times: the same settings write the same bytes again)."""
    from wordeval.results.record import _clean, config_hash

    facts = {"file": name, "task": record.task, "task_version": record.task_version,
             "representation": record.label, "fingerprint": record.embedding.get("fingerprint"),
             "seed": _file_seed(name, record.seed), "record_seed": record.seed, "config": record.config,
             "config_hash": config_hash(record.config),
             "file_settings_hash": file_settings_hash(record.config),
             "main_score": record.main_score, "main_value": record.main_value,
             "dataset_sha256": record.dataset_sha256, "record_key": record.cache_key()}
    return json.dumps(_clean(facts), indent=1, sort_keys=True) + "\n"


def recorded_keys(folder: str | os.PathLike) -> set[str]:
    """The store keys of the records whose predictions ``folder`` holds (their sidecars' ``record_key``)."""
    keys = set()
    for path in Path(folder).glob("*.json"):
        try:
            key = json.loads(path.read_text(encoding="utf-8")).get("record_key")
        except (OSError, ValueError, AttributeError):  # not a sidecar of ours: says nothing
            continue
        if isinstance(key, str) and path.with_suffix("").is_file():
            keys.add(key)
    return keys


def _file_seed(name: str, default: int) -> int:
    """The seed a per-seed file (``__seed<k>``, extrinsic) was trained with; else the record's."""
    found = re.search(r"__seed(\d+)__cfg", name)
    return int(found.group(1)) if found else default


def read_conll(path: str | os.PathLike) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Tokens, gold and predicted tags of a file written by ``write_conll``."""
    tokens, gold, pred = [[]], [[]], [[]]
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens[-1]:
                tokens.append([]), gold.append([]), pred.append([])
            continue
        t, g, p = line.split(" ")
        tokens[-1].append(t), gold[-1].append(g), pred[-1].append(p)
    if not tokens[-1]:
        tokens.pop(), gold.pop(), pred.pop()
    return tokens, gold, pred
