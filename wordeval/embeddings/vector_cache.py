"""Binary cache of parsed vector files: reloading is a memory map instead of a parse.

Lookup is keyed by (real path, size, mtime_ns, format, options) and yields the stored content
fingerprint; the data lives in ``cache_home()/vectors/<fingerprint>/`` (``vectors.npy`` memory-mapped
read-only, ``words.txt``, ``meta.json``), so the same vectors under two paths are stored once. Entries are
written to a temporary folder and renamed, so a crash never leaves a half entry that looks complete.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo, StaticEmbedding
from wordeval.paths import cache_home as _cache_home

log = logging.getLogger(__name__)
CACHE_VERSION = 1


def _root(cache_home) -> Path:
    return _cache_home(cache_home) / "vectors"


def file_key(path, *, format: str, options: Mapping[str, Any]) -> str:
    real = os.path.realpath(path)
    st = os.stat(real)
    blob = json.dumps({"v": CACHE_VERSION, "path": real, "size": st.st_size, "mtime_ns": st.st_mtime_ns,
                       "format": format, "options": dict(options)}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _entry_dir(root: Path, fingerprint: str) -> Path:
    return root / fingerprint.split(":", 1)[-1]


def lookup(path, *, format: str, options: Mapping[str, Any], name: str | None = None,
           cache_home=None) -> StaticEmbedding | None:
    """The cached embedding for this exact file state, or None (a damaged entry counts as a miss)."""
    root = _root(cache_home)
    key_file = root / "keys" / f"{file_key(path, format=format, options=options)}.json"
    try:
        fingerprint = json.loads(key_file.read_text())["fingerprint"]
        entry = _entry_dir(root, fingerprint)
        meta = json.loads((entry / "meta.json").read_text())
        vectors = np.load(entry / "vectors.npy", mmap_mode="r", allow_pickle=False)
        words = (entry / "words.txt").read_text(encoding="utf-8", errors="surrogatepass").split("\n")
    except (OSError, ValueError, KeyError):
        return None
    if len(words) != vectors.shape[0] or meta.get("info", {}).get("fingerprint") != fingerprint:
        return None
    fields = dict(meta["info"])
    fields["source"] = str(Path(path).resolve())
    if name:
        fields["name"] = name
    emb = StaticEmbedding(words, vectors, EmbeddingInfo(**fields))
    emb.cache_path = str(entry)
    return emb


def store(path, embedding: StaticEmbedding, *, format: str, options: Mapping[str, Any], cache_home=None) -> Path:
    root = _root(cache_home)
    entry = _entry_dir(root, embedding.info.fingerprint)
    if not (entry / "meta.json").exists():
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=root, prefix=".tmp-"))
        try:
            np.save(tmp / "vectors.npy", np.ascontiguousarray(embedding.vectors), allow_pickle=False)
            (tmp / "words.txt").write_text("\n".join(embedding.words), encoding="utf-8", errors="surrogatepass")
            (tmp / "meta.json").write_text(json.dumps({"cache_version": CACHE_VERSION,
                                                      "info": embedding.info.to_dict()}, indent=1))
            try:
                os.rename(tmp, entry)
            except OSError:  # another process stored the same fingerprint first
                if not (entry / "meta.json").exists():
                    raise
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    keys = root / "keys"
    keys.mkdir(parents=True, exist_ok=True)
    key_file = keys / f"{file_key(path, format=format, options=options)}.json"
    fd, tmp_key = tempfile.mkstemp(dir=keys, prefix=".tmp-")
    with os.fdopen(fd, "w") as fh:
        json.dump({"fingerprint": embedding.info.fingerprint, "path": os.path.realpath(path)}, fh)
    os.replace(tmp_key, key_file)
    return entry
