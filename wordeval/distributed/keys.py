"""Fingerprints the client can know without loading a representation.

A file spec was parsed by ``runner.plan`` into the binary vector cache, whose key file (keyed by the
file's real path, size, mtime, ctime, inode, format and options) names the content fingerprint: reading it
is a stat, a few header bytes for the format and one small JSON file, whatever the size of the vectors.
Anything else (registered ids, builders, transformers, formats the cache does not hold) returns None, and the
client asks a worker (``wordeval.distributed.worker.fingerprint``).
"""
from __future__ import annotations

import json
import os

# what ``embeddings.load.load_file`` passes to the cache when a spec is loaded without options
DEFAULT_FILE_OPTIONS = {"encoding_errors": "strict"}


def cached_fingerprint(spec: str, *, options=(), cache_home=None) -> str | None:
    """The fingerprint a worker's ``load_embedding(spec, options=options)`` would give, when the vector cache
    knows it. ``options``: how the file is read (``Representation.options``): the format it is read as (given,
    else detected) and its encoding_errors are part of the cache key; a .npy's vocabulary is not, so with a
    ``vocab`` a worker says."""
    from wordeval.embeddings import vector_cache
    from wordeval.embeddings.detect import detect_format
    from wordeval.embeddings.load import split_label
    from wordeval.errors import WordevalError
    from wordeval.paths import cache_home as _cache_home
    from wordeval.registry import REGISTRY

    _, source = split_label(spec)
    opts = dict(options or ())
    if not os.path.isfile(source) or opts.get("vocab") is not None:
        return None
    try:
        fmt = opts.get("format") or detect_format(source)
        if not REGISTRY.entry("format", fmt).meta.get("cacheable"):
            return None
        root = _cache_home(cache_home) / "vectors"
        file_options = {**DEFAULT_FILE_OPTIONS, "encoding_errors": opts.get("encoding_errors", "strict")}
        key_file = root / "keys" / f"{vector_cache.file_key(source, format=fmt, options=file_options)}.json"
        key = json.loads(key_file.read_text(encoding="utf-8"))
        fingerprint = key["fingerprint"]
        meta = json.loads((root / fingerprint.split(":", 1)[-1] / "meta.json").read_text(encoding="utf-8"))
        sha256 = key["info"]["parameters"]["file_sha256"] if key.get("racy") else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, WordevalError):
        return None  # not cached (or unreadable): a worker loads it and says
    if not isinstance(fingerprint, str) or meta.get("info", {}).get("fingerprint") != fingerprint:
        return None
    # a file written within a timestamp granule of its parse may hold other vectors under the same key: the
    # cells were keyed by the old fingerprint where a worker loads the new
    if sha256 is not None and not vector_cache.racy_key_holds(source, key_file, key, sha256):
        return None
    return fingerprint
