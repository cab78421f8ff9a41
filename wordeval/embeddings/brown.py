"""Brown clusters as a representation: ``brown:corpus=news,clusters=1000``.

A Brown clustering (brown_train.py) gives each word a bit string, its path in the merge tree; words
sharing a prefix share a cluster at that depth. It has no vectors, so ``BrownClusters`` implements
neither ``lookup`` nor ``encode_tokens``: it offers the cluster-feature protocol

    cluster_paths(words) -> (paths, found)      # paths[i] is None where not found

(and ``cluster_paths_lowercased``). The linear taggers (crf, perceptron) use the paths as features
(extrinsic/learners/crf_items.py: the whole path, or with ``clusters`` > 0 the prefixes of lengths
4, 6, 10 and 20 of Turian et al. 2010); the vector-based evaluators (similarity, analogy, the torch
learners) cannot use it and say so. A one-hot of the prefixes as a "vector" would be an encoding
choice of ours scored as if it were the method.

Built models are cached like the other builders' (``builders.cache_folder``: builder, version,
parameters and corpus fingerprint) as ``paths.txt`` in wcluster's format (``path<TAB>word<TAB>count``)
plus ``meta.json``.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path
from typing import Sequence

import numpy as np

from wordeval.embeddings.base import EmbeddingInfo
from wordeval.embeddings.file_checksums import checksums
from wordeval.embeddings.unsaved_models import keep_model
from wordeval.errors import ConfigError, InputFormatError, MissingFileError, OutputError

BROWN_FORMAT = "wordeval-brown"
BROWN_CITATION = """@article{brown1992class,
  title = {Class-Based n-gram Models of Natural Language},
  author = {Brown, Peter F. and deSouza, Peter V. and Mercer, Robert L. and Della Pietra, Vincent J. and Lai, Jenifer C.},
  journal = {Computational Linguistics},
  volume = {18},
  number = {4},
  pages = {467--479},
  year = {1992}
}
@mastersthesis{liang2005semi,
  title = {Semi-Supervised Learning for Natural Language},
  author = {Liang, Percy},
  school = {Massachusetts Institute of Technology},
  year = {2005}
}"""
_PATH_RE = re.compile(r"^[01]*$")


class BrownClusters:
    """Words and their bit strings. No vectors: see the module docstring."""

    def __init__(self, words: Sequence[str], paths: Sequence[str], counts: Sequence[int], info: EmbeddingInfo):
        if not (len(words) == len(paths) == len(counts)):
            raise ValueError("words, paths and counts must have the same length")
        self._words = list(words)
        self._paths = list(paths)
        self._counts = np.asarray(counts, dtype=np.int64)
        self._index = {w: i for i, w in reversed(list(enumerate(self._words)))}
        self._lower: dict[str, int] | None = None
        self.info = info

    @property
    def words(self) -> list[str]:
        return self._words

    @property
    def paths(self) -> list[str]:
        return self._paths

    @property
    def n_clusters(self) -> int:
        return len(set(self._paths))

    def __len__(self) -> int:
        return len(self._words)

    def _gather(self, rows: list[int]) -> tuple[list, np.ndarray]:
        found = np.asarray([r >= 0 for r in rows], dtype=bool)
        return [self._paths[r] if r >= 0 else None for r in rows], found

    def cluster_paths(self, words: Sequence[str]) -> tuple[list, np.ndarray]:
        """``(paths, found)``: each word's bit string (None where not clustered) and a bool mask."""
        return self._gather([self._index.get(w, -1) for w in words])

    def cluster_paths_lowercased(self, words: Sequence[str]) -> tuple[list, np.ndarray]:
        """As ``cluster_paths`` for lower(word) against the lowercased vocabulary (most frequent variant)."""
        if self._lower is None:
            lower: dict[str, int] = {}
            for i, w in enumerate(self._words):  # frequency order: the first variant is the most frequent
                lower.setdefault(w.lower(), i)
            self._lower = lower
        return self._gather([self._lower.get(w.lower(), -1) for w in words])

    def __repr__(self) -> str:
        return f"BrownClusters(name={self.info.name!r}, words={len(self)}, clusters={self.n_clusters})"


def paths_fingerprint(words: Sequence[str], paths: Sequence[str]) -> str:
    h = hashlib.sha256(f"brown {len(words)}\n".encode())
    for w, p in zip(words, paths):
        h.update(f"{p}\t{w}\n".encode("utf-8", "surrogatepass"))
    return "sha256:" + h.hexdigest()


# -- the cached model folder -----------------------------------------------------------------------
def save_brown(folder, words: Sequence[str], paths: Sequence[str], counts: Sequence[int], meta: dict) -> Path:
    # builders.place_entry, as every builder's entry: a complete entry another run placed first is kept (moving
    # it aside, as a report's folder is, left a gap in which a third run found no entry and retrained)
    from wordeval.embeddings.builders import place_entry

    bad = next((w for w in words if not w or any(ch.isspace() for ch in w)), None)
    if bad is not None:
        raise ConfigError(f"cannot save word {bad!r}: paths.txt holds whitespace-free words")

    def fill(tmp: Path) -> None:
        (tmp / "paths.txt").write_text("".join(f"{p}\t{w}\t{int(c)}\n" for w, p, c in zip(words, paths, counts)),
                                       encoding="utf-8")
        # a flipped bit of a path or a changed word still parses: only its checksum tells it is damaged
        entry_meta = {**meta, "files": checksums(tmp, ("paths.txt",))}
        (tmp / "meta.json").write_text(json.dumps(entry_meta, indent=2, sort_keys=True), encoding="utf-8")

    return place_entry(folder, fill)


