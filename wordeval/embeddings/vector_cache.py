"""Binary cache of parsed vector files: reloading is a memory map instead of a parse.

Lookup is keyed by (real path, size, mtime_ns, ctime_ns, inode, format, options) and yields the stored content
fingerprint; the data lives in ``cache_home()/vectors/<fingerprint>/`` (``vectors.npy`` memory-mapped
read-only, ``words.txt``, ``meta.json``; ``<fingerprint>.v3/`` where a newer wordeval's entry holds that
folder), so the same vectors under two paths are stored once. What a file
says about itself (its format, compression, duplicates dropped, zero rows) is kept with its key, not with
the shared entry: a word2vec binary and a GloVe text of the same vectors, or a file with a duplicated word
and the same file without it, share an entry but not that description.

What is served is verified: ``meta.json`` records the size and CRC-32 of both files when they are written,
and every lookup recomputes them (the CRC over the memory map, so verifying is also what pages the
matrix in). CRC-32 rather than sha256 because it only has to catch accidents (a disk error, a cut copy,
an edited file), not an adversary, and it is twice as fast: zlib.crc32 0.26 s/GiB against hashlib
sha256 0.59 s/GiB on the 2-core benchmark machine. A damaged entry is reported once (``CacheWarning``)
and rebuilt from the source file. Entries and keys are written through ``wordeval.atomic_write``, so a
crash never leaves a half entry that looks complete. Storing a file's key removes the keys of its earlier
states (``remove_outdated_keys``); the entries stay, since another key may share them.
"""
from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import time
import warnings
import zlib
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding
from wordeval.embeddings.text_format import _default_name
from wordeval.embeddings.vector_checks import LoaderWarning
from wordeval.paths import cache_home as _cache_home

log = logging.getLogger(__name__)
# 2: files carry CRC-32 checksums (version-1 entries are rebuilt); 3: a text file of over 640 MiB read by
# pyarrow rounds as numpy and gensim do (before a1cbae3, ~10 % of the values of a file of float64 midpoints
# were one float32 step off), so what earlier versions kept is parsed again; 4: a text file's words holding a
# space are counted in its parameters and warned about (an entry without the count served it as never said)
CACHE_VERSION = 4
_WORDS_ENCODING = {"encoding": "utf-8", "errors": "surrogatepass"}
_warned: set[str] = set()
_said: set[tuple[str, str]] = set()  # (file key, warning) said in this process: a command loads a file more than once


class CacheWarning(LoaderWarning):
    """A cache entry failed verification; it is rebuilt from the source file."""


def _root(cache_home, *, create: bool = True) -> Path:
    return _cache_home(cache_home, create=create) / "vectors"


def _file_state(path) -> dict[str, Any]:
    """The path (real, as UTF-8) and what every write of the file moves; part of its key."""
    real = os.path.realpath(path)
    st = os.stat(real)
    # the path's bytes, read as UTF-8: under LC_ALL=C Python spells 'ü' as two lone surrogates, which gave the
    # same file another key (a parse again) than under a UTF-8 locale
    real = os.fsencode(real).decode("utf-8", "backslashreplace")
    # ctime and inode too: ``touch -d`` (or ``cp --preserve=timestamps``) gives an edited file of the same
    # size its old mtime back, and the old vectors were served; no tool sets the ctime, which every write moves.
    # Not st_dev: hosts sharing a cache on NFS number the same mount differently, and would each parse again
    return {"path": real, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns,
            "inode": st.st_ino}


# A file system's timestamps may be as coarse as 1 s (ext3, Lustre, HFS+, NFS from such a server) or 2 s
# (FAT): a write within the granule of the file's last one leaves its size-keeping state as it was
RACY_NS = 2_000_000_000


def now_ns() -> int:
    """The clock a read's start and a key's check are timed by (tests move it)."""
    return time.time_ns()


def _racy(state: Mapping[str, Any], read_from: int) -> bool:
    """Whether the file could have been written again after ``read_from`` (ns, when its reading began) without
    moving ``state``: its last write fell within a timestamp granule of then. As git's "racily clean" index
    entries: on a 1 s file system a same-size rewrite in the second of the parsed write was served the old
    vectors from then on."""
    return max(state["mtime_ns"], state["ctime_ns"]) > read_from - RACY_NS


