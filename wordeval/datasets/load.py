"""``load(name)``: resolve a dataset spec through its sources (see sources.py for the order), verify every
file's sha256, parse, check the item counts against the spec, and return a ``Dataset``."""
from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

from wordeval.datasets.sources import (SourceUnavailable, locate_artifact, locate_data_home, locate_url,
                                       verify)
from wordeval.datasets.spec import DatasetSpec, Source
from wordeval.datasets.types import Dataset
from wordeval.errors import InputFormatError, MissingFileError, NotAvailableError
from wordeval.paths import data_home as _data_home


_SPLIT_ORDER = {"train": 0, "dev": 1, "test": 2}


def get_spec(name: str) -> DatasetSpec:
    from wordeval.registry import REGISTRY
    return REGISTRY.resolve("dataset", name)


def all_specs() -> list[DatasetSpec]:
    from wordeval.registry import REGISTRY
    return [entry.load() for entry in REGISTRY.entries("dataset")]


def _reader(source: Source):
    module, _, attr = source.reader.partition(":")
    return getattr(importlib.import_module(module), attr)


def locate(spec: DatasetSpec, source: Source, *, data_home=None, cache_home=None, allow_download: bool = True,
           offline_only: bool = False, progress: bool = False) -> dict[str, Path]:
    """Paths of the source's files, or SourceUnavailable saying why not."""
    if source.kind == "data_home":
        return locate_data_home(source, _data_home(data_home))
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
        raise MissingFileError(f"{spec.name}: {spec.bring_your_own}")
    raise NotAvailableError(f"{spec.name}: no source could provide the files: {'; '.join(reasons)}")


def parse_source(spec: DatasetSpec, source: Source, paths: dict[str, Path]) -> tuple[dict, dict[str, Any], dict]:
    """Verify sha256 of every file, parse, check counts. Returns (splits, extra metadata, files)."""
    files = {}
    for key, path in paths.items():
        files[source.files[key].path] = verify(path, source.files[key])
    splits, extra = _reader(source)(paths, **source.options)
    for split, want in spec.counts.items():
        got = len(splits.get(split, ()))
        if got != want:
            first = next(iter(paths.values()))
            raise InputFormatError(first, None, f"{want} items in split {split!r} of {spec.name}",
                                   f"{got} (truncated or different file?)")
    return splits, extra, files


def load(name: str, *, data_home: str | os.PathLike | None = None,
         cache_home: str | os.PathLike | None = None, allow_download: bool = True,
         progress: bool = False) -> Dataset:
    """Load a registered dataset by name (``wordeval datasets list`` shows them)."""
    spec = name if isinstance(name, DatasetSpec) else get_spec(name)
    source, paths, _ = resolve(spec, data_home=data_home, cache_home=cache_home,
                               allow_download=allow_download, progress=progress)
    return dataset_from(spec, source, paths)


def dataset_from(spec: DatasetSpec, source: Source, paths: dict[str, Path]) -> Dataset:
    splits, extra, files = parse_source(spec, source, paths)
    where = source.describe()
    if source.kind == "data_home":
        roots = {str(p.parents[len(Path(source.files[k].path).parts) - 1]) for k, p in paths.items()}
        where = f"data_home:{sorted(roots)[0]}"
    metadata = {**spec.metadata, **extra, "licence": spec.licence, "canonical": spec.canonical,
                "citation": spec.citation}
    if source.note:
        metadata["source_note"] = source.note
    return Dataset(name=spec.name, version=spec.version, family=spec.family,
                   splits={k: tuple(splits[k]) for k in sorted(splits, key=_SPLIT_ORDER.get)}, files=files, source=where,
                   metadata=metadata)