def read_paths(path) -> tuple[list[str], list[str], list[int]]:
    """wcluster's ``paths`` file: ``bitstring<TAB>word<TAB>count`` per line."""
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(f"{path}: missing (a Brown clustering's paths file)")
    words, paths, counts = [], [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if len(parts) != 3 or not _PATH_RE.match(parts[0]) or not parts[1] or not parts[2].isdigit():
            raise InputFormatError(path, n, "bitstring<TAB>word<TAB>count (bits 0/1, count a non-negative integer)",
                                   line[:60])
        paths.append(parts[0])
        words.append(parts[1])
        counts.append(int(parts[2]))
    if not words:
        raise InputFormatError(path, 1, "at least one line bitstring<TAB>word<TAB>count", "an empty file")
    return words, paths, counts


def load_brown(folder, *, name: str | None = None, request=None, cached: bool = False) -> BrownClusters:
    """Read a folder written by ``save_brown``; ``request``: see ``builders.as_requested``; ``cached``: a
    builder-cache entry, whose checksums must be there (``builders.verify_files``)."""
    from wordeval.embeddings.builders import as_requested, trained_citation, verify_files

    folder = Path(folder)
    meta_path = folder / "meta.json"
    if not meta_path.is_file():
        raise MissingFileError(f"{meta_path}: missing (a Brown model folder holds paths.txt and meta.json)")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputFormatError(meta_path, exc.lineno, "JSON", exc.msg) from None
    if not isinstance(meta, dict) or meta.get("format") != BROWN_FORMAT:
        raise InputFormatError(meta_path, 1, f'an object with "format": "{BROWN_FORMAT}"')
    verify_files(folder, meta, required=cached)
    meta = as_requested(meta, request)
    words, paths, counts = read_paths(folder / "paths.txt")
    info = EmbeddingInfo(name=name or meta["spec"], source=meta["spec"], format=BROWN_FORMAT, dim=0,
                         vocab_size=len(words), fingerprint=paths_fingerprint(words, paths),
                         parameters=meta["parameters"],
                         citation=trained_citation(BROWN_CITATION, meta["parameters"]))
    return BrownClusters(words, paths, counts, info)


# -- the builder -----------------------------------------------------------------------------------
def build_brown(*, corpus: str = "news", variant: str | None = None, name: str | None = None,
                cache: bool | str = True, cache_home=None, progress: bool = False, **params) -> BrownClusters:
    """Brown clusters (Liang's wcluster algorithm): ``brown:corpus=news,clusters=1000,min_count=5``."""
    from wordeval.embeddings.brown_train import brown_clusters
    from wordeval.embeddings.builders import (BUILDER_VERSIONS, _variant, _versions, cache_folder, reuse_built,
                                              parse_parameters, trained_citation)
    from wordeval.embeddings.corpus import CorpusSource
    from wordeval.options import boolean

    _variant("brown", variant)
    params = parse_parameters("brown", params)
    use_cache = boolean(cache, "cache")
    source = CorpusSource(corpus, lowercase=params["lowercase"], max_documents=params["max_documents"],
                          cache_home=cache_home)
    spec = f"brown:corpus={source.in_spec}," + ",".join(f"{k}={params[k]}" for k in sorted(params))
    folder, key_text = cache_folder("brown", params, source, cache_home)
    reused = reuse_built(folder, load_brown, spec=spec, source=source, name=name, use_cache=use_cache)
    if reused is not None:
        return reused
    started, cpu_started = time.perf_counter(), time.process_time()
    data = source.tokenized()
    from wordeval.progress import progress_bar
    # on stderr, as every bar: a line on stdout every 200 merges went into a --json caller's output
    with progress_bar(shown=progress, desc="brown", unit="merge") as bar:
        def report(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        result = brown_clusters(data.sentences, clusters=params["clusters"], min_count=params["min_count"],
                                progress=report if progress else None)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    versions = _versions("brown")  # once: it asks git for the revision
    parameters = {"builder": "brown", "builder_version": BUILDER_VERSIONS["brown"], **params,
                  **data.describe(), "vocab_size": len(result.words), "n_clusters": len(set(result.paths)),
                  "stream_tokens": result.n_tokens, "trained_with": versions}
    meta = {"format": BROWN_FORMAT, "builder": "brown", "spec": spec, "parameters": parameters,
            "train_seconds": round(seconds, 3), "train_cpu_seconds": round(cpu_seconds, 3),
            "ami_lost_bits": float(result.losses.sum()), "versions": versions, "cache_key": key_text}
    info = EmbeddingInfo(name=name or spec, source=spec, format=BROWN_FORMAT, dim=0, vocab_size=len(result.words),
                         fingerprint=paths_fingerprint(result.words, result.paths), parameters=parameters,
                         citation=trained_citation(BROWN_CITATION, parameters))
    model = BrownClusters(result.words, result.paths, result.counts, info)
    if use_cache:
        try:
            save_brown(folder, result.words, result.paths, result.counts, meta)
        except (OSError, OutputError) as exc:
            keep_model(folder, spec, model, exc)
    return model