def racy_key_holds(path, key_file: Path, key: dict, sha256: str) -> bool:
    """Whether the file of a racy key still holds what was parsed: its sha256, a read instead of a parse.
    Once its last write is a granule older than that read, every later write moves its state, so the key is
    rewritten without the flag and served unhashed from then on."""
    from wordeval.artifacts import sha256_file
    from wordeval.atomic_write import atomic_write_text
    from wordeval.errors import OutputError

    started = now_ns()
    try:
        settled = not _racy(_file_state(path), started)
        if sha256_file(path) != sha256:
            return False
    except OSError:
        return False
    if not settled:
        return True
    try:
        atomic_write_text(key_file, json.dumps({**key, "racy": False}), cache=True)
    except (OSError, OutputError):  # a read-only cache: the next run checks it again
        pass
    return True


def file_key(path, *, format: str, options: Mapping[str, Any]) -> str:
    blob = json.dumps({"v": CACHE_VERSION, **_file_state(path), "format": format, "options": dict(options)},
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _entry_dir(root: Path, fingerprint: str) -> Path:
    """The entry this cache version reads and writes: the fingerprint's folder, unless a newer wordeval
    sharing the cache (another machine, another venv) holds it. That entry was taken for damaged and
    replaced, and the newer version replaced this one's in turn, a parse and a 'damaged' warning on every
    switch: this version keeps its own beside it instead. An older version's entry is rebuilt in place."""
    entry = root / fingerprint.split(":", 1)[-1]
    try:
        version = json.loads((entry / "meta.json").read_text(encoding="utf-8")).get("cache_version")
    except (OSError, ValueError, AttributeError):
        return entry
    if isinstance(version, int) and not isinstance(version, bool) and version > CACHE_VERSION:
        return entry.with_name(f"{entry.name}.v{CACHE_VERSION}")
    return entry


def _crc_of_buffer(data, value: int = 0) -> int:
    view = memoryview(data).cast("B")
    for start in range(0, len(view), 1 << 26):  # zlib takes at most 4 GiB at a time
        value = zlib.crc32(view[start:start + (1 << 26)], value)
    return value


_LIMIT_ERRNOS = (errno.EMFILE, errno.ENFILE, errno.ENOMEM)


class _Damaged(Exception):
    """An entry that exists but does not verify; the message says why."""


class _Unreadable(_Damaged):
    """An entry this process may not read (a shared cache whose files another user wrote private) or cannot
    read now (out of descriptors or address space): nothing in it is damaged, so calling it that sent users looking for a fault that is not there."""


def _open_entry(entry: Path, fingerprint: str) -> tuple[list[str], np.ndarray, dict]:
    """(words, read-only memory-mapped vectors, meta) of a verified entry; raises _Damaged otherwise."""
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        files = meta["files"]
        if meta.get("cache_version") != CACHE_VERSION or meta["info"]["fingerprint"] != fingerprint:
            raise _Damaged("written by another cache version or for other vectors")
        vec_path, words_path = entry / "vectors.npy", entry / "words.txt"
        for name, p in (("vectors.npy", vec_path), ("words.txt", words_path)):
            if p.stat().st_size != files[name]["bytes"]:
                raise _Damaged(f"{name} has {p.stat().st_size} bytes, {files[name]['bytes']} were written")
        vectors = np.load(vec_path, mmap_mode="r", allow_pickle=False)
        with open(vec_path, "rb") as fh:
            crc = zlib.crc32(fh.read(vectors.offset))
        if not vectors.flags.c_contiguous or _crc_of_buffer(vectors, crc) != files["vectors.npy"]["crc32"]:
            raise _Damaged("vectors.npy does not match its checksum")
        data = words_path.read_bytes()
        if zlib.crc32(data) != files["words.txt"]["crc32"]:
            raise _Damaged("words.txt does not match its checksum")
        words = data.decode(**_WORDS_ENCODING).split("\n")
        del data
    except _Damaged:
        raise
    except PermissionError as exc:
        raise _Unreadable(exc.strerror or str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - an entry is ours: whatever fails to read it, it is rebuilt
        if isinstance(exc, OSError) and exc.errno in _LIMIT_ERRNOS:
            # the machine's limits (ulimit -n, an mmap beyond ulimit -v) say nothing of the entry: it was
            # called damaged, which sent users to delete an intact cache
            raise _Unreadable(exc.strerror or str(exc)) from None
        if isinstance(exc, MemoryError):  # words.txt read whole under ulimit -v: 'damaged (MemoryError: )'
            raise _Unreadable("out of memory") from None
        # (a damaged .npy header made numpy's parser raise tokenize.TokenError, a traceback on every load)
        raise _Damaged(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from None
    if len(words) != vectors.shape[0] or vectors.ndim != 2 or vectors.dtype != np.float32:
        raise _Damaged(f"{len(words)} words for a {vectors.shape} {vectors.dtype} matrix")
    return words, vectors, meta


def _entry_intact(entry: Path, fingerprint: str) -> bool:
    """Whether an entry holds what was written to it, its files read in blocks. ``store`` needs no more: opening
    the entry as ``lookup`` does mapped the whole matrix in and split every word beside the parse just made,
    so reparsing a file whose vectors were stored already (touched, copied, moved) peaked at twice its matrix."""
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        if meta.get("cache_version") != CACHE_VERSION or meta["info"]["fingerprint"] != fingerprint:
            return False
        for name in ("vectors.npy", "words.txt"):
            crc, size = 0, 0
            with open(entry / name, "rb") as fh:
                while block := fh.read(1 << 22):
                    crc, size = zlib.crc32(block, crc), size + len(block)
            if size != meta["files"][name]["bytes"] or crc != meta["files"][name]["crc32"]:
                return False
    except Exception:  # noqa: BLE001 - whatever fails to read an entry of ours, it is written again
        return False
    return True


def _warn_damaged(entry: Path, source, exc: _Damaged) -> None:
    if str(entry) in _warned:
        return
    _warned.add(str(entry))
    if isinstance(exc, _Unreadable):
        warnings.warn(f"{entry}: the vector cache entry for {os.fspath(source)} cannot be read ({exc}); the run "
                      "carries on, parsing the file itself", CacheWarning, stacklevel=3)
        return
    warnings.warn(f"{entry}: damaged vector cache entry for {os.fspath(source)} ({exc}); rebuilding it from the "
                  "source file", CacheWarning, stacklevel=3)


def lookup(path, *, format: str, options: Mapping[str, Any], name: str | None = None,
           cache_home=None) -> StaticEmbedding | None:
    """The cached embedding for this exact file state, verified; None on a miss or a damaged entry
    (then warned about once: the caller parses the file and ``store`` replaces the entry)."""
    root = _root(cache_home, create=False)  # a lookup (hit, miss or failed load) leaves no trace
    key_file = root / "keys" / f"{file_key(path, format=format, options=options)}.json"
    try:
        key = json.loads(key_file.read_text(encoding="utf-8"))
        fingerprint, fields = key["fingerprint"], dict(key["info"])  # a key without "info" predates it: a miss
        entry = _entry_dir(root, fingerprint)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if fields.get("fingerprint") != fingerprint:
        return None
    if "file_sha256" not in (fields.get("parameters") or {}):
        return None  # a key from before records named the file's sha256 (load_file): parsed again to name it
    if key.get("racy") and not racy_key_holds(path, key_file, key, fields["parameters"]["file_sha256"]):
        return None
    if not entry.is_dir():
        return None
    try:
        words, vectors, _ = _open_entry(entry, fingerprint)
    except _Damaged as exc:
        _warn_damaged(entry, path, exc)
        return None
    fields["source"] = str(Path(path).resolve())
    fields["name"] = name or _default_name(path)  # the key is the real path's: a symlink has its own name
    try:
        info = EmbeddingInfo(**fields)
    except TypeError:  # a key written by a version with other fields: parse again
        return None
    emb = StaticEmbedding(words, vectors, info)
    emb.cache_path = str(entry)
    said = key.get("warnings")
    for message in said if isinstance(said, list) else ():  # what the parse said (zero rows, duplicates)
        if (key_file.name, str(message)) not in _said:
            _said.add((key_file.name, str(message)))
            warnings.warn(f"{os.fspath(path)}: {message}", LoaderWarning, stacklevel=3)
    return emb


class _CrcWriter:
    """A file wrapper that computes the CRC-32 and size of what is written through it."""

    def __init__(self, fh):
        self.fh, self.crc, self.bytes = fh, 0, 0

    def write(self, data) -> int:
        self.crc = _crc_of_buffer(data, self.crc)
        self.bytes += len(memoryview(data).cast("B"))
        return self.fh.write(data)


def _write_entry(folder: Path, embedding: StaticEmbedding) -> None:
    vectors = embedding.vectors
    with open(folder / "vectors.npy", "wb") as fh:
        vec = _CrcWriter(fh)
        np.lib.format.write_array_header_1_0(vec, np.lib.format.header_data_from_array_1_0(vectors))
        step = max(1, (1 << 22) // max(1, 4 * vectors.shape[1]))
        for start in range(0, vectors.shape[0], step):
            vec.write(np.ascontiguousarray(vectors[start:start + step], dtype=np.float32))
    data = "\n".join(embedding.words).encode(**_WORDS_ENCODING)
    (folder / "words.txt").write_bytes(data)
    files = {"vectors.npy": {"bytes": vec.bytes, "crc32": vec.crc},
             "words.txt": {"bytes": len(data), "crc32": zlib.crc32(data)}}
    (folder / "meta.json").write_text(json.dumps({"cache_version": CACHE_VERSION, "files": files,
                                                  "info": embedding.info.to_dict()}, indent=1), encoding="utf-8")


def store(path, embedding: StaticEmbedding, *, format: str, options: Mapping[str, Any], cache_home=None,
          said: Sequence[str] = (), read_from: int | None = None) -> Path:
    """Write the entry (unless a verified one holds these vectors already) and the key for this file state.
    ``said``: what parsing the file warned about (without the path that starts each message), repeated by
    every ``lookup`` of this key. ``read_from``: ``now_ns()`` before the file was first read (default: now,
    which cannot tell a write during the parse); a key whose file was written within a timestamp granule of
    then is checked against the file's sha256 before it is served (``_racy``)."""
    from wordeval.atomic_write import atomic_directory, atomic_write_text, path_identity

    root = _root(cache_home)
    fingerprint = embedding.info.fingerprint
    entry = _entry_dir(root, fingerprint)
    checked = path_identity(entry)
    if not _entry_intact(entry, fingerprint):
        # another process may place the entry while this one writes it (a job array parsing one file): its
        # folder is kept, since replacing it pulled the files from under a run reading it, which took the
        # entry for damaged (a warning, and a parse again); only the entry checked here is replaced
        with atomic_directory(entry, replaces=checked, cache=True) as tmp:
            _write_entry(tmp, embedding)
    key_file = root / "keys" / f"{file_key(path, format=format, options=options)}.json"
    _said.update((key_file.name, message) for message in said)  # the parse has just said them
    state = _file_state(path)
    racy = _racy(state, now_ns() if read_from is None else read_from)
    atomic_write_text(key_file, json.dumps({"fingerprint": fingerprint, "path": os.path.realpath(path),
                                            "state": state, "info": embedding.info.to_dict(),
                                            "warnings": list(said), "racy": racy}), cache=True)
    remove_outdated_keys(root / "keys", state)
    return entry


_KEY_NAME = re.compile(r"[0-9a-f]{64}\.json")
MAX_KEYS_READ = 2000  # key files read by one cleanup: a parse that stores a key pays at most ~0.1 s for it
_MAX_KEY_BYTES = 1 << 20


def remove_outdated_keys(keys: Path, state: Mapping[str, Any], *, limit: int = MAX_KEYS_READ) -> int:
    """Remove the keys of earlier states of the file whose current ``state`` was just keyed: every edit of a
    vector file left its old key behind, never to be hit again (the file's ctime only moves forward). Only
    files named as keys are read (at most ``limit`` of them, oldest first), and only keys that record a
    state (this version's), for the same path and another state, are removed: a key of another format or
    options of the same state stays, and so does anything else in the folder. Returns how many were
    removed."""
    try:
        names = [e for e in os.scandir(keys)
                 if _KEY_NAME.fullmatch(e.name) and e.is_file(follow_symlinks=False)]
    except OSError:
        return 0
    names.sort(key=lambda e: e.stat(follow_symlinks=False).st_mtime_ns)
    removed = 0
    for item in names[:limit]:
        try:
            if item.stat(follow_symlinks=False).st_size > _MAX_KEY_BYTES:
                continue
            key = json.loads(Path(item.path).read_text(encoding="utf-8"))
        except (OSError, ValueError):  # another process replacing or removing it: not ours to judge now
            continue
        old = key.get("state") if isinstance(key, dict) else None
        if not isinstance(old, dict) or old.get("path") != state["path"] or old == state:
            continue
        try:
            os.unlink(item.path)
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.debug("outdated vector cache key %s not removed: %s", item.path, exc)
    return removed
